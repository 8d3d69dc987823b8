"""Pipeline steps for reading, layout and repair."""

from __future__ import annotations

import re
from functools import cache

from tidings.authors import authors_from
from tidings.clean.layout import lay_out
from tidings.clean.repair import repair_text, split_fragments, vocabulary_of
from tidings.errors import EmptyDocument
from tidings.pipeline import Document
from tidings.read.decode import decode
from tidings.record import Edit


class DecodeStep:
    """Bytes (or a source's own text) to `original` and the text layout reads."""

    name = "decode"
    requires = frozenset({"raw", "meta"})
    assigns = frozenset({"text", "record.original"})

    def __call__(self, doc: Document) -> None:
        text = doc.meta.text
        if text is None:
            text, encoding, notes = decode(doc.raw)
            doc.record.source.encoding = encoding
            doc.record.errors.extend(f"decode: {note}" for note in notes)
        doc.record.original = text if doc.meta.original is None else doc.meta.original
        doc.text = text


# What layout fills on the record.
_LAID_OUT = frozenset(
    "record." + name
    for name in ("title", "sections", "byline", "authors", "image", "keywords", "dateline",
                 "standfirst", "paragraphs", "published", "published_time", "language", "edits")
)  # fmt: skip


class LayoutStep:
    """Title, sections, byline, dateline, standfirst and body paragraphs."""

    name = "layout"
    requires = frozenset({"text", "meta"})
    assigns = _LAID_OUT

    def __call__(self, doc: Document) -> None:
        meta = doc.meta
        assert doc.text is not None
        layout = lay_out(doc.text, title=meta.title, summary=_summary(doc))
        record = doc.record
        record.language = meta.language
        record.source.canonical_url = meta.canonical_url
        record.edits.extend(
            Edit("boilerplate", block, "", None, f"{reason} (left out by the page reader)")
            for block, reason in meta.furniture
        )
        record.title = layout.title
        given_sections = [s for s in meta.sections if s]
        record.sections = given_sections + [s for s in layout.sections if s not in given_sections]
        record.byline = layout.byline or meta.byline
        record.authors = meta.authors or authors_from([record.byline], [record.source.outlet])
        record.image, record.keywords = meta.image, list(meta.keywords)
        page_date = date_from_line(layout.date_text) if layout.date_text else None
        if page_date and (record.published is None or meta.date_is_default):
            record.published = page_date
        if meta.published_time and meta.published_time[:10] == record.published:
            record.published_time = meta.published_time
        record.dateline = layout.dateline
        record.standfirst = layout.standfirst
        record.paragraphs = layout.paragraphs
        record.edits.extend(layout.edits)
        if not record.paragraphs:
            raise EmptyDocument("no article text found after removing page furniture")


def _summary(doc: Document) -> str | None:
    """For web pages, their own description ("" when they have none): it, not a
    guess from punctuation, decides what a standfirst is. None for text dumps."""
    if doc.source.format in ("html", "warc", "feed"):
        return doc.meta.description or ""
    return None


class RepairStep:
    """Glued words, doubled letters, missing spaces, stray truncation marks."""

    name = "repair"
    requires = frozenset({"record.paragraphs"})
    assigns = frozenset({"record.title", "record.standfirst", "record.paragraphs", "record.edits"})

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
