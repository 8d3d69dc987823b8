"""The actor index: which actor a span of a paragraph refers to.

`resolve_actors` (in `resolve.py`) builds it;
`ActorIndex.actor_for_span` is what the quotes and events steps ask.
"""

from __future__ import annotations

from bisect import bisect_right
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
    # ids of people the article describes but never names ("a witness")
    unnamed: set[str] = field(default_factory=set)
    # the parsed paragraphs (spaCy Docs), when known: they let a span find its head
    docs: Sequence[Any] = field(default_factory=list, repr=False, compare=False)
    _grouped: tuple[int, dict[int, list[tuple[int, int, str]]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def by_id(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def mentions_of(self, actor_id: str) -> list[tuple[int, int, int]]:
        return [(p, s, e) for p, s, e, a in self.mentions if a == actor_id]

    def actor_for_span(self, paragraph: int, start: int, end: int) -> Actor | None:
        """The actor a span of `paragraph` refers to, or None.

        When the paragraph's parse is known, the span's syntactic head decides:
        "Russian authorities" is the government (head "authorities"), not Russia;
        "Kremlin spokesman Dmitry Peskov" is Peskov; "the security forces’
        handling" falls back to the mention it overlaps. Among mentions holding
        the head, the tightest wins; without a head mention, the tightest
        mention overlapping the span.
        """
        head = self._head(paragraph, start, end)
        if head is not None:
            found = self._tightest(paragraph, head[0], head[1], contain=True)
            if found is not None:
                return self.by_id(found)
        found = self._tightest(paragraph, start, end, contain=False)
        return self.by_id(found) if found else None

    def names_head(self, actor: Actor, paragraph: int, start: int, end: int) -> bool:
        """Whether a mention of `actor` holds the span's head word: "Moscow said" is
        Russia speaking; in "an American caller said" the country only describes the
        caller."""
        head = self._head(paragraph, start, end) or (start, end)
        return any(
            p == paragraph and s <= head[0] and head[1] <= e and actor_id == actor.id
            for p, s, e, actor_id in self.mentions
        )

    def actor_for_token(self, paragraph: int, token: Any) -> Actor | None:
        return self.actor_for_span(paragraph, token.idx, token.idx + len(token.text))

    def _tightest(self, paragraph: int, start: int, end: int, contain: bool) -> str | None:
        best: tuple[int, str] | None = None
        for s, e, actor_id in self._in_paragraph(paragraph):
            ok = (s <= start and end <= e) if contain else (s < end and start < e)
            if ok and (best is None or e - s < best[0]):
                best = (e - s, actor_id)
        return best[1] if best else None

    def _in_paragraph(self, paragraph: int) -> list[tuple[int, int, str]]:
        """The mentions of one paragraph (grouped once; again if mentions were added)."""
        if self._grouped is None or self._grouped[0] != len(self.mentions):
            groups: dict[int, list[tuple[int, int, str]]] = {}
            for p, s, e, actor_id in self.mentions:
                groups.setdefault(p, []).append((s, e, actor_id))
            self._grouped = (len(self.mentions), groups)
        return self._grouped[1].get(paragraph, [])

    def _head(self, paragraph: int, start: int, end: int) -> tuple[int, int] | None:
        if not (0 <= paragraph < len(self.docs)):
            return None
        doc = self.docs[paragraph]
        tokens = _tokens_in(doc, start, end)
        if not tokens:
            return None
        inside = {t.i for t in tokens}
        roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
        head = roots[0] if len(roots) == 1 else None
        if head is None:  # several roots (a span cut across phrases): the last noun
            nouns = [t for t in roots if t.pos_ in ("NOUN", "PROPN", "PRON")]
            head = nouns[-1] if nouns else None
        if head is None:
            return None
        return max(head.idx, start), min(head.idx + len(head.text), end)


def _tokens_in(doc: Any, start: int, end: int) -> list[Any]:
    """The tokens of `doc` overlapping [start, end), found by bisection."""
    starts = doc.user_data.get("tidings_token_starts")
    if starts is None:
        starts = doc.user_data["tidings_token_starts"] = [t.idx for t in doc]
    i = max(0, bisect_right(starts, start) - 1)
    out = []
    while i < len(starts) and starts[i] < end:
        tok = doc[i]
        if start < tok.idx + len(tok.text):
            out.append(tok)
        i += 1
    return out
