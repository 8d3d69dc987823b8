"""The JSON API under /api/: thin routes over the store's readers.

Response models are the store's and the record's dataclasses themselves, so
the OpenAPI description at /openapi.json is generated from the one definition
of every field. Parameters are checked here (4xx with a JSON reason); values
reach SQL only as bound parameters.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import hmac
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field, fields, replace
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import Response
from pydantic import TypeAdapter
from starlette.concurrency import run_in_threadpool

from tidings.errors import UsageError
from tidings.events import PLOVER_TYPES, DyadPeriod
from tidings.record import Article
from tidings.store import Store
from tidings.store.views import (
    ActorPage,
    ActorQuery,
    ArticlePage,
    ArticleQuery,
    ArticleRef,
    EventPage,
    EventQuery,
    Facets,
    QuotePage,
    QuoteQuery,
    StoryPage,
    StorySummary,
    decode_cursor,
    encode_cursor,
)
from tidings.stories import story_detail
from tidings.stories.model import Story

MAX_LIMIT = 100
T = TypeVar("T")
EventType = enum.StrEnum("EventType", {t: t for t in PLOVER_TYPES})
# a form's "any" choice sends the parameter empty: taken as no filter
AnyEventType = Annotated[EventType | Literal[""] | None, Query(description="A PLOVER type.")]
ActorKind = Literal["person", "organization", "country", "group", ""]
Period = Literal["day", "week", "month"]

DATE_HELP = "YYYY, YYYY-MM or YYYY-MM-DD"
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"  # no control characters in a text parameter


def text(max_length: int = 200, description: str | None = None) -> Any:
    """A free-text query parameter: bounded, printable."""
    return Query(max_length=max_length, pattern=PRINTABLE, description=description)


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Cursor = Annotated[
    str | None,
    Query(max_length=400, pattern=r"^[A-Za-z0-9_-]*$", description="`next_cursor` of a page."),
]
DATE_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
Since = Annotated[
    str | None, Query(max_length=10, pattern=DATE_PATTERN, description=f"From: {DATE_HELP}.")
]
Until = Annotated[
    str | None, Query(max_length=10, pattern=DATE_PATTERN, description=f"Until: {DATE_HELP}.")
]
Text = Annotated[str | None, text()]
ArticleId = Annotated[str | None, Query(max_length=64, pattern=r"^[0-9a-f]*$")]
Code = Annotated[
    str | None,
    Query(max_length=8, pattern=r"^[A-Za-z]*$", description="A country (RUS) or org (EU) code."),
]
ActorName = Annotated[str | None, text(200, "An actor's name, or a country or org code.")]
MinArticles = Annotated[
    int, Query(ge=1, le=10_000, description="Stories of at least this many articles.")
]


async def reader(request: Request) -> AsyncIterator[Store]:
    """A read-only store for the length of one request. Taken and given back on the
    event loop, so that a request costs one hop to a worker thread (its route), not
    three; only when every store is lent is one waited for in a worker thread."""
    pool = request.app.state.pool
    store = pool.take_idle() or await run_in_threadpool(pool.take)
    try:
        yield store
    finally:
        pool.give_back(store)


Reader = Annotated[Store, Depends(reader)]


def remembered(request: Request, read: Callable[..., T], *args: Any) -> T:
    """`read(*args)` (a store reader whose work grows with the store: ranking,
    counting, grouping), or its answer to an earlier request while the store is
    unchanged (`tidings.web.cache`). Called in the route's worker thread, which asks
    for the store's generation once per request, before it reads."""
    state = request.state
    if not hasattr(state, "generation"):
        state.generation = request.app.state.pool.current_generation()
    return request.app.state.answers.get(state.generation, read, *args)


def as_json(value: object) -> Response:
    """A route's dataclass answer written by pydantic-core, as its response model
    describes it (FastAPI would first copy it with `asdict` and check it again)."""
    return Response(_adapter(type(value)).dump_json(value), media_type="application/json")


@functools.cache
def _adapter(kind: type) -> TypeAdapter:
    return TypeAdapter(kind)


@dataclass
class Problem:
    """Why a request was refused."""

    detail: str


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "A parameter's value cannot be used (the reason says)."},
    404: {"model": Problem, "description": "Nothing with this id."},
    422: {"model": Problem, "description": "A parameter is missing or malformed."},
}
router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


def check_date(value: str | None, name: str) -> str | None:
    """A date bound as YYYY, YYYY-MM or YYYY-MM-DD (a real date), or a 400."""
    if not value:
        return None
    padded = value + "-01" * ((10 - len(value)) // 3) if len(value) in (4, 7) else value
    try:
        dt.date.fromisoformat(padded)
        if len(padded) != 10 or len(value) not in (4, 7, 10):
            raise ValueError
    except ValueError:
        raise UsageError(f"{name} {value!r} is not a date; write {DATE_HELP}") from None
    return value


async def article_query(  # async: no worker thread for checking parameters
    q: Annotated[str | None, text(400, "Full-text search (FTS5 syntax allowed).")] = None,
    outlet: Text = None,
    since: Since = None,
    until: Until = None,
    actor: ActorName = None,
    event_type: AnyEventType = None,
    story: Text = None,
    limit: Limit = 20,
    cursor: Cursor = None,
) -> ArticleQuery:
    return ArticleQuery(
        q=q or None,
        outlet=outlet or None,
        since=check_date(since, "since"),
        until=check_date(until, "until"),
        actor=actor or None,
        event_type=event_type or None,
        story=story or None,
        limit=limit,
        cursor=cursor or None,
    )


@router.get("/articles", response_model=ArticlePage)
def list_articles(
    request: Request, store: Reader, query: Annotated[ArticleQuery, Depends(article_query)]
) -> Response:
    """Articles, newest first, or best match first with `q`; snippets carry the
    matched stretches as `highlights` (character offsets into `snippet`)."""
    return as_json(remembered(request, store.find_articles, query))


@router.get("/facets", response_model=Facets)
def article_facets(
    request: Request, store: Reader, query: Annotated[ArticleQuery, Depends(article_query)]
) -> Response:
    """How the articles an `articles` query matches spread over outlets, event
    types, actors and months (`limit` and `cursor` aside)."""
    return as_json(remembered(request, store.article_facets, facet_query(query)))


def facet_query(query: ArticleQuery) -> ArticleQuery:
    """The query without what facets do not depend on (its page)."""
    return replace(query, limit=20, cursor=None)


@router.get("/articles/{article_id}", response_model=Article)
def get_article(
    store: Reader,
    article_id: Annotated[str, PathParam(max_length=64, pattern=r"^[0-9a-f]+$")],
) -> Response:
    """One article's record: the same JSON as `tidings export` writes."""
    record = store.article(article_id)  # read into the record's dataclass, as export does
    if record is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    # written by pydantic-core: the fields and values of to_json, ten times faster
    return as_json(record)


@router.get("/quotes", response_model=QuotePage)
def list_quotes(
    store: Reader,
    speaker: Annotated[str | None, text(200, "The speaker's name.")] = None,
    actor: Annotated[str | None, text(8, "The speaker's country, org or role code.")] = None,
    article: ArticleId = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 20,
    cursor: Cursor = None,
) -> Response:
    """Who said what, oldest article first."""
    query = QuoteQuery(
        speaker=speaker or None,
        actor=actor or None,
        article=article or None,
        since=check_date(since, "since"),
        until=check_date(until, "until"),
        limit=limit,
        cursor=cursor or None,
    )
    return as_json(store.find_quotes(query))


@router.get("/actors", response_model=ActorPage)
def list_actors(
    request: Request,
    store: Reader,
    q: Annotated[str | None, text(200, "Part of the name.")] = None,
    kind: ActorKind | None = None,
    code: Code = None,
    limit: Limit = 20,
    cursor: Cursor = None,
) -> Response:
    """People, organisations, countries and groups, most written-about first."""
    query = ActorQuery(q or None, kind or None, code or None, limit, cursor or None)
    return as_json(remembered(request, store.find_actors, query))


async def event_query(
    source: Code = None,
    target: Code = None,
    actor: ActorName = None,
    event_type: AnyEventType = None,
    article: ArticleId = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 20,
    cursor: Cursor = None,
) -> EventQuery:
    return EventQuery(
        source=source or None,
        target=target or None,
        actor=actor or None,
        event_type=event_type or None,
        article=article or None,
        since=check_date(since, "since"),
        until=check_date(until, "until"),
        limit=limit,
        cursor=cursor or None,
    )


@router.get("/events", response_model=EventPage)
def list_events(store: Reader, query: Annotated[EventQuery, Depends(event_query)]) -> Response:
    """Who did what to whom, in date order (an undated event takes its article's date)."""
    return as_json(store.find_events(query))


def series_query(query: EventQuery) -> EventQuery:
    """The query without its page: what a whole dyad series depends on."""
    return replace(query, limit=20, cursor=None)


@dataclass
class DyadPage:
    items: list[DyadPeriod]
    next_cursor: str | None = None


@router.get("/dyads", response_model=DyadPage)
def list_dyads(
    request: Request,
    store: Reader,
    query: Annotated[EventQuery, Depends(event_query)],
    period: Period = "week",
    role: Annotated[bool, Query(description="Split actors by role (RUSGOV, RUSCOP…).")] = False,
) -> Response:
    """Pairs of actor codes over time: events by type and mean intensity per period."""
    rows = remembered(request, store.dyads, series_query(query), period, role)
    key = decode_cursor(query.cursor, "dyads", (int,))
    start = key[0] if key else 0
    end = start + query.limit
    more = end < len(rows)
    return as_json(DyadPage(rows[start:end], encode_cursor("dyads", [end]) if more else None))


def story_page(
    store: Store,
    since: str | None,
    actor: str | None,
    min_articles: int,
    limit: int,
    cursor: str | None,
) -> StoryPage:
    """Stories newest first, a page at a time (the cursor is the offset)."""
    key = decode_cursor(cursor, "stories", (int,))
    start = key[0] if key else 0
    rows = store.stories(
        since=since, actor=actor, limit=start + limit + 1, min_articles=min_articles
    )
    items = [StorySummary(**{k: r[k] for k in STORY_FIELDS}) for r in rows[start : start + limit]]
    more = len(rows) > start + limit
    return StoryPage(items, encode_cursor("stories", [start + limit]) if more else None)


STORY_FIELDS = [f.name for f in fields(StorySummary)]


@router.get("/stories", response_model=StoryPage)
def list_stories(
    store: Reader,
    since: Since = None,
    actor: ActorName = None,
    min_articles: MinArticles = 2,
    limit: Limit = 20,
    cursor: Cursor = None,
) -> Response:
    """Stories, newest first: the same news across outlets and over time."""
    since = check_date(since, "since")
    return as_json(story_page(store, since, actor or None, min_articles, limit, cursor or None))


@router.get("/stories/{story_id}", response_model=Story)
def get_story(
    store: Reader, story_id: Annotated[str, PathParam(max_length=64, pattern=r"^[0-9a-z_-]+$")]
) -> Response:
    """One story: its articles and their relations, what each copy changed, and its
    events and quotes merged across its articles, each once."""
    found = story_detail(store, story_id)
    if found is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    return as_json(found)


# --- writing: only when the server has a token ----------------------------------------------


@dataclass
class Processed:
    """What a posted document became."""

    added: int
    articles: list[ArticleRef] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def check_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    expected = request.app.state.token
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "a valid token is needed: Authorization: Bearer TOKEN")


write_router = APIRouter(
    prefix="/api",
    tags=["write"],
    dependencies=[Depends(check_token)],
    responses=ERRORS | {
        401: {"model": Problem, "description": "No token, or not the server's."},
        413: {"model": Problem, "description": "The document is too large."},
    },
)


@write_router.post(
    "/documents",
    response_model=Processed,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/octet-stream": {"schema": {"type": "string"}}},
        }
    },
)
async def post_document(
    request: Request,
    input_format: Annotated[
        Literal["auto", "text", "html", "feed", "warc", "jsonl"], Query(alias="format")
    ] = "auto",
    date: Annotated[str | None, text(10, "YYYY-MM-DD")] = None,
    name: Annotated[str | None, text(200, "A name for the source.")] = None,
) -> Processed:
    """Process one document (a page, a text, a feed, a WARC or JSONL) into the store."""
    writer = request.app.state.writer
    raw = await request.body()
    if len(raw) > writer.max_bytes:
        raise HTTPException(413, f"the document is over {writer.max_bytes} bytes")
    if not raw:
        raise UsageError("the request body is empty; send the document's bytes")
    if date is not None and (len(date) != 10 or check_date(date, "date") is None):
        raise UsageError(f"date {date!r} is not a date; write YYYY-MM-DD")
    return await run_in_threadpool(writer.process, raw, input_format, date, name)
