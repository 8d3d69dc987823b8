"""Where and when an event happened: the place its clauses name, and the time
expression nearest its trigger (else the publication date)."""

from __future__ import annotations

from typing import Any

from tidings.events.grammar import (
    clause_group,
)
from tidings.events.sentence import Sentence, Trigger
from tidings.record import Time

PUBLICATION = "publication date"  # date_text of an event dated by its article


class Where:
    """Location and date of the events of one sentence."""

    def __init__(self, sentence: Sentence) -> None:
        self.s = sentence

    def location(self, trig: Trigger, parties: list[Any]) -> str | None:
        places = [(e, a) for e, a in self.s.places() if not any(t in e for t in parties)]
        if not places:
            return None
        scope = set(t.i for t in clause_group(trig.verb))
        inside = [e for e, _ in places if e.root.i in scope]
        ent = (inside or [e for e, _ in places])[0]
        text = ent.text
        return text[4:] if text.lower().startswith("the ") else text

    def date(self, trig: Trigger) -> tuple[str | None, str | None]:
        """The date of a time in the trigger's clauses, else one elsewhere in the
        sentence, else the publication date."""
        start, end = self.s.sent.start_char, self.s.sent.end_char
        doc = self.s.sent.doc
        inside: list[tuple[int, Time]] = []
        scope = {t.i for t in clause_group(trig.verb) for t in t.subtree}
        for time in self.s.times:
            if time.paragraph != self.s.paragraph or not time.value:
                continue
            if time.start is not None and time.end is not None:
                if not (start <= time.start < end):
                    continue
                span = doc.char_span(time.start, time.end, alignment_mode="expand")
                first = span[0].i if span is not None and len(span) else trig.token.i
            else:
                where = self.s.text.find(time.text, start, end)
                if where < 0:
                    continue
                span = doc.char_span(where, where + len(time.text), alignment_mode="expand")
                first = span[0].i if span is not None and len(span) else trig.token.i
            rank = abs(first - trig.token.i) + (0 if first in scope else 1000)
            inside.append((rank, time))
        if inside:
            time = min(inside, key=lambda pair: pair[0])[1]
            return time.value, time.text
        if self.s.published:
            return self.s.published[:10], PUBLICATION
        return None, None
