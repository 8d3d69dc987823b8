"""What the store's readers take and return: typed queries, rows and pages.

These are backend-neutral: any store answers them the same way, and the HTTP
API's response models are generated from them (and from `record.py`), so the
record, the store and the API share one definition of every field.

Lists come a page at a time; `next_cursor` is an opaque string to pass back as
`cursor` for the next page, or null on the last page.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from typing import Any

from tidings.errors import UsageError
from tidings.record import Event, Quote


@dataclass
class Span:
    """Characters `start` to `end` of a text (a highlighted search match)."""

    start: int
    end: int


@dataclass
class ArticleRef:
    """Where a quote or an event was found."""

    id: str
    title: str
    published: str | None
    outlet: str | None
    url: str | None


@dataclass
class ArticleHit:
    """An article in a list: with a snippet of its text, search matches highlighted."""

    id: str
    title: str
    published: str | None
    outlet: str | None
    url: str | None
    snippet: str
    highlights: list[Span] = field(default_factory=list)
    title_highlights: list[Span] = field(default_factory=list)


@dataclass
class ArticleQuery:
    """Which articles: full-text `q` (FTS syntax allowed) and filters."""

    q: str | None = None
    outlet: str | None = None
    since: str | None = None  # published on or after (YYYY, YYYY-MM or YYYY-MM-DD)
    until: str | None = None  # published on or before
    actor: str | None = None  # an actor's name, or a country / organisation code
    event_type: str | None = None  # a PLOVER type reported in the article
    story: str | None = None  # a story id
    limit: int = 20
    cursor: str | None = None


@dataclass
class Count:
    value: str
    count: int


@dataclass
class Facets:
    """How the articles matching a query spread over outlets, event types, actors, months."""

    total: int
    outlets: list[Count] = field(default_factory=list)
    event_types: list[Count] = field(default_factory=list)
    actors: list[Count] = field(default_factory=list)
    months: list[Count] = field(default_factory=list)


@dataclass
class QuoteQuery:
    speaker: str | None = None  # the speaker's resolved name, exactly
    actor: str | None = None  # the speaker's country, organisation or role code
    article: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 20
    cursor: str | None = None


@dataclass
class QuoteItem:
    article: ArticleRef
    position: int  # the quote's index in the article's `quotes`
    quote: Quote


@dataclass
class ActorQuery:
    q: str | None = None  # part of the name
    kind: str | None = None  # person, organization, country, group
    code: str | None = None  # country or organisation code
    limit: int = 20
    cursor: str | None = None


@dataclass
class ActorSummary:
    """An actor across the store: one name, kind and codes."""

    name: str
    kind: str | None
    country: str | None
    org: str | None
    role: str | None
    description: str | None
    articles: int
    mentions: int


@dataclass
class EventQuery:
    source: str | None = None  # the source's country or organisation code
    target: str | None = None
    actor: str | None = None  # either side: a name, or a country / organisation code
    event_type: str | None = None
    article: str | None = None
    since: str | None = None  # the event's date (the article's when it has none)
    until: str | None = None
    limit: int = 20
    cursor: str | None = None


@dataclass
class EventItem:
    article: ArticleRef
    position: int  # the event's index in the article's `events`
    date: str | None  # the event's date, or the article's publication date
    event: Event


@dataclass
class DyadPair:
    """A (source, target) pair of actor codes and how many events it has."""

    source: str
    target: str
    events: int
    mean_intensity: float


@dataclass
class StorySummary:
    """A story in a list: the same news across outlets and over time."""

    id: str
    title: str
    first_published: str | None
    last_published: str | None
    original_id: str | None
    articles: int
    outlets: int


@dataclass
class StoryPage:
    items: list[StorySummary]
    next_cursor: str | None = None


@dataclass
class ArticlePage:
    items: list[ArticleHit]
    next_cursor: str | None = None


@dataclass
class QuotePage:
    items: list[QuoteItem]
    next_cursor: str | None = None


@dataclass
class ActorPage:
    items: list[ActorSummary]
    next_cursor: str | None = None


@dataclass
class EventPage:
    items: list[EventItem]
    next_cursor: str | None = None


# --- cursors -------------------------------------------------------------------------


def encode_cursor(kind: str, key: list[Any]) -> str:
    """An opaque cursor: the sort key of the last row given, tagged with the list's kind."""
    raw = json.dumps([kind, key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, kind: str, types: tuple[type, ...]) -> list[Any] | None:
    """The sort key in `cursor`, checked against the list's kind and key types."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        tag, key = json.loads(raw)
    except (ValueError, binascii.Error, TypeError, UnicodeDecodeError):
        raise UsageError("cursor is not one this server gave; start again without it") from None
    if (
        tag != kind
        or not isinstance(key, list)
        or len(key) != len(types)
        or not all(_is(value, kind_) for value, kind_ in zip(key, types, strict=True))
    ):
        raise UsageError("cursor belongs to another list or was altered; start again without it")
    return key


def _is(value: Any, kind: type) -> bool:
    if isinstance(value, bool):
        return False
    if kind is float:
        return isinstance(value, int | float)
    if kind is int:  # positions, row ids and offsets
        return isinstance(value, int) and value >= 0
    return isinstance(value, kind)


def check_limit(limit: int) -> int:
    if limit < 1:
        raise UsageError(f"limit {limit} is not a positive number")
    return limit


def marked_spans(text: str, start_mark: str, end_mark: str) -> tuple[str, list[Span]]:
    """Text with highlight marks taken out, and where the marked stretches were."""
    out: list[str] = []
    spans: list[Span] = []
    length = 0
    opened: int | None = None
    for piece in re.split(f"([{re.escape(start_mark + end_mark)}])", text):
        if piece == start_mark:
            opened = length
        elif piece == end_mark:
            if opened is not None:
                spans.append(Span(opened, length))
            opened = None
        else:
            out.append(piece)
            length += len(piece)
    return "".join(out), spans
