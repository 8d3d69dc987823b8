"""The command line: thin wrappers over the library, printing with Rich.

Exit status: 0 done; 1 done, but some documents failed (listed); 2 bad usage
or unreadable input, with a one-line reason on stderr.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import asdict
from functools import wraps
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from tidings.errors import TidingsError, UsageError
from tidings.read.sources import DEFAULT_MAX_BYTES, FORMATS
from tidings.record import Article

app = typer.Typer(
    name="tidings",
    help="Turn news articles into clean, structured, linked data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
DateOption = Annotated[
    str | None,
    typer.Option("--date", help="Publication date (YYYY-MM-DD) when the input has none."),
]
MaxBytesOption = Annotated[
    int, typer.Option("--max-bytes", help="Largest document accepted, in bytes.")
]
FormatOption = Annotated[
    str, typer.Option("--format", help="auto, text, html, feed, warc or jsonl.")
]
NlpOption = Annotated[bool, typer.Option(help="Run the understanding steps (spaCy).")]
TimeLimitOption = Annotated[
    float | None,
    typer.Option("--time-limit", help="Seconds one page may take to read (default 20)."),
]
DEFAULT_DB_PATH = Path("tidings.db")


def fail(message: str, code: int = 2) -> typer.Exit:
    sys.stderr.write(f"tidings: error: {' '.join(message.split())}\n")
    return typer.Exit(code)


def guarded(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn our errors (and any surprise) into a one-line message and exit 2."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except TidingsError as exc:
            raise fail(str(exc)) from None
        except KeyboardInterrupt:
            raise fail("interrupted; what was stored so far is kept", 130) from None
        except Exception as exc:
            if os.environ.get("TIDINGS_DEBUG"):
                raise
            raise fail(
                f"unexpected {type(exc).__name__}: {exc} (set TIDINGS_DEBUG=1 for the traceback)"
            ) from None

    return wrapper


def check_date(date: str | None) -> str | None:
    if date is None:
        return None
    try:
        return dt.date.fromisoformat(date).isoformat()
    except ValueError:
        raise UsageError(f"--date {date!r} is not a date; write it as YYYY-MM-DD") from None


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise UsageError(f"unknown --format {fmt!r}; use one of {', '.join(FORMATS)}")
    return fmt


def set_time_limit(seconds: float | None) -> None:
    if seconds is None:
        return
    if not seconds > 0:
        raise UsageError(f"--time-limit {seconds} is not a positive number of seconds")
    from tidings.read.limits import configure

    configure(seconds)


def open_store(db: Path, write: bool = False):  # noqa: ANN201 - Store, imported lazily
    """The store at `db`: read-only for the commands that only read it (they work on
    read-only files and folders); for writing, created when missing."""
    from tidings.store import Store

    if not write and str(db) != ":memory:" and not db.exists():
        raise UsageError(f"no database at {db}; run `tidings process PATH --db {db}` first")
    return Store(db, read_only=not write)


# --- parse -----------------------------------------------------------------------


@app.command()
@guarded
def parse(
    file: Annotated[str, typer.Argument(help="A file, or - for standard input.")],
    date: DateOption = None,
    fmt: FormatOption = "auto",
    as_json: JsonOption = False,
    nlp: NlpOption = True,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    time_limit: TimeLimitOption = None,
) -> None:
    """Parse one document into one record, without a database."""
    from tidings.read import iter_documents

    date, fmt = check_date(date), check_format(fmt)
    set_time_limit(time_limit)
    if file != "-" and Path(file).is_dir():
        raise UsageError(f"{file} is a folder; parse takes one file (use `tidings process`)")
    docs = list(iter_documents([file], fmt, date, max_bytes))
    if not docs:
        raise UsageError(f"{file} holds no document")
    from tidings.api import build_pipeline

    records = list(build_pipeline(nlp).run(docs))
    unreadable = [r for r in records if not r.paragraphs]
    if len(records) == 1 and unreadable:
        raise fail(f"{file}: {_reason(unreadable[0])}")
    for record in records:
        if as_json:
            out.print(
                record.to_json(indent=None if len(records) > 1 else 2),
                markup=False,
                highlight=False,
            )
        else:
            print_record(record)
    if unreadable:
        for record in unreadable:
            err.print(f"failed: {record.source.path}: {_reason(record)}", markup=False)
        raise typer.Exit(1)


def _reason(record: Article) -> str:
    return "; ".join(record.errors) or "no article text found"


# --- process ---------------------------------------------------------------------


@app.command()
@guarded
def process(
    paths: Annotated[list[str], typer.Argument(help="Files and folders (- for standard input).")],
    db: DbOption = DEFAULT_DB_PATH,
    fmt: FormatOption = "auto",
    date: DateOption = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes to use.")] = 1,
    nlp: NlpOption = True,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    time_limit: TimeLimitOption = None,
) -> None:
    """Ingest files, folders or JSONL into the store; bad documents are recorded, the rest go on."""
    from tidings.ingest import ingest
    from tidings.read.sources import check_inputs

    date, fmt = check_date(date), check_format(fmt)
    set_time_limit(time_limit)
    check_inputs(paths)
    store = open_store(db, write=True)
    with _progress() as progress:
        task = progress.add_task("processing", total=None)
        summary = ingest(
            paths,
            store,
            fmt=fmt,
            date=date,
            workers=workers,
            nlp=nlp,
            max_bytes=max_bytes,
            on_record=lambda _: progress.advance(task),
        )
    table = Table(title=f"tidings process → {db}", show_header=False)
    table.add_row("new articles", str(summary.added))
    table.add_row("already stored", str(summary.skipped))
    table.add_row("failed", str(len(summary.failed)))
    table.add_row("articles in store", str(store.count()))
    err.print(table)
    for source, reason in summary.failed:
        err.print(f"failed: {source}: {reason}", markup=False, highlight=False)
    store.close()
    if summary.failed:
        raise typer.Exit(1)


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


# --- reading the store -------------------------------------------------------------


@app.command()
@guarded
def show(
    article_id: Annotated[str, typer.Argument(help="An article id (or a unique prefix).")],
    db: DbOption = DEFAULT_DB_PATH,
    as_json: JsonOption = False,
) -> None:
    """Show one stored article."""
    store = open_store(db)
    record = store.get(article_id)
    if record is None:
        several = store.ids_starting(article_id)
        if len(several) > 1:
            raise UsageError(
                f"{article_id!r} starts several article ids ({', '.join(several[:2])}"
                f"{', …' if len(several) > 2 else ''}); give more of the id"
            )
        raise UsageError(f"no article with id {article_id!r} in {db} (try `tidings search`)")
    if as_json:
        out.print(record.to_json(indent=2), markup=False, highlight=False)
    else:
        print_record(record)


@app.command()
@guarded
def search(
    query: Annotated[str, typer.Argument(help="Words to find (SQLite FTS5 syntax allowed).")],
    db: DbOption = DEFAULT_DB_PATH,
    limit: Annotated[int, typer.Option(help="Most results to show.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over titles and bodies."""
    rows = open_store(db).search(query, limit)
    if as_json:
        _print_json(rows)
        return
    table = Table("id", "published", "title", "match")
    for row in rows:
        _add_row(table, row["id"], row["published"] or "", row["title"], row["snippet"])
    out.print(table)
    if not rows:
        err.print("no match")


@app.command()
@guarded
def export(
    db: DbOption = DEFAULT_DB_PATH,
    fmt: Annotated[str, typer.Option("--format", help="jsonl: one record per line.")] = "jsonl",
) -> None:
    """Write every stored record to standard output."""
    if fmt != "jsonl":
        raise UsageError(f"unknown export --format {fmt!r}; use jsonl")
    store = open_store(db)
    for article in store.articles():
        sys.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")


@app.command()
@guarded
def quotes(
    db: DbOption = DEFAULT_DB_PATH,
    speaker: Annotated[str | None, typer.Option(help="Part of the speaker's name.")] = None,
    actor: Annotated[
        str | None, typer.Option(help="Country (RUS), organisation (EU) or role (GOV) code.")
    ] = None,
    limit: Annotated[int, typer.Option(help="Most quotes to show.")] = 100,
    as_json: JsonOption = False,
) -> None:
    """Who said what, across the store."""
    rows = open_store(db).quotes(speaker, actor, limit)
    if as_json:
        _print_json(rows)
        return
    table = Table("speaker", "kind", "quote", "article")
    for row in rows:
        _add_row(table, row["speaker"] or "?", row["kind"], row["text"], row["article_id"])
    out.print(table)


@app.command()
@guarded
def actors(
    db: DbOption = DEFAULT_DB_PATH,
    limit: Annotated[int, typer.Option(help="Most actors to show.")] = 100,
    as_json: JsonOption = False,
) -> None:
    """The people, organisations and countries across the store."""
    rows = open_store(db).actors(limit)
    if as_json:
        _print_json(rows)
        return
    table = Table("name", "kind", "country", "org", "role", "articles", "mentions")
    for row in rows:
        _add_row(
            table,
            row["name"],
            row["kind"],
            row["country"] or "",
            row["org"] or "",
            row["role"] or "",
            str(row["articles"]),
            str(row["mentions"]),
        )
    out.print(table)


EVENT_FORMATS = ("table", "json", "csv", "plover")


@app.command()
@guarded
def events(
    db: DbOption = DEFAULT_DB_PATH,
    source: Annotated[
        str | None, typer.Option(help="Source actor code: country (RUS), org (EU) or role (GOV).")
    ] = None,
    target: Annotated[str | None, typer.Option(help="Target actor code, as --source.")] = None,
    event_type: Annotated[
        list[str] | None, typer.Option("--type", help="PLOVER type (repeat for several).")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Events on or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before this date.")] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="table, json, csv or plover (PLOVER-style JSON).")
    ] = "table",
    limit: Annotated[int | None, typer.Option(help="Most events to show.")] = None,
) -> None:
    """Who did what to whom, when and where, across the store."""
    from tidings.events import PLOVER_TYPES, events_to_csv, events_to_plover

    if fmt not in EVENT_FORMATS:
        raise UsageError(f"unknown --format {fmt!r}; use one of {', '.join(EVENT_FORMATS)}")
    unknown = [t for t in event_type or [] if t.upper() not in PLOVER_TYPES]
    if unknown:
        raise UsageError(f"unknown --type {unknown[0]!r}; use one of {', '.join(PLOVER_TYPES)}")
    found = open_store(db).event_records(
        source=source, target=target, types=event_type, since=check_date(since),
        until=check_date(until), limit=limit,
    )  # fmt: skip
    pairs = [(row["article_id"], event) for row, event in found]
    if fmt == "csv":
        sys.stdout.write(events_to_csv(pairs))
    elif fmt == "plover":
        _print_json(events_to_plover(pairs))
    elif fmt == "json":
        _print_json([{"article": tag, **asdict(event)} for tag, event in pairs])
    else:
        _print_events_table(found)


def _print_events_table(found: list) -> None:
    table = Table("date", "type", "source", "target", "modality", "intensity", "evidence")
    for _row, event in found:
        _add_row(table,
            event.date or "", f"{event.type}" + (f"/{event.mode}" if event.mode else ""),
            _actor_label(event.source), _actor_label(event.target), event.modality,
            f"{event.intensity:+.1f}", event.sentence[:90],
        )  # fmt: skip
    out.print(table)


def _actor_label(actor: Any) -> str:
    if actor is None:
        return "-"
    code = "".join(x for x in (actor.country or actor.org, actor.role) if x)
    return f"{actor.name} ({code})" if code else actor.name


@app.command()
@guarded
def dyads(
    db: DbOption = DEFAULT_DB_PATH,
    period: Annotated[str, typer.Option(help="day, week or month.")] = "week",
    source: Annotated[str | None, typer.Option(help="Only this source code (RUS, EU…).")] = None,
    target: Annotated[str | None, typer.Option(help="Only this target code.")] = None,
    role: Annotated[bool, typer.Option(help="Split actors by role (RUSGOV, RUSCOP…).")] = False,
    as_json: JsonOption = False,
) -> None:
    """Pairs of actors over time: event counts by type and mean intensity, with a chart."""
    from tidings.events import dyad_chart, dyad_series

    if period not in ("day", "week", "month"):
        raise UsageError(f"unknown --period {period!r}; use day, week or month")
    store = open_store(db)
    # an event without a date of its own takes the article's publication date
    pairs = [(row["published"] or row["article_id"], event) for row, event in store.event_records()]
    rows = dyad_series(pairs, period, with_role=role,
                       source=source.upper() if source else None,
                       target=target.upper() if target else None)  # fmt: skip
    if as_json:
        _print_json([asdict(r) for r in rows])
        return
    table = Table("source", "target", period, "events", "by type", "mean intensity")
    for r in rows:
        by_type = ", ".join(f"{k} {v}" for k, v in sorted(r.counts.items()))
        _add_row(
            table, r.source, r.target, r.period, str(r.total), by_type, f"{r.mean_intensity:+.2f}"
        )
    out.print(table)
    for line in dyad_chart(rows):
        out.print(line, markup=False, highlight=False)


@app.command()
@guarded
def schema() -> None:
    """Print the JSON Schema of the article record."""
    from tidings.record import json_schema

    _print_json(json_schema())


def _add_row(table: Table, *cells: object) -> None:
    """A row of the article's own text: shown as it is, never read as Rich markup."""
    table.add_row(*(Text("" if cell is None else str(cell)) for cell in cells))


def _print_json(data: Any) -> None:
    out.print(json.dumps(data, ensure_ascii=False, indent=2), markup=False, highlight=False)


# --- printing a record -------------------------------------------------------------------


def print_record(record: Article) -> None:
    out.rule(f"[bold]{_escape(record.title) or '(no title)'}")
    facts = Table.grid(padding=(0, 2))
    for name, value in _facts(record):
        facts.add_row(f"[dim]{name}", _escape(value))
    out.print(facts)
    if record.standfirst:
        out.print(f"[italic]{_escape(record.standfirst)}")
    for index, paragraph in enumerate(record.paragraphs):
        out.print(f"[dim]{index:>2}[/] {_escape(paragraph)}")
    for title, rows in _sections(record):
        if rows:
            out.print(f"\n[bold]{title}")
            for row in rows:
                out.print(f"  {_escape(row)}")


def _facts(record: Article) -> Iterator[tuple[str, str]]:
    yield "id", record.id
    yield "source", record.source.path or record.source.url or "-"
    yield "published", record.published or "-"
    if record.sections:
        yield "sections", ", ".join(record.sections)
    if record.byline:
        yield "byline", record.byline
    if record.dateline:
        yield "dateline", record.dateline.place


def _sections(record: Article) -> list[tuple[str, list[str]]]:
    return [
        (
            "Edits",
            [f"{e.kind}: {e.before[:60]!r} → {e.after[:60]!r} ({e.reason})" for e in record.edits],
        ),
        (
            "Actors",
            [
                f"{a.name} [{a.kind}] {a.country or ''} {a.org or ''} {a.role or ''}".rstrip()
                + (f" — {a.description}" if a.description else "")
                for a in record.actors
            ],
        ),
        ("Quotes", [f"{q.speaker or '?'} ({q.kind}): {q.text}" for q in record.quotes]),
        ("Times", [f"{t.text} → {t.value}" for t in record.times]),
        ("Errors", record.errors),
    ]


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def main() -> None:
    app()
