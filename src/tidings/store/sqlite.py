"""The store: SQLite (one writer, many readers; WAL, FTS5 search) or PostgreSQL.

`Store(location)` opens a SQLite file, or a PostgreSQL database when `location`
is a `postgresql://` URL (see `postgres.py`): the same class, the same methods and
the same schema (`schema.py`), so SQL written here must be SQL both take.
Every batch of articles is written in one transaction."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from tidings.errors import StoreError
from tidings.record import Actor, Article, Event, StoryRef
from tidings.store.browse import BrowseMixin, escape_like, plain_words
from tidings.store.postgres import PostgresConnection, is_postgres_url, retrying
from tidings.store.schema import MIGRATIONS
from tidings.store.stories import StoryTables

DEFAULT_DB = "tidings.db"


class Store(StoryTables, BrowseMixin):
    """Articles and what was found in them, in one SQLite file (or `:memory:`)."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False) -> None:
        """Open (and, for writing, create or upgrade) the store at `path`.

        `read_only` opens it for reading only (`mode=ro`): nothing is written, not
        even the schema, so it works on a file or folder we may not write to. Opened
        for writing, a store we cannot write to fails here, before any work.
        """
        self.path = str(path)
        self.read_only = read_only and self.path != ":memory:"
        self.backend = "postgresql" if is_postgres_url(self.path) else "sqlite"
        if self.backend == "postgresql":
            self.db = PostgresConnection(self.path, self.read_only)  # migrated when writable
            if self.read_only:
                self._check_readable()
            return
        try:
            if self.read_only:
                self.db = _connect_read_only(self.path)
                self._check_readable()
            else:
                self.db = _connect(self.path)
                _use_wal(self.db)
                self.db.execute("PRAGMA synchronous=NORMAL")
                self._migrate()
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as exc:
            raise StoreError(_open_error(self.path, exc)) from exc

    # --- schema ----------------------------------------------------------------

    def _migrate(self) -> None:
        """Apply the missing migrations, all under one write lock taken first: a
        process that waited for the lock finds the version the other one left, so
        many processes may open a new store at once. The lock also proves the store
        writable before any work (the version is written back even when unchanged,
        then rolled back)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise StoreError(
                    f"the database {self.path} was written by a newer tidings (schema "
                    f"{version}, this one knows {len(MIGRATIONS)}); upgrade tidings"
                )
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in _statements(script):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version={number}")
            if version == len(MIGRATIONS):
                self.db.execute(f"PRAGMA user_version={version}")  # fails when read-only
                self.db.execute("ROLLBACK")
            else:
                self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def _check_readable(self) -> None:
        version = self.schema_version
        if version == 0:
            raise StoreError(
                f"{self.path} holds no tidings data yet; "
                f"run `tidings process PATH --db {self.path}` first"
            )
        if version < len(MIGRATIONS):
            raise StoreError(
                f"the database {self.path} has an older schema ({version} of "
                f"{len(MIGRATIONS)}); run `tidings process` on it once to upgrade it"
            )

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ---------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        row = self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def known_ids(self, ids: list[str]) -> set[str]:
        """Which of `ids` the store holds (asked in chunks, as one query each)."""
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            sql = f"SELECT id FROM articles WHERE id IN ({', '.join('?' * len(chunk))})"
            found |= {row[0] for row in self.db.execute(sql, chunk)}
        return found

    def add(self, articles: Iterable[Article]) -> tuple[int, int]:
        """Store records in one transaction; return (new articles, failures recorded).

        A record already stored (same id) is left as it is. A record whose
        text could not be read goes to `failures`, keyed by its source.
        """
        if self.backend == "postgresql":  # writers take row locks in one order; retried
            batch = sorted(articles, key=lambda a: a.id)
            return retrying(lambda: self._add(batch))
        return self._add(articles)

    def _add(self, articles: Iterable[Article]) -> tuple[int, int]:
        added = failed = 0
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for article in articles:
                if article.paragraphs:
                    added += self._insert(article)
                else:
                    failed += 1
                    self._record_failure(article)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return added, failed

    def _insert(self, article: Article) -> int:
        src = article.source
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO articles (id, source_path, url, outlet, format, published,"
            " title, body, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                src.path,
                src.url,
                src.outlet,
                src.format,
                article.published,
                article.title,
                article.body,
                article.to_json(),
            ),
        )
        if cursor.rowcount == 0:
            return 0
        if src.path:
            self.db.execute("DELETE FROM failures WHERE source = ?", (src.path,))
        self._insert_details(article)
        return 1

    def _insert_details(self, article: Article) -> None:
        self.db.executemany(
            "INSERT INTO actors (article_id, actor_id, name, kind, country, org, role,"
            " description, mentions, key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    article.id,
                    a.id,
                    a.name,
                    a.kind,
                    a.country,
                    a.org,
                    a.role,
                    a.description,
                    a.mentions,
                    a.key,
                )
                for a in article.actors
            ],
        )
        self.db.executemany(
            "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    article.id,
                    i,
                    q.text,
                    q.kind,
                    q.speaker,
                    q.speaker_actor,
                    q.speaker_mention,
                    q.cue,
                    q.via,
                    q.paragraph,
                )
                for i, q in enumerate(article.quotes)
            ],
        )
        self.db.executemany(
            f"INSERT INTO events VALUES ({', '.join('?' * 20)})",
            [
                (article.id, i, e.type, e.mode, *_actor_columns(e.source),
                 *_actor_columns(e.target), e.modality, e.date, e.date_text, e.location,
                 e.intensity, e.sentence, e.paragraph, e.confidence)
                for i, e in enumerate(article.events)
            ],
        )  # fmt: skip
        self.db.executemany(
            "INSERT INTO times VALUES (?, ?, ?, ?, ?)",
            [(article.id, i, t.text, t.value, t.paragraph) for i, t in enumerate(article.times)],
        )

    def _record_failure(self, article: Article) -> None:
        source = article.source.path or article.id
        error = "; ".join(article.errors) or "no article text"
        self.db.execute(
            "INSERT INTO failures (source, id, error) VALUES (?, ?, ?) "
            "ON CONFLICT (source) DO UPDATE SET id = excluded.id, error = excluded.error",
            (source, article.id, error),
        )

    # --- reading ---------------------------------------------------------------

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def data_version(self) -> int | None:
        """A number that changes when another connection has committed to the store
        since this one last asked (SQLite's `data_version`); None where the backend
        tells no such thing."""
        row = self.db.execute("PRAGMA data_version").fetchone()
        return row[0] if row else None

    def failures(self) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT source, id, error FROM failures ORDER BY source")
        return [dict(r) for r in rows]

    def get(self, article_id: str) -> Article | None:
        """An article by id, or by a unique prefix of its id (see `ids_starting`)."""
        rows = self.db.execute(
            f"SELECT {_RECORD_WITH_STORY} WHERE a.id LIKE ? || '%' ESCAPE '\\' LIMIT 2",
            (escape_like(article_id),),
        ).fetchall()
        return _with_story(rows[0]) if len(rows) == 1 else None

    def ids_starting(self, prefix: str, limit: int = 3) -> list[str]:
        """Ids of the stored articles that start with `prefix`, in order."""
        rows = self.db.execute(
            "SELECT id FROM articles WHERE id LIKE ? || '%' ESCAPE '\\' ORDER BY id LIMIT ?",
            (escape_like(prefix), limit),
        )
        return [row["id"] for row in rows]

    def articles(self) -> Iterator[Article]:
        """Every stored record, with its place in its story."""
        sql = f"SELECT {_RECORD_WITH_STORY} ORDER BY a.published NULLS FIRST, a.id"
        for row in self.db.execute(sql):
            yield _with_story(row)

    def records(self, ids: Iterable[str]) -> dict[str, Article]:
        """Records by exact id, with their place in their stories."""
        ids, out = list(ids), {}
        for start in range(0, len(ids), 500):  # SQL takes only so many parameters at once
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT {_RECORD_WITH_STORY} WHERE a.id IN ({marks})", chunk)
            out.update({row["id"]: _with_story(row) for row in rows})
        return out

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over titles and bodies, best first."""
        if self.backend == "postgresql":
            return self.db.search(query, limit)
        sql = (
            "SELECT a.id, a.title, a.published, a.outlet, a.source_path,"
            " snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 5.0, 1.0) LIMIT ?"
        )
        try:
            rows = self.db.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError:
            rows = self.db.execute(sql, (plain_words(query), limit)).fetchall()
        return [dict(r) for r in rows]

    def quotes(
        self, speaker: str | None = None, actor: str | None = None, limit: int = 100
    ) -> list[dict[str, Any]]:
        sql = [
            "SELECT q.*, a.title, a.published FROM quotes q JOIN articles a ON a.id = q.article_id"
        ]
        where, args = [], []
        if speaker:
            where.append("q.speaker LIKE ?")
            args.append(f"%{speaker}%")
        if actor:
            where.append(
                "EXISTS (SELECT 1 FROM actors x WHERE x.article_id = q.article_id"
                " AND x.actor_id = q.speaker_actor AND (x.country = ? OR x.org = ? OR x.role = ?))"
            )
            args.extend([actor.upper()] * 3)
        if where:
            sql.append("WHERE " + " AND ".join(where))
        sql.append("ORDER BY a.published NULLS FIRST, q.article_id, q.position LIMIT ?")
        return [dict(r) for r in self.db.execute(" ".join(sql), (*args, limit))]

    def events(
        self,
        source: str | None = None,
        target: str | None = None,
        types: list[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Events filtered by actor code (country, organisation or role), type and date."""
        where, args = [], []
        for side, code in (("source", source), ("target", target)):
            if code:
                where.append(f"(e.{side}_country = ? OR e.{side}_org = ? OR e.{side}_role = ?)")
                args.extend([code.upper()] * 3)
        if types:
            where.append(f"e.type IN ({', '.join('?' * len(types))})")
            args.extend(t.upper() for t in types)
        if since:
            where.append("e.date >= ?")
            args.append(since)
        if until:
            where.append("substr(e.date, 1, 10) <= ?")
            args.append(until)
        sql = (
            "SELECT e.*, a.title, a.url, a.outlet, a.published FROM events e"
            " JOIN articles a ON a.id = e.article_id"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY e.date NULLS FIRST, e.article_id, e.position"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [dict(r) for r in self.db.execute(sql, args)]

    def event_records(self, **filters: Any) -> list[tuple[dict[str, Any], Event]]:
        """Events matching `events()` filters, as (row, Event) with the full actors."""
        rows = self.events(**filters)
        records: dict[str, Article] = {}
        out = []
        for row in rows:
            article_id = row["article_id"]
            if article_id not in records:
                found = self.get(article_id)
                assert found is not None
                records[article_id] = found
            out.append((row, records[article_id].events[row["position"]]))
        return out

    def actors(self, limit: int = 100) -> list[dict[str, Any]]:
        """Actors across the store, one row per actor key (Actor.key): "Donald Trump"
        and "Trump" of two articles are one, shown by the fullest name."""
        sql = (
            f"SELECT {_ACTOR_KEY} AS key, max(kind) AS kind, max(country) AS country,"
            " max(org) AS org, max(role) AS role, count(DISTINCT article_id) AS articles,"
            " sum(mentions) AS mentions, max(description) AS description"
            f" FROM actors GROUP BY {_ACTOR_KEY}"
            " ORDER BY articles DESC, mentions DESC, key LIMIT ?"
        )
        rows = [dict(r) for r in self.db.execute(sql, (limit,))]
        names: dict[str, str] = {}
        keys = [r["key"] for r in rows]
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            found = self.db.execute(
                f"SELECT DISTINCT {_ACTOR_KEY} AS key, name FROM actors"
                f" WHERE {_ACTOR_KEY} IN ({marks})",
                chunk,
            )
            for r in found:
                best = names.get(r["key"])
                if best is None or (len(r["name"]), r["name"]) > (len(best), best):
                    names[r["key"]] = r["name"]
        return [{"name": names.get(r["key"], ""), **r} for r in rows]


# An actor's key (migration 7); without one, somebody described but never named: one
# row per article
_ACTOR_KEY = "coalesce(key, article_id || ':' || actor_id)"


def _connect(path: str) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None, timeout=30)


def _use_wal(db: sqlite3.Connection, seconds: float = 30.0) -> None:
    """Switch to WAL. On a new file this needs the write lock, and SQLite answers
    "locked" at once, without its busy wait, while another process creating the same
    store holds it: wait here instead."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _connect_read_only(path: str) -> sqlite3.Connection:
    """A read-only connection. In a folder we cannot write to, SQLite cannot make the
    files a WAL reader needs; there nobody can write the store either, so it is
    opened as immutable."""
    uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
    # a server lends each reader to one request at a time, from whichever thread serves it
    db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30, check_same_thread=False)
    try:
        db.execute("PRAGMA user_version").fetchone()
    except sqlite3.OperationalError:
        db.close()
        if os.access(Path(path).resolve().parent, os.W_OK):
            raise
        db = sqlite3.connect(
            f"{uri}&immutable=1", uri=True, isolation_level=None, check_same_thread=False
        )
    return db


def _open_error(path: str, exc: sqlite3.DatabaseError) -> str:
    if getattr(exc, "sqlite_errorname", "").startswith("SQLITE_READONLY"):
        return (
            f"the database {path} is read-only ({exc}); "
            f"give a file and folder you can write to with --db"
        )
    return f"cannot open the database {path}: {exc}; give another file with --db"


_RECORD_WITH_STORY = (
    "a.id, a.record, m.story_id, m.relation, m.of_id FROM articles a"
    " LEFT JOIN story_members m ON m.article_id = a.id"
)


def _with_story(row: sqlite3.Row) -> Article:
    article = Article.from_json(row["record"])
    if row["story_id"]:
        article.story = StoryRef(id=row["story_id"], relation=row["relation"], of=row["of_id"])
    return article


def _actor_columns(actor: Actor | None) -> tuple[str | None, ...]:
    if actor is None:
        return (None, None, None, None)
    return (actor.name, actor.country, actor.org, actor.role)


def _statements(script: str) -> list[str]:
    """Split a migration into statements (triggers keep their inner semicolons)."""
    out, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            out.append(joined)
            current = []
    return out


def as_json_lines(articles: Iterable[Article]) -> Iterator[str]:
    for article in articles:
        yield json.dumps(article.to_dict(), ensure_ascii=False)
