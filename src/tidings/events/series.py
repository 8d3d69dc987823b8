"""How two actors treat each other over time: event counts and mean intensity
per day, week or month for each (source, target) pair of actor codes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from tidings.record import Actor, Event

PERIODS = ("day", "week", "month")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass
class DyadPeriod:
    """Events from `source` to `target` in one period."""

    source: str
    target: str
    period: str  # 2021-01-24 | 2021-W03 | 2021-01
    counts: dict[str, int] = field(default_factory=dict)  # PLOVER type -> events
    total: int = 0
    mean_intensity: float = 0.0


def actor_code(actor: Actor | None, with_role: bool = False) -> str | None:
    """A CAMEO-style code: the country (or international organisation), optionally
    followed by the role ("RUS", "RUSGOV", "EU")."""
    if actor is None:
        return None
    base = actor.country or actor.org
    if not base:
        return None
    return base + (actor.role or "") if with_role else base


def period_of(value: str | None, period: str) -> str | None:
    """The period label of a date value (TIMEX3-style), or None when the value is
    too coarse for the period (a month for a daily series)."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    if not value:
        return None
    day = _DAY.match(value)
    if day:
        when = date(int(day[1]), int(day[2]), int(day[3]))
        if period == "day":
            return when.isoformat()
        if period == "week":
            year, week, _ = when.isocalendar()
            return f"{year}-W{week:02d}"
        return when.strftime("%Y-%m")
    week = _WEEK.match(value)
    if week and period in ("week", "month"):
        if period == "week":
            return f"{week[1]}-W{week[2]}"
        thursday = date.fromisocalendar(int(week[1]), int(week[2]), 4)
        return thursday.strftime("%Y-%m")
    month = _MONTH.match(value)
    if month and period == "month":
        return value
    return None


def _fallback(tag: str) -> str | None:
    return tag if _DAY.match(tag or "") else None


def dyad_series(
    events: Iterable[tuple[str, Event]],
    period: str = "day",
    with_role: bool = False,
    source: str | None = None,
    target: str | None = None,
) -> list[DyadPeriod]:
    """Counts by type and mean intensity per period for each pair of actor codes.

    `events` are (tag, event) pairs; when the tag is a date (the article's
    publication date) it dates events that carry none, otherwise (an article id)
    such events are left out. Events without a source or a target code are left
    out. Rows come sorted by source, target and period."""
    rows: dict[tuple[str, str, str], DyadPeriod] = {}
    sums: dict[tuple[str, str, str], float] = {}
    for tag, event in events:
        src = actor_code(event.source, with_role)
        tgt = actor_code(event.target, with_role)
        if src is None or tgt is None:
            continue
        if (source and src != source) or (target and tgt != target):
            continue
        label = period_of(event.date, period) or period_of(_fallback(tag), period)
        if label is None:
            continue
        key = (src, tgt, label)
        row = rows.setdefault(key, DyadPeriod(src, tgt, label))
        row.counts[event.type] = row.counts.get(event.type, 0) + 1
        row.total += 1
        sums[key] = sums.get(key, 0.0) + event.intensity
    for key, row in rows.items():
        row.mean_intensity = round(sums[key] / row.total, 2)
    return [rows[k] for k in sorted(rows)]


def period_range(first: str, last: str, period: str) -> list[str]:
    """Every period label from `first` to `last` (for charts with empty periods)."""
    out = []
    if period == "month":
        year, month = map(int, first.split("-"))
        while f"{year:04d}-{month:02d}" <= last:
            out.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out
    if period == "week":
        y, w = first.split("-W")
        when = date.fromisocalendar(int(y), int(w), 1)
        step = timedelta(days=7)
    else:
        when = date.fromisoformat(first)
        step = timedelta(days=1)
    while (label := period_of(when.isoformat(), period)) is not None and label <= last:
        out.append(label)
        when += step
    return out


BARS = " ▁▂▃▄▅▆▇█"


def dyad_chart(rows: list[DyadPeriod], width: int = 60) -> list[str]:
    """A small terminal chart: one line per dyad with event counts per period as
    bars and the mean intensity per period as a signed number."""
    lines = []
    dyads: dict[tuple[str, str], list[DyadPeriod]] = {}
    for row in rows:
        dyads.setdefault((row.source, row.target), []).append(row)
    for (src, tgt), found in dyads.items():
        periods = sorted(r.period for r in found)
        kind = "month" if _MONTH.match(periods[0]) else "week" if "W" in periods[0] else "day"
        labels = period_range(periods[0], periods[-1], kind)[-width:]
        by = {r.period: r for r in found}
        top = max(r.total for r in found)
        bars = "".join(
            BARS[round(by[p].total / top * (len(BARS) - 1))] if p in by else BARS[0] for p in labels
        )
        mean = sum(r.mean_intensity * r.total for r in found) / sum(r.total for r in found)
        total = sum(r.total for r in found)
        lines.append(
            f"{src:>6} -> {tgt:<6} {labels[0]}…{labels[-1]} |{bars}| "
            f"{total} events, mean intensity {mean:+.1f}"
        )
    return lines
