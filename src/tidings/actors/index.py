"""The actor index: which actor a span of a paragraph refers to.

Placeholder shape of the contract; the resolution itself is built in this package.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tidings.record import Actor, Entity


@dataclass
class ActorIndex:
    """Actors of one article and the spans that mention them."""

    actors: list[Actor] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    # (paragraph, start, end, actor id) for every resolved mention, pronouns included
    mentions: list[tuple[int, int, int, str]] = field(default_factory=list)

    def by_id(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def actor_for_span(self, paragraph: int, start: int, end: int) -> Actor | None:
        """The actor whose mention overlaps [start, end) in `paragraph`, preferring the
        tightest mention; None when the span mentions no known actor."""
        best: tuple[int, str] | None = None
        for p, s, e, actor_id in self.mentions:
            if p == paragraph and s < end and start < e:
                size = e - s
                if best is None or size < best[0]:
                    best = (size, actor_id)
        return self.by_id(best[1]) if best else None

    def actor_for_token(self, paragraph: int, token: Any) -> Actor | None:
        return self.actor_for_span(paragraph, token.idx, token.idx + len(token.text))


def resolve_actors(paragraphs: Sequence[str], docs: Sequence[Any]) -> ActorIndex:
    """Entities and actors of an article (placeholder: entities only, no actors yet)."""
    index = ActorIndex()
    for number, doc in enumerate(docs):
        for ent in doc.ents:
            index.entities.append(
                Entity(ent.text, ent.label_, number, ent.start_char, ent.end_char, None)
            )
    return index
