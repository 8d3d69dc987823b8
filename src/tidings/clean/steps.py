"""Pipeline steps for reading, layout and repair."""

from __future__ import annotations

import re
from functools import cache

from tidings.clean.layout import lay_out
from tidings.clean.repair import repair_text, split_fragments, vocabulary_of
from tidings.pipeline import Document
from tidings.read.decode import decode
from tidings.record import Edit


class DecodeStep:
    """Bytes (or a source's own text) to `original`."""

    name = "decode"
    requires = frozenset({"raw"})
    assigns = frozenset({"text"})

    def __call__(self, doc: Document) -> None:
        text = doc.meta.get("text")
        if text is None:
            text, encoding, notes = decode(doc.raw)
            doc.record.source.encoding = encoding
            doc.record.errors.extend(f"decode: {note}" for note in notes)
        doc.record.original = doc.meta.get("original", text)
        doc.scratch["text"] = text


class LayoutStep:
    """Title, sections, byline, dateline, standfirst and body paragraphs."""

    name = "layout"
    requires = frozenset({"text"})
    assigns = frozenset({"layout"})

    def __call__(self, doc: Document) -> None:
        meta = doc.meta
        layout = lay_out(doc.scratch["text"], title=meta.get("title"), summary=_summary(doc))
        record = doc.record
        record.language = meta.get("language")
        record.source.canonical_url = meta.get("canonical_url")
        record.edits.extend(
            Edit("boilerplate", block, "", None, f"{reason} (left out by the page reader)")
            for block, reason in meta.get("furniture") or []
        )
        record.title = layout.title
        given_sections = [s for s in doc.meta.get("sections") or [] if s]
        record.sections = given_sections + [s for s in layout.sections if s not in given_sections]
        record.byline = layout.byline or doc.meta.get("byline")
        page_date = date_from_line(layout.date_text) if layout.date_text else None
        if page_date and (record.published is None or doc.meta.get("date_is_default")):
            record.published = page_date
        record.dateline = layout.dateline
        record.standfirst = layout.standfirst
        record.paragraphs = layout.paragraphs
        record.edits.extend(layout.edits)
        if not record.paragraphs:
            raise ValueError("no article text found after removing page furniture")


def _summary(doc: Document) -> str | None:
    """For web pages, their own description ("" when they have none): it, not a
    guess from punctuation, decides what a standfirst is. None for text dumps."""
    if doc.source.format in ("html", "warc", "feed"):
        return doc.meta.get("description") or ""
    return None


class RepairStep:
    """Glued words, doubled letters, missing spaces, stray truncation marks."""

    name = "repair"
    requires = frozenset({"layout"})
    assigns = frozenset({"paragraphs"})

    def __call__(self, doc: Document) -> None:
        record = doc.record
        texts = [record.title, record.standfirst or "", *record.paragraphs]
        vocabulary = vocabulary_of(texts)
        fragments = split_fragments(vocabulary)

        def repair(text: str, paragraph: int | None, where: str = "") -> str:
            repaired, edits = repair_text(text, paragraph, vocabulary, where, fragments)
            record.edits.extend(edits)
            return repaired

        record.title = repair(record.title, None, " (in the title)")
        if record.standfirst:
            record.standfirst = repair(record.standfirst, None, " (in the standfirst)")
        record.paragraphs = [repair(p, index) for index, p in enumerate(record.paragraphs)]


_STAMP = re.compile(r"^(?:published|updated|posted|last updated|first published)\s*:?\s*", re.I)


def date_from_line(line: str) -> str | None:
    """The ISO date of a page's date line ("Updated 4:12 PM EAT, June 12, 2025")."""
    parsed = _dateparser().parse(
        _STAMP.sub("", line),
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date().isoformat() if parsed else None


@cache
def _dateparser():  # imported on first use: it is slow to import
    import dateparser

    return dateparser
