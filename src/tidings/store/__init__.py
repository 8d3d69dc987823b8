"""The store: SQLite by default (WAL, FTS5 search), PostgreSQL for a `postgresql://` URL."""

from tidings.store.postgres import is_postgres_url
from tidings.store.sqlite import DEFAULT_DB, Store

__all__ = ["DEFAULT_DB", "Store", "is_postgres_url"]
