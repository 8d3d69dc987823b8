"""What a web page says about its article: authors, outlet, title, date and time,
lead image, keywords and sections.

Read, in order of trust, from the page's JSON-LD article object (`NewsArticle`,
`Article`, `BlogPosting`… also inside `@graph`), its `<meta>` tags (Open Graph,
`article:*`, Twitter, Dublin Core, Parse.ly, Sailthru, `author`, `keywords`) and
microdata (`itemprop`), then from what trafilatura's own metadata reader finds
(`fallback`). Each field takes the first source that gives a usable value:

- **authors**: people only (`tidings.authors`), the outlet's name and wire services
  left out; JSON-LD authors of type Organization are not people;
- **outlet**: `og:site_name`, the JSON-LD publisher, `application-name`; never a
  handle (`@SputnikInt`), an address, or a word that names no outlet
  (`data/metadata/outlet_words.txt`);
- **title**: JSON-LD headline, `og:title`, `<title>`, without the site's name
  ("… - 9to5Mac", "… | Al Bawaba", "CNN — …");
- **published** and **published_time**: the date, and the date-time with its UTC
  offset where the page gives a time (JSON-LD `datePublished`,
  `article:published_time`, …);
- **image**: `og:image`, `twitter:image`, JSON-LD image, `<link rel=image_src>`,
  made absolute against the page's address;
- **keywords** (`keywords`, `news_keywords`, `article:tag`, JSON-LD keywords) kept
  apart from **sections** (`article:section`, JSON-LD `articleSection`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urljoin, urlsplit

from tidings.authors import authors_from, fold
from tidings.data import lines
from tidings.read.common import host_of

ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "blogposting",
    "liveblogposting", "techarticle", "report", "socialmediaposting",
})  # fmt: skip


@dataclass
class PageMeta:
    """The metadata of one page, each field from its most trusted source."""

    title: str | None = None
    byline: str | None = None  # the author as the page writes it
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    published: str | None = None  # ISO date
    published_time: str | None = None  # ISO 8601 date-time, with the offset where given
    image: str | None = None
    keywords: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    description: str | None = None
    url: str | None = None


@dataclass
class Fallback:
    """What another reader (trafilatura's) found, used where the page's own tags say nothing."""

    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    date: str | None = None
    image: str | None = None
    description: str | None = None
    url: str | None = None
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


def read_metadata(tree, url: str | None,
                  fallback: Callable[[], Fallback] | None = None) -> PageMeta:  # fmt: skip  # noqa: ANN001
    """The metadata of the page `tree` (an lxml tree), found at `url`. `fallback` is
    called (once) only when the page's own tags leave a field empty."""
    more = cache(fallback or Fallback)
    tags = meta_tags(tree)
    ld = json_ld_article(tree)
    page_url = _first(_canonical(tree, tags), url) or _absolute(more().url)
    outlet = page_outlet(tags, ld, more, page_url)
    when = _published(tags, ld, tree)
    keywords = _labels(_ld_list(ld.get("keywords")), tags.get("keywords"),
                       tags.get("news_keywords"), *tags.get_all("article:tag"),
                       tags.get("parsely-tags"))  # fmt: skip
    sections = _labels(_ld_list(ld.get("articleSection")), *tags.get_all("article:section"),
                       tags.get("parsely-section"))  # fmt: skip
    authors, byline = _authors(tags, ld, tree, more, outlet)
    return PageMeta(
        title=_title(tags, ld, tree, more, outlet, page_url),
        byline=byline,
        authors=authors,
        outlet=outlet,
        published=when.date().isoformat() if when else None,
        published_time=time_text(when),
        image=_image(tags, ld, more, page_url),
        keywords=keywords or _labels(more().tags),
        sections=sections or _labels(more().categories),
        description=_first(tags.get("og:description"), tags.get("description"),
                           _text(ld.get("description"))) or more().description,  # fmt: skip
        url=page_url,
    )


def _canonical(tree, tags: MetaTags) -> str | None:  # noqa: ANN001
    """The page's own address: `<link rel=canonical>`, else `og:url`."""
    for link in tree.iterfind(".//head/link[@rel='canonical']"):
        if found := _absolute((link.get("href") or "").strip()):
            return found
    return _absolute(tags.get("og:url"))


# --- the sources ---------------------------------------------------------------------------


class MetaTags:
    """A page's `<meta>` tags: name or property (lowercased) to their contents."""

    def __init__(self) -> None:
        self.values: dict[str, list[str]] = {}

    def add(self, key: str, value: str) -> None:
        self.values.setdefault(key.lower().strip(), []).append(value)

    def get(self, key: str) -> str | None:
        found = self.values.get(key)
        return found[0] if found else None

    def get_all(self, key: str) -> list[str]:
        return self.values.get(key, [])


def meta_tags(tree) -> MetaTags:  # noqa: ANN001
    tags = MetaTags()
    for element in tree.iter("meta"):
        content = " ".join((element.get("content") or "").split())
        if not content:
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = element.get(attribute)
            if key:
                tags.add(key, content)
    return tags


def json_ld_article(tree) -> dict[str, Any]:  # noqa: ANN001
    """The page's JSON-LD article object ({} when it has none)."""
    found: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        text = script.text.strip().removeprefix("<!--").removesuffix("-->")
        try:
            found.extend(_objects(json.loads(text)))
        except ValueError:
            continue  # malformed JSON-LD is common and never fatal
    articles = [o for o in found if _types(o) & ARTICLE_TYPES]
    return articles[0] if articles else {}


def _objects(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [o for item in data for o in _objects(item)]
    if not isinstance(data, dict):
        return []
    return [data, *_objects(data.get("@graph", []))]


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", [])
    return {str(k).lower() for k in (kind if isinstance(kind, list) else [kind])}


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("url") or value.get("@id")
    if value is None or isinstance(value, bool):
        return None
    text = " ".join(str(value).split())
    return text or None


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v and v.strip()), None)


# --- authors -------------------------------------------------------------------------------

_AUTHOR_TAGS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
                "dcterms.creator", "byl", "twitter:creator:name", "cxenseparse:author")  # fmt: skip


def _ld_people(author: Any) -> list[str]:
    """Names of the JSON-LD authors that are people (or of no stated type)."""
    if isinstance(author, list):
        return [name for item in author for name in _ld_people(item)]
    if isinstance(author, dict):
        types = _types(author)
        if types and "person" not in types:
            return []
        return [name] if (name := _text(author.get("name"))) else []
    name = _text(author)
    return [name] if name else []


def _meta_authors(tags: MetaTags) -> list[str]:
    return [v for key in _AUTHOR_TAGS for v in tags.get_all(key) if "://" not in v]


def _microdata_authors(tree) -> list[str]:  # noqa: ANN001
    out = []
    for element in tree.iterfind(".//*[@itemprop='author']"):
        named = element.find(".//*[@itemprop='name']")
        source = named if named is not None else element
        text = source.get("content") or source.text_content()
        if text and len(text) < 120:
            out.append(" ".join(text.split()))
    for link in tree.iterfind(".//a[@rel='author']"):
        text = " ".join(link.text_content().split())
        if text and len(text) < 80:
            out.append(text)
    return out


def _authors(tags: MetaTags, ld: dict[str, Any], tree, more: Callable[[], Fallback],
             outlet: str | None) -> tuple[list[str], str | None]:  # fmt: skip  # noqa: ANN001
    """People from the first source that names any — JSON-LD, meta tags, microdata, then
    the fallback reader and the page's byline elements — and the byline as written."""
    outlets = [outlet, _text(ld.get("publisher")), tags.get("og:site_name")]
    sources = (lambda: _ld_people(ld.get("author")), lambda: _meta_authors(tags),
               lambda: _microdata_authors(tree), lambda: [more().author or ""],
               lambda: [_byline_in_page(tree) or ""])  # fmt: skip
    written = None
    for source in sources:
        names = [name for name in source() if name]
        written = written or (", ".join(names) if names else None)
        people = authors_from(_split_listed(names), outlets)
        if people:
            return people, written
    return [], written


def _byline_in_page(tree) -> str | None:  # noqa: ANN001
    """A byline in the page's body, found with trafilatura's expressions for author
    elements, outside the parts it discards (comments, related links). What its
    `extract_author` does, without copying the whole tree first."""
    from trafilatura.metadata import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS, normalize_authors

    try:
        discarded = {element for xpath in AUTHOR_DISCARD_XPATHS for element in xpath(tree)}
        for xpath in AUTHOR_XPATHS:
            for element in xpath(tree):
                if element in discarded or any(a in discarded for a in element.iterancestors()):
                    continue
                text = " ".join(_texts_outside(element, discarded).split())
                if 2 < len(text) < 120:
                    return normalize_authors(None, text)
    except Exception:  # noqa: BLE001 - an odd page has no byline, not an error
        return None
    return None


def _texts_outside(element, discarded: set) -> str:  # noqa: ANN001
    """The element's text, less the parts within `discarded` elements."""
    parts = [element.text or ""]
    for child in element:
        if child not in discarded:
            parts.append(_texts_outside(child, discarded))
        parts.append(child.tail or "")
    return " ".join(parts)


def _split_listed(values: list[str]) -> list[str]:
    """Fallback authors come joined with "; "."""
    return [part for value in values for part in value.split("; ")]


# --- outlet --------------------------------------------------------------------------------


@cache
def _outlet_words() -> frozenset[str]:
    return frozenset(lines("metadata/outlet_words.txt"))


_TAGLINE = re.compile(r"\s+[|–—-]\s+")


def usable_outlet(name: str | None) -> str | None:
    """The name (without a tagline: "LinkNaija | Nigeria's popular news platform"), or
    None when it names no outlet (a handle, an address, a generic word)."""
    if not name:
        return None
    name = _TAGLINE.split(" ".join(name.split()), maxsplit=1)[0]
    if name.startswith("@") or "://" in name or fold(name) in _outlet_words() or len(name) > 80:
        return None
    return name


def page_outlet(tags: MetaTags, ld: dict[str, Any], more: Callable[[], Fallback],
                url: str | None) -> str | None:  # fmt: skip
    publisher = ld.get("publisher")
    candidates = (lambda: tags.get("og:site_name"), lambda: _text(publisher),
                  lambda: tags.get("application-name"),
                  lambda: tags.get("apple-mobile-web-app-title"),
                  lambda: more().sitename)  # fmt: skip
    for candidate in candidates:
        if name := usable_outlet(candidate()):
            return name
    return host_of(url)


# --- title ---------------------------------------------------------------------------------

_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—·»:]|-|::)\s+")


def _title(tags: MetaTags, ld: dict[str, Any], tree, more: Callable[[], Fallback],
           outlet: str | None, url: str | None) -> str | None:  # fmt: skip  # noqa: ANN001
    title_element = tree.find(".//head/title")
    page_title = title_element.text_content() if title_element is not None else None
    title = _first(_text(ld.get("headline")), tags.get("og:title"), tags.get("twitter:title"),
                   page_title) or more().title  # fmt: skip
    if not title:
        return None
    names = [outlet, _text(ld.get("publisher")), tags.get("og:site_name"),
             tags.get("application-name"), host_of(url)]  # fmt: skip
    return without_site_name(" ".join(title.split()), names)


def without_site_name(title: str, names: list[str | None]) -> str:
    """The title without a leading or trailing part that names the site."""
    keys = {key for name in names if name for key in _site_keys(name)}
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    separators = _TITLE_SEPARATORS.findall(title)
    if _names_site(parts[-1], keys):
        return title[: title.rfind(separators[-1])].strip()
    if _names_site(parts[0], keys):
        return title[title.find(separators[0]) + len(separators[0]):].strip()
    return title


def _site_keys(name: str) -> set[str]:
    """Forms a site's name takes: "Al Bawaba" → albawaba; "9to5mac.com" → 9to5mac."""
    squashed = fold(name).replace(" ", "")
    keys = {squashed, squashed.removeprefix("the")}
    if "." in name and " " not in name.strip():  # a host: its main label
        labels = name.lower().removeprefix("www.").split(".")
        keys.add(re.sub(r"\W", "", labels[0]))
    return {k for k in keys if len(k) >= 3}


def _names_site(part: str, keys: set[str]) -> bool:
    squashed = fold(part).replace(" ", "")
    squashed = re.sub(r"(com|org|net|couk|news)$", "", squashed) or squashed
    return bool(squashed) and any(
        squashed == key or squashed.removeprefix("the") == key
        or (len(squashed) >= 4 and key.startswith(squashed))
        or (len(key) >= 4 and squashed.startswith(key) and len(squashed) <= len(key) + 8)
        for key in keys
    )


# --- date and time -------------------------------------------------------------------------

_DATE_TAGS = ("article:published_time", "og:article:published_time", "datepublished",
              "article.published", "published_time", "pubdate", "publishdate", "publish-date",
              "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.created",
              "dc.date", "date", "og:published_time", "cxenseparse:recs:publishtime")  # fmt: skip


def _published(tags: MetaTags, ld: dict[str, Any], tree) -> dt.datetime | None:  # noqa: ANN001
    for value in (_text(ld.get("datePublished")), *(tags.get(k) for k in _DATE_TAGS)):
        if when := parse_datetime(value):
            return when
    for element in tree.iterfind(".//*[@itemprop='datePublished']"):  # microdata, last
        if when := parse_datetime(element.get("datetime") or element.get("content")):
            return when
    return None


def parse_datetime(value: str | None) -> dt.datetime | None:
    """An ISO 8601 date or date-time (as pages write them) as a datetime, or None."""
    if not value:
        return None
    text = value.strip().replace(" ", "T", 1) if re.match(r"^\d{4}-\d\d-\d\d \d", value.strip()) \
        else value.strip()
    text = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", text)  # +0100 → +01:00
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        when = _written_datetime(value)
    if when is None:
        return None
    if not 1990 <= when.year <= dt.date.today().year + 1:
        return None
    return when


_WRITTEN = re.compile(r"\b(?:19|20)\d\d\b")


def _written_datetime(value: str) -> dt.datetime | None:
    """A date written out ("Tue Nov 19 2019 03:05:46 GMT+0000", "19 Nov 2019 07:09
    GMT"), read by dateutil; only when it names a year."""
    from dateutil import parser

    if not _WRITTEN.search(value):
        return None
    try:
        with warnings.catch_warnings():  # a zone it does not know: the time stays naive
            warnings.simplefilter("ignore")
            return parser.parse(value, default=dt.datetime(1, 1, 1), tzinfos=_zones())
    except (ValueError, OverflowError):
        return None


@cache
def _zones() -> dict[str, int]:
    """Time-zone abbreviations to their offsets in seconds (`data/metadata/time_zones.tsv`)."""
    rows = (line.split("\t") for line in lines("metadata/time_zones.tsv"))
    return {name: round(float(hours) * 3600) for name, hours in rows}


@cache
def _date_cues() -> tuple[re.Pattern[str], dict[str, str]]:
    """The cues of a visible date line (`data/metadata/published_cues.tsv`), longest
    first, as one pattern, and each cue's language."""
    languages = dict(line.split("\t") for line in lines("metadata/published_cues.tsv"))
    cues = sorted(languages, key=len, reverse=True)
    pattern = re.compile(rf"^({'|'.join(map(re.escape, cues))})\b\s*:?\s*(.*)$", re.I | re.S)
    return pattern, languages


DATE_LINE_CHARS = 100  # a date line is short; a paragraph that names a date is not one


def published_line(tree) -> str | None:  # noqa: ANN001
    """The ISO date of the page's first visible date line ("publiziert am 25. September
    2018", "Published on 3 May 2021"): a short element of the body that starts with a
    publication cue. For pages whose tags give no date."""
    pattern, languages = _date_cues()
    body = tree.find(".//body")
    for element in body.iter() if body is not None else ():
        own = (element.text or "").strip() if isinstance(element.tag, str) else ""
        if not own or not pattern.match(own):
            continue
        text = " ".join(element.text_content().split())
        match = pattern.match(text) if len(text) <= DATE_LINE_CHARS else None
        if match and (day := _written_day(match[2], languages[match[1].casefold()])):
            return day
    return None


def _written_day(text: str, language: str) -> str | None:
    """The calendar day `text` names in full (day, month and year), or None."""
    import dateparser

    when = dateparser.parse(text, languages=[language],
                            settings={"REQUIRE_PARTS": ["day", "month", "year"]})  # fmt: skip
    return when.date().isoformat() if when and when.year >= 1990 else None


def time_text(when: dt.datetime | None) -> str | None:
    """The date-time as ISO 8601 text; None when the page gave a date only."""
    if when is None or (when.time() == dt.time(0) and when.tzinfo is None):
        return None
    return when.isoformat()


# --- image, keywords -----------------------------------------------------------------------


def _image(tags: MetaTags, ld: dict[str, Any], more: Callable[[], Fallback],
           url: str | None) -> str | None:  # fmt: skip
    image = ld.get("image")
    if isinstance(image, list):
        image = image[0] if image else None
    if isinstance(image, dict):
        image = image.get("url") or image.get("contentUrl")
    found = _first(tags.get("og:image"), tags.get("og:image:url"), tags.get("og:image:secure_url"),
                   tags.get("twitter:image"), tags.get("twitter:image:src"),
                   image if isinstance(image, str) else None) or more().image  # fmt: skip
    return _absolute(urljoin(url or "", found)) if found else None


def _absolute(url: str | None) -> str | None:
    return url if url and urlsplit(url).scheme in ("http", "https") else None


def _ld_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [text for v in value if (text := _text(v))]
    text = _text(value)
    return [text] if text else []


def _labels(*groups: Any) -> list[str]:
    """Labels from lists and comma-separated strings, each once, in order."""
    seen: dict[str, str] = {}
    for group in groups:
        values = group if isinstance(group, list) else [group]
        for value in values:
            for part in re.split(r"\s*[,;]\s*", value or ""):
                part = " ".join(part.split())
                if part and len(part) <= 60 and part.lower() not in seen:
                    seen[part.lower()] = part
    return list(seen.values())
