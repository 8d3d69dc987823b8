"""Events: who did what to whom, when and where, coded in PLOVER.

`code_events` runs the pattern coder (`coder.py`, patterns in `data/events/`) over
the parsed paragraphs; `EventsStep` is the pipeline step that fills
`record.events`; `dyad_series` and `export` serve the `tidings events` and
`tidings dyads` commands.
"""

from __future__ import annotations

from tidings.events.coder import code_events
from tidings.events.export import events_to_csv, events_to_plover
from tidings.events.patterns import MODALITIES, PLOVER_TYPES, load_lexicon
from tidings.events.series import DyadPeriod, actor_code, dyad_chart, dyad_series
from tidings.pipeline import Document

__all__ = [
    "MODALITIES",
    "PLOVER_TYPES",
    "DyadPeriod",
    "EventsStep",
    "actor_code",
    "code_events",
    "dyad_chart",
    "dyad_series",
    "events_to_csv",
    "events_to_plover",
    "load_lexicon",
]


class EventsStep:
    """Code PLOVER events from the parsed paragraphs, the actors, the quotes and the times."""

    name = "events"
    requires = frozenset({"parsed", "actor_index", "record.times", "record.quotes"})
    assigns = frozenset({"record.events"})

    def __call__(self, doc: Document) -> None:
        record = doc.record
        record.events = code_events(
            record.paragraphs,
            doc.parsed,
            doc.actor_index,
            record.times,
            record.published,
            record.quotes,
        )
