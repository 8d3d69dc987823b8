"""The understanding steps: nlp, actors, quotes, times and events."""

from __future__ import annotations

from tidings import nlp
from tidings.errors import TidingsError
from tidings.language import NotUnderstood, not_understood_message, understood
from tidings.pipeline import Document, Step


class NlpStep:
    """Run spaCy over the repaired paragraphs (never the damaged original).

    Only on bodies in a language the model is made for: on others the step
    declines with an error on the record, and the steps that read the parse
    (actors, quotes, times, events) are skipped for that document.
    """

    name = "nlp"
    requires = frozenset({"record.paragraphs"})
    assigns = frozenset({"parsed"})

    def __call__(self, doc: Document) -> None:
        if not understood(doc.record.language):
            raise NotUnderstood(not_understood_message(doc.record.language))
        nlp.check_length(doc.record.paragraphs)
        doc.parsed = nlp.parse(doc.record.paragraphs)

    def batch(self, docs: list[Document]) -> None:
        english = []
        for d in docs:
            try:
                if not understood(d.record.language):
                    raise NotUnderstood(not_understood_message(d.record.language))
                nlp.check_length(d.record.paragraphs)
            except TidingsError as exc:
                d.failed_parts |= set(self.assigns)
                d.record.errors.append(f"{self.name}: {exc}")
                continue
            english.append(d)
        texts = [p for d in english for p in d.record.paragraphs]
        parsed = iter(nlp.parse(texts))
        for d in english:
            d.parsed = [next(parsed) for _ in d.record.paragraphs]


class ActorsStep:
    name = "actors"
    requires = frozenset({"parsed"})
    assigns = frozenset({"actor_index", "record.actors", "record.entities"})

    def __call__(self, doc: Document) -> None:
        from tidings.actors import resolve_actors

        assert doc.parsed is not None
        index = resolve_actors(doc.record.paragraphs, doc.parsed, doc.record.published)
        doc.actor_index = index
        doc.record.entities = index.entities
        doc.record.actors = index.actors


class QuotesStep:
    name = "quotes"
    requires = frozenset({"parsed", "actor_index"})
    assigns = frozenset({"record.quotes"})

    def __call__(self, doc: Document) -> None:
        from tidings.quotes import find_quotes

        assert doc.parsed is not None and doc.actor_index is not None
        doc.record.quotes = find_quotes(doc.record.paragraphs, doc.parsed, doc.actor_index)


class TimesStep:
    name = "times"
    requires = frozenset({"parsed"})
    assigns = frozenset({"record.times"})

    def __call__(self, doc: Document) -> None:
        from tidings.times import find_times

        assert doc.parsed is not None
        doc.record.times = find_times(doc.record.paragraphs, doc.record.published, doc.parsed)


def understanding_steps() -> list[Step]:
    from tidings.events import EventsStep

    return [NlpStep(), ActorsStep(), QuotesStep(), TimesStep(), EventsStep()]
