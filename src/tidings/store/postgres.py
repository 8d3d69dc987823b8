"""PostgreSQL behind the same `Store`: `--db postgresql://user@host/db`.

`Store` speaks SQL both backends take; `PostgresConnection` gives it the part of
`sqlite3.Connection` it uses (`execute`, `executemany`, `in_transaction`, rows
read by name or position), over psycopg. What differs is said here once:
placeholders (`?` becomes `%s`), `INSERT OR IGNORE` (`ON CONFLICT DO NOTHING`),
`LIKE` (which ignores case in SQLite: `ILIKE`),
the schema version (a table, not `PRAGMA user_version`), the migrations (under an
advisory lock, so that many processes may open a new store at once), and search
(`tsvector` and `websearch_to_tsquery` instead of FTS5).

Many writers at once (Dask workers, several `tidings process` runs) lose and
duplicate nothing: an article is inserted with `ON CONFLICT DO NOTHING` on its id,
a batch in id order (so two writers take row locks in the same order), and a
batch that hits a deadlock or serialization failure is retried whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from tidings.errors import StoreError
from tidings.store.schema import MIGRATIONS, for_postgresql

URL_SCHEMES = ("postgresql://", "postgres://")
_LOCK_KEY = 7_306_745  # advisory lock of the migrations ("tidings" in spirit)


def is_postgres_url(location: object) -> bool:
    return isinstance(location, str) and location.startswith(URL_SCHEMES)


class Row(dict):
    """A row read by column name (like `sqlite3.Row`) or by position."""

    def __init__(self, names: Sequence[str], values: Sequence[Any]) -> None:
        super().__init__(zip(names, values, strict=True))
        self._values = tuple(values)

    def __getitem__(self, key: str | int) -> Any:
        return self._values[key] if isinstance(key, int) else super().__getitem__(key)


def _row_factory(cursor: Any) -> Callable[[Sequence[Any]], Row]:
    names = [column.name for column in cursor.description or []]
    return lambda values: Row(names, values)


_INSERT_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\s+(.*?)\s*;?\s*$", re.I | re.S)
_PRAGMA = re.compile(r"^\s*PRAGMA\s+(\w+)\s*(?:=\s*(\w+))?\s*$", re.I)


def translate(sql: str) -> str:
    """SQLite's spelling of a statement in PostgreSQL's."""
    match = _INSERT_OR_IGNORE.match(sql)
    if match:
        sql = f"INSERT INTO {match.group(1)} ON CONFLICT DO NOTHING"
    sql = re.sub(r"^\s*BEGIN\s+IMMEDIATE\b", "BEGIN", sql, flags=re.I)
    sql = re.sub(r"\bLIKE\b", "ILIKE", sql)  # SQLite's LIKE ignores case
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresConnection:
    """The part of `sqlite3.Connection` that `Store` uses, over one psycopg connection."""

    def __init__(self, url: str, read_only: bool = False) -> None:
        import psycopg

        self.url = url
        try:
            self.conn = psycopg.connect(url, autocommit=True, row_factory=_row_factory)
        except psycopg.Error as exc:
            raise StoreError(f"cannot open the database {_safe(url)}: {_first_line(exc)}") from None
        if read_only:
            self.conn.execute("SET default_transaction_read_only = on")
        else:
            self.migrate()

    # --- what Store calls ----------------------------------------------------------

    def execute(self, sql: str, args: Sequence[Any] = ()) -> Any:
        pragma = _PRAGMA.match(sql)
        if pragma:
            return self._pragma(pragma.group(1).lower())
        return self.conn.execute(translate(sql), tuple(args))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [tuple(r) for r in rows]
        if rows:
            with self.conn.cursor() as cursor:
                cursor.executemany(translate(sql), rows)

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.conn.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        self.conn.close()

    def _pragma(self, name: str) -> Any:
        if name == "user_version":
            return self.conn.execute("SELECT %s AS user_version", (self.schema_version(),))
        return self.conn.execute("SELECT 1 WHERE false")  # SQLite settings: nothing to do

    # --- schema --------------------------------------------------------------------

    def schema_version(self) -> int:
        row = self.conn.execute(
            "SELECT to_regclass('schema_version') IS NOT NULL AS present"
        ).fetchone()
        if not row["present"]:
            return 0
        found = self.conn.execute("SELECT max(version) AS v FROM schema_version").fetchone()
        return found["v"] or 0

    def migrate(self) -> None:
        """Apply the missing migrations in one transaction, under an advisory lock: a
        process that waited for it finds the version the first one left."""
        with self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            self.conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)")
            version = self.schema_version()
            if version > len(MIGRATIONS):
                raise StoreError(
                    f"the database {_safe(self.url)} was written by a newer tidings (schema "
                    f"{version}, this one knows {len(MIGRATIONS)}); upgrade tidings"
                )
            for number in range(version + 1, len(MIGRATIONS) + 1):
                script = for_postgresql(number).strip()
                if script:
                    self.conn.execute(script)
                self.conn.execute("INSERT INTO schema_version VALUES (%s)", (number,))

    # --- search --------------------------------------------------------------------

    def search(self, query: str, limit: int) -> list[dict[str, Any]]:
        """Full-text search: `websearch_to_tsquery` (quotes, OR, -word), best first."""
        sql = (
            "SELECT a.id, a.title, a.published, a.outlet, a.source_path,"
            " ts_headline('english', a.body, q, 'StartSel=[, StopSel=], MaxWords=12,"
            " MinWords=4, MaxFragments=1, FragmentDelimiter=…') AS snippet"
            " FROM articles a, websearch_to_tsquery('english', %s) q"
            " WHERE a.search @@ q ORDER BY ts_rank(a.search, q) DESC, a.id LIMIT %s"
        )
        return [dict(r) for r in self.conn.execute(sql, (query, limit))]


def retrying(write: Callable[[], Any], attempts: int = 5) -> Any:
    """Run a write transaction, again when PostgreSQL aborted it for a deadlock or a
    serialization failure with a concurrent writer (nothing of it was kept)."""
    from psycopg import errors

    for attempt in range(attempts):
        try:
            return write()
        except (errors.DeadlockDetected, errors.SerializationFailure):
            if attempt == attempts - 1:
                raise
    return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _safe(url: str) -> str:
    """The URL without its password."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
