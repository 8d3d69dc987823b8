"""RSS and Atom feeds to documents, and feed items matched to pages of the same run.

`feedparser` is only ever given bytes, never a URL, so reading a feed never touches
the network. Each item becomes one document:

- an item with full content (`content:encoded`, Atom `<content>`) is a record of its
  own: the content's HTML is turned into paragraphs (`html.block_texts`) and goes
  through the same layout and repair as every other text;
- an item with only a link (and perhaps a summary) is the page it links to. When
  that page is read in the same run (a saved page or a WARC record whose URL,
  canonical URL or file path matches the link), the page is the record and the
  item adds what the page lacks (date, byline, sections). Otherwise the item is
  recorded as a stub: its title and summary, with an error saying the page is
  missing. Matching is `FeedItems`: the run reads its feeds first; the pipeline's
  `read` step completes each page from the items linking to it, wherever it runs;
  the stubs no page stood for are recorded at the end of the run, so pages may come
  before or after their feed.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from tidings.authors import authors_from
from tidings.document import Document, ReaderMeta
from tidings.errors import one_line
from tidings.read.common import failed_document, gunzipped, host_of
from tidings.read.html import block_texts
from tidings.read.metadata import parse_datetime, time_text
from tidings.record import Article, Source


def read_feed(raw: bytes, source: Source, date: str | None) -> Iterator[Document]:
    import feedparser

    source.format = "feed"
    try:
        raw = gunzipped(raw)
    except ValueError as exc:
        yield failed_document(raw, source, date, str(exc))
        return
    if declares_entities(raw):
        yield failed_document(raw, source, date, _ENTITIES)
        return
    parsed = feedparser.parse(raw)  # bytes: feedparser never fetches anything
    entries = parsed.get("entries") or []
    if not entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({one_line(reason)})" if reason else ""
        yield failed_document(raw, source, date, f"no feed items found{detail}; "
                              "give an RSS or Atom feed, or --format for its kind")  # fmt: skip
        return
    feed = parsed.get("feed") or {}
    outlet = source.outlet or _plain(feed.get("title")) or host_of(feed.get("link"))
    for number, entry in enumerate(entries, start=1):
        try:
            yield item_document(entry, number, source, outlet, date)
        except Exception as exc:  # noqa: BLE001 - one odd item never stops the feed
            item = Source(path=f"{source.path or '-'}#{number}", outlet=outlet, format="feed")
            yield failed_document(f"{item.path}".encode(), item, date,
                                  f"the feed item cannot be read ({one_line(exc)})")  # fmt: skip


_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
_ENTITIES = ("the feed declares its own XML entities (<!ENTITY …>), which tidings never "
             "expands (a few lines of them can grow to gigabytes); give it without its DOCTYPE")


def declares_entities(raw: bytes) -> bool:
    """True when the XML declares entities: in its DOCTYPE, before the first element."""
    first = _FIRST_ELEMENT.search(raw)
    return b"<!ENTITY" in raw[: first.start() if first else len(raw)].upper()


def item_document(entry, number: int, feed_source: Source, outlet: str | None,
                  date: str | None) -> Document:  # fmt: skip  # noqa: ANN001
    """One feed item's document: a full record, or a stub waiting for its page."""
    link = entry.get("link") or None
    title = _plain(entry.get("title"))
    content = _content(entry)
    summary = _html_paragraphs(entry.get("summary") or "")
    source = Source(path=f"{feed_source.path or '-'}#{number}", url=link, outlet=outlet,
                    format="feed")  # fmt: skip
    published = _date(entry)
    byline = _plain(entry.get("author"))
    meta = ReaderMeta(
        text="\n\n".join(content or summary),
        title=title,
        date=published or date,
        date_is_default=not published,
        byline=byline,
        authors=authors_from(_author_names(entry) or [byline], [outlet]),
        published_time=_time(entry, published),
        image=_image(entry, link),
        sections=_tags(entry),
        outlet=outlet,
        url=link,
    )
    raw = json.dumps({"id": entry.get("id"), "link": link, "title": title, "text": meta.text},
                     ensure_ascii=False, sort_keys=True).encode()  # fmt: skip
    if content:
        return Document(raw=raw, source=source, meta=meta)
    meta.feed_link = link
    doc = Document(raw=raw, source=source, meta=meta)
    doc.record.errors.append(
        f"read: the page of this feed item ({link}) is not in the input; "
        f"add the saved page or a WARC holding it to the same run"
        if link
        else "read: the feed item has neither content nor a link to its page"
    )
    return doc


def _content(entry) -> list[str]:  # noqa: ANN001
    best: list[str] = []
    for item in entry.get("content") or []:
        value = item.get("value") or ""
        kind = (item.get("type") or "").lower()
        paragraphs = _text_paragraphs(value) if kind == "text/plain" else _html_paragraphs(value)
        if sum(map(len, paragraphs)) > sum(map(len, best)):
            best = paragraphs
    return best


def _html_paragraphs(value: str) -> list[str]:
    if "<" not in value:
        return _text_paragraphs(value)
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    try:
        return block_texts(lxml_html.fragment_fromstring(value, create_parent="div"))
    except (ParserError, ValueError):
        return _text_paragraphs(value)


def _text_paragraphs(value: str) -> list[str]:
    return [" ".join(p.split()) for p in value.replace("\r", "").split("\n\n") if p.strip()]


def _plain(value: str | None) -> str | None:
    if not value:
        return None
    return " ".join(_html_paragraphs(value)) or None


def _tags(entry) -> list[str]:  # noqa: ANN001
    labels = []
    for tag in entry.get("tags") or []:
        label = (tag.get("label") or tag.get("term") or "").strip()
        if label and label not in labels:
            labels.append(label)
    return labels


def _author_names(entry) -> list[str]:  # noqa: ANN001
    """The item's authors, one each (`<author>`, `<dc:creator>`, Atom's `<author>`s)."""
    return [name for author in entry.get("authors") or []
            if (name := _plain(author.get("name") or author.get("email")))]  # fmt: skip


def _time(entry, day: str | None) -> str | None:  # noqa: ANN001
    """The item's publication date-time with its offset, as the feed writes it."""
    for key in ("published", "updated", "created"):
        when = parse_datetime(entry.get(key))
        if when:
            text = time_text(when)
            return text if text and text[:10] == day else None
    return None


def _image(entry, link: str | None) -> str | None:  # noqa: ANN001
    """The item's picture: Media RSS content or thumbnail, or an image enclosure."""
    candidates = [m for m in entry.get("media_content") or []
                  if (m.get("medium") or "image") == "image"
                  and (m.get("type") or "image/").startswith("image/")]  # fmt: skip
    candidates += list(entry.get("media_thumbnail") or [])
    candidates += [e for e in entry.get("enclosures") or []
                   if (e.get("type") or "").startswith("image/")]  # fmt: skip
    for candidate in candidates:
        url = candidate.get("url") or candidate.get("href")
        if url:
            return urljoin(link or "", url)
    return None


def _date(entry) -> str | None:  # noqa: ANN001
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None


# --- matching items to pages of the same run -------------------------------------------


@dataclass
class ItemFacts:
    """What a link-only feed item can give the page it links to."""

    date: str | None
    byline: str | None
    sections: list[str]
    title: str | None
    authors: list[str] = field(default_factory=list)
    image: str | None = None


@dataclass
class FeedItems:
    """The link-only items (stubs) of a run, found before its pages are read.

    A page's keys are known only once it is read (its canonical URL is in the page),
    so matching has two halves: the `read` step, wherever it runs, gives a page what
    it lacks from the items that link to it (`complete`); the run, as records come
    back, drops the stubs whose page was read (`unmatched`). Only `facts` travel to
    the workers; the stubs stay with the run.
    """

    stubs: list[Document] = field(default_factory=list)
    facts: dict[str, list[ItemFacts]] = field(default_factory=dict)  # key -> items, in order

    def add(self, stub: Document) -> None:
        assert stub.meta.feed_link is not None
        self.stubs.append(stub)
        meta = stub.meta
        facts = ItemFacts(meta.date, meta.byline, list(meta.sections), meta.title,
                          list(meta.authors), meta.image)
        for key in sorted(link_keys(stub.meta.feed_link)):
            self.facts.setdefault(key, []).append(facts)

    def for_workers(self) -> FeedItems:
        """The part a worker needs: the facts, without the stubs."""
        return FeedItems(facts=self.facts)

    def complete(self, page: Document) -> None:
        """Fill what a read page lacks from the items that link to it."""
        if not self.facts:
            return
        for key in sorted(page_keys(page.source, page.meta.url, page.meta.canonical_url)):
            for item in self.facts.get(key, []):
                _complete(page, item)

    def unmatched(self, seen: set[str]) -> list[Document]:
        """The stubs none of whose keys is among the keys of the pages read (`seen`)."""
        return [s for s in self.stubs if not link_keys(s.meta.feed_link or "") & seen]


def _complete(page: Document, item: ItemFacts) -> None:
    meta = page.meta
    if not meta.date and item.date:
        meta.date = item.date
        page.record.published = item.date
    meta.byline = meta.byline or item.byline
    meta.authors = meta.authors or list(item.authors)
    meta.image = meta.image or item.image
    meta.sections = meta.sections or item.sections
    meta.title = meta.title or item.title


def record_keys(record: Article) -> set[str]:
    """Keys of a page that was read into a record (none when it yielded no text)."""
    if not record.paragraphs or record.source.format not in ("html", "warc"):
        return set()
    return page_keys(record.source)


def normal_url(url: str) -> str | None:
    """A URL reduced to what identifies the page: no scheme, `www.`, port, fragment,
    trailing slash or tracking parameters."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith("utm_")])  # fmt: skip
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{query}" if query else "")


_INDEX_NAMES = ("/index.html", "/index.htm")
_PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".php", ".aspx")


def link_keys(link: str) -> set[str]:
    """Keys under which a feed item's link can meet its page."""
    url = normal_url(link)
    if url is None:
        return set()
    keys = {f"url:{url}"}
    path = url.split("/", 1)[1] if "/" in url else ""
    if path and path.lower() not in ("index.html", "index.htm"):
        keys.add(f"path:/{path}")
    return keys


def page_keys(source: Source, *urls: str | None) -> set[str]:
    """Keys of a page: its URLs (as fetched and canonical) and the tails of its file path."""
    keys = set()
    for url in (source.url, source.canonical_url, *urls):
        normal = normal_url(url) if url else None
        if normal:
            keys.add(f"url:{normal}")
    path = source.path
    if path and path != "-" and source.format == "html":
        keys |= {f"path:{tail}" for tail in _path_tails(path)}
    return keys


def _path_tails(path: str) -> set[str]:
    """`/a/b/c.html` -> `/c.html`, `/b/c.html`, `/a/b/c.html`, and the same without
    the extension or a final `/index.html`, as saved pages are named."""
    posix = "/" + PurePath(path).as_posix().lstrip("/")
    variants = {posix}
    lower = posix.lower()
    for name in _INDEX_NAMES:
        if lower.endswith(name):
            variants.add(posix[: -len(name)])
    for suffix in _PAGE_SUFFIXES:
        if lower.endswith(suffix):
            variants.add(posix[: -len(suffix)])
    tails = set()
    for variant in variants:
        parts = variant.split("/")
        tails |= {"/" + "/".join(parts[i:]) for i in range(1, len(parts)) if parts[i]}
    return tails
