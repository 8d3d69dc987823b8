"""The store as flat tables — articles, quotes, actors, events, stories — for export.

Each table is a dataclass: its fields name and type the columns, and every format
(JSON lines, CSV, Parquet, the `--format` of the listing commands) is written
from it, so that a column has one name and one type everywhere. Every row of a
quote, actor or event carries the article's id, URL, outlet and publication
date, as GDELT and POLECAT exports do, so a table can be used on its own.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import typing
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from itertools import islice
from typing import Any

from tidings.record import Actor, Article, Event

TABLES = ("articles", "quotes", "actors", "events", "stories")


@dataclass
class ArticleLink:
    """Where a row comes from: the article, its address, outlet and publication date."""

    article_id: str
    url: str | None
    outlet: str | None
    published: dt.date | None


@dataclass
class ArticleRow:
    id: str
    url: str | None
    outlet: str | None
    format: str
    source_path: str | None
    published: dt.date | None
    published_time: str | None
    language: str | None
    title: str
    byline: str | None
    authors: list[str]
    sections: list[str]
    keywords: list[str]
    image: str | None
    standfirst: str | None
    body: str
    paragraphs: int
    quotes: int
    actors: int
    events: int
    story_id: str | None
    story_relation: str | None
    errors: list[str]


@dataclass
class QuoteRow(ArticleLink):
    position: int
    text: str
    kind: str
    speaker: str | None
    speaker_actor: str | None
    speaker_mention: str | None
    cue: str | None
    via: str | None
    paragraph: int


@dataclass
class ActorRow(ArticleLink):
    actor_id: str
    name: str
    kind: str
    country: str | None
    org: str | None
    role: str | None
    description: str | None
    mentions: int
    key: str | None  # the same actor's key in every article of the store


@dataclass
class EventRow(ArticleLink):
    event_id: str
    type: str
    mode: str | None
    source_name: str | None
    source_kind: str | None
    source_country: str | None
    source_org: str | None
    source_role: str | None
    target_name: str | None
    target_kind: str | None
    target_country: str | None
    target_org: str | None
    target_role: str | None
    modality: str
    date: str | None
    date_text: str | None
    location: str | None
    intensity: float
    confidence: float
    mentions: int
    paragraph: int
    sentence: str


@dataclass
class StoryRow:
    id: str
    title: str
    first_published: dt.date | None
    last_published: dt.date | None
    articles: int
    outlets: list[str]
    article_ids: list[str]


ROW_TYPES: dict[str, type] = {"articles": ArticleRow, "quotes": QuoteRow, "actors": ActorRow,
                              "events": EventRow, "stories": StoryRow}  # fmt: skip


def columns(table: str) -> list[str]:
    return [f.name for f in fields(ROW_TYPES[table])]


def rows(table: str, articles: Iterable[Article]) -> Iterator[Any]:
    """The rows of `table` for these articles, as dataclass instances."""
    if table == "stories":
        yield from story_rows(articles)
        return
    build = {"articles": lambda a: [article_row(a)], "quotes": quote_rows,
             "actors": actor_rows, "events": event_rows}[table]  # fmt: skip
    for article in articles:
        yield from build(article)


def as_dicts(found: Iterable[Any]) -> Iterator[dict[str, Any]]:
    return (asdict(row) for row in found)


def publication_date(article: Article) -> dt.date | None:
    try:
        return dt.date.fromisoformat(article.published[:10]) if article.published else None
    except ValueError:
        return None


def link(article: Article) -> dict[str, Any]:
    return {"article_id": article.id, "url": article.source.url,
            "outlet": article.source.outlet, "published": publication_date(article)}  # fmt: skip


def article_row(article: Article) -> ArticleRow:
    source, story = article.source, article.story
    return ArticleRow(
        id=article.id, url=source.url, outlet=source.outlet, format=source.format,
        source_path=source.path, published=publication_date(article),
        published_time=article.published_time, language=article.language,
        title=article.title, byline=article.byline, authors=list(article.authors),
        sections=list(article.sections), keywords=list(article.keywords),
        image=article.image, standfirst=article.standfirst, body=article.body,
        paragraphs=len(article.paragraphs), quotes=len(article.quotes),
        actors=len(article.actors), events=len(article.events),
        story_id=story.id if story else None, story_relation=story.relation if story else None,
        errors=list(article.errors),
    )  # fmt: skip


def quote_rows(article: Article) -> list[QuoteRow]:
    where = link(article)
    return [QuoteRow(**where, position=i, **asdict(q)) for i, q in enumerate(article.quotes)]


def actor_rows(article: Article) -> list[ActorRow]:
    out = []
    for actor in article.actors:
        data = asdict(actor)
        data["actor_id"] = data.pop("id")
        out.append(ActorRow(**link(article), **data))
    return out


def _side(prefix: str, actor: Actor | None) -> dict[str, Any]:
    keys = ("name", "kind", "country", "org", "role")
    return {f"{prefix}_{k}": getattr(actor, k) if actor else None for k in keys}


def event_row(where: dict[str, Any], e: Event, position: int) -> EventRow:
    """The row of event `e`, the `position`-th of the article `where` describes."""
    return EventRow(
        **where, event_id=e.id or str(position), type=e.type, mode=e.mode,
        **_side("source", e.source), **_side("target", e.target), modality=e.modality,
        date=e.date, date_text=e.date_text, location=e.location, intensity=e.intensity,
        confidence=e.confidence, mentions=e.mentions, paragraph=e.paragraph, sentence=e.sentence,
    )  # fmt: skip


def event_rows(article: Article) -> list[EventRow]:
    where = link(article)
    return [event_row(where, e, i) for i, e in enumerate(article.events)]


def event_rows_of(found: Iterable[tuple[dict[str, Any], Event]]) -> list[dict[str, Any]]:
    """Rows for events as the store's `event_records` finds them."""
    out = []
    for row, event in found:
        published = row.get("published")
        where = {"article_id": row["article_id"], "url": row.get("url"),
                 "outlet": row.get("outlet"),
                 "published": dt.date.fromisoformat(published[:10]) if published else None}
        out.append(asdict(event_row(where, event, row["position"])))
    return out


def story_rows(articles: Iterable[Article]) -> list[StoryRow]:
    """One row per story the articles belong to (from each record's `story`)."""
    members: dict[str, list[Article]] = {}
    for article in articles:
        if article.story is not None:
            members.setdefault(article.story.id, []).append(article)
    out = []
    for story_id, group in members.items():
        dates = sorted(d for a in group if (d := publication_date(a)))
        original = next((a for a in group if a.story and a.story.relation == "original"), group[0])
        out.append(StoryRow(
            id=story_id, title=original.title, first_published=dates[0] if dates else None,
            last_published=dates[-1] if dates else None, articles=len(group),
            outlets=sorted({a.source.outlet for a in group if a.source.outlet}),
            article_ids=[a.id for a in group],
        ))  # fmt: skip
    return out


# --- Arrow ------------------------------------------------------------------------------


def arrow_schema(table: str):  # noqa: ANN201 - pyarrow.Schema, imported lazily
    """The Parquet schema of `table`, from its dataclass's field types."""
    import pyarrow as pa

    hints = typing.get_type_hints(ROW_TYPES[table])
    return pa.schema([pa.field(f.name, _arrow_type(hints[f.name]), nullable=True)
                      for f in fields(ROW_TYPES[table])])  # fmt: skip


def _arrow_type(kind: Any):  # noqa: ANN202
    import pyarrow as pa

    args = [a for a in typing.get_args(kind) if a is not type(None)]
    if typing.get_origin(kind) is list:
        return pa.list_(_arrow_type(args[0]))
    if args:  # X | None
        return _arrow_type(args[0])
    return {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(),
            dt.date: pa.date32()}[kind]  # fmt: skip


# --- writing ------------------------------------------------------------------------------

EXPORT_FORMATS = ("jsonl", "csv", "parquet")
PARQUET_BATCH = 1000  # rows held in memory at a time


def write_export(articles: Iterable[Article], table: str, fmt: str, stream: typing.BinaryIO,
                 ) -> int:  # fmt: skip
    """Write `table` of these articles to a binary stream; return the rows written.

    JSON lines of `articles` are whole records (SPEC: `tidings export`); every
    other table and format is rows of the table's dataclass."""
    if fmt == "jsonl" and table == "articles":
        return _write_lines(stream, (a.to_json() for a in articles))
    found = rows(table, articles)
    if fmt == "jsonl":
        from tidings.output import plain

        return _write_lines(stream, (json.dumps(plain(asdict(r)), ensure_ascii=False)
                                     for r in found))  # fmt: skip
    if fmt == "csv":
        return _write_csv(stream, table, found)
    if fmt == "parquet":
        return _write_parquet(stream, table, found)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")


def _write_lines(stream: typing.BinaryIO, lines: Iterable[str]) -> int:
    count = 0
    for line in lines:
        stream.write(line.encode("utf-8") + b"\n")
        count += 1
    return count


def _write_csv(stream: typing.BinaryIO, table: str, found: Iterable[Any]) -> int:
    from tidings.output import csv_cells

    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    try:
        writer = csv.DictWriter(text, fieldnames=columns(table), lineterminator="\n")
        writer.writeheader()
        count = 0
        for row in found:
            writer.writerow(csv_cells(asdict(row)))
            count += 1
    finally:
        text.detach()  # the stream stays open for its owner (standard output, say)
    return count


def _write_parquet(stream: typing.BinaryIO, table: str, found: Iterable[Any]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(table)
    count = 0
    with pq.ParquetWriter(stream, schema) as writer:
        while batch := [asdict(r) for r in islice(found, PARQUET_BATCH)]:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def table_schema(table: str) -> dict[str, Any]:
    """The JSON Schema of one row of `table`."""
    from tidings.record import schema_of

    return schema_of(ROW_TYPES[table], f"tidings {table} table row")
