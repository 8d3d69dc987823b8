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
from itertools import islice
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from typer.core import TyperGroup

from tidings.engines.supervised import DEFAULT_MEMORY_MB
from tidings.errors import TidingsError, UsageError
from tidings.output import DEFAULT_LIMIT, Column, write_rows
from tidings.read.limits import DEFAULT_MAX_BYTES
from tidings.record import Article, Event


class _Commands(TyperGroup):
    """Usage errors as one line on stderr, exit 2, like every other error of tidings."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except Exception as exc:  # Typer's own copy of click's errors: known by their shape
            if type(exc).__name__ == "Abort":
                raise SystemExit(_usage_line("aborted", 1)) from None
            if not hasattr(exc, "format_message"):
                raise
            code = getattr(exc, "exit_code", 1)
            context = getattr(exc, "ctx", None)
            hint = f" (see `{context.command_path} -h`)" if context and code == 2 else ""
            raise SystemExit(_usage_line(exc.format_message() + hint, code)) from None
        sys.exit(code if isinstance(code, int) else 0)


def _usage_line(message: str, code: int = 2) -> int:
    message = message.replace("Value error, ", "")
    sys.stderr.write(f"tidings: error: {' '.join(message.split())}\n")
    return code


app = typer.Typer(
    cls=_Commands,
    name="tidings",
    help="Turn news articles into clean, structured, linked data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: flags without a value shown as such
    context_settings={"help_option_names": ["-h", "--help"]},
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

InputFormat = Literal["auto", "text", "html", "feed", "warc", "jsonl"]
ListFormat = Literal["table", "json", "jsonl", "csv"]
RecordFormat = Literal["table", "json", "jsonl"]

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        help="The store: a SQLite file or a PostgreSQL URL, e.g. --db news.db or "
        "--db postgresql://user@host/news.",
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date", help="Publication date when the input gives none, e.g. --date 2021-01-24."
    ),
]
MaxBytesOption = Annotated[
    int,
    typer.Option(
        "--max-bytes", help="Largest document accepted, in bytes, e.g. --max-bytes 20000000."
    ),
]
InputFormatOption = Annotated[
    InputFormat,
    typer.Option(
        "--input-format",
        help="What the input is; auto sniffs it from its name and first bytes, "
        "e.g. --input-format html.",
    ),
]
NlpOption = Annotated[
    bool,
    typer.Option(
        help="Run the understanding steps (spaCy); --no-nlp only reads and repairs, "
        "e.g. --no-nlp."
    ),
]
TimeLimitOption = Annotated[
    float | None,
    typer.Option(
        "--time-limit", help="Seconds one document may take to read and process (default 20), "
        "e.g. --time-limit 5.",
    ),
]
MemoryLimitOption = Annotated[
    int,
    typer.Option(
        "--memory-limit", help=f"Megabytes of memory a worker may use on one document "
        f"(default {DEFAULT_MEMORY_MB}), e.g. --memory-limit 2048.",
    ),
]
ListFormatOption = Annotated[
    ListFormat,
    typer.Option(
        "--format", help="How to print the rows (table on a terminal), e.g. --format csv."
    ),
]
LimitOption = Annotated[
    int,
    typer.Option(
        "--limit", min=0, help=f"Most rows to print (default {DEFAULT_LIMIT}; 0 for all), "
        "e.g. --limit 10."
    ),
]
JsonFlag = Annotated[
    bool, typer.Option("--json", hidden=True, help="Same as --format json.")
]
QuietOption = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="Print nothing but errors, e.g. --quiet."),
]
VerboseOption = Annotated[
    bool,
    typer.Option(
        "--verbose", "-v", help="Print a line for every document as it is done, e.g. -v."
    ),
]
LinkOption = Annotated[
    bool,
    typer.Option(
        "--link/--no-link",
        help="Link articles into stories as they are stored (copies, versions, related "
        "reports), e.g. --no-link.",
    ),
]
EmbedOption = Annotated[
    bool,
    typer.Option(
        "--embed/--no-embed",
        help="Link related reports through sentence embeddings; --no-embed (or "
        "TIDINGS_EMBED=off) links copies and versions only, e.g. --no-embed.",
    ),
]
DEFAULT_DB_PATH = "tidings.db"


def _print_version(value: bool) -> None:
    if value:
        from tidings import __version__

        out.print(f"tidings {__version__}", markup=False, highlight=False)
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True,
            help="Print the version and exit, e.g. tidings --version.",
        ),
    ] = False,
) -> None:
    """Turn news articles into clean, structured, linked data."""
    from tidings.event_settings import mode_setting

    try:
        mode_setting()  # a mistyped TIDINGS_EVENTS_MODEL stops here, not in every document
    except TidingsError as exc:
        raise fail(str(exc)) from None


def fail(message: str, code: int = 2) -> typer.Exit:
    sys.stderr.write(f"tidings: error: {' '.join(message.split())}\n")
    return typer.Exit(code)


def guarded(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn our errors (and any surprise) into a one-line message and exit 2."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            result = command(*args, **kwargs)
            sys.stdout.flush()  # a reader that stopped early shows here, not at exit
            return result
        except (typer.Exit, typer.Abort):
            raise
        except TidingsError as exc:
            raise fail(str(exc)) from None
        except KeyboardInterrupt:
            raise fail("interrupted; what was stored so far is kept", 130) from None
        except BrokenPipeError:
            # `tidings export … | head`: the reader has all it wants; leave quietly, as
            # cat does, and keep Python from complaining when it flushes stdout at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(141) from None
        except Exception as exc:
            if os.environ.get("TIDINGS_DEBUG"):
                raise
            raise fail(
                f"unexpected {type(exc).__name__}: {exc} (set TIDINGS_DEBUG=1 for the traceback)"
            ) from None

    return wrapper


def check_date(date: str | None, option: str = "--date") -> str | None:
    if date is None:
        return None
    try:
        return dt.date.fromisoformat(date).isoformat()
    except ValueError:
        raise UsageError(f"{option} {date!r} is not a date; write it as YYYY-MM-DD") from None


def document_budget(seconds: float | None, memory_mb: int):  # noqa: ANN201 - a Budget
    """What one document may cost, in time and memory."""
    from tidings.engines import Budget
    from tidings.read.limits import seconds_limit

    set_time_limit(seconds)
    if memory_mb <= 0:
        raise UsageError(f"--memory-limit {memory_mb} is not a positive number of megabytes")
    return Budget(seconds=seconds_limit(), memory_mb=memory_mb)


def set_time_limit(seconds: float | None) -> None:
    if seconds is None:
        return
    if not seconds > 0:
        raise UsageError(f"--time-limit {seconds} is not a positive number of seconds")
    from tidings.read.limits import configure

    configure(seconds)


def open_store(db: str, write: bool = False):  # noqa: ANN201 - Store, imported lazily
    """The store at `db`: read-only for the commands that only read it (they work on
    read-only files and folders); for writing, created when missing."""
    from tidings.store import Store, is_postgres_url

    if not write and db != ":memory:" and not is_postgres_url(db) and not Path(db).exists():
        raise UsageError(f"no database at {db}; run `tidings process PATH --db {db}` first")
    return Store(db, read_only=not write)


def listing(rows: list[dict[str, Any]], columns: list[Column], fmt: str, limit: int) -> None:
    """Print up to `limit` rows (the caller fetched one more to know if there are more)."""
    more = bool(limit) and len(rows) > limit
    write_rows(out, rows[:limit] if limit else rows, columns, fmt)
    if more:
        err.print(f"(the first {limit} shown; --limit 0 shows all)", markup=False)
    elif not rows and fmt == "table":
        err.print("nothing found", markup=False)


def fetch(limit: int) -> int:
    """How many rows to ask the store for: one past the limit, to know if there are more."""
    return limit + 1 if limit else -1  # SQLite: LIMIT -1 is no limit


# --- parse -----------------------------------------------------------------------


@app.command()
@guarded
def parse(
    file: Annotated[str, typer.Argument(help="A file, or - for standard input.")],
    date: DateOption = None,
    input_format: InputFormatOption = "auto",
    fmt: Annotated[
        RecordFormat,
        typer.Option(
            "--format", help="How to print the record: a readable table, json or jsonl, "
            "e.g. --format json."
        ),
    ] = "table",
    as_json: JsonFlag = False,
    nlp: NlpOption = True,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    time_limit: TimeLimitOption = None,
    memory_limit: MemoryLimitOption = DEFAULT_MEMORY_MB,
) -> None:
    """Parse one document into one record, without a database."""
    from tidings.api import parse_paths

    date = check_date(date)
    budget = document_budget(time_limit, memory_limit)
    if file != "-" and Path(file).is_dir():
        raise UsageError(f"{file} is a folder; parse takes one file (use `tidings process`)")
    records = list(parse_paths([file], input_format, date, nlp, max_bytes, budget))
    if not records:
        raise UsageError(f"{file} holds no document")
    unreadable = [r for r in records if not r.paragraphs]
    if len(records) == 1 and unreadable:
        raise fail(f"{file}: {_reason(unreadable[0])}")
    print_records(records, "json" if as_json else fmt)
    if unreadable:
        for record in unreadable:
            err.print(f"failed: {record.source.path}: {_reason(record)}", markup=False)
        raise typer.Exit(1)


def print_records(records: list[Article], fmt: str) -> None:
    if fmt == "jsonl":
        for record in records:
            out.print(record.to_json(), markup=False, highlight=False)
    elif fmt == "json":
        text = (records[0].to_json(indent=2) if len(records) == 1
                else json.dumps([r.to_dict() for r in records], ensure_ascii=False, indent=2))
        out.print(text, markup=False, highlight=False)
    else:
        for record in records:
            print_record(record)


def _reason(record: Article) -> str:
    return "; ".join(record.errors) or "no article text found"


# --- process ---------------------------------------------------------------------


@app.command()
@guarded
def process(
    paths: Annotated[list[str], typer.Argument(help="Files and folders (- for standard input).")],
    db: DbOption = DEFAULT_DB_PATH,
    input_format: InputFormatOption = "auto",
    date: DateOption = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Processes to use, e.g. --workers 2.")
    ] = 1,
    include: Annotated[
        list[str] | None,
        typer.Option(
            "--include", help="Read only files of a folder that match this glob (repeatable); "
            "it also brings back files skipped by default, e.g. --include '*.html'.",
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude", help="Skip files that match this glob (repeatable), "
            "e.g. --exclude 'drafts/*'.",
        ),
    ] = None,
    nlp: NlpOption = True,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    time_limit: TimeLimitOption = None,
    memory_limit: MemoryLimitOption = DEFAULT_MEMORY_MB,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    engine: Annotated[
        Literal["local", "dask"],
        typer.Option(
            "--engine", help="local (this machine: --workers processes) or dask (a Dask "
            "cluster: --scheduler, else a local one of --workers), e.g. --engine dask.",
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", help="The Dask scheduler to use, e.g. --scheduler tcp://10.0.0.5:8786.",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", help="With --engine dask: write Parquet shards to this folder instead "
            "of the store (load them with `tidings load`), e.g. --output shards/.",
        ),
    ] = None,
    link: LinkOption = True,
    use_embeddings: EmbedOption = True,
) -> None:
    """Ingest files, folders, feeds, WARC or JSONL into the store; bad documents are
    recorded, the rest go on. Folders are walked for articles: hidden files, READMEs,
    licences and JSON that is not JSON lines are skipped unless --include names them."""
    from tidings.ingest import ingest
    from tidings.read.sources import FileFilter, check_inputs, count_documents

    date = check_date(date)
    budget = document_budget(time_limit, memory_limit)
    check_inputs(paths)
    files = FileFilter(tuple(include or ()), tuple(exclude or ()))
    if scheduler and engine != "dask":
        raise UsageError("--scheduler is for --engine dask")
    if output is not None:
        if engine != "dask":
            raise UsageError("--output writes shards from --engine dask; add --engine dask")
        _process_to_shards(paths, output, input_format, date, workers, nlp, max_bytes, files,
                           scheduler, quiet)  # fmt: skip
        return
    total = count_documents(paths, input_format, files)
    store = open_store(db, write=True)
    with _progress(quiet) as progress:
        task = progress.add_task("processing", total=total)

        def done(source: str, outcome: str) -> None:
            progress.advance(task)
            if verbose:
                progress.console.print(f"{outcome}: {source}", markup=False, highlight=False)

        summary = ingest(paths, store, fmt=input_format, date=date, workers=workers, nlp=nlp,
                         max_bytes=max_bytes, budget=budget, on_document=done,
                         files=files, engine=engine, scheduler=scheduler, link=link,
                         related=None if use_embeddings else False)  # fmt: skip
    if not quiet:
        linked = f", {summary.linked} linked into stories" if link else ""
        err.print(f"{summary.line}{linked}; {store.count()} articles in {db}", markup=False)
    for source, reason in summary.failed:
        err.print(f"failed: {source}: {reason}", markup=False, highlight=False)
    store.close()
    if summary.failed:
        raise typer.Exit(1)


def _process_to_shards(paths: list[str], output: str, fmt: str, date: str | None,
                       workers: int, nlp: bool, max_bytes: int, files: Any,
                       scheduler: str | None, quiet: bool) -> None:  # fmt: skip
    from tidings.ingest import process_to_shards

    summary = process_to_shards(paths, output, fmt=fmt, date=date, workers=workers, nlp=nlp,
                                max_bytes=max_bytes, files=files, scheduler=scheduler)  # fmt: skip
    if not quiet:
        err.print(f"{summary.line}; load them with `tidings load {output}`", markup=False)
    for source, reason in summary.failed:
        err.print(f"failed: {source}: {reason}", markup=False, highlight=False)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
@guarded
def load(
    folder: Annotated[
        str, typer.Argument(help="A folder of shards from `process --output`, e.g. shards/.")
    ],
    db: DbOption = DEFAULT_DB_PATH,
    quiet: QuietOption = False,
) -> None:
    """Load the Parquet shards of a `process --engine dask --output` run into the store,
    in batches (a rerun skips what is stored)."""
    from tidings.ingest import load_shards

    store = open_store(db, write=True)
    summary = load_shards(folder, store)
    if not quiet:
        err.print(f"{summary.line}; {store.count()} articles in {db}", markup=False)
    store.close()


def _progress(quiet: bool) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    )


# --- reading the store -------------------------------------------------------------


@app.command()
@guarded
def show(
    article_id: Annotated[str, typer.Argument(help="An article id (or a unique prefix).")],
    db: DbOption = DEFAULT_DB_PATH,
    fmt: Annotated[
        RecordFormat,
        typer.Option("--format", help="A readable table, json or jsonl, e.g. --format json."),
    ] = "table",
    as_json: JsonFlag = False,
) -> None:
    """Show one stored article: its parts, outlet and URL, edits, actors, quotes and events."""
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
    print_records([record], "json" if as_json else fmt)


@app.command()
@guarded
def search(
    query: Annotated[str, typer.Argument(help="Words to find (SQLite FTS5 syntax allowed).")],
    db: DbOption = DEFAULT_DB_PATH,
    fmt: ListFormatOption = "table",
    limit: LimitOption = DEFAULT_LIMIT,
) -> None:
    """Full-text search over titles and bodies, best match first."""
    rows = open_store(db).search(query, fetch(limit))
    columns = [Column("id", width=16), Column("published", width=10), Column("outlet", width=24),
               Column("title", width=60), Column("snippet", "match", width=80)]  # fmt: skip
    listing(rows, columns, fmt, limit)


@app.command()
@guarded
def export(
    db: DbOption = DEFAULT_DB_PATH,
    table: Annotated[
        Literal["articles", "quotes", "actors", "events", "stories"],
        typer.Option(
            "--table", help="What to write: whole article records (jsonl) or article rows, "
            "or one row per quote, actor, event or story, e.g. --table events.",
        ),
    ] = "articles",
    fmt: Annotated[
        Literal["jsonl", "csv", "parquet"],
        typer.Option("--format", help="jsonl, csv or parquet, e.g. --format parquet."),
    ] = "jsonl",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of standard output, "
            "e.g. --output events.parquet.",
        ),
    ] = None,
    limit: Annotated[
        int,
        typer.Option("--limit", min=0, help="Most articles to read (default 0: all), "
                     "e.g. --limit 100."),
    ] = 0,
) -> None:
    """Write what the store holds, as one table, to standard output or a file."""
    from tidings.tables import write_export

    store = open_store(db)
    if fmt == "parquet" and output is None and out.is_terminal:
        raise UsageError("parquet is binary; give --output FILE or redirect standard output")
    articles = store.articles()
    if limit:
        articles = islice(articles, limit)
    if output is None:
        write_export(articles, table, fmt, sys.stdout.buffer)
        sys.stdout.flush()
        return
    with output.open("wb") as stream:
        write_export(articles, table, fmt, stream)


@app.command()
@guarded
def quotes(
    db: DbOption = DEFAULT_DB_PATH,
    speaker: Annotated[
        str | None, typer.Option(help="Part of the speaker's name, e.g. --speaker Peskov.")
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(help="Country (RUS), organisation (EU) or role (GOV) code, e.g. --actor RUS."),
    ] = None,
    fmt: ListFormatOption = "table",
    limit: LimitOption = DEFAULT_LIMIT,
) -> None:
    """Who said what, across the store."""
    rows = open_store(db).quotes(speaker, actor, fetch(limit))
    columns = [Column("speaker", width=30), Column("kind", width=8), Column("text", "quote"),
               Column("article_id", "article", width=16)]  # fmt: skip
    listing(rows, columns, fmt, limit)


@app.command()
@guarded
def actors(
    db: DbOption = DEFAULT_DB_PATH,
    fmt: ListFormatOption = "table",
    limit: LimitOption = DEFAULT_LIMIT,
) -> None:
    """The people, organisations and countries across the store, most often named first:
    one row per actor key, so "Donald Trump" and "Trump" of two articles are one."""
    rows = open_store(db).actors(fetch(limit))
    columns = [Column("name", width=30), Column("kind", width=12), Column("country", width=7),
               Column("org", width=8), Column("role", width=5),
               Column("articles", justify="right"),
               Column("mentions", justify="right"), Column("key", width=30)]  # fmt: skip
    listing(rows, columns, fmt, limit)


@app.command()
@guarded
def events(
    db: DbOption = DEFAULT_DB_PATH,
    source: Annotated[
        str | None,
        typer.Option(help="Source actor code: country, organisation or role, e.g. --source RUS."),
    ] = None,
    target: Annotated[
        str | None, typer.Option(help="Target actor code, as --source, e.g. --target UKR.")
    ] = None,
    event_type: Annotated[
        list[str] | None,
        typer.Option("--type", help="PLOVER type (repeat for several), e.g. --type ACCUSE."),
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Events on or after this date, e.g. --since 2021-01-01.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Events on or before this date, e.g. --until 2021-01-31.")
    ] = None,
    fmt: Annotated[
        Literal["table", "json", "jsonl", "csv", "plover"],
        typer.Option(
            "--format", help="How to print the events; plover is PLOVER-style JSON, "
            "e.g. --format csv.",
        ),
    ] = "table",
    limit: LimitOption = DEFAULT_LIMIT,
) -> None:
    """Who did what to whom, when and where, across the store, with the article each
    event comes from (id, URL, outlet, publication date)."""
    from tidings.events import PLOVER_TYPES, events_to_plover
    from tidings.tables import event_rows_of

    unknown = [t for t in event_type or [] if t.upper() not in PLOVER_TYPES]
    if unknown:
        raise UsageError(f"unknown --type {unknown[0]!r}; use one of {', '.join(PLOVER_TYPES)}")
    since, until = check_date(since, "--since"), check_date(until, "--until")
    found = open_store(db).event_records(source=source, target=target, types=event_type,
                                         since=since, until=until, limit=fetch(limit))  # fmt: skip
    if fmt == "plover":
        pairs = [(row["article_id"], event) for row, event in found[:limit or None]]
        _print_json(events_to_plover(pairs))
        return
    columns = [Column("date", width=10), Column("type", width=20), Column("source", width=30),
               Column("target", width=30), Column("modality", width=11),
               Column("intensity", justify="right"), Column("sentence", "evidence", width=90)]
    rows = event_rows_of(found)
    if fmt == "table":
        rows = [_event_cells(row) for row in rows]
    listing(rows, columns, fmt, limit)


def _event_cells(row: dict[str, Any]) -> dict[str, Any]:
    """An event row as the table shows it: type with mode, actors with their codes."""
    return {**row, "type": row["type"] + (f"/{row['mode']}" if row["mode"] else ""),
            "source": _actor_label(row, "source"), "target": _actor_label(row, "target"),
            "intensity": f"{row['intensity']:+.1f}"}  # fmt: skip


def _actor_label(row: dict[str, Any], side: str) -> str:
    name = row[f"{side}_name"]
    if name is None:
        return "-"
    code = "".join(x for x in (row[f"{side}_country"] or row[f"{side}_org"],
                               row[f"{side}_role"]) if x)  # fmt: skip
    return f"{name} ({code})" if code else name


@app.command()
@guarded
def dyads(
    db: DbOption = DEFAULT_DB_PATH,
    period: Annotated[
        Literal["day", "week", "month"],
        typer.Option(help="The length of one period, e.g. --period month."),
    ] = "week",
    source: Annotated[
        str | None, typer.Option(help="Only this source code, e.g. --source RUS.")
    ] = None,
    target: Annotated[
        str | None, typer.Option(help="Only this target code, e.g. --target UKR.")
    ] = None,
    role: Annotated[
        bool, typer.Option(help="Split actors by role (RUSGOV, RUSCOP…), e.g. --role.")
    ] = False,
    fmt: ListFormatOption = "table",
    limit: LimitOption = DEFAULT_LIMIT,
) -> None:
    """Pairs of actors over time: event counts by type and mean intensity, with a chart."""
    from tidings.events import dyad_chart
    from tidings.store.views import EventQuery

    # an event without a date of its own takes the article's publication date
    series = open_store(db).dyads(EventQuery(source=source, target=target), period, with_role=role)
    rows = [asdict(r) for r in series]
    if fmt == "table":
        rows = [{**r, "by_type": ", ".join(f"{k} {v}" for k, v in sorted(r["counts"].items())),
                 "mean_intensity": f"{r['mean_intensity']:+.2f}"} for r in rows]  # fmt: skip
    columns = [Column("source", width=12), Column("target", width=12), Column("period", period),
               Column("total", "events", justify="right"), Column("by_type", "by type"),
               Column("mean_intensity", "mean intensity", justify="right")]  # fmt: skip
    listing(rows, columns, fmt, limit)
    if fmt == "table":
        for line in dyad_chart(series[: limit or None]):
            out.print(line, markup=False, highlight=False)


@app.command()
@guarded
def stories(
    db: DbOption = DEFAULT_DB_PATH,
    since: Annotated[
        str | None,
        typer.Option(help="Stories last reported on or after this date, e.g. --since 2021-01-01."),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            help="Stories with this actor: a name, or a country, organisation or role code, "
            "e.g. --actor RUS."
        ),
    ] = None,
    min_articles: Annotated[
        int,
        typer.Option(
            "--min-articles", min=1,
            help="Stories of at least this many articles (default 2), e.g. --min-articles 1.",
        ),
    ] = 2,
    rebuild: Annotated[
        bool,
        typer.Option(
            "--rebuild", help="Forget every story and link the whole store again first, "
            "e.g. --rebuild.",
        ),
    ] = False,
    use_embeddings: EmbedOption = True,
    fmt: ListFormatOption = "table",
    limit: LimitOption = DEFAULT_LIMIT,
) -> None:
    """Stories across outlets, newest first: the copies, versions and related reports of
    the same news, with how many articles and outlets carried each."""
    since = check_date(since, "--since")
    store = open_store(db, write=rebuild)
    if rebuild:
        from tidings.stories import rebuild as relink

        linked = relink(store, related=None if use_embeddings else False)
        err.print(f"linked {linked} articles into stories", markup=False)
    rows = store.stories(since=since, actor=actor, limit=fetch(limit), min_articles=min_articles)
    columns = [Column("id", width=16), Column("last_published", "last", width=10),
               Column("articles", justify="right"), Column("outlets", justify="right"),
               Column("title")]  # fmt: skip
    listing(rows, columns, fmt, limit)


@app.command()
@guarded
def story(
    story_id: Annotated[str, typer.Argument(help="A story id (or a unique prefix).")],
    db: DbOption = DEFAULT_DB_PATH,
    fmt: Annotated[
        Literal["table", "json"],
        typer.Option("--format", help="table, or the story object as JSON, e.g. --format json."),
    ] = "table",
) -> None:
    """One story: its articles and their relations, what each copy cut, added or
    changed, and its events and quotes, each once, with the articles that report it."""
    from tidings.stories import story_detail

    found = story_detail(open_store(db), story_id)
    if found is None:
        raise UsageError(f"no story with id {story_id!r} in {db} (try `tidings stories`)")
    if fmt == "json":
        _print_json(found.to_dict())
    else:
        print_story(found)


@app.command()
@guarded
def serve(
    db: DbOption = DEFAULT_DB_PATH,
    host: Annotated[
        str, typer.Option(help="Address to listen on, e.g. --host 127.0.0.1 (the default).")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(min=1, max=65535, help="Port to listen on, e.g. --port 8000.")
    ] = 8000,
    access_log: Annotated[
        bool,
        typer.Option(
            "--access-log", help="Log every request to stderr (off by default: it costs the "
            "server's one event loop time per request), e.g. --access-log.",
        ),
    ] = False,
) -> None:
    """The HTTP API and web pages over the store; read-only unless TIDINGS_TOKEN is set."""
    from tidings.store import is_postgres_url
    from tidings.web import serve as run_server

    if is_postgres_url(db):
        raise UsageError("tidings serve reads a SQLite store; export the PostgreSQL one first")
    if not Path(db).is_file():
        raise UsageError(f"no database at {db}; run `tidings process PATH --db {db}` first")
    run_server(db, host, port, token=os.environ.get("TIDINGS_TOKEN") or None,
               access_log=access_log)  # fmt: skip


@app.command()
@guarded
def schema(
    table: Annotated[
        Literal["record", "articles", "quotes", "actors", "events", "stories"],
        typer.Option(
            "--table", help="The article record (default) or one export table, "
            "e.g. --table events.",
        ),
    ] = "record",
) -> None:
    """Print the JSON Schema of the article record, or of one export table."""
    from tidings.record import json_schema
    from tidings.tables import table_schema

    _print_json(json_schema() if table == "record" else table_schema(table))


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


def print_story(story: Any) -> None:
    out.rule(f"[bold]{_escape(story.title) or '(no title)'}")
    facts = Table.grid(padding=(0, 2))
    for name, value in (
        ("story", story.id),
        ("published", f"{story.first_published or '-'} … {story.last_published or '-'}"),
        ("original", story.original or "-"),
        ("fullest", story.fullest or "-"),
        ("outlets", ", ".join(story.outlets) or "-"),
    ):
        facts.add_row(f"[dim]{name}", _escape(value))
    out.print(facts)
    write_rows(out, [asdict(a) for a in story.articles], STORY_ARTICLE_COLUMNS, "table")
    for diff in story.diffs:
        out.print(f"\n[bold]{diff.relation} {diff.article}[/] of {diff.of}")
        for line in _diff_lines(diff):
            out.print(f"  {_escape(line)}")
    if story.events:
        out.print("\n[bold]Events")
        for e in story.events:
            outlets = ", ".join(e.outlets) or "-"
            out.print(f"  {_escape(e.type)}: {_escape(e.sentence[:100])} "
                      f"[dim]({_articles(len(e.articles))}: {_escape(outlets)})")  # fmt: skip
    if story.quotes:
        out.print("\n[bold]Quotes")
        for q in story.quotes:
            outlets = ", ".join(q.outlets) or "-"
            out.print(f"  {_escape(q.speaker or '?')}: {_escape(q.text)} "
                      f"[dim]({_articles(len(q.articles))}: {_escape(outlets)})")  # fmt: skip


def _articles(count: int) -> str:
    return f"{count} article" if count == 1 else f"{count} articles"


STORY_ARTICLE_COLUMNS = [Column("published", width=10), Column("outlet", width=24),
                         Column("relation", width=8), Column("of", width=16),
                         Column("id", "article", width=16), Column("title")]  # fmt: skip


def _diff_lines(diff: Any) -> Iterator[str]:
    if diff.title:
        yield f"title: {diff.title.before!r} → {diff.title.after!r}"
    for paragraph in diff.cut:
        yield f"- cut: {paragraph[:100]}"
    for paragraph in diff.added:
        yield f"+ added: {paragraph[:100]}"
    for change in diff.changed:
        yield f"~ changed: {change.before[:60]!r} → {change.after[:60]!r}"
    if diff.repairs:
        yield "damage mended: " + ", ".join(f"{k} {v}" for k, v in diff.repairs.items())
    if not (diff.title or diff.cut or diff.added or diff.changed or diff.repairs):
        yield "the same text"


def _facts(record: Article) -> Iterator[tuple[str, str]]:
    source = record.source
    yield "id", record.id
    yield "outlet", source.outlet or "-"
    yield "url", source.url or "-"
    if source.path:
        yield "source", source.path
    yield "published", record.published_time or record.published or "-"
    optional = {
        "authors": ", ".join(record.authors),
        "byline": record.byline if record.byline and not record.authors else None,
        "language": record.language,
        "sections": ", ".join(record.sections),
        "keywords": ", ".join(record.keywords),
        "image": record.image,
        "dateline": record.dateline.place if record.dateline else None,
        "story": f"{record.story.id} ({record.story.relation})" if record.story else None,
    }
    yield from ((name, value) for name, value in optional.items() if value)


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
        ("Events", [_event_line(e) for e in record.events]),
        ("Errors", record.errors),
    ]


def _event_line(event: Event) -> str:
    def who(actor: Any) -> str:
        return actor.name if actor else "?"

    kind = event.type + (f"/{event.mode}" if event.mode else "")
    return (f"{kind}: {who(event.source)} → {who(event.target)} ({event.modality}, "
            f"{event.date or 'no date'}): {event.sentence}")  # fmt: skip


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def main() -> None:
    app()
