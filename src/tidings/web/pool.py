"""Read-only connections to the store, lent one per request.

Each request borrows its own `Store` opened with `mode=ro`, so readers never
write and never share a connection; with the store in WAL mode they read a
consistent snapshot while `tidings process` writes.

The pool also keeps the store's generation (see `tidings.web.cache`): each store
lent is first asked whether another connection committed since it was last lent
(SQLite's `data_version`); if so, or if the store is new, the generation goes up.
A store lent at generation N reads at least what N saw.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from tidings.store import Store

MMAP_BYTES = 1 << 30


class StorePool:
    """Up to `size` read-only stores over one file, made when first needed."""

    def __init__(self, path: str | Path, size: int = 16) -> None:
        self.path = Path(path)
        self.size = size
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue()
        self._made = 0
        self._lock = threading.Lock()
        self.generation: int | None = 0
        self._versions: dict[int, int | None] = {}  # id(store): its data_version when lent

    def take_idle(self) -> tuple[Store, int | None] | None:
        """An idle store and the generation, at once, or None when all are lent
        (never waits: the event loop calls it)."""
        try:
            return self._lent(self._idle.get_nowait())
        except queue.Empty:
            return None

    def take(self) -> tuple[Store, int | None]:
        """An idle store, a new one while fewer than `size` exist, or the next one
        given back (waits: call it from a worker thread); with the generation."""
        taken = self.take_idle()
        if taken is not None:
            return taken
        with self._lock:
            room = self._made < self.size
            self._made += room
        return self._lent(self._open() if room else self._idle.get())

    def _lent(self, store: Store) -> tuple[Store, int | None]:
        version = store.data_version()
        with self._lock:
            if version is None:  # a backend that cannot tell: no generation
                self.generation = None
            elif self.generation is not None and self._versions.get(id(store)) != version:
                self._versions[id(store)] = version
                self.generation += 1
            return store, self.generation

    def give_back(self, store: Store) -> None:
        self._idle.put(store)

    def _open(self) -> Store:
        store = Store(self.path, read_only=True)
        # pages through the OS cache that all readers share, not a copy per reader
        store.db.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        return store

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
