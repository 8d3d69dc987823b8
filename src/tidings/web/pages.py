"""The web pages: server-rendered HTML over the same store readers as the API.

No script runs in them: the edit toggle, the chart's evidence and paging are
plain links, so every page works from the keyboard and at phone width.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from tidings.events import PLOVER_TYPES
from tidings.store.views import ArticleQuery, EventQuery, QuoteQuery
from tidings.stories import story_detail
from tidings.web.api import (
    ActorName,
    Code,
    Cursor,
    MinArticles,
    Period,
    Reader,
    Since,
    Text,
    article_query,
    check_date,
    facet_query,
    remembered,
    story_page,
)
from tidings.web.render import (
    actor_href,
    highlighted,
    marked_text,
    original_with_edits,
    paragraph_marks,
    timeline,
)

WEB = files("tidings.web")
templates = Jinja2Templates(directory=str(WEB / "templates"))
templates.env.globals.update(
    highlighted=highlighted, actor_href=actor_href, plover_types=PLOVER_TYPES
)
pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PAGE_SIZE = 20


def mount_pages(app: FastAPI) -> None:
    app.include_router(pages)
    app.mount("/static", StaticFiles(directory=str(WEB / "static")), name="static")


def wants_html(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api") or path == "/openapi.json" or path.startswith("/docs"))


def error_page(request: Request, status: int, reason: str) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "reason": reason}, status_code=status
    )


def page_link(request: Request, **changes: str | None) -> str:
    """This page's address with some parameters changed (None removes one)."""
    params = {k: v for k, v in request.query_params.items() if v}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return request.url.path + ("?" + urlencode(params) if params else "")


templates.env.globals["page_link"] = page_link


@pages.get("/")
def search_page(
    request: Request, store: Reader, query: Annotated[ArticleQuery, Depends(article_query)]
) -> HTMLResponse:
    found = remembered(request, store.find_articles, query)
    facets = remembered(request, store.article_facets, facet_query(query))
    return templates.TemplateResponse(
        request,
        "search.html",
        {"query": query, "page": found, "facets": facets, "described": describe(query)},
    )


def describe(query: ArticleQuery) -> str:
    """The filters of an article query in words ("matching “sanctions” from Reuters")."""
    parts = []
    if query.q:
        parts.append(f"matching “{query.q}”")
    if query.outlet:
        parts.append(f"from {query.outlet}")
    if query.actor:
        parts.append(f"naming {query.actor}")
    if query.event_type:
        parts.append(f"reporting {query.event_type} events")
    if query.story:
        parts.append(f"in story {query.story}")
    parts.append(_between(query.since, query.until))
    return " ".join(p for p in parts if p)


def _between(since: str | None, until: str | None) -> str:
    if since and until:
        return f"between {since} and {until}"
    if since:
        return f"since {since}"
    return f"until {until}" if until else ""


@pages.get("/articles/{article_id}")
def article_page(
    request: Request,
    store: Reader,
    article_id: str,
    view: Annotated[str, Query(pattern="^(repaired|original)$")] = "repaired",
) -> HTMLResponse:
    record = store.article(article_id)
    if record is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    context = {"record": record, "view": view}
    if view == "original":
        context["original"] = original_with_edits(record)
    else:
        marks = paragraph_marks(record)
        context["paragraphs"] = [
            marked_text(text, marks[i]) for i, text in enumerate(record.paragraphs)
        ]
    return templates.TemplateResponse(request, "article.html", context)


@pages.get("/actors")
def actors_page(
    request: Request,
    store: Reader,
    q: Text = None,
    cursor: Cursor = None,
) -> HTMLResponse:
    from tidings.store.views import ActorQuery

    found = remembered(request, store.find_actors, ActorQuery(q=q or None, limit=50, cursor=cursor))
    return templates.TemplateResponse(request, "actors.html", {"q": q or "", "page": found})


@pages.get("/actors/{name:path}")
def actor_page(
    request: Request,
    store: Reader,
    name: str,
    period: Period = "month",
    quotes_cursor: Cursor = None,
    events_cursor: Cursor = None,
) -> HTMLResponse:
    known = store.actor_named(name)
    if not known:
        raise HTTPException(404, f"no actor named {name!r} in this store")
    quotes = store.find_quotes(QuoteQuery(speaker=name, limit=PAGE_SIZE, cursor=quotes_cursor))
    events = store.find_events(EventQuery(actor=name, limit=PAGE_SIZE, cursor=events_cursor))
    rows = remembered(request, store.dyads, EventQuery(actor=name), period, False)
    context = {
        "name": name,
        "known": known,
        "quotes": quotes,
        "events": events,
        "chart": timeline(rows, period) if rows else None,
        "period": period,
    }
    return templates.TemplateResponse(request, "actor.html", context)


@pages.get("/dyads")
def dyads_page(
    request: Request,
    store: Reader,
    source: Code = None,
    target: Code = None,
    period: Period = "month",
    cursor: Cursor = None,
) -> HTMLResponse:
    source = source.upper() if source else None
    target = target.upper() if target else None
    context: dict[str, object] = {
        "source": source,
        "target": target,
        "period": period,
        "pairs": remembered(request, store.dyad_pairs, 30),
        "codes": remembered(request, store.actor_codes),
    }
    if source and target:
        chosen = EventQuery(source=source, target=target)
        rows = remembered(request, store.dyads, chosen, period, False)
        evidence = store.find_events(
            EventQuery(source=source, target=target, limit=50, cursor=cursor)
        )
        context.update(
            rows=rows,
            chart=timeline(rows, period) if rows else None,
            evidence=evidence,
            periods=_periods_of(evidence.items, period),
        )
    return templates.TemplateResponse(request, "dyads.html", context)


@pages.get("/stories")
def stories_page(
    request: Request,
    store: Reader,
    since: Since = None,
    actor: ActorName = None,
    min_articles: MinArticles = 2,
    cursor: Cursor = None,
) -> HTMLResponse:
    since = check_date(since, "since")
    found = story_page(store, since, actor or None, min_articles, 50, cursor or None)
    context = {"page": found, "since": since, "actor": actor, "min_articles": min_articles}
    return templates.TemplateResponse(request, "stories.html", context)


@pages.get("/stories/{story_id}")
def story_view(request: Request, store: Reader, story_id: str) -> HTMLResponse:
    found = story_detail(store, story_id)
    if found is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    titles = {a.id: a.title or a.id for a in found.articles}
    return templates.TemplateResponse(request, "story.html", {"story": found, "titles": titles})


def _periods_of(items: list, period: str) -> dict[str, list]:
    """Evidence grouped under the chart's period labels."""
    from tidings.events.series import period_of

    grouped: dict[str, list] = {}
    for item in items:
        grouped.setdefault(period_of(item.date, period) or "undated", []).append(item)
    return grouped
