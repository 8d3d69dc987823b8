"""Reading the SQLite store a page at a time: the queries behind the HTTP API,
the web pages and the CLI's listings.

Every value a caller gives is a bound parameter; the SQL text is built only
from fixed fragments chosen here. Lists are paged with keyset cursors (the
sort key of the last row), so a page costs the same wherever it starts.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from tidings.errors import UsageError
from tidings.events.series import DyadPeriod, period_of
from tidings.record import Actor, Article, Event, Quote
from tidings.store.views import (
    ActorPage,
    ActorQuery,
    ActorSummary,
    ArticleHit,
    ArticlePage,
    ArticleQuery,
    ArticleRef,
    Count,
    DyadPair,
    EventItem,
    EventPage,
    EventQuery,
    Facets,
    QuoteItem,
    QuotePage,
    QuoteQuery,
    check_limit,
    decode_cursor,
    encode_cursor,
    marked_spans,
)

MARK_START, MARK_END = "\x02", "\x03"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
SNIPPET_WORDS = 24
FACET_SIZE = 10
_FTS_RANK = "bm25(articles_fts, 5.0, 1.0)"


class Filters:
    """WHERE conditions and their bound values, built from fixed fragments."""

    def __init__(self) -> None:
        self.where: list[str] = []
        self.args: list[Any] = []

    def add(self, condition: str, *args: Any) -> None:
        self.where.append(condition)
        self.args.extend(args)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.where)) if self.where else ""


class BrowseMixin:
    """Paged, filtered reading; mixed into the SQLite `Store` (needs `self.db`)."""

    db: sqlite3.Connection

    # --- articles ----------------------------------------------------------------------

    def find_articles(self, query: ArticleQuery) -> ArticlePage:
        """Articles matching `query`: best match first with `q`, else newest first
        (undated last)."""
        limit = check_limit(query.limit)
        filters = self._article_filters(query)
        if query.q:
            return self._search_page(query, filters, limit)
        key = decode_cursor(query.cursor, "articles", (str, int))
        if key is not None and key[0]:
            filters.add(
                "(a.published < ? OR (a.published = ? AND a.rowid < ?) OR a.published IS NULL)",
                key[0], key[0], key[1],
            )  # fmt: skip
        elif key is not None:
            filters.add("(a.published IS NULL AND a.rowid < ?)", key[1])
        # in the order of the publication-date index, so a page reads only its own rows
        rows = self.db.execute(
            "SELECT a.id, a.rowid, a.title, a.published, a.outlet, a.url,"
            f" substr(a.body, 1, 400) AS snippet FROM articles a{filters.sql()}"
            " ORDER BY a.published DESC, a.rowid DESC LIMIT ?",
            (*filters.args, limit + 1),
        ).fetchall()
        hits = [_hit(r, _first_words(r["snippet"]), r["title"]) for r in rows[:limit]]
        cursor = next_cursor(rows, limit, "articles", lambda r: [r["published"] or "", r["rowid"]])
        return ArticlePage(hits, cursor)

    def _search_page(self, query: ArticleQuery, filters: Filters, limit: int) -> ArticlePage:
        """Ranked in one query, then snippets made for the page's rows only (making them
        for every match would cost a snippet per matching article). The page's rows are
        picked out of one pass over the matches between its lowest and highest rowid
        (`+rowid IN`: a filter, not a constraint FTS5 would answer by running the
        whole MATCH again for each row, which costs more than the snippets)."""
        key = decode_cursor(query.cursor, "search", (float, int))
        for match in (query.q or "", plain_words(query.q or "")):
            try:
                ranked = self._ranked(match, filters, key, limit + 1)
                break
            except sqlite3.OperationalError:
                continue  # not valid FTS syntax: search its words instead
        else:
            ranked = []
        page = ranked[:limit]
        rowids = [rowid for rowid, _ in page]
        rows = {
            r["rowid"]: r
            for r in self.db.execute(
                "SELECT a.id, a.rowid, a.published, a.outlet, a.url,"
                f" highlight(articles_fts, 0, '{MARK_START}', '{MARK_END}') AS title,"
                f" snippet(articles_fts, 1, '{MARK_START}', '{MARK_END}', '…',"
                f" {SNIPPET_WORDS}) AS snippet"
                " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
                " WHERE articles_fts MATCH ? AND articles_fts.rowid BETWEEN ? AND ?"
                " AND +articles_fts.rowid IN (SELECT value FROM json_each(?))",
                (match, min(rowids), max(rowids), _json_list(rowids)),
            )
        } if page else {}  # fmt: skip
        hits = [_hit(rows[rowid], rows[rowid]["snippet"], rows[rowid]["title"])
                for rowid, _ in page if rowid in rows]  # fmt: skip
        cursor = next_cursor(ranked, limit, "search", lambda r: [r[1], r[0]])
        return ArticlePage(hits, cursor)

    def _ranked(
        self, match: str, filters: Filters, key: list[Any] | None, count: int
    ) -> list[tuple[int, float]]:
        """(rowid, rank) of the best `count` matches after the cursor's key."""
        ranked = Filters()
        ranked.add("articles_fts MATCH ?", match)
        ranked.where += filters.where
        ranked.args += filters.args
        if key is not None:
            ranked.add(f"({_FTS_RANK}, articles_fts.rowid) > (?, ?)", *key)
        join = " JOIN articles a ON a.rowid = articles_fts.rowid" if filters.where else ""
        rows = self.db.execute(
            f"SELECT articles_fts.rowid, {_FTS_RANK} AS rank FROM articles_fts{join}"
            f"{ranked.sql()} ORDER BY rank, articles_fts.rowid LIMIT ?",
            (*ranked.args, count),
        ).fetchall()
        return [(r[0], r[1]) for r in rows]

    def _article_filters(self, query: ArticleQuery) -> Filters:
        filters = Filters()
        if query.outlet:
            filters.add("a.outlet = ?", query.outlet)
        _date_filters(filters, "a.published", query.since, query.until)
        if query.actor:
            filters.add(
                "EXISTS (SELECT 1 FROM actors x WHERE x.article_id = a.id"
                " AND (x.name = ? OR x.country = ? OR x.org = ?))",
                query.actor, query.actor.upper(), query.actor.upper(),
            )  # fmt: skip
        if query.event_type:
            filters.add(
                "EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND e.type = ?)",
                query.event_type.upper(),
            )
        if query.story:
            self._story_filter(filters, query.story)
        return filters

    def _story_filter(self, filters: Filters, story: str) -> None:
        raise UsageError("this store keeps no stories yet; leave out the story filter")

    def article_facets(self, query: ArticleQuery) -> Facets:
        """How the articles matching `query` (all pages) spread over outlets, types, actors."""
        filters = self._article_filters(query)
        if query.q:
            ids = self._matching_rowids(query.q, filters)
            filters = Filters()
            filters.add("a.rowid IN (SELECT value FROM json_each(?))", _json_list(ids))
        matched = f"SELECT a.id FROM articles a{filters.sql()}"
        args = filters.args

        def counts(sql: str) -> list[Count]:
            rows = self.db.execute(sql, (*args, FACET_SIZE)).fetchall()
            return [Count(r[0], r[1]) for r in rows]

        total = self.db.execute(f"SELECT count(*) FROM ({matched})", args).fetchone()[0]
        return Facets(
            total=total,
            outlets=counts(
                f"SELECT a.outlet, count(*) FROM articles a{filters.sql()}"
                f"{' AND' if filters.where else ' WHERE'} a.outlet IS NOT NULL"
                " GROUP BY a.outlet ORDER BY 2 DESC, 1 LIMIT ?"
            ),
            event_types=counts(
                "SELECT e.type, count(DISTINCT e.article_id) FROM events e"
                f" WHERE e.article_id IN ({matched}) GROUP BY e.type ORDER BY 2 DESC, 1 LIMIT ?"
            ),
            actors=counts(
                "SELECT x.name, count(DISTINCT x.article_id) FROM actors x"
                f" WHERE x.article_id IN ({matched}) GROUP BY x.name ORDER BY 2 DESC, 1 LIMIT ?"
            ),
            months=counts(
                "SELECT substr(a.published, 1, 7), count(*) FROM articles a"
                f"{filters.sql()}{' AND' if filters.where else ' WHERE'} a.published IS NOT NULL"
                " GROUP BY 1 ORDER BY 1 DESC LIMIT ?"
            ),
        )

    def _matching_rowids(self, q: str, filters: Filters) -> list[int]:
        for match in (q, plain_words(q)):
            try:
                rows = self.db.execute(
                    "SELECT a.rowid FROM articles_fts JOIN articles a"
                    " ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ?"
                    + "".join(f" AND {w}" for w in filters.where),
                    (match, *filters.args),
                ).fetchall()
                return [r[0] for r in rows]
            except sqlite3.OperationalError:
                continue
        return []

    def article(self, article_id: str) -> Article | None:
        """One article by its full id, with its place in its story."""
        return self.records([article_id]).get(article_id)

    # --- quotes ------------------------------------------------------------------------

    def find_quotes(self, query: QuoteQuery) -> QuotePage:
        """Quotes, oldest article first, filtered by speaker, speaker's code, article, date."""
        limit = check_limit(query.limit)
        filters = Filters()
        if query.speaker:
            filters.add("q.speaker = ?", query.speaker)
        if query.actor:
            code = query.actor.upper()
            filters.add(
                "EXISTS (SELECT 1 FROM actors x WHERE x.article_id = q.article_id"
                " AND x.actor_id = q.speaker_actor AND (x.country = ? OR x.org = ? OR x.role = ?))",
                code, code, code,
            )  # fmt: skip
        if query.article:
            filters.add("q.article_id = ?", query.article)
        _date_filters(filters, "coalesce(a.published, '')", query.since, query.until)
        key = decode_cursor(query.cursor, "quotes", (str, str, int))
        if key is not None:
            filters.add("(coalesce(a.published, ''), q.article_id, q.position) > (?, ?, ?)", *key)
        rows = self.db.execute(
            "SELECT q.*, a.title, a.published, a.outlet, a.url FROM quotes q"
            f" JOIN articles a ON a.id = q.article_id{filters.sql()}"
            " ORDER BY coalesce(a.published, ''), q.article_id, q.position LIMIT ?",
            (*filters.args, limit + 1),
        ).fetchall()
        items = [
            QuoteItem(
                _ref(r, "article_id"),
                r["position"],
                Quote(r["text"], r["kind"], r["speaker"], r["speaker_actor"],
                      r["speaker_mention"], r["cue"], r["via"], r["paragraph"]),
            )  # fmt: skip
            for r in rows[:limit]
        ]
        cursor = next_cursor(
            rows, limit, "quotes", lambda r: [r["published"] or "", r["article_id"], r["position"]]
        )
        return QuotePage(items, cursor)

    # --- actors ------------------------------------------------------------------------

    def find_actors(self, query: ActorQuery) -> ActorPage:
        """Actors across the store, most written-about first."""
        limit = check_limit(query.limit)
        filters = Filters()
        if query.q:
            filters.add("x.name LIKE ? ESCAPE '\\'", f"%{escape_like(query.q)}%")
        if query.kind:
            filters.add("x.kind = ?", query.kind)
        if query.code:
            filters.add("(x.country = ? OR x.org = ?)", query.code.upper(), query.code.upper())
        key = decode_cursor(query.cursor, "actors", (int,))
        offset = key[0] if key else 0
        rows = self.db.execute(
            "SELECT x.name, x.kind, x.country, x.org, x.role,"
            " count(DISTINCT x.article_id) AS articles, sum(x.mentions) AS mentions,"
            f" max(x.description) AS description FROM actors x{filters.sql()}"
            " GROUP BY x.name, x.kind, x.country, x.org, x.role"
            " ORDER BY articles DESC, mentions DESC, x.name, x.kind, x.country, x.org, x.role"
            " LIMIT ? OFFSET ?",
            (*filters.args, limit + 1, offset),
        ).fetchall()
        items = [_summary(r) for r in rows[:limit]]
        more = len(rows) > limit
        return ActorPage(items, encode_cursor("actors", [offset + limit]) if more else None)

    def actor_named(self, name: str) -> list[ActorSummary]:
        """Every actor across the store with this exact name (one per kind and codes)."""
        rows = self.db.execute(
            "SELECT x.name, x.kind, x.country, x.org, x.role,"
            " count(DISTINCT x.article_id) AS articles, sum(x.mentions) AS mentions,"
            " max(x.description) AS description FROM actors x WHERE x.name = ?"
            " GROUP BY x.name, x.kind, x.country, x.org, x.role ORDER BY articles DESC",
            (name,),
        ).fetchall()
        return [_summary(r) for r in rows]

    # --- events ------------------------------------------------------------------------

    def find_events(self, query: EventQuery) -> EventPage:
        """Events in date order (an undated event takes its article's date)."""
        limit = check_limit(query.limit)
        filters = self._event_filters(query)
        key = decode_cursor(query.cursor, "events", (str, str, int))
        if key is not None:
            filters.add(f"({_EVENT_DATE}, e.article_id, e.position) > (?, ?, ?)", *key)
        rows = self.db.execute(
            f"SELECT e.article_id, e.position, {_EVENT_DATE} AS day, a.title, a.published,"
            " a.outlet, a.url FROM events e JOIN articles a ON a.id = e.article_id"
            f"{filters.sql()} ORDER BY day, e.article_id, e.position LIMIT ?",
            (*filters.args, limit + 1),
        ).fetchall()
        records = self._records(r["article_id"] for r in rows[:limit])
        items = [
            EventItem(
                _ref(r, "article_id"),
                r["position"],
                r["day"] or None,
                records[r["article_id"]].events[r["position"]],
            )
            for r in rows[:limit]
        ]
        cursor = next_cursor(rows, limit, "events",
                             lambda r: [r["day"], r["article_id"], r["position"]])  # fmt: skip
        return EventPage(items, cursor)

    def _event_filters(self, query: EventQuery) -> Filters:
        filters = Filters()
        for side, code in (("source", query.source), ("target", query.target)):
            if code:  # as the events_pairs index spells it, so that the index serves it
                filters.add(f"{_CODE.format('e.' + side)} = ?", code.upper())
        if query.actor:
            name, code = query.actor, query.actor.upper()
            filters.add(
                "(e.source_name = ? OR e.target_name = ? OR e.source_country = ?"
                " OR e.target_country = ? OR e.source_org = ? OR e.target_org = ?)",
                name, name, code, code, code, code,
            )  # fmt: skip
        if query.event_type:
            filters.add("e.type = ?", query.event_type.upper())
        if query.article:
            filters.add("e.article_id = ?", query.article)
        _date_filters(filters, _EVENT_DATE, query.since, query.until)
        return filters

    def dated_events(self, query: EventQuery) -> list[tuple[str, Event]]:
        """Every event matching `query` (limit and cursor aside) as (its article's
        publication date, event) with the actors' codes: what `dyad_series` counts.
        Built from the event rows alone, without reading whole records."""
        filters = self._event_filters(query)
        rows = self.db.execute(
            "SELECT e.*, coalesce(a.published, '') AS day FROM events e"
            f" JOIN articles a ON a.id = e.article_id{filters.sql()}"
            " ORDER BY day, e.article_id, e.position",
            filters.args,
        )
        return [(r["day"], _event_from_row(r)) for r in rows]

    def dyad_pairs(self, limit: int = 30) -> list[DyadPair]:
        """The pairs of actor codes with the most events."""
        rows = self.db.execute(
            f"SELECT {_CODE.format('source')} AS s, {_CODE.format('target')} AS t,"
            " count(*) AS n, avg(intensity) AS mean FROM events"
            " WHERE s IS NOT NULL AND t IS NOT NULL GROUP BY s, t ORDER BY n DESC, s, t LIMIT ?",
            (check_limit(limit),),
        )
        return [DyadPair(r["s"], r["t"], r["n"], round(r["mean"] or 0.0, 2)) for r in rows]

    def actor_codes(self) -> list[str]:
        """Every country or organisation code on either side of an event."""
        rows = self.db.execute(
            f"SELECT {_CODE.format('source')} FROM events UNION"
            f" SELECT {_CODE.format('target')} FROM events"
        )
        return sorted(r[0] for r in rows if r[0])

    def dyads(
        self, query: EventQuery, period: str = "week", with_role: bool = False
    ) -> list[DyadPeriod]:
        """Events by type and mean intensity per period for each pair of actor codes:
        what `dyad_series` gives for `dated_events`, counted in SQL first (a busy pair
        has thousands of events); with roles, `source` and `target` match the code
        with its role (RUSGOV)."""
        source = query.source.upper() if query.source else None
        target = query.target.upper() if query.target else None
        filters = self._event_filters(replace(query, source=None, target=None) if with_role
                                      else query)  # fmt: skip
        roles = "e.source_role, e.target_role" if with_role else "NULL, NULL"
        join = " JOIN articles a ON a.id = e.article_id" if query.since or query.until else ""
        groups = self.db.execute(
            f"SELECT {_CODE.format('e.source')}, {_CODE.format('e.target')}, {roles},"
            f" e.date, {_FALLBACK_DAY} AS published, e.type, count(*) AS n,"
            f" sum(e.intensity) AS intensity FROM events e{join}{filters.sql()}"
            " GROUP BY 1, 2, 3, 4, 5, 6, 7",
            filters.args,
        )
        rows: dict[tuple[str, str, str], DyadPeriod] = {}
        sums: dict[tuple[str, str, str], float] = {}
        # a busy pair repeats the same dates thousands of times
        label_of = functools.cache(
            lambda date, day: period_of(date, period) or period_of(day, period)
        )
        for g in groups:
            if g[0] is None or g[1] is None:
                continue
            src, tgt = g[0] + (g[2] or ""), g[1] + (g[3] or "")
            if (source and src != source) or (target and tgt != target):
                continue
            published = g["published"] if _DAY.match(g["published"] or "") else None
            label = label_of(g["date"], published)
            if label is None:
                continue
            key = (src, tgt, label)
            row = rows.setdefault(key, DyadPeriod(src, tgt, label))
            row.counts[g["type"]] = row.counts.get(g["type"], 0) + g["n"]
            row.total += g["n"]
            sums[key] = sums.get(key, 0.0) + g["intensity"]
        for key, row in rows.items():
            row.mean_intensity = round(sums[key] / row.total, 2)
        return [rows[k] for k in sorted(rows)]

    def _records(self, article_ids: Iterable[str]) -> dict[str, Article]:
        return self.records(sorted(set(article_ids)))


def next_cursor(
    rows: list[Any], limit: int, kind: str, key: Callable[[Any], list[Any]]
) -> str | None:
    """The cursor after a page: the sort key of its last row, when a row more was found
    (each list asks for `limit + 1` rows)."""
    return encode_cursor(kind, key(rows[limit - 1])) if len(rows) > limit else None


_EVENT_DATE = "coalesce(e.date, a.published, '')"
_CODE = "coalesce({0}_country, {0}_org)"  # an event side's code, as `actor_code` gives it
# an event's article's publication date, read only where the event's own date is not a day
_FALLBACK_DAY = (
    "CASE WHEN e.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN NULL"
    " ELSE (SELECT p.published FROM articles p WHERE p.id = e.article_id) END"
)


def _date_filters(filters: Filters, column: str, since: str | None, until: str | None) -> None:
    if since:
        filters.add(f"{column} >= ?", since)
    if until:  # compared at its own precision, so that 2021-03 keeps all of March
        filters.add(f"substr({column}, 1, ?) <= ?", len(until), until)


def _hit(row: sqlite3.Row, snippet: str, title: str) -> ArticleHit:
    text, spans = marked_spans(snippet or "", MARK_START, MARK_END)
    title_text, title_spans = marked_spans(title or "", MARK_START, MARK_END)
    return ArticleHit(
        id=row["id"],
        title=title_text,
        published=row["published"],
        outlet=row["outlet"],
        url=row["url"],
        snippet=text,
        highlights=spans,
        title_highlights=title_spans,
    )


def _ref(row: sqlite3.Row, id_column: str) -> ArticleRef:
    return ArticleRef(row[id_column], row["title"], row["published"], row["outlet"], row["url"])


def _summary(row: sqlite3.Row) -> ActorSummary:
    return ActorSummary(
        name=row["name"],
        kind=row["kind"],
        country=row["country"],
        org=row["org"],
        role=row["role"],
        description=row["description"],
        articles=row["articles"],
        mentions=row["mentions"] or 0,
    )


def _event_from_row(row: sqlite3.Row) -> Event:
    def side(name: str) -> Actor | None:
        if row[f"{name}_name"] is None:
            return None
        return Actor(
            id="",
            name=row[f"{name}_name"],
            kind="",
            country=row[f"{name}_country"],
            org=row[f"{name}_org"],
            role=row[f"{name}_role"],
        )

    return Event(
        type=row["type"], mode=row["mode"], source=side("source"), target=side("target"),
        modality=row["modality"], date=row["date"], date_text=row["date_text"],
        location=row["location"], intensity=row["intensity"], sentence=row["sentence"],
        paragraph=row["paragraph"], confidence=row["confidence"],
    )  # fmt: skip


def _first_words(body: str | None, words: int = SNIPPET_WORDS * 2) -> str:
    parts = (body or "").split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def plain_words(query: str) -> str:
    """A user query with FTS5 syntax neutralised: every word quoted."""
    words = re.findall(r"\w+", query)
    return " ".join(f'"{w}"' for w in words) or '""'


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _json_list(values: list[Any]) -> str:
    return json.dumps(values)
