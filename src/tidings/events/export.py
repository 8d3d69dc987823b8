"""Events out: CSV and PLOVER-style JSON.

Both take rows that are events or (tag, event) pairs, where the tag names the
article (its id) so that exported events can be traced back to their record."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from tidings.events.series import actor_code
from tidings.record import Actor, Event

CSV_COLUMNS = (
    "article",
    "date",
    "date_text",
    "type",
    "mode",
    "source",
    "source_name",
    "source_role",
    "target",
    "target_name",
    "target_role",
    "modality",
    "intensity",
    "confidence",
    "location",
    "paragraph",
    "sentence",
)


def _pairs(rows: Iterable[Event | tuple[str, Event]]) -> Iterable[tuple[str | None, Event]]:
    for row in rows:
        if isinstance(row, Event):
            yield None, row
        else:
            tag, event = row
            yield tag, event


def _name(actor: Actor | None) -> str:
    return actor.name if actor else ""


def events_to_csv(rows: Iterable[Event | tuple[str, Event]]) -> str:
    """One CSV line per event, with a header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for tag, e in _pairs(rows):
        writer.writerow(
            [
                tag or "",
                e.date or "",
                e.date_text or "",
                e.type,
                e.mode or "",
                actor_code(e.source) or "",
                _name(e.source),
                (e.source.role or "") if e.source else "",
                actor_code(e.target) or "",
                _name(e.target),
                (e.target.role or "") if e.target else "",
                e.modality,
                e.intensity,
                e.confidence,
                e.location or "",
                e.paragraph,
                e.sentence,
            ]
        )
    return out.getvalue()


def _plover_actor(actor: Actor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {
        "actor": actor_code(actor),
        "agent": actor.role,
        "name": actor.name,
        "kind": actor.kind,
        "country": actor.country,
        "org": actor.org,
    }


def events_to_plover(rows: Iterable[Event | tuple[str, Event]]) -> list[dict[str, Any]]:
    """PLOVER-style records: event, mode, context, source/target actor and agent
    codes, date, location, the evidence text and where it came from."""
    out = []
    for number, (tag, e) in enumerate(_pairs(rows)):
        source = _plover_actor(e.source)
        target = _plover_actor(e.target)
        out.append(
            {
                "id": f"{tag or 'event'}-{number}",
                "date": e.date,
                "event": e.type,
                "mode": e.mode or "",
                "context": "",
                "modality": e.modality,
                "intensity": e.intensity,
                "src_actor": source["actor"] if source else None,
                "src_agent": source["agent"] if source else None,
                "src_other": source["name"] if source else None,
                "tgt_actor": target["actor"] if target else None,
                "tgt_agent": target["agent"] if target else None,
                "tgt_other": target["name"] if target else None,
                "location": e.location,
                "confidence": e.confidence,
                "text": e.sentence,
                "article": tag,
                "paragraph": e.paragraph,
                "date_text": e.date_text,
            }
        )
    return out
