"""Typed data of story linking and of the story object (SPEC: Stories)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from tidings.record import Actor

RELATIONS = ("original", "copy", "version", "related")


@dataclass
class LinkedText:
    """What linking reads of a stored article."""

    id: str
    seq: int  # store order: the order articles were stored (and are linked)
    title: str
    body: str
    url: str | None
    canonical_url: str | None
    outlet: str | None
    published: str | None


@dataclass
class Member:
    """One article's place in its story, as stored."""

    article_id: str
    story_id: str
    seq: int
    relation: str
    of_id: str | None = None
    matched_id: str | None = None  # the near-duplicate it was found to copy
    similarity: float | None = None  # containment (copies) or average cosine (related)
    canonical_url: str | None = None  # the page's own, kept to find versions


@dataclass
class StoryRow:
    """A story as stored: what listing needs and what linking keeps up to date."""

    id: str
    title: str = ""
    first_published: str | None = None
    last_published: str | None = None
    original_id: str | None = None
    articles: int = 0
    outlets: int = 0
    tellings: int = 0  # members told in their own words (original, related)
    vectors: int = 0  # tellings whose embeddings are in vector_sum
    vector_sum: np.ndarray | None = None


@dataclass
class StoryArticle:
    id: str
    url: str | None
    outlet: str | None
    published: str | None
    relation: str
    of: str | None
    title: str = ""


@dataclass
class StoryQuote:
    text: str
    kind: str
    speaker: str | None
    articles: list[str]
    outlets: list[str]


@dataclass
class StoryEvent:
    type: str
    mode: str | None
    source: Actor | None
    target: Actor | None
    modality: str
    date: str | None
    location: str | None
    intensity: float
    sentence: str
    articles: list[str]
    outlets: list[str]
    mentions: int  # sentences reporting it, across the story's articles


@dataclass
class ParagraphChange:
    before: str
    after: str


@dataclass
class CopyDiff:
    """What a copy or version cut, added or changed against the article it copies."""

    article: str
    of: str
    relation: str
    title: ParagraphChange | None = None
    cut: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    changed: list[ParagraphChange] = field(default_factory=list)
    repairs: dict[str, int] = field(default_factory=dict)  # damage mended in the copy, by kind


@dataclass
class Story:
    id: str
    title: str
    first_published: str | None
    last_published: str | None
    original: str | None
    fullest: str | None
    outlets: list[str]
    articles: list[StoryArticle]
    events: list[StoryEvent]
    quotes: list[StoryQuote]
    diffs: list[CopyDiff]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
