"""Metadata benchmark: what tidings, trafilatura and newspaper4k find about each page.

Data: the 181 pages of `shared/benchmarks/article-extraction/` (gzipped HTML and
each page's URL; `shared/` beside the repository, or at `$TIDINGS_SHARED`).

For every page and field — authors (and `people`: the authors that look like
people, two words or more with none naming a role or an agency, one rule for
every extractor), title, publication date, outlet, language,
lead image, keywords — each extractor's value is taken and scored two ways:

- **coverage**: on how many pages the extractor gives the field at all;
- **agreement with the page's own JSON-LD**: where the page declares an article
  object (`NewsArticle`, `Article`, `BlogPosting`, … in `application/ld+json`,
  also inside `@graph`), whether the extractor's value says the same. The
  reference is read here, by this script's own small reader, not by tidings'.
  Authors agree when the sets of person names are equal, casefolded (organisations
  in the JSON-LD `author`, a leading "By", and parts naming a role or an agency —
  "AP Sports Writer", "Associated Press" — are left out of the reference); titles
  when their word sets overlap by 80% or more (Jaccard); dates when the calendar
  day is the same (the JSON-LD date read with dateutil, as written: its day in its
  own time zone; placeholders before 1990 are no date); outlets when one
  normalised name contains the other or abbreviates it (WSJ), or when the outlet
  names the site the page was served from (see below); images when their
  URLs name the same file, or their paths share at least three quarters of the
  shorter one (the same picture in another size); languages when the ISO 639-1 codes match.
  Pages without the field in their JSON-LD do not count.

The outlet is the site an article is published on (SPEC: `source.outlet`), and
the JSON-LD `publisher` names it only on the site's own articles: on a wire story
a newspaper hosts (AP on the Connecticut Post), a blog on a platform (Blogger) or
a desk's copy (DH News Service) the publisher is someone else, and an extractor
that names the site is right. So an outlet also agrees when it names the page's
host, by the same rule (connecticutpost.com and "Connecticut Post"; the host's
first label below its suffix, "www." aside); the table gives this agreement, and
`outlet vs publisher` the one against the JSON-LD publisher alone.

Language is also scored against `benchmarks/data/languages.tsv` (the body's
language, labelled by reading it, for issue 9).

The pages are split in two halves by their id (the first hex digit even: dev, odd:
test). Work on the metadata reader looked at the dev half only; the report gives
both halves and all pages.

- tidings: the HTML reader, layout, repair and language steps (`nlp=False`);
- trafilatura 2.3.1: `bare_extraction(html, url=url, with_metadata=True)`;
- newspaper4k 0.9.6: `Article(url).download(input_html=html)` then `parse()`
  (installed without its dependency pins by `make bench`: it asks for
  python-dateutil < 3, which the lock holds at 4.0.0; it runs unchanged).

    python benchmarks/metadata.py [--limit N] [--show FIELD] [--half dev|test]

Results go to `benchmarks/results/metadata.json`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import unicodedata
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

FIELDS = ("authors", "people", "title", "date", "outlet", "language", "image", "keywords")
TARGET_FIELDS = ("authors", "people", "title", "date", "outlet", "language")
ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "blogposting",
                 "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle",
                 "backgroundnewsarticle", "livebloggposting", "liveblogposting",
                 "techarticle", "scholarlyarticle", "webpage", "report"}  # fmt: skip
ROOT = Path(__file__).resolve().parents[1]


def shared_folder() -> Path:
    override = os.environ.get("TIDINGS_SHARED")
    return Path(override) if override else ROOT.parent / "shared"


# --- the reference: the page's own JSON-LD ---------------------------------------------------

_LD = re.compile(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", re.S | re.I)


def json_ld_article(html: str) -> dict[str, Any] | None:
    """The page's JSON-LD article object, or None (a WebPage only when nothing better)."""
    found: list[dict[str, Any]] = []
    for block in _LD.findall(html):
        try:
            data = json.loads(block.strip().removeprefix("<!--").removesuffix("-->"))
        except ValueError:
            continue
        found.extend(_objects(data))
    articles = [o for o in found if _types(o) & (ARTICLE_TYPES - {"webpage"})]
    pages = [o for o in found if "webpage" in _types(o)]
    return (articles or pages or [None])[0]


def _objects(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [o for item in data for o in _objects(item)]
    if not isinstance(data, dict):
        return []
    return [data, *_objects(data.get("@graph", []))]


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", [])
    return {str(k).lower() for k in (kind if isinstance(kind, list) else [kind])}


def reference(html: str) -> dict[str, Any]:
    """Field values the page's JSON-LD declares (None where it declares nothing)."""
    article = json_ld_article(html) or {}
    publisher = article.get("publisher")
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else None
    image = article.get("image")
    if isinstance(image, list):
        image = image[0] if image else None
    if isinstance(image, dict):
        image = image.get("url")
    language = article.get("inLanguage")
    return {
        "authors": _reference_people(article.get("author")) or None,
        "people": _reference_people(article.get("author")) or None,
        "title": _text(article.get("headline") or article.get("name")),
        "date": _reference_date(_text(article.get("datePublished"))),
        "outlet": _text(publisher.get("name")) if isinstance(publisher, dict) else None,
        "language": _text(language.get("name") if isinstance(language, dict) else language),
        "image": _text(image),
        "keywords": article.get("keywords") or None,
    }


def _reference_date(value: str | None) -> str | None:
    """The calendar day a JSON-LD date names, as written (ISO or not); None for a
    placeholder such as 0001-01-01."""
    if not value:
        return None
    from dateutil import parser

    try:
        day = parser.parse(value, fuzzy=True).date()
    except (ValueError, OverflowError):
        return None
    return day.isoformat() if day.year >= 1990 else None


def _reference_people(author: Any) -> list[str]:
    if author is None:
        return []
    if isinstance(author, list):
        return [name for item in author for name in _reference_people(item)]
    if isinstance(author, dict):
        if "person" not in _types(author) and _types(author):
            return []
        author = author.get("name")
    text = _text(author)
    if not text or text.startswith("http"):
        return []
    text = re.sub(r"^by\s+", "", text, flags=re.I)
    parts = re.split(r"\s*(?:,| and |&)\s*", text)
    return [p for p in parts if person_like(p)]


def person_like(name: str) -> bool:
    """Two words or more, none of them naming a role or an agency."""
    return len(name.split()) >= 2 and not set(_fold(name).split()) & _ROLES


# Words of a JSON-LD author part that names a role or an agency, not a person.
_ROLES = {"writer", "reporter", "correspondent", "editor", "staff", "press", "news", "service",
          "services", "desk", "agency", "agencies", "wire", "bureau"}


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return " ".join(str(value).split()) or None if value else None


# --- agreement -------------------------------------------------------------------------------


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"\w+", text))


def _name_set(names: list[str]) -> set[str]:
    return {_fold(n) for n in names if _fold(n)}


def _outlet(text: str) -> str:
    folded = _fold(text).removeprefix("the ").replace(" ", "")
    return re.sub(r"(com|org|net|co uk|couk)$", "", folded)


def _initials(name: str) -> str:
    """WSJ for The Wall Street Journal."""
    return "".join(w[0] for w in _fold(name).removeprefix("the ").split())


def names_host(outlet: Any, url: str) -> bool:
    """Whether `outlet` names the site at `url` (sfgate.com: "SFGate")."""
    labels = (urlsplit(url).hostname or "").removeprefix("www.").split(".")
    site = max(labels[:-1] or labels, key=len) if labels else ""
    return bool(outlet) and agrees("outlet", str(outlet), site)


def agrees(field: str, ours: Any, ref: Any) -> bool:
    if field in ("authors", "people"):
        return _name_set(ours) == _name_set(ref)
    if field == "title":
        a, b = set(_fold(ours).split()), set(_fold(ref).split())
        return bool(a | b) and len(a & b) / len(a | b) >= 0.8
    if field == "date":
        return str(ours)[:10] == str(ref)[:10]  # the reference is already an ISO date
    if field == "outlet":
        a, b = _outlet(ours), _outlet(ref)
        return bool(a and b) and (a in b or b in a or a == _initials(ref) or b == _initials(ours))
    if field == "language":
        return str(ours).lower()[:2] == str(ref).lower()[:2]
    if field == "image":  # the same picture, perhaps in another size
        a, b = urlsplit(str(ours)).path, urlsplit(str(ref)).path
        shared = len(os.path.commonprefix([a, b]))
        same_file = Path(a).name == Path(b).name
        return bool(a and b) and (same_file or shared >= 0.75 * min(len(a), len(b)))
    if field == "keywords":
        ref_words = ref if isinstance(ref, list) else re.split(r"\s*,\s*", str(ref))
        return bool(_name_set(ours) & _name_set(ref_words))
    raise ValueError(field)


# --- extractors ------------------------------------------------------------------------------


def tidings_extractor() -> Callable[[bytes, str], dict[str, Any]]:
    from tidings.api import build_pipeline
    from tidings.read import read_bytes
    from tidings.record import Source

    pipeline = build_pipeline(nlp=False)

    def extract(raw: bytes, url: str) -> dict[str, Any]:
        docs = list(read_bytes(raw, Source(url=url), "html"))
        (record,) = pipeline.run(docs)
        return {"authors": record.authors, "title": record.title,
                "date": record.published_time or record.published,
                "outlet": record.source.outlet, "language": record.language,
                "image": record.image, "keywords": record.keywords}  # fmt: skip

    return extract


def trafilatura_extractor() -> Callable[[bytes, str], dict[str, Any]]:
    import trafilatura

    def extract(raw: bytes, url: str) -> dict[str, Any]:
        doc = trafilatura.bare_extraction(raw, url=url, with_metadata=True)
        if doc is None:
            return {}
        authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
        return {"authors": authors, "title": doc.title, "date": doc.date,
                "outlet": doc.sitename, "language": doc.language, "image": doc.image,
                "keywords": list(doc.tags or [])}  # fmt: skip

    return extract


def newspaper_extractor() -> Callable[[bytes, str], dict[str, Any]] | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import newspaper
            import tldextract.tldextract as tld
    except ImportError:
        return None
    # its bundled public-suffix list: no attempt to download a newer one (no network here)
    tld.TLD_EXTRACTOR = tld.TLDExtract(suffix_list_urls=())

    def extract(raw: bytes, url: str) -> dict[str, Any]:
        article = newspaper.Article(url, fetch_images=False)  # no network: no image sizes
        article.download(input_html=raw.decode("utf-8", errors="replace"))
        article.parse()
        date = article.publish_date.isoformat() if article.publish_date else None
        return {"authors": list(article.authors), "title": article.title, "date": date,
                "outlet": article.meta_site_name or None,
                "language": article.meta_lang, "image": article.top_image,
                "keywords": list(article.meta_keywords or [])}  # fmt: skip

    return extract


# --- the run ---------------------------------------------------------------------------------


def load(limit: int | None, half: str | None) -> tuple[dict[str, str], dict[str, bytes]]:
    folder = shared_folder() / "benchmarks" / "article-extraction"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)
    if half:
        ids = [i for i in ids if half_of(i) == half]
    ids = ids[:limit] if limit else ids
    urls = {i: truth[i]["url"] for i in ids}
    pages = {i: gzip.decompress((folder / "html" / f"{i}.html.gz").read_bytes()) for i in ids}
    return urls, pages


def half_of(page_id: str) -> str:
    return "dev" if int(page_id[0], 16) % 2 == 0 else "test"


def labelled_languages() -> dict[str, str]:
    path = ROOT / "benchmarks" / "data" / "languages.tsv"
    if not path.exists():
        return {}
    rows = (line.split("\t") for line in path.read_text().splitlines() if line[:1] != "#")
    return {row[0]: row[1].strip() for row in rows if len(row) >= 2}


def present(value: Any) -> bool:
    return bool(value) if not isinstance(value, str) else bool(value.strip())


def run(urls: dict[str, str], pages: dict[str, bytes]) -> dict[str, Any]:
    extractors = {"tidings": tidings_extractor(), "trafilatura": trafilatura_extractor()}
    newspaper = newspaper_extractor()
    if newspaper:
        extractors["newspaper4k"] = newspaper
    languages = labelled_languages()
    per_page: dict[str, Any] = {}
    for page_id, raw in pages.items():
        html = raw.decode("utf-8", errors="replace")
        found = {"reference": reference(html), "language_label": languages.get(page_id),
                 "url": urls[page_id]}  # fmt: skip
        for name, extract in extractors.items():
            try:
                found[name] = extract(raw, urls[page_id])
            except Exception as exc:  # noqa: BLE001 - an extractor failing is a finding
                found[name] = {"error": f"{type(exc).__name__}: {exc}"}
        per_page[page_id] = found
    return {"extractors": list(extractors), "pages": per_page}


def _value(found: dict[str, Any], field: str) -> Any:
    """An extractor's value of `field`; `people` is its authors that look like people
    (the same rule for every extractor: see `person_like`)."""
    if field == "people":
        return [a for a in found.get("authors") or [] if person_like(a)]
    return found.get(field)


def score(result: dict[str, Any], ids: list[str]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for name in result["extractors"]:
        table[name] = {}
        for field in FIELDS:
            pages = [result["pages"][i] for i in ids]
            found = [_value(page[name], field) for page in pages]
            judged_pages = [page for page in pages if present(page["reference"][field])
                            and present(_value(page[name], field))]  # fmt: skip
            pairs = [(_value(page[name], field), page["reference"][field])
                     for page in pages if present(page["reference"][field])]  # fmt: skip
            judged = [agrees(field, _value(page[name], field), page["reference"][field])
                      for page in judged_pages]  # fmt: skip
            if field == "outlet":  # the publisher, or the site the page is on (see above)
                strict = judged
                judged = [same or names_host(page[name]["outlet"], page["url"])
                          for same, page in zip(strict, judged_pages, strict=True)]  # fmt: skip
            table[name][field] = {
                "found": sum(present(v) for v in found),
                "reference": len(pairs),
                "found_where_reference": len(judged),
                "agree": sum(judged),
                "agreement": round(sum(judged) / len(judged), 3) if judged else None,
            }
            if field == "outlet":
                table[name][field]["agree_publisher"] = sum(strict)
        labelled = [(result["pages"][i][name].get("language"), result["pages"][i]["language_label"])
                    for i in ids if result["pages"][i]["language_label"]]  # fmt: skip
        right = sum(bool(ours) and str(ours)[:2].lower() == label for ours, label in labelled)
        table[name]["language"]["labelled"] = len(labelled)
        table[name]["language"]["right_vs_label"] = right
    return table


def print_table(title: str, table: dict[str, Any], pages: int) -> None:
    names = list(table)
    print(f"\n{title} ({pages} pages): found on N pages / agreeing with the page's JSON-LD")
    print(f"{'field':10}" + "".join(f"{n:>26}" for n in names))
    for field in FIELDS:
        cells = []
        for name in names:
            cell = table[name][field]
            share = f"{cell['agreement']:.1%}" if cell["agreement"] is not None else "-"
            judged = f"{cell['agree']:>3}/{cell['found_where_reference']:<3}"
            cells.append(f"{cell['found']:>5}  {judged} {share:>7}")
        print(f"{field:10}" + "".join(f"{c:>26}" for c in cells))
    print(f"{'outlet vs publisher':20}" + "".join(
        f"{table[n]['outlet']['agree_publisher']:>3}/{table[n]['outlet']['found_where_reference']:<3}"
        for n in names))  # fmt: skip
    print(f"{'lang label':10}" + "".join(
        f"{table[n]['language']['right_vs_label']:>17}/{table[n]['language']['labelled']:<8}"
        for n in names))  # fmt: skip


def show(result: dict[str, Any], field: str, ids: list[str]) -> None:
    """Pages where tidings disagrees with the JSON-LD or misses what trafilatura finds."""
    for page_id in ids:
        page = result["pages"][page_id]
        ours, ref, theirs = (_value(page["tidings"], field), page["reference"][field],
                             _value(page["trafilatura"], field))  # fmt: skip
        wrong = present(ref) and present(ours) and not agrees(field, ours, ref)
        missed = present(theirs) and not present(ours)
        if wrong or missed:
            print(f"{page_id[:8]} {'WRONG' if wrong else 'MISSED'}\n  tidings:     {ours!r}\n"
                  f"  json-ld:     {ref!r}\n  trafilatura: {theirs!r}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int)
    parser.add_argument("--half", choices=("dev", "test"))
    parser.add_argument("--show", choices=FIELDS, help="list tidings' misses on one field")
    args = parser.parse_args(argv)
    urls, pages = load(args.limit, args.half)
    result = run(urls, pages)
    ids = list(pages)
    report = {"all": score(result, ids)}
    for half in ("dev", "test"):
        subset = [i for i in ids if half_of(i) == half]
        if subset:
            report[half] = score(result, subset)
            print_table(f"{half} half", report[half], len(subset))
    print_table("all pages", report["all"], len(ids))
    if args.show:
        show(result, args.show, [i for i in ids if half_of(i) == "dev"] if not args.half else ids)
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "metadata.json").write_text(json.dumps({"scores": report, **result}, indent=1,
                                                  ensure_ascii=False, default=str))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
