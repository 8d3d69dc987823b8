"""HTML pages to documents: the article's text and metadata, ready for layout and repair.

The page is decoded (charset from a byte-order mark, then valid UTF-8, then the
HTTP header or the page's own `<meta charset>` / `http-equiv` declaration, then
detection; invalid bytes never raise), parsed once, and read two ways:

- **trafilatura** (fast mode: its own heuristics, without its internal fallbacks)
  gives the main text, block by block;
- readability's **container scoring** (paragraphs vote for their parent element)
  gives a second, independent opinion on where the article is.

Where the two agree on the article, blocks that trafilatura put *before or after*
it and that the container does not have are page furniture (related links, author
boxes, newsletter sign-ups, a repeated headline or summary) and are dropped; a
block inside the article is never dropped on the second reading's word alone.
When they do not agree, trafilatura's reading stands.

Metadata comes from the page's `<meta>` tags and JSON-LD (title, author, site name,
section, tags, canonical URL, description), the date from htmldate, the language
from `<html lang>`. The body goes to `meta.text` as paragraphs separated by
blank lines, so that the shared layout and repair steps clean it like any text.

Blocks of the main text that the page itself shows to be furniture are left out
too: a block that is nothing but a link to another article of the same site ("Read
more: ..." teasers, promos), and a block listing the page's own tags. What the
reader leaves out, and why, is kept in `meta.furniture`.

An article cut into several containers of the same kind (chunks between ads) is
read whole when trafilatura took only one chunk. Scripts, styles, navigation,
footers, asides and form controls are dropped before any reading, as every
reading drops them anyway.

`ReaderMeta` fields set on the document: `text`, `title`, `date` (with `date_is_default`
when it is not the page's own), `byline`, `sections`, `outlet`, `url`,
`canonical_url`, `language`, `description`, `furniture`. `source.encoding` is the
charset the page was read with.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from contextlib import suppress
from copy import copy
from dataclasses import dataclass, field
from functools import cache

from charset_normalizer import from_bytes

from tidings.data import lines
from tidings.document import Document, ReaderMeta
from tidings.errors import EmptyDocument, InputError, NotText, one_line
from tidings.read.common import failed_document, gunzipped, host_of
from tidings.read.decode import looks_binary
from tidings.read.limits import seconds_limit, time_limit
from tidings.read.metadata import Fallback, published_line, read_metadata
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


# Characters that are not allowed in XML and that libxml2 stumbles on.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32)])


def decode_html(raw: bytes, content_type: str | None = None) -> tuple[str, str, list[str]]:
    """Bytes of a page to text without control characters, and notes on anything guessed."""
    text, encoding, notes = _decode(raw, content_type)
    ascii_based = not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if (
        ascii_based
        and len(raw.translate(None, _CONTROL_BYTES)) == len(raw)
        and "\ufffe" not in text
        and "\uffff" not in text
    ):
        return text, encoding, notes  # none there: spare the scan of the text
    return _CONTROLS.sub("", text), encoding, notes


def _decode(raw: bytes, content_type: str | None = None) -> tuple[str, str, list[str]]:
    """Bytes of a page to text, and notes on anything that was guessed or replaced.

    A byte-order mark wins; then bytes that are valid UTF-8 are UTF-8 (a page in a
    legacy charset with non-ASCII text is practically never valid UTF-8, and pages
    that declare one charset and are saved in UTF-8 are common); then the declared
    charset; then detection. Bytes that do not decode become U+FFFD, noted.
    """
    if not raw or raw.isspace():
        raise EmptyDocument("the page is empty; give an HTML file with an article in it")
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace"), codecs.lookup(codec).name, []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if looks_binary(raw):
        raise NotText("the page is binary, not HTML; give an HTML page, or --format for its kind")
    if text is not None:
        return text, "utf-8", []
    declared = declared_charset(raw, content_type)
    if declared and not declared.startswith("utf"):
        return _decode_with(raw, declared, "as the page declares", guessed=False)
    if declared or _mostly_utf8(raw):  # UTF-8 with a few bad bytes, not another charset
        return _decode_with(raw, "utf-8", "not valid UTF-8", guessed=not declared)
    best = from_bytes(raw[:200_000]).best()
    if best is not None and best.encoding:
        return _decode_with(raw, best.encoding, "detected")
    return _decode_with(raw, "utf-8", "not valid UTF-8")


def _mostly_utf8(raw: bytes) -> bool:
    """True when at most one in ten non-ASCII characters fails to decode as UTF-8."""
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return bad <= 0.1 * sum(1 for char in text if ord(char) > 127)


def _decode_with(
    raw: bytes, codec: str, how: str, guessed: bool = True
) -> tuple[str, str, list[str]]:
    """Decode with `codec`; note a guessed charset, and any byte it could not decode."""
    text = raw.decode(codec, errors="replace")
    name = codecs.lookup(codec).name
    notes = [f"decoded as {name} ({how})"] if guessed else []
    bad = text.count("\ufffd")
    if bad:
        notes.append(f"{bad} undecodable byte(s) replaced with U+FFFD (decoded as {name}, {how})")
    return text, name, notes


# --- extraction --------------------------------------------------------------------


@dataclass
class Page:
    """What was read from one HTML page."""

    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    author: str | None = None  # as the page writes it
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    published_time: str | None = None
    image: str | None = None
    keywords: list[str] = field(default_factory=list)
    sitename: str | None = None
    url: str | None = None
    language: str | None = None
    description: str | None = None
    sections: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    furniture: list[tuple[str, str]] = field(default_factory=list)  # (block, why it was left out)
    encoding: str | None = None  # the charset the page was read with

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def parse_tree(text: str):  # noqa: ANN201 - lxml HtmlElement
    """The page's tree, or InputError when the text is not an HTML page.

    What trafilatura's `load_html` does, less its scan for control characters,
    which `decode_html` (or `extract_page`) has already removed.
    """
    from lxml.html import fromstring
    from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, HTML_PARSER, fromstring_bytes

    beginning = text[:50].lower()
    if "doctype" in beginning:  # libxml2 trips over some doctypes
        first, _, rest = text.partition("\n")
        text = DOCTYPE_TAG.sub("", first, count=1) + "\n" + rest
    for line in text[:4096].splitlines()[:4]:  # a self-closing <html/>
        if "<html" in line and line.endswith("/>"):
            text = FAULTY_HTML.sub(r"\1>", text, count=1)
            break
    try:
        tree = fromstring(text, parser=HTML_PARSER)
    except ValueError:  # a string with an encoding declaration: parse the bytes
        tree = fromstring_bytes(text)
    except Exception as exc:  # noqa: BLE001 - lxml raises several kinds
        raise InputError(f"the page cannot be parsed as HTML ({exc})") from None
    if tree is None or len(tree) < 1:
        tree = fromstring_bytes(text)
    if tree is None or not _TAG.search(text, 0, 65536):
        raise InputError("the document is not an HTML page; give --format for its kind")
    return tree


def _parse_limits() -> list[str]:
    """What the last parse left unread at libxml2's limits: text below its depth limit
    (256), or everything after a single piece of text over its size limit (10 MB)."""
    from trafilatura.utils import HTML_PARSER

    limits = [error.message for error in HTML_PARSER.error_log
              if error.type_name == "ERR_RESOURCE_LIMIT"]  # fmt: skip
    return [_TOO_DEEP if "depth" in message.lower() else _TOO_BIG for message in limits[:1]]


# Scripts and styles are never text; one this long (a data blob, an inlined bundle) is
# emptied before parsing, so that it cannot reach libxml2's size limit for one text.
_BIG_CODE = 100_000
_CODE_START = re.compile(r"<(script|style)\b[^>]*>", re.IGNORECASE)


def _without_big_code(text: str) -> str:
    """`text` with the contents of scripts and styles over `_BIG_CODE` characters removed."""
    if len(text) < _BIG_CODE:
        return text
    lower, parts, done = text.lower(), [], 0
    for match in _CODE_START.finditer(text):
        if match.start() < done:
            continue
        end = lower.find(f"</{match.group(1).lower()}", match.end())
        end = len(text) if end < 0 else end
        if end - match.end() > _BIG_CODE:
            parts.append(text[done : match.end()])
            done = end
    return "".join(parts) + text[done:] if parts else text


_TAG = re.compile(r"<[A-Za-z!/]")


def extract_page(text: str, url: str | None = None) -> Page:
    """The article and metadata of one decoded page (no time limit: see `read_page`)."""
    return _extract(_CONTROLS.sub("", text), url)


def _extract(text: str, url: str | None) -> Page:
    tree = parse_tree(_without_big_code(text))
    limits = _parse_limits()
    page = _metadata(tree, url)
    page.notes.extend(limits)
    _drop_noise(tree)
    teasers = _site_link_texts(tree, page.url or url)
    second, split = _container_blocks(tree)
    main = _trafilatura_blocks(tree, page.url or url)  # last: it prunes the tree it is given
    if split and _contains(second, main):
        # Trafilatura took one chunk of an article cut into several: read the whole.
        main = second
        page.notes.append("article in several containers: body taken from all of them")
    kept = []
    for block in main:
        reason = _furniture_reason(block, teasers, page)
        if reason:
            page.furniture.append((block, reason))
        else:
            kept.append(block)
    start, end = article_bounds(kept, second, page)
    page.paragraphs = kept[start:end]
    outside = "before or after the article, in one reading only"
    page.furniture += [(block, outside) for block in kept[:start] + kept[end:]]
    if not page.paragraphs and second:
        page.paragraphs = second
        page.notes.append("trafilatura found no text; body taken from the main container")
    return page


_OPTIONS = None  # trafilatura's options for every page (an Extractor)
_TOO_DEEP = "the page is nested deeper than 256 levels; text below that depth was not read"
_TOO_BIG = ("the page holds one piece of text over libxml2's 10 MB limit; the page after it "
            "was not read")  # fmt: skip


def _drop_noise(tree) -> None:  # noqa: ANN001
    """Remove what no reading keeps: code (scripts, styles), navigation, footers, asides,
    form controls and embedded media. Trafilatura deletes these too, but only after
    copying the tree twice; gone first, every reading works on a much smaller tree (a
    fifth less time on news pages). JSON-LD scripts stay, as trafilatura's rescue reads
    them; forms stay, as some sites wrap the whole page in one."""
    for element in list(tree.iter(*_NOISE)):
        if element.tag != "script" or (element.get("type") or "").lower() != "application/ld+json":
            element.drop_tree()
    for element in tree.xpath(_MAYBE_HIDDEN):
        if _hidden(element):
            element.drop_tree()


# Elements that may be hidden or pop-ups; `_hidden` decides.
_MAYBE_HIDDEN = "//body//*[@hidden or @aria-hidden or @style or @class or @id]"
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CLASS_WORDS = re.compile(r"[\s_-]+")


def _hidden(element) -> bool:  # noqa: ANN001
    """A pop-up (link preview, tooltip) or an element the page hides: not read."""
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return element.tag not in ("html", "body", "main", "article")
    if _DISPLAY_NONE.search(element.get("style") or ""):
        return True
    for names in (element.get("class"), element.get("id")):
        words = set(_CLASS_WORDS.split((names or "").lower().strip())) - {""}
        popup, part = _popup_words()
        if words & popup and (not words - popup or words & part):
            return True
    return False


@cache
def _popup_words() -> tuple[frozenset[str], frozenset[str]]:
    """The words that name a pop-up, and those that name the card rather than its opener."""
    rows = [line.split("\t") for line in lines("popup_classes.tsv")]
    return (frozenset(w for w, kind in rows if kind == "popup"),
            frozenset(w for w, kind in rows if kind == "part"))  # fmt: skip


_NOISE = ("script", "style", "noscript", "svg", "iframe", "nav", "aside", "footer", "menu",
          "button", "select", "option", "input", "textarea", "label", "object", "embed",
          "canvas", "video", "audio", "map", "picture")  # fmt: skip


def _trafilatura_blocks(tree, url: str | None) -> list[str]:  # noqa: ANN001
    """Trafilatura's main text, one string per block, from the tree (which it prunes).

    Calls `trafilatura_sequence`, the extraction cascade under `bare_extraction`, in
    fast mode (no readability/jusText comparison: our own second opinion replaces
    it), which spares the tree copy and the whole-text rendering `bare_extraction`
    adds. It is internal to trafilatura, hence the exact version pin.
    """
    from trafilatura.core import trafilatura_sequence
    from trafilatura.settings import Extractor
    from trafilatura.xml import xmltotxt

    global _OPTIONS
    if _OPTIONS is None:  # building one reads the config: once is enough
        _OPTIONS = Extractor(output_format="python", fast=True, comments=False, tables=True)
    options = copy(_OPTIONS)
    options.url = options.source = url
    body, text, _, _ = trafilatura_sequence(tree, options, url)
    if body is None or not text:
        return []
    blocks: list[str] = []
    for element in _unboxed(body):
        lines = xmltotxt(element, False).split("\n")
        if element.tag == "list":
            lines = [_LIST_MARK.sub("", line, count=1) for line in lines]
        blocks.extend(clean for line in lines if (clean := " ".join(line.split())))
    return blocks


_PARAGRAPH_LIKE = ("p", "head", "list", "quote", "table")


def _unboxed(body) -> Iterator:  # noqa: ANN001 - trafilatura's XML elements
    """The elements of trafilatura's output, with a table used for layout opened up: a
    table whose cells hold paragraphs is the page's grid, not data, and each paragraph in
    it is a block (rendered as a table, the whole page became one line of cells)."""
    for element in body:
        cells = element.findall("row/cell") if element.tag == "table" else []
        if any(child.tag in _PARAGRAPH_LIKE for cell in cells for child in cell):
            for cell in cells:
                yield from _unboxed(cell)
        else:
            yield element


_LIST_MARK = re.compile(r"^\s*(?:[-*•]|\d{1,3}[.)])\s+")


def _container_blocks(tree) -> tuple[list[str], bool]:  # noqa: ANN001
    """The blocks of the page's main container, found the way readability finds it, and
    whether the article was found split over several containers.

    Paragraphs of 25 characters or more score their parent (and half for the
    grandparent) by length and commas; class and id names move the score (`article`,
    `content` up; `comment`, `related`, `sidebar` down); links scale it down. The
    best container and its siblings that score near it are the article, and so are
    containers elsewhere of the same tag and class that score near it: an article
    cut into chunks by ads or layout. This is readability's candidate scoring
    without its tree rewriting, so the tree is only read, never copied or changed.
    """
    scores: dict = {}
    for paragraph in tree.iter("p", "pre", "td"):
        parent = paragraph.getparent()
        if parent is None:
            continue
        text = " ".join(paragraph.text_content().split())
        if len(text) < 25:
            continue
        grandparent = parent.getparent()
        for node in (parent, grandparent):
            if node is not None and node not in scores:
                scores[node] = _class_weight(node) + _TAG_SCORES.get(str(node.tag).lower(), 0)
        score = 2 + text.count(",") + min(len(text) / 100, 3)  # readability: 1 + comma parts
        scores[parent] += score
        if grandparent is not None:
            scores[grandparent] += score / 2
    if not scores:
        return [], False
    top = sorted(scores, key=scores.__getitem__, reverse=True)[:8]
    final = {node: scores[node] * (1 - _link_density(node)) for node in top}
    best = max(final, key=final.__getitem__)
    threshold = max(10, final[best] * 0.2)
    parent = best.getparent()
    chosen = [
        sibling
        for sibling in (list(parent) if parent is not None else [best])
        if sibling is best or final.get(sibling, 0) >= threshold or _prose(sibling)
    ]
    kind = (best.tag, best.get("class"))
    twins = [
        node
        for node, score in scores.items()
        if kind[1] and (node.tag, node.get("class")) == kind and score >= threshold
        and node not in chosen and not any(a in chosen for a in node.iterancestors())
    ]  # fmt: skip
    if twins:
        place = {element: n for n, element in enumerate(tree.iter())}
        chosen = sorted(chosen + twins, key=place.__getitem__)
    return [block for element in chosen for block in block_texts(element)], bool(twins)


def _class_weight(element) -> int:  # noqa: ANN001
    from trafilatura.readability_lxml import REGEXES

    weight = 0
    for name in (element.get("class"), element.get("id")):
        if name:
            weight -= 25 if REGEXES["negativeRe"].search(name) else 0
            weight += 25 if REGEXES["positiveRe"].search(name) else 0
    return weight


def _text_length(element) -> int:  # noqa: ANN001
    return len(" ".join(element.text_content().split()))


def _link_density(element) -> float:  # noqa: ANN001
    total = _text_length(element) or 1
    return sum(_text_length(link) for link in element.iter("a")) / total


def _prose(element) -> bool:  # noqa: ANN001
    """A sibling paragraph of the best container that reads as article text."""
    if element.tag != "p":
        return False
    text = element.text or ""
    density = _link_density(element)
    return (len(text) > 80 and density < 0.25) or (
        len(text) <= 80 and density == 0 and bool(_SENTENCE_GAP.search(text))
    )


_TAG_SCORES = {
    **dict.fromkeys(("div", "article"), 5),
    **dict.fromkeys(("pre", "td", "blockquote"), 3),
    **dict.fromkeys(("address", "ol", "ul", "dl", "dd", "dt", "li", "form", "aside"), -3),
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6", "th", "header", "footer", "nav"), -5),
}
_SENTENCE_GAP = re.compile(r"\.( |$)")


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
        if parts:
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


# --- furniture the page itself gives away ------------------------------------------------

_LABEL = re.compile(r"^\s*([\w’'. -]{1,30}):\s+(.+)$")
_LIST_SEPARATORS = re.compile(r"\s*[,|•·;]\s*")


def _site_link_texts(tree, url: str | None) -> set[str]:  # noqa: ANN001
    """The words of links (three words or more) to other pages of the same site: a
    block that is nothing but one of them is a teaser for another article."""
    host = host_of(url) or ""
    texts = set()
    for link in tree.iter("a"):
        text = link.text_content()
        if text.count(" ") < 2 or "://" in text or "www." in text:
            continue  # short, or a bare address (a citation, not a teaser)
        target = _link_host(link.get("href") or "")
        if target is None or target and not (host and _same_site(target, host)):
            continue  # no target, or a link elsewhere (a source, a product): maybe content
        words = _words(text)
        if words.count(" ") >= 2:
            texts.add(words)
    return texts


def _link_host(href: str) -> str | None:
    """The host a link points to: "" for a link within the site, None for no page."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
        return None
    if href.startswith("//"):
        rest = href[2:]
    elif "://" in href[:12]:
        rest = href.split("://", 1)[1]
    else:
        return ""
    host = rest.split("/", 1)[0].split("?", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    return host.lower().removeprefix("www.")


def _same_site(host: str, other: str) -> bool:
    return host == other or host.endswith("." + other) or other.endswith("." + host)


def _only_links(block: str, teasers: set[str]) -> bool:
    """True when a block is nothing but links to other articles of the site, with at most
    labels beside them: words in capitals or in brackets ("China furious at Macron
    [INSIGHT] | Lakers vs Nets: NBA make final decision [VIDEO]")."""
    rest = f" {_words(block)} "
    found = 0
    for teaser in sorted(teasers, key=len, reverse=True):
        if f" {teaser} " in rest:
            rest = rest.replace(f" {teaser} ", " | ")
            found += 1
    labels = {w.lower() for w in _WORD.findall(" ".join(_BRACKETED.findall(block)))}
    labels |= {w.lower() for w in _WORD.findall(block) if w.isupper() and len(w) > 1}
    return found >= 1 and all(w in labels for w in rest.split() if w != "|")


_BRACKETED = re.compile(r"[\[(][^\])]{0,40}[\])]")


def _furniture_reason(block: str, teasers: set[str], page: Page) -> str | None:
    """Why a block of the main text is page furniture, or None when it is not."""
    if teasers and len(block) < 300:
        label = _LABEL.match(block)
        if _words(block) in teasers or (
            label and len(label.group(1).split()) <= 3 and _words(label.group(2)) in teasers
        ):
            return "a link to another article of the site"
    if teasers and len(block) < 1000 and _only_links(block, teasers):
        return "links to other articles of the site"
    if (page.sections or page.keywords) and len(block) < 1000:
        parts = [p.lower() for p in _LIST_SEPARATORS.split(block.strip(" .")) if p]
        if len(parts) >= 3:
            tags = {s.lower() for s in page.sections + page.keywords}
            if sum(p in tags for p in parts) >= 0.8 * len(parts):
                return "the page's list of tags"
    return None


# --- combining two readings ----------------------------------------------------------

_WORD = re.compile(r"\w+")
AGREEMENT = 0.7  # share of trafilatura's text the second reading must have to be trusted
SUPPORTED = 0.5  # share of a block's word triples found in the second reading
CONTAINED = 0.95  # share of the second reading's word triples within trafilatura's
CONTAINED_WORDS = 150  # words the second reading needs to be trusted that way
LONG_LEAD = 20  # words: a leading block this long is kept unless it repeats title/summary


def _words(text: str) -> str:
    """Text reduced to its lowercased words, one space apart."""
    return " ".join(_WORD.findall(text.lower()))


def _grams(words: str) -> set[tuple[str, ...]]:
    """Word triples of text already reduced by `_words`."""
    words = words.split()
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return set(zip(words, words[1:], words[2:], strict=False))


def _share(grams: set, other: set) -> float:
    return sum(1 for g in grams if g in other) / len(grams) if grams else 1.0


def combine(main: list[str], second: list[str], page: Page | None = None) -> list[str]:
    """Trafilatura's blocks, without the leading and trailing blocks that the second
    reading (when it agrees on the article) does not have."""
    start, end = article_bounds(main, second, page)
    return main[start:end]


def article_bounds(main: list[str], second: list[str], page: Page | None) -> tuple[int, int]:
    """Where the article starts and ends among the main reading's blocks (see `combine`)."""
    if not main or not second:
        return 0, len(main)
    second_text = _words(" ".join(second))
    second_grams: set = set()

    def supported(index: int) -> bool:
        words = _words(main[index])
        if words in second_text:  # the usual case, and cheap
            return True
        if not second_grams:
            second_grams.update(_grams(second_text))
        return _share(_grams(words), second_grams) >= SUPPORTED

    if supported(0) and supported(len(main) - 1):  # nothing to trim
        return 0, len(main)
    if not _agree(main, second_text, second_grams):
        return 0, len(main)
    start = 0
    while start < len(main) and not supported(start) and _furniture_lead(main[start], page):
        start += 1
    end = len(main)
    while end > start and not supported(end - 1):
        end -= 1
    return start, end


def _agree(main: list[str], second_text: str, second_grams: set) -> bool:
    """True when the two readings found the same article: most of trafilatura's text is
    in the second reading, or the second reading (of some length) lies whole within
    trafilatura's, which ran on past it into teasers and link lists."""
    main_grams = _grams(_words(" ".join(main)))
    if _share(main_grams, second_grams) >= AGREEMENT:
        return True
    return second_text.count(" ") >= CONTAINED_WORDS and (
        _share(second_grams, main_grams) >= CONTAINED
    )


def _contains(whole: list[str], part: list[str]) -> bool:
    """True when `part` lies within `whole` and `whole` is much longer."""
    if not part or not whole:
        return False
    part_words, whole_words = _words(" ".join(part)), _words(" ".join(whole))
    return whole_words.count(" ") >= 1.5 * part_words.count(" ") and (
        _share(_grams(part_words), _grams(whole_words)) >= 0.9
    )


def _furniture_lead(block: str, page: Page | None) -> bool:
    """A leading block the second reading left out: short, or a copy of the headline or
    the summary."""
    if len(_WORD.findall(block)) < LONG_LEAD:
        return True
    grams = _grams(_words(block))
    return page is not None and any(
        known and _share(grams, _grams(_words(known))) >= 0.8
        for known in (page.title, page.description)
    )


# --- metadata ------------------------------------------------------------------------

_LANG = re.compile(r"^[a-z]{2,3}(?=$|[-_])", re.IGNORECASE)


def _metadata(tree, url: str | None) -> Page:  # noqa: ANN001
    """The page's metadata (`read.metadata`), with trafilatura's reader as the fallback
    for what the page's own tags leave empty, and htmldate for the date."""
    meta = read_metadata(tree, url, lambda: _trafilatura_metadata(tree))
    date = meta.published or _htmldate(tree, meta.url or url) or published_line(tree)
    return Page(
        title=meta.title, author=meta.byline, authors=meta.authors, date=date,
        published_time=meta.published_time if meta.published == date else None,
        sitename=meta.outlet, url=meta.url, language=_language(tree),
        description=meta.description, sections=meta.sections, keywords=meta.keywords,
        image=meta.image,
    )  # fmt: skip


def _trafilatura_metadata(tree) -> Fallback:  # noqa: ANN001
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url

    found = examine_meta(tree)
    if found.author and " " not in found.author:  # a handle, not a name (as trafilatura does)
        found.author = None
    with suppress(Exception):  # malformed JSON-LD is common and never fatal
        found = extract_meta_json(tree, found)
    found.title = found.title or extract_title(tree)
    found.url = found.url or extract_url(tree, None)
    found.clean_and_trim()
    return Fallback(title=found.title, author=found.author, sitename=found.sitename,
                    image=found.image, description=found.description, url=found.url,
                    tags=list(found.tags or []),
                    categories=list(found.categories or []))  # fmt: skip


def _htmldate(tree, url: str | None) -> str | None:  # noqa: ANN001
    """htmldate's quick reading of the page. Not its extensive search, which trafilatura
    uses: on a page without a date it takes one from the text ("© 2021" → 2021-01-01)."""
    from htmldate import find_date

    try:
        return find_date(tree, extensive_search=False, original_date=True, url=url)
    except Exception:  # noqa: BLE001 - a date that cannot be found is no error
        return None


def _meta_values(tree, name: str) -> list[str]:  # noqa: ANN001
    return [
        value.strip()
        for element in tree.iterfind(f".//head/meta[@property='{name}']")
        if (value := element.get("content", "")).strip()
    ]


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


# --- documents -----------------------------------------------------------------------


def read_page(raw: bytes, url: str | None = None, content_type: str | None = None,
              seconds: float | None = None) -> Page:  # fmt: skip
    """Decode and extract one page within the per-document time limit."""
    with time_limit(seconds_limit() if seconds is None else seconds):
        text, encoding, notes = decode_html(raw, content_type)
        page = _extract(text, url)
    page.notes[:0] = notes
    page.encoding = encoding
    return page


def pending_page(raw: bytes, source: Source, date: str | None, url: str | None = None,
                 content_type: str | None = None,
                 fallback_date: str | None = None) -> Document:  # fmt: skip
    """A page's document before it is read: the pipeline's `read` step reads it (in
    whichever process or machine runs the pipeline), with `fill_page`.

    `date` is the publication date given by the user (`--date`), used when the page
    has none; `fallback_date` (a crawl date) is used after both.
    """
    meta = ReaderMeta(date=date, url=url, content_type=content_type, fallback_date=fallback_date)
    return Document(raw=raw, source=source, meta=meta)


def fill_page(doc: Document) -> None:
    """Read a pending page: its text and metadata onto `doc.meta`, its charset, URL and
    outlet onto its source. A page that cannot be read raises InputError saying why."""
    meta, source = doc.meta, doc.source
    page = _read_or_explain(doc.raw, meta.url or source.url, meta.content_type)
    if not page.paragraphs:
        limits = [note for note in page.notes if note in (_TOO_DEEP, _TOO_BIG)]
        raise InputError(limits[0] if limits else "no article text found in the HTML page")
    source.url = meta.url or source.url or page.url
    source.outlet = source.outlet or page.sitename
    source.encoding = page.encoding
    source.canonical_url = page.url or None
    doc.meta = ReaderMeta(
        original=doc.raw.decode(page.encoding or "utf-8", errors="replace"),
        text=page.text,
        title=page.title or None,
        date=page.date or meta.date or meta.fallback_date,
        byline=page.author or None,
        authors=page.authors,
        published_time=page.published_time,
        image=page.image,
        keywords=page.keywords,
        sections=page.sections,
        outlet=source.outlet or None,
        url=source.url or None,
        canonical_url=page.url or None,
        language=page.language or None,
        description=page.description or None,
        furniture=list(page.furniture),
        date_is_default=not page.date,  # --date or the crawl date: a date line may beat it
    )
    doc.record.published = doc.meta.date
    doc.record.errors.extend(
        f"read: {note}" for note in page.notes if "U+FFFD" in note or note in (_TOO_DEEP, _TOO_BIG)
    )


def _read_or_explain(raw: bytes, url: str | None, content_type: str | None) -> Page:
    try:
        return read_page(raw, url, content_type)
    except InputError:  # DeadlineExceeded among them
        raise
    except RecursionError:
        raise InputError("the page is nested too deeply to read") from None
    except MemoryError:
        raise InputError("the page needs too much memory to read") from None
    except Exception as exc:  # noqa: BLE001 - one page never stops the batch
        raise InputError(f"the page could not be read ({one_line(exc)})") from None


def needs_reading(doc: Document) -> bool:
    """A web page (saved, or a WARC record) whose text has not been read yet."""
    return doc.source.format in ("html", "warc") and doc.meta.text is None and not doc.meta.error


def read_html(raw: bytes, source: Source, date: str | None) -> Iterator[Document]:
    source.format = "html"
    try:
        raw = gunzipped(raw)
    except ValueError as exc:
        yield failed_document(raw, source, date, str(exc))
        return
    yield pending_page(raw, source, date)
