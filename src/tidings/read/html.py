"""HTML pages to documents: the article's text and metadata, ready for layout and repair.

The page is decoded (charset from a byte-order mark, then valid UTF-8, then the
HTTP header or the page's own `<meta charset>` / `http-equiv` declaration, then
detection; invalid bytes never raise), parsed once, and read two ways:

- **trafilatura** (fast mode: its own heuristics, without its internal fallbacks)
  gives the main text, block by block;
- the **readability** algorithm (the copy bundled with trafilatura) gives a second,
  independent opinion on where the article is.

Where the two agree on the article, blocks that trafilatura put *before or after*
it and that readability does not have are page furniture (related links, author
boxes, newsletter sign-ups, repeated headline and summary) and are dropped; a
block inside the article is never dropped on readability's word alone. When they
do not agree, trafilatura's reading stands.

Metadata comes from the page's `<meta>` tags and JSON-LD (title, author, site name,
section, tags, canonical URL, description), the date from htmldate, the language
from `<html lang>`. The body goes to `meta["text"]` as paragraphs separated by
blank lines, so that the shared layout and repair steps clean it like any text.

Meta keys set on the document: `text`, `title`, `date`, `byline`, `sections`,
`outlet`, `url`, `canonical_url`, `language`, `description`.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from contextlib import suppress
from copy import copy
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from charset_normalizer import from_bytes

from tidings.errors import EmptyDocument, InputError, NotText
from tidings.pipeline import Document
from tidings.read.decode import looks_binary
from tidings.read.limits import DeadlineExceeded, seconds_limit, time_limit
from tidings.record import Source

# --- decoding ------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
# What browsers actually do with these labels (WHATWG Encoding Standard).
_WHATWG = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252",
           "us-ascii": "cp1252", "iso-8859-9": "cp1254", "tis-620": "cp874",
           "iso-8859-11": "cp874", "x-sjis": "shift_jis", "gb2312": "gb18030",
           "gbk": "gb18030"}  # fmt: skip


def declared_charset(raw: bytes, header: str | None = None) -> str | None:
    """The charset a page declares: the HTTP header first, then `<meta>` or the XML declaration."""
    for label in (_charset_param(header), _declared_in_page(raw[:4096])):
        codec = _codec(label)
        if codec:
            return codec
    return None


def _charset_param(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def _declared_in_page(head: bytes) -> str | None:
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    label = _WHATWG.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(raw: bytes, content_type: str | None = None) -> tuple[str, list[str]]:
    """Bytes of a page to text, and notes on anything that was guessed or replaced.

    A byte-order mark wins; then bytes that are valid UTF-8 are UTF-8 (a page in a
    legacy charset with non-ASCII text is practically never valid UTF-8, and pages
    that declare one charset and are saved in UTF-8 are common); then the declared
    charset; then detection. Bytes that do not decode become U+FFFD, noted.
    """
    if not raw.strip():
        raise EmptyDocument("the page is empty; give an HTML file with an article in it")
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace"), []
    if looks_binary(raw):
        raise NotText("the page is binary, not HTML; give an HTML page, or --format for its kind")
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    declared = declared_charset(raw, content_type)
    if declared and declared not in ("utf-8", "utf-16", "utf-32"):
        return _decode_with(raw, declared, f"decoded as {declared}, as the page declares")
    best = from_bytes(raw[:200_000]).best()
    if best is not None and best.encoding:
        return _decode_with(raw, best.encoding, f"decoded as {best.encoding} (detected)")
    return _decode_with(raw, "utf-8", "decoded as UTF-8")


def _decode_with(raw: bytes, codec: str, note: str) -> tuple[str, list[str]]:
    text = raw.decode(codec, errors="replace")
    bad = text.count("\ufffd")
    notes = [note] if not note.endswith("as the page declares") else []
    if bad:
        notes.append(f"{bad} undecodable byte(s) replaced with U+FFFD ({note})")
    return text, notes


# --- extraction --------------------------------------------------------------------


@dataclass
class Page:
    """What was read from one HTML page."""

    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    language: str | None = None
    description: str | None = None
    sections: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def parse_tree(text: str):  # noqa: ANN201 - lxml HtmlElement
    """The page's tree, or InputError when the text is not an HTML page."""
    from trafilatura.utils import load_html

    try:
        tree = load_html(text)
    except (ValueError, TypeError) as exc:
        raise InputError(f"the page cannot be parsed as HTML ({exc})") from None
    if tree is None or tree.find(".//body") is None and len(tree) < 2:
        raise InputError("the document is not an HTML page; give --format for its kind")
    return tree


def extract_page(text: str, url: str | None = None) -> Page:
    """The article and metadata of one decoded page (no time limit: see `read_page`)."""
    tree = parse_tree(text)
    page = _metadata(tree, url)
    main = _trafilatura_blocks(tree, page.url or url)
    second = _readability_blocks(tree)
    page.paragraphs = combine(main, second, page)
    if not page.paragraphs:
        page.paragraphs = second
        if second:
            page.notes.append("trafilatura found no text; body taken from readability")
    return page


def _trafilatura_blocks(tree, url: str | None) -> list[str]:  # noqa: ANN001
    from trafilatura import bare_extraction
    from trafilatura.xml import xmltotxt

    document = bare_extraction(tree, url=url, fast=True, include_comments=False,
                               include_tables=True, with_metadata=False)  # fmt: skip
    if document is None or document.body is None:
        return []
    blocks: list[str] = []
    for element in document.body:
        lines = xmltotxt(element, False).split("\n")
        if element.tag == "list":
            lines = [_LIST_MARK.sub("", line, count=1) for line in lines]
        blocks.extend(clean for line in lines if (clean := " ".join(line.split())))
    return blocks


_LIST_MARK = re.compile(r"^\s*(?:[-*•]|\d{1,3}[.)])\s+")


def _readability_blocks(tree) -> list[str]:  # noqa: ANN001
    from lxml import html as lxml_html
    from trafilatura.readability_lxml import Document as Readability

    try:
        summary = Readability(copy(tree), min_text_length=25).summary()
        return block_texts(lxml_html.fromstring(summary)) if summary.strip() else []
    except Exception:  # readability is a second opinion: without it, trafilatura stands
        return []


_BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div", "dl",
     "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
     "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
     "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
)  # fmt: skip
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title"})


def block_texts(root) -> list[str]:  # noqa: ANN001 - an lxml element
    """The text of an element as blocks: one string per paragraph-like element,
    whitespace collapsed, inline elements joined without inventing spaces.
    Iterative, so that a deeply nested tree cannot exhaust the stack."""
    blocks: list[str] = []
    parts: list[str] = []

    def flush() -> None:
        text = " ".join("".join(parts).split())
        if text:
            blocks.append(text)
        parts.clear()

    # (element, entering): entering an element adds its text and children, leaving adds its tail
    stack = [(root, True)]
    while stack:
        element, entering = stack.pop()
        tag = element.tag.lower() if isinstance(element.tag, str) else None
        block = tag in _BLOCK_TAGS
        if entering:
            if tag is None or tag in _SKIP_TAGS:  # comments, scripts: only the tail is text
                if element.tail and element is not root:
                    parts.append(element.tail)
                continue
            if block:
                flush()
            if element.text:
                parts.append(element.text)
            stack.append((element, False))
            stack.extend((child, True) for child in reversed(element))
            continue
        if block:
            flush()
        if element.tail and element is not root:
            parts.append(element.tail)
    flush()
    return blocks


# --- combining two readings ----------------------------------------------------------

_WORD = re.compile(r"\w+")
AGREEMENT = 0.7  # share of trafilatura's text readability must also have to be trusted
SUPPORTED = 0.5  # share of a block's word triples found in readability's text
LONG_LEAD = 20  # words: a leading block this long is kept unless it repeats title/summary


def _grams(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return set(zip(words, words[1:], words[2:], strict=False))


def _share(grams: set, other: set) -> float:
    return sum(1 for g in grams if g in other) / len(grams) if grams else 1.0


def combine(main: list[str], second: list[str], page: Page | None = None) -> list[str]:
    """Trafilatura's blocks, without the leading and trailing blocks that readability
    (when it agrees on the article) does not have."""
    if not main or not second:
        return main
    second_grams = set().union(*(_grams(b) for b in second))
    main_grams = [_grams(b) for b in main]
    if _share(set().union(*main_grams), second_grams) < AGREEMENT:
        return main
    supported = [_share(g, second_grams) >= SUPPORTED for g in main_grams]
    start = 0
    while start < len(main) and not supported[start] and _furniture_lead(main[start], page):
        start += 1
    end = len(main)
    while end > start and not supported[end - 1]:
        end -= 1
    return main[start:end]


def _furniture_lead(block: str, page: Page | None) -> bool:
    """A leading block readability left out: short, or a copy of the headline or summary."""
    if len(_WORD.findall(block)) < LONG_LEAD:
        return True
    grams = _grams(block)
    return page is not None and any(
        known and _share(grams, _grams(known)) >= 0.8 for known in (page.title, page.description)
    )


# --- metadata ------------------------------------------------------------------------

_LANG = re.compile(r"^[a-z]{2,3}(?=$|[-_])", re.IGNORECASE)


def _metadata(tree, url: str | None) -> Page:  # noqa: ANN001
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url

    found = examine_meta(tree)
    if found.author and " " not in found.author:  # a handle, not a name (as trafilatura does)
        found.author = None
    with suppress(Exception):  # malformed JSON-LD is common and never fatal
        found = extract_meta_json(tree, found)
    found.title = found.title or extract_title(tree)
    found.url = found.url or extract_url(tree, None)
    page_url = found.url or url
    try:
        date = find_date(tree, extensive_search=False, original_date=True, url=page_url)
    except Exception:
        date = None
    found.clean_and_trim()
    sections = _dedupe([*(found.categories or []), *_meta_values(tree, "article:section"),
                        *(found.tags or [])])  # fmt: skip
    return Page(
        title=found.title or None,
        author=found.author or None,
        date=date,
        sitename=found.sitename or _host(page_url),
        url=_absolute(found.url),
        language=_language(tree),
        description=found.description or None,
        sections=sections,
    )


def _meta_values(tree, name: str) -> list[str]:  # noqa: ANN001
    return [
        value.strip()
        for element in tree.iterfind(f".//head/meta[@property='{name}']")
        if (value := element.get("content", "")).strip()
    ]


def _dedupe(labels: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for label in labels:
        for part in label.split(","):
            part = " ".join(part.split())
            if part and len(part) <= 60 and part.lower() not in seen:
                seen[part.lower()] = part
    return list(seen.values())


def _language(tree) -> str | None:  # noqa: ANN001
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for element in tree.iterfind(".//head/meta[@http-equiv]"):
        if element.get("http-equiv", "").lower() == "content-language":
            candidates.append(element.get("content"))
    candidates.extend(_meta_values(tree, "og:locale"))
    for value in candidates:
        match = _LANG.match((value or "").strip())
        if match:
            return match.group(0).lower()
    return None


def _absolute(url: str | None) -> str | None:
    return url if url and urlsplit(url).scheme in ("http", "https") else None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


# --- documents -----------------------------------------------------------------------


def read_page(raw: bytes, url: str | None = None, content_type: str | None = None,
              seconds: float | None = None) -> Page:  # fmt: skip
    """Decode and extract one page within the per-document time limit."""
    with time_limit(seconds_limit() if seconds is None else seconds):
        text, notes = decode_html(raw, content_type)
        page = extract_page(text, url)
    page.notes[:0] = notes
    return page


def page_document(
    raw: bytes,
    source: Source,
    date: str | None,
    url: str | None = None,
    content_type: str | None = None,
    fallback_date: str | None = None,
) -> Document:
    """One page's document; a page that cannot be read is a document carrying its error.

    `date` is the publication date given by the user (`--date`), used when the page
    has none; `fallback_date` (a crawl date) is used after both.
    """
    try:
        page = read_page(raw, url or source.url, content_type)
    except DeadlineExceeded as exc:
        return failed_document(raw, source, date, str(exc))
    except RecursionError:
        return failed_document(raw, source, date,
                               "the page is nested too deeply to read")  # fmt: skip
    except InputError as exc:
        return failed_document(raw, source, date, str(exc))
    except MemoryError:
        return failed_document(raw, source, date, "the page needs too much memory to read")
    if not page.paragraphs:
        return failed_document(raw, source, date, "no article text found in the HTML page")
    source.url = url or source.url or page.url
    source.outlet = source.outlet or page.sitename
    meta = {
        "text": page.text,
        "title": page.title,
        "date": page.date or date or fallback_date,
        "byline": page.author,
        "sections": page.sections,
        "outlet": source.outlet,
        "url": source.url,
        "canonical_url": page.url,
        "language": page.language,
        "description": page.description,
    }
    doc = Document(raw=raw, source=source, meta={k: v for k, v in meta.items() if v})
    doc.record.errors.extend(f"read: {note}" for note in page.notes if "U+FFFD" in note)
    return doc


def failed_document(raw: bytes, source: Source, date: str | None, error: str) -> Document:
    """A document that could not be read: recorded with its error, nothing else."""
    meta = {"date": date, "text": "", "error": f"read: {error}"}
    return Document(raw=raw, source=source, meta=meta)


def read_html(raw: bytes, source: Source, date: str | None) -> Iterator[Document]:
    source.format = "html"
    yield page_document(raw, source, date)


def register() -> None:
    from tidings.read.sources import register_reader

    register_reader("html", read_html)
