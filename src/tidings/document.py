"""What travels between steps: a `Document` with typed fields, never loose dicts.

A reader hands the pipeline the bytes, their `Source` and a `ReaderMeta` (what
the input itself says about the article: its text when the reader extracted it,
title, date, byline…). Each step then fills typed fields: `text` (decode),
the record's fields (layout, repair, and the understanding steps), `parsed`
(the spaCy docs) and `actor_index` (actors). Only `raw`, `source` and `meta`
cross a process or machine boundary; only the record comes back.

Step contracts (`requires`/`assigns`) name these fields: a field of `Document`
(`"text"`, `"parsed"`) or of its record (`"record.paragraphs"`). `Pipeline`
refuses names that are not real fields (see `contract_fields`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from tidings.record import Article, Source, record_id

if TYPE_CHECKING:
    from tidings.actors.index import ActorIndex


@dataclass
class ReaderMeta:
    """What a reader knows about one document besides its bytes."""

    text: str | None = None  # the article text the reader extracted (None: decode `raw`)
    original: str | None = None  # the input as the user gave it, when not `text` itself
    title: str | None = None
    date: str | None = None
    date_is_default: bool = False  # `date` is --date or a crawl date: a page's date line wins
    byline: str | None = None  # the author as the input writes it
    authors: list[str] = field(default_factory=list)  # the people who wrote it
    published_time: str | None = None  # ISO 8601 date-time of `date`, with its offset
    image: str | None = None  # the lead image's URL
    keywords: list[str] = field(default_factory=list)  # the page's tags, apart from sections
    sections: list[str] = field(default_factory=list)
    outlet: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    description: str | None = None  # a web page's own summary ("" when it has none)
    furniture: list[tuple[str, str]] = field(default_factory=list)  # (block, why left out)
    error: str | None = None  # why the document could not be read
    feed_link: str | None = None  # a feed item with only a link: the page it waits for
    # What the extract step needs to read a web page in a worker:
    content_type: str | None = None  # the HTTP Content-Type of a WARC record
    fallback_date: str | None = None  # a date of last resort (a WARC record's crawl date)


@dataclass
class Document:
    """A document on its way through the pipeline: the record plus typed step results."""

    raw: bytes
    source: Source
    meta: ReaderMeta = field(default_factory=ReaderMeta)
    article: Article | None = None
    text: str | None = None  # decode: the text layout reads
    parsed: list[Any] | None = None  # nlp: one spaCy Doc per paragraph
    actor_index: ActorIndex | None = None  # actors: which actor a span refers to
    failed_parts: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.article is None:
            self.article = Article(id=record_id(self.raw), source=self.source, original="")
            self.article.published = self.meta.date
            if self.meta.error:
                self.article.errors.append(self.meta.error)
                self.failed_parts.add("raw")  # unreadable: every step after reading is skipped

    @property
    def failed(self) -> bool:
        """True when no article text came out of this document."""
        return bool({"raw", "text"} & self.failed_parts) or not self.record.paragraphs

    @classmethod
    def unreadable(cls, raw: bytes, source: Source, date: str | None, error: str) -> Document:
        """A document that could not be read: recorded with its error, nothing else."""
        return cls(raw=raw, source=source, meta=ReaderMeta(date=date, error=f"read: {error}"))

    @property
    def record(self) -> Article:
        assert self.article is not None
        return self.article


RECORD_PREFIX = "record."
# Document fields that are bookkeeping, never a step's input or output.
_NOT_CONTRACT = frozenset({"article", "failed_parts"})


def contract_fields() -> frozenset[str]:
    """Every name a step may require or assign: Document fields and `record.<field>`."""
    own = {f.name for f in fields(Document)} - _NOT_CONTRACT
    return frozenset(own | {RECORD_PREFIX + f.name for f in fields(Article)})


def unassigned(doc: Document, names: frozenset[str]) -> list[str]:
    """Document fields among `names` that are still empty (None) on `doc`."""
    return sorted(
        n for n in names if not n.startswith(RECORD_PREFIX) and getattr(doc, n, None) is None
    )
