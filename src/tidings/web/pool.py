"""Read-only connections to the store, lent one per request.

Each request borrows its own `Store` opened with `mode=ro`, so readers never
write and never share a connection; with the store in WAL mode they read a
consistent snapshot while `tidings process` writes.

The pool also keeps the store's generation (see `tidings.web.cache`): a lent store
whose request wants kept answers is first asked whether another connection
committed since it was last asked (SQLite's `data_version`); if so, or if the
store is new, the generation goes up. A store asked at generation N reads at least
what N saw. The question is asked in the request's worker thread, never on the
event loop: under a busy writer it waits on the WAL's lock and for the GIL.
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

    def take_idle(self) -> Store | None:
        """An idle store at once, or None when all are lent (never waits: the event
        loop calls it)."""
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return None

    def take(self) -> Store:
        """An idle store, a new one while fewer than `size` exist, or the next one
        given back (waits: call it from a worker thread)."""
        taken = self.take_idle()
        if taken is not None:
            return taken
        with self._lock:
            room = self._made < self.size
            self._made += room
        return self._open() if room else self._idle.get()

    def generation_of(self, store: Store) -> int | None:
        """The store's generation as `store` (a lent one) sees it now (it queries the
        store: call it from a worker thread)."""
        version = store.data_version()
        with self._lock:
            if version is None:  # a backend that cannot tell: no generation
                self.generation = None
            elif self.generation is not None and self._versions.get(id(store)) != version:
                self._versions[id(store)] = version
                self.generation += 1
            return self.generation

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
