"""Find the parts of a page dump: title, sections, byline, dateline, standfirst, body.

Works on the text as lines: mojibake fixed first, boilerplate lines removed,
hard-wrapped lines joined into paragraphs (mending words hyphenated across a
break), then the header blocks before the body classified. Every line that
does not reach the record as it was is explained by an edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from wordfreq import zipf_frequency

from tidings.clean.encoding import fix_lines
from tidings.data import lines as data_lines
from tidings.data import patterns
from tidings.record import Dateline, Edit

_SENTENCE_END = re.compile(r"[.!?:;\"”’')\]]$")
_BREADCRUMB_SPLIT = re.compile(r"\s*(?:>|»|›|/|\||•|·)\s*")
_BYLINE = re.compile(
    r"^(?:by|words by|written by)\s+(?P<who>[A-Z][\w.'’-]+(?:[ ,]+(?:and\s+)?[A-Z][\w.'’-]+){0,8})"
    r"(?P<rest>\s*(?:[,|–—-]\s*.{0,80})?)$",
    re.IGNORECASE,
)
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?:[ -][A-Z][A-Z.'’-]+)*"
    r"(?:,\s+[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)*)?)"
    rf"(?:\s*\((?P<agency>[A-Za-z .]+)\))?(?:,?\s+{_MONTHS}\s+\d{{1,2}}(?:,\s+\d{{4}})?)?"
    r"(?:\s*\((?P<agency2>[A-Za-z .]+)\))?"
    r"\s*(?:—|–|--|-)\s*"
)
_DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|posted|last updated)\s*:?\s*)?(?:\w+day,?\s+)?"
    rf"(?:{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}|\d{{4}}-\d\d-\d\d)"
    r"(?:[\s,|at-]+\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\s*$",
    re.IGNORECASE,
)
_STAMP_LINE = re.compile(r"^(?:published|updated|posted|last updated|first published)\b", re.I)
_TRUNCATION_MARK = re.compile(r"(?:\s*(?:/|…|\.\.\.|\[\.\.\.\]))+$")


@dataclass
class Layout:
    title: str = ""
    sections: list[str] = field(default_factory=list)
    byline: str | None = None
    dateline: Dateline | None = None
    standfirst: str | None = None
    date_text: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)


def lay_out(text: str, title: str | None = None, summary: str | None = None) -> Layout:
    """Split a page dump into its parts.

    `title` is given when the source has one; `summary` is the page's own
    description (HTML meta), which then decides what counts as a standfirst.
    """
    out = Layout()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines, out.edits = fix_lines(lines)
    blocks = _drop_boilerplate(_blocks(lines), out.edits)
    blocks = _take_title(blocks, title, out)
    header, body = _split_header(blocks, summary)
    out.paragraphs = _paragraphs(body, out.edits)
    _classify_header(header, out)
    out.paragraphs = _drop_repeats(out.paragraphs, out.edits)
    out.dateline = find_dateline(out.paragraphs[0]) if out.paragraphs else None
    return out


# --- lines and blocks -------------------------------------------------------


def boilerplate_reason(line: str) -> str | None:
    stripped = line.strip()
    if not stripped or len(stripped) > 200:
        return None
    for pattern, reason in patterns("boilerplate.txt"):
        if pattern.fullmatch(stripped):
            return reason
    return None


def _drop_boilerplate(blocks: list[list[str]], edits: list[Edit]) -> list[list[str]]:
    """Remove furniture: whole blocks (a credit line wrapped over lines), then lines;
    a line removed from inside a block splits it."""
    kept: list[list[str]] = []
    for block in blocks:
        reason = boilerplate_reason(" ".join(block)) if len(block) > 1 else None
        if reason:
            edits.append(Edit("boilerplate", "\n".join(block), "", None, reason))
            continue
        current: list[str] = []
        for line in block:
            reason = boilerplate_reason(line)
            if reason is None:
                current.append(line)
                continue
            edits.append(Edit("boilerplate", line, "", None, reason))
            if current:
                kept.append(current)
            current = []
        if current:
            kept.append(current)
    return kept


def _blocks(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines (a removed boilerplate line counts as blank)."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _take_title(blocks: list[list[str]], title: str | None, out: Layout) -> list[list[str]]:
    if title is not None:
        out.title = title.strip()
        if blocks and _same(blocks[0][0], out.title):
            out.edits.append(
                Edit("duplicate", blocks[0][0], "", None, "title repeated in the text")
            )
            blocks[0] = blocks[0][1:]
        return [b for b in blocks if b]
    if not blocks:
        return blocks
    rest = [b for b in [blocks[0][1:], *blocks[1:]] if b]
    if not rest:  # one line and nothing else ("a sentence to code"): it is the text, no title
        return blocks
    if _reads_as_lead(blocks[0][0]):  # a body without its headline: no title, all text
        return blocks
    out.title = blocks[0][0]
    return rest


def _reads_as_lead(line: str) -> bool:
    """A long line that ends as a sentence ends is a lead paragraph, never a headline."""
    return len(line.split()) >= _lead_min_words() and line.rstrip()[-1:] in '.!?"”’'


@cache
def _lead_min_words() -> int:
    settings = dict(line.split() for line in data_lines("title.txt"))
    return int(settings["lead_min_words"])


def _same(a: str, b: str) -> bool:
    return _squash(a) == _squash(b)


@lru_cache(maxsize=4096)
def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).lower()


# --- header ------------------------------------------------------------------


def _split_header(
    blocks: list[list[str]], summary: str | None
) -> tuple[list[str], list[list[str]]]:
    """Header lines (sections, byline, date, standfirst) before the body blocks."""
    header: list[str] = []
    index, standfirst_seen = 0, False
    while index < len(blocks) - 1 and len(header) < 8:
        block = blocks[index]
        if all(_is_meta_line(line) for line in block):
            header.extend(block)
        elif (
            not standfirst_seen
            and len(block) == 1
            and _could_be_standfirst(blocks[index:], summary)
        ):
            header.append(block[0])
            standfirst_seen = True
        else:
            break
        index += 1
    return header, blocks[index:]


def _is_meta_line(line: str) -> bool:
    return bool(section_labels(line) or _BYLINE.match(line) or _is_date_line(line))


def _is_date_line(line: str) -> bool:
    if _DATE_LINE.match(line):
        return True
    return len(line) <= 80 and bool(_STAMP_LINE.match(line)) and bool(re.search(r"\d", line))


def _could_be_standfirst(body: list[list[str]], summary: str | None = None) -> bool:
    """A short block before the body that repeats it, is cut off, or precedes a
    byline or a wire dateline. In a text dump (no `summary` given), a block with
    no final punctuation is taken for one too."""
    first = body[0][0]
    if len(first) > 400:
        return False
    rest = [" ".join(b) for b in body[1:]]
    if repeats_body(first, rest):
        return True
    # A web page's own description is often its first paragraph, so it proves
    # nothing; only a text dump's unpunctuated block is taken for a standfirst.
    if summary is None and not _SENTENCE_END.search(first):
        return True
    if _TRUNCATION_MARK.search(first):
        return True
    starts_body = bool(rest) and find_dateline(rest[0]) is not None
    byline_after = len(body) > 1 and all(_is_meta_line(line) for line in body[1])
    return starts_body or byline_after


def _classify_header(header: list[str], out: Layout) -> None:
    for line in header:
        labels = section_labels(line)
        byline = _BYLINE.match(line)
        if labels:
            out.sections.extend(x for x in labels if x not in out.sections)
            out.edits.append(
                Edit("section_line", line, "", None, "section labels moved to `sections`")
            )
        elif byline:
            out.byline = out.byline or byline.group("who").strip(" ,")
            out.edits.append(Edit("byline", line, "", None, "byline moved to `byline`"))
        elif _is_date_line(line):
            out.date_text = out.date_text or line
            out.edits.append(Edit("date_line", line, "", None, "publication date line"))
        else:
            _take_standfirst(line, out)


def _take_standfirst(line: str, out: Layout) -> None:
    if repeats_body(line, out.paragraphs):
        out.edits.append(
            Edit("duplicate", line, "", None, "standfirst only repeats the body (truncated)")
        )
        return
    trimmed = _TRUNCATION_MARK.sub("", line)
    if trimmed != line:
        out.edits.append(Edit("truncation", line, trimmed, None, "truncation mark removed"))
    out.standfirst = trimmed if out.standfirst is None else f"{out.standfirst} {trimmed}"


@cache
def _section_vocabulary() -> dict[str, str]:
    return {label.lower(): label for label in data_lines("sections.txt")}


def section_labels(line: str) -> list[str]:
    """The labels of a section or breadcrumb line, or [] when the line is not one."""
    line = line.strip()
    if not line or len(line) > 120 or _SENTENCE_END.search(line) and not line.endswith("."):
        return []
    parts = [p for p in _BREADCRUMB_SPLIT.split(line) if p]
    if len(parts) > 1 and all(_short_title(p) for p in parts):
        return parts
    return _segment_labels(line.split())


def _short_title(part: str) -> bool:
    words = part.split()
    return 0 < len(words) <= 4 and all(w[0].isupper() or w in {"&", "and", "of"} for w in words)


def _segment_labels(words: list[str]) -> list[str]:
    """Cover the words with known labels, longest first; [] when some word is not covered."""
    vocabulary = _section_vocabulary()
    labels, index = [], 0
    while index < len(words):
        for size in (3, 2, 1):
            candidate = " ".join(words[index : index + size])
            if size <= len(words) - index and candidate.lower() in vocabulary:
                labels.append(candidate)
                index += size
                break
        else:
            return []
    return labels


# --- body ----------------------------------------------------------------------


def _paragraphs(blocks: list[list[str]], edits: list[Edit]) -> list[str]:
    width = _wrap_width(blocks)
    paragraphs: list[str] = []
    for block in blocks:
        for group in _split_block(block, width):
            paragraphs.append(_join(group, len(paragraphs), edits))
    return paragraphs


def _wrap_width(blocks: list[list[str]]) -> int | None:
    """The column text was hard-wrapped at, or None when lines are not wrapped.

    Wrapped lines end near one width; lists, tables and one-sentence lines vary.
    """
    lengths = sorted(len(line) for block in blocks for line in block[:-1])
    if len(lengths) < 2:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    near = sum(1 for n in lengths if n >= width * 0.7)
    if not 45 <= width <= 110 or near < len(lengths) * 0.6:
        return None
    return width


def _split_block(block: list[str], width: int | None) -> list[list[str]]:
    """Group a block's lines into paragraphs: wrapped lines stay together."""
    groups: list[list[str]] = [[block[0]]]
    for previous, line in zip(block, block[1:], strict=False):
        if _continues(previous, line, width):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _continues(previous: str, line: str, width: int | None) -> bool:
    """Whether `line` goes on the paragraph that `previous` is part of."""
    if width is None:  # not hard-wrapped: a line is a paragraph, unless cut mid-word
        return bool(re.search(r"[a-z]-$", previous)) and line[:1].islower()
    if line[:1].islower() or previous.endswith("-"):
        return True
    if len(previous) < width * 0.6:  # a wrapped line runs to the margin; a short one ends
        return False
    if len(previous) >= width * 0.8:
        return True
    return not _SENTENCE_END.search(previous)


def _join(lines: list[str], paragraph: int, edits: list[Edit]) -> str:
    if len(lines) == 1:
        return lines[0]
    text = lines[0]
    for line in lines[1:]:
        text = _join_pair(text, line, paragraph, edits)
    edits.append(
        Edit(
            "line_wrap",
            "\n".join(lines),
            text,
            paragraph,
            f"{len(lines)} hard-wrapped lines joined into one paragraph",
        )
    )
    return text


def _join_pair(text: str, line: str, paragraph: int, edits: list[Edit]) -> str:
    match = re.search(r"(\w+)-$", text)
    if match:
        head, tail = match.group(1), re.match(r"\w+", line)
        if tail and mend_hyphen(head, tail.group(0)):
            joined = head + tail.group(0)
            edits.append(
                Edit(
                    "hyphenation",
                    f"{head}-\n{tail.group(0)}",
                    joined,
                    paragraph,
                    "word hyphenated across a line break mended",
                )
            )
            return text[:-1] + line
        return text + line
    return f"{text} {line}"


def mend_hyphen(head: str, tail: str) -> bool:
    """True when `head-` + `tail` was one word broken at the line end."""
    if not head.isalpha() or not tail.isalpha():
        return False
    joined = f"{head}{tail}".lower()
    joined_freq = zipf_frequency(joined, "en")
    return joined_freq >= 2.5 and joined_freq > zipf_frequency(f"{head}-{tail}".lower(), "en")


def _drop_repeats(paragraphs: list[str], edits: list[Edit]) -> list[str]:
    kept: list[str] = []
    for paragraph in paragraphs:
        key = _squash(paragraph)
        # only a paragraph repeated right after itself is a scraper's double; a
        # repeat further on (a pull quote, an interview's refrain) is the author's
        if kept and key == _squash(kept[-1]) and len(key) > 40:
            edits.append(Edit("duplicate", paragraph, "", len(kept) - 1, "paragraph repeated"))
            continue
        kept.append(paragraph)
    return kept


def repeats_body(candidate: str, paragraphs: list[str]) -> bool:
    """True when `candidate` is (a possibly truncated copy of) the start of a body paragraph.

    Compared without spaces and punctuation, so that glued words and a cut-off
    end do not hide the repeat.
    """
    key = _squash(_TRUNCATION_MARK.sub("", candidate))
    if len(key) < 30:
        return False
    return any(_squash(p).startswith(key) or key in _squash(p) for p in paragraphs)


def find_dateline(paragraph: str) -> Dateline | None:
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    place = match.group("place").strip()
    if place.split(",")[0].upper() != place.split(",")[0] or len(place.split(",")[0]) < 3:
        return None
    return Dateline(place=place, text=match.group(0).strip())
