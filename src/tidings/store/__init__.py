"""The store: SQLite by default (WAL, FTS5 search)."""

from tidings.store.sqlite import DEFAULT_DB, Store

__all__ = ["DEFAULT_DB", "Store"]
