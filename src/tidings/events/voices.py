"""Who speaks inside quote marks: "“We will respond,” the minister said" — the
first-person words of a quote stand for its speaker, and its "they", "he" and "she"
for someone else."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from tidings.actors.index import ActorIndex
from tidings.record import Actor, Quote


class Voices:
    """The quoted spans of an article's paragraphs, with the actor who speaks in each."""

    def __init__(self, paragraphs: Sequence[str], quotes: Sequence[Quote], index: ActorIndex):
        self._spans: dict[int, list[tuple[int, int, Actor | None]]] = defaultdict(list)
        for quote in quotes:
            if quote.kind == "indirect" or not 0 <= quote.paragraph < len(paragraphs):
                continue  # reported speech has no quote marks: "it" may be the speaker
            start = paragraphs[quote.paragraph].find(quote.text)
            if start >= 0 and quote.text:
                speaker = index.by_id(quote.speaker_actor)
                self._spans[quote.paragraph].append((start, start + len(quote.text), speaker))

    def quoted(self, paragraph: int, offset: int) -> bool:
        """Whether the character at `offset` of the paragraph lies inside quote marks."""
        return any(start <= offset < end for start, end, _ in self._spans.get(paragraph, ()))

    def speaker(self, paragraph: int, offset: int) -> Actor | None:
        """The actor who speaks the quote around `offset`, if it is known."""
        for start, end, actor in self._spans.get(paragraph, ()):
            if start <= offset < end:
                return actor
        return None
