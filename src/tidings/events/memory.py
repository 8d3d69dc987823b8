"""What an article has said so far, for the sentences that follow."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tidings.actors.index import ActorIndex
from tidings.record import Actor, Event

PAIR_DECAY = 0.7  # how much a pair named one sentence earlier still counts for "the two sides"


@dataclass
class Memory:
    """What the article has said so far: the events coded in earlier sentences (for
    "the charge", "the measures"), the pairs of actors it set against each other (for
    "the two sides", "both sides"), and the country it is about."""

    events: list[Event] = field(default_factory=list)
    # pair of actor ids -> [actor, actor, {sentence: weight}, event types coded between them]
    pairs: dict[frozenset[str], list[Any]] = field(default_factory=dict)
    sentence: int = 0
    main: list[Actor | None] | None = None  # [the country the article is about], once known

    def add_pair(
        self, a: Actor | None, b: Actor | None, kind: str | None = None, weight: float = 1.0
    ) -> None:
        """An event between a and b (weight 1), or a and b only named together (less)."""
        if a is None or b is None or a.id == b.id:
            return
        key = frozenset((a.id, b.id))
        found = self.pairs.get(key)
        if found is None:
            found = self.pairs[key] = [a, b, {}, set()]
        found[2][self.sentence] = max(weight, found[2].get(self.sentence, 0.0))
        if kind:
            found[3].add(kind)

    def pair(self, kinds: frozenset[str] = frozenset()) -> tuple[Actor, Actor] | None:
        """The pair "the two sides" stands for: among pairs with events of the sentence's
        own kinds ("both sides to stop fighting": those that fought), if any, the one the
        article has named most, recent sentences counting more."""
        if not self.pairs:
            return None

        def rank(entry: list[Any]) -> tuple[bool, float]:
            score = sum(w * PAIR_DECAY ** (self.sentence - s) for s, w in entry[2].items())
            return bool(entry[3] & kinds), score

        best = max(self.pairs.values(), key=rank)
        return best[0], best[1]

    def add_events(self, events: Sequence[Event]) -> None:
        self.events.extend(events)

    def main_country(self, index: ActorIndex) -> Actor | None:
        """The country the article is about: the one its actors name in at least two
        mentions out of five, or None."""
        if self.main is None:
            countries = {a.id: a.country for a in index.actors if a.country}
            counts: dict[str, int] = {}
            for *_, actor_id in index.mentions:
                country = countries.get(actor_id)
                if country:
                    counts[country] = counts.get(country, 0) + 1
            total = sum(counts.values())
            best = max(counts, key=lambda c: counts[c]) if counts else None
            chosen = None
            if best is not None and counts[best] >= 2 and counts[best] * 5 >= total * 2:
                chosen = next(
                    (a for a in index.actors if a.kind == "country" and a.country == best), None
                )
            self.main = [chosen]
        return self.main[0]
