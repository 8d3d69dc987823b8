"""The understanding steps: nlp, actors, quotes, times and events."""

from __future__ import annotations

from tidings import nlp
from tidings.pipeline import Document, Step


class NlpStep:
    """Run spaCy over the repaired paragraphs (never the damaged original)."""

    name = "nlp"
    requires = frozenset({"paragraphs"})
    assigns = frozenset({"docs"})

    def __call__(self, doc: Document) -> None:
        doc.scratch["docs"] = nlp.parse(doc.record.paragraphs)

    def batch(self, docs: list[Document]) -> None:
        texts = [p for d in docs for p in d.record.paragraphs]
        parsed = iter(nlp.parse(texts))
        for d in docs:
            d.scratch["docs"] = [next(parsed) for _ in d.record.paragraphs]


class ActorsStep:
    name = "actors"
    requires = frozenset({"docs"})
    assigns = frozenset({"actors", "entities"})

    def __call__(self, doc: Document) -> None:
        from tidings.actors import resolve_actors

        index = resolve_actors(doc.record.paragraphs, doc.scratch["docs"])
        doc.scratch["actor_index"] = index
        doc.record.entities = index.entities
        doc.record.actors = index.actors


class QuotesStep:
    name = "quotes"
    requires = frozenset({"docs", "actors"})
    assigns = frozenset({"quotes"})

    def __call__(self, doc: Document) -> None:
        from tidings.quotes import find_quotes

        doc.record.quotes = find_quotes(
            doc.record.paragraphs, doc.scratch["docs"], doc.scratch["actor_index"]
        )


class TimesStep:
    name = "times"
    requires = frozenset({"docs"})
    assigns = frozenset({"times"})

    def __call__(self, doc: Document) -> None:
        from tidings.times import find_times

        doc.record.times = find_times(
            doc.record.paragraphs, doc.record.published, doc.scratch["docs"]
        )


def understanding_steps() -> list[Step]:
    from tidings.events import EventsStep

    return [NlpStep(), ActorsStep(), QuotesStep(), TimesStep(), EventsStep()]
