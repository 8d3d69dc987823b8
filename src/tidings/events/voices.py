"""Who speaks in quotes and reported speech: "“We will respond,” the minister said" —
the first-person words of a quote stand for its speaker, its "they", "he" and "she"
for someone else, and the "he" who said it for the speaker the quotes step found."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tidings.actors.index import ActorIndex
from tidings.record import Actor, Quote


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    speaker: Actor | None
    marked: bool  # in quote marks (direct or partial), not reported speech

    def holds(self, offset: int) -> bool:
        return self.start <= offset < self.end


class Voices:
    """The quoted and reported spans of an article's paragraphs, with who speaks in each."""

    def __init__(self, paragraphs: Sequence[str], quotes: Sequence[Quote], index: ActorIndex):
        self._spans: dict[int, list[_Span]] = defaultdict(list)
        for quote in quotes:
            if not quote.text or not 0 <= quote.paragraph < len(paragraphs):
                continue
            start = paragraphs[quote.paragraph].find(quote.text)
            if start >= 0:
                speaker = index.by_id(quote.speaker_actor)
                marked = quote.kind != "indirect"  # reported speech: "it" may be the speaker
                span = _Span(start, start + len(quote.text), speaker, marked)
                self._spans[quote.paragraph].append(span)

    def quoted(self, paragraph: int, offset: int) -> bool:
        """Whether the character at `offset` of the paragraph lies inside quote marks."""
        return self._marked(paragraph, offset) is not None

    def speaker(self, paragraph: int, offset: int) -> Actor | None:
        """The actor who speaks the quote marks around `offset`, if it is known."""
        span = self._marked(paragraph, offset)
        return span.speaker if span is not None else None

    def _marked(self, paragraph: int, offset: int) -> _Span | None:
        spans = self._spans.get(paragraph, ())
        return next((s for s in spans if s.marked and s.holds(offset)), None)

    def speaker_of(self, paragraph: int, verb: Any) -> Actor | None:
        """Who a verb of saying introduces ('…,” he said', 'he said he pressed …'): the
        speaker of the quote its complement clause lies in, as the quotes step found it."""
        clauses = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis")]
        for span in self._spans.get(paragraph, ()):
            if any(span.holds(c.idx) for c in clauses):
                return span.speaker
        return None
