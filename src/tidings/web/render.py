"""HTML for the pages, built from the record: marked text and timeline charts.

Everything here escapes the article's text itself (`markupsafe.escape`); the
only markup is the fixed tags these functions write around it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import quote as url_quote

from markupsafe import Markup, escape

from tidings.events.series import DyadPeriod, period_range
from tidings.record import Article, Edit
from tidings.store.views import Span

# Nesting order when marks overlap: an event's sentence outside a quote outside a name.
_LAYER = {"event": 0, "quote": 1, "entity": 2}


@dataclass(frozen=True)
class Mark:
    """A stretch of a paragraph to wrap in a tag."""

    start: int
    end: int
    layer: str  # event, quote, entity
    css: str
    label: str  # shown on hover and read by screen readers
    href: str | None = None


def highlighted(text: str, spans: Iterable[Span]) -> Markup:
    """Text with the given stretches (search matches) in <mark>."""
    marks = [Mark(s.start, s.end, "entity", "hit", "") for s in spans]
    return marked_text(text, marks)


def marked_text(text: str, marks: list[Mark]) -> Markup:
    """Text cut at every mark's edges, each piece inside the marks over it. Outer
    layers stay whole; an inner mark that crosses an outer one's edge is split in
    two, so crossing marks still give well-formed HTML."""
    edges = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[str] = []
    open_marks: list[Mark] = []
    for start, end in zip(edges, edges[1:], strict=False):
        if start >= end or start < 0 or end > len(text):
            continue
        over = sorted(
            (m for m in marks if m.start <= start and end <= m.end),
            key=lambda m: (_LAYER[m.layer], m.start, -m.end),
        )
        keep = 0
        while keep < min(len(open_marks), len(over)) and open_marks[keep] == over[keep]:
            keep += 1
        out.extend(_close(mark) for mark in reversed(open_marks[keep:]))
        out.extend(_open(mark) for mark in over[keep:])
        open_marks = over
        out.append(str(escape(text[start:end])))
    out.extend(_close(mark) for mark in reversed(open_marks))
    return Markup("".join(out))


def _open(mark: Mark) -> str:
    title = f' title="{escape(mark.label)}"' if mark.label else ""
    if mark.href:
        return f'<a class="{mark.css}" href="{escape(mark.href)}"{title}>'
    return f'<{_tag(mark)} class="{mark.css}"{title}>'


def _close(mark: Mark) -> str:
    return "</a>" if mark.href else f"</{_tag(mark)}>"


def _tag(mark: Mark) -> str:
    return "q" if mark.layer == "quote" else "mark"


def actor_href(name: str) -> str:
    return "/actors/" + url_quote(name, safe="")


def paragraph_marks(record: Article) -> list[list[Mark]]:
    """For each paragraph, its actors' names, quotes (with speaker) and events' evidence."""
    marks: list[list[Mark]] = [[] for _ in record.paragraphs]
    for paragraph, mark in _record_marks(record):
        if 0 <= paragraph < len(marks):
            marks[paragraph].append(mark)
    return marks


def _record_marks(record: Article) -> Iterator[tuple[int, Mark]]:
    names = {a.id: a for a in record.actors}
    for ent in record.entities:
        actor = names.get(ent.actor or "")
        if actor is not None:
            label = f"{actor.name} ({actor.kind})"
            css = f"actor k-{actor.kind}"
            yield ent.paragraph, Mark(ent.start, ent.end, "entity", css, label,
                                      actor_href(actor.name))  # fmt: skip
    for quote in record.quotes:
        where = _find(record, quote.paragraph, quote.text)
        if where is not None:
            speaker = quote.speaker or quote.speaker_mention or "unknown speaker"
            label = f"{speaker} ({quote.kind} quote, {quote.cue or 'no cue'})"
            yield quote.paragraph, Mark(*where, "quote", f"quote q-{quote.kind}", label)
    yield from _event_marks(record)


def _event_marks(record: Article) -> Iterator[tuple[int, Mark]]:
    """One mark per evidence sentence, naming every event it reports."""
    found: dict[tuple[int, int, int], list[str]] = {}
    types: dict[tuple[int, int, int], str] = {}
    for event in record.events:
        where = _find(record, event.paragraph, event.sentence)
        if where is not None:
            key = (event.paragraph, *where)
            who = " → ".join(a.name if a else "?" for a in (event.source, event.target))
            found.setdefault(key, []).append(f"{event.type} {event.intensity:+.0f}: {who}")
            types.setdefault(key, event.type)
    for (paragraph, start, end), labels in found.items():
        css = f"event t-{types[paragraph, start, end]}"
        yield paragraph, Mark(start, end, "event", css, "; ".join(labels))


def _find(record: Article, paragraph: int, text: str) -> tuple[int, int] | None:
    if not text or not 0 <= paragraph < len(record.paragraphs):
        return None
    start = record.paragraphs[paragraph].find(text)
    return (start, start + len(text)) if start >= 0 else None


@dataclass
class EditedOriginal:
    """The original text with each edit marked where it was made."""

    html: Markup
    placed: int
    unplaced: list[Edit] = field(default_factory=list)


def original_with_edits(record: Article) -> EditedOriginal:
    """The original, each edit's `before` struck through with its `after` and its
    reason (on hover and focus); edits whose text cannot be found are listed apart."""
    text = record.original
    taken: list[tuple[int, int, Edit]] = []
    unplaced: list[Edit] = []
    for edit in record.edits:
        where = _free_occurrence(text, edit.before, taken)
        if where is None:
            unplaced.append(edit)
        else:
            taken.append((*where, edit))
    taken.sort(key=lambda t: t[0])
    out, at = [], 0
    for number, (start, end, edit) in enumerate(taken, start=1):
        out.append(str(escape(text[at:start])))
        out.append(_edit_html(number, text[start:end], edit))
        at = end
    out.append(str(escape(text[at:])))
    return EditedOriginal(Markup("".join(out)), len(taken), unplaced)


def _free_occurrence(
    text: str, before: str, taken: list[tuple[int, int, Edit]]
) -> tuple[int, int] | None:
    if not before:
        return None
    start = text.find(before)
    while start >= 0:
        end = start + len(before)
        if all(end <= s or start >= e for s, e, _ in taken):
            return start, end
        start = text.find(before, start + 1)
    return None


def _edit_html(number: int, before: str, edit: Edit) -> str:
    reason = f"{edit.kind}: {edit.reason}"
    after = (
        f'<ins class="edit-after">{escape(edit.after)}</ins>' if edit.after else ""
    )
    return (
        f'<span class="edit e-{escape(edit.kind)}" tabindex="0" id="edit-{number}"'
        f' title="{escape(reason)}" data-reason="{escape(reason)}">'
        f'<del class="edit-before">{escape(before)}</del>{after}</span>'
    )


# --- timeline charts ----------------------------------------------------------------------


@dataclass
class ChartBar:
    period: str
    x: float
    segments: list[tuple[str, float, float, int]]  # type, y, height, count
    total: int
    mean_intensity: float | None


@dataclass
class Chart:
    """An SVG timeline: events per period stacked by type, mean intensity as a line."""

    width: int
    height: int
    bars: list[ChartBar]
    bar_width: float
    top: int
    intensity_points: list[tuple[float, float]]  # the mean intensity line
    types: list[str]
    zero_y: float
    plot_top: float
    plot_bottom: float


def timeline(rows: list[DyadPeriod], period: str, width: int = 720, height: int = 260) -> Chart:
    """One dyad's periods (or several dyads' summed) laid out as a chart."""
    by_period: dict[str, DyadPeriod] = {}
    for row in rows:
        seen = by_period.setdefault(row.period, DyadPeriod(row.source, row.target, row.period))
        _add_period(seen, row)
    labels = period_range(min(by_period), max(by_period), period) if by_period else []
    top = max((r.total for r in by_period.values()), default=1)
    plot_top, plot_bottom = 20.0, height - 40.0
    step = (width - 80) / max(len(labels), 1)  # 40px each side for the two scales
    bar_width = max(min(step * 0.7, 40), 2)
    bars, points = [], []
    types: set[str] = set()
    for i, label in enumerate(labels):
        row = by_period.get(label)
        x = 40 + i * step + (step - bar_width) / 2
        segments, y = [], plot_bottom
        for kind, count in sorted((row.counts if row else {}).items()):
            h = (plot_bottom - plot_top) * count / top
            y -= h
            segments.append((kind, round(y, 1), round(h, 1), count))
            types.add(kind)
        mean = row.mean_intensity if row else None
        if mean is not None:
            y_mean = _intensity_y(mean, plot_top, plot_bottom)
            points.append((round(x + bar_width / 2, 1), round(y_mean, 1)))
        bars.append(ChartBar(label, round(x, 1), segments, row.total if row else 0, mean))
    return Chart(width, height, bars, round(bar_width, 1), top, points, sorted(types),
                 _intensity_y(0, plot_top, plot_bottom), plot_top, plot_bottom)  # fmt: skip


def _add_period(into: DyadPeriod, row: DyadPeriod) -> None:
    total = into.total + row.total
    into.mean_intensity = round(
        (into.mean_intensity * into.total + row.mean_intensity * row.total) / total, 2
    )
    into.total = total
    for kind, count in row.counts.items():
        into.counts[kind] = into.counts.get(kind, 0) + count


def _intensity_y(value: float, top: float, bottom: float) -> float:
    """Intensity −10…+10 on the chart's height, +10 at the top."""
    return top + (bottom - top) * (10 - value) / 20
