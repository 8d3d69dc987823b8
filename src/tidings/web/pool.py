"""Read-only connections to the store, lent one per request.

Each request borrows its own `Store` opened with `mode=ro`, so readers never
write and never share a connection; with the store in WAL mode they read a
consistent snapshot while `tidings process` writes.

The pool also keeps the store's generation (see `tidings.web.cache`): before a
request that wants kept answers reads, one watching connection of the pool's own
is asked whether another connection committed since it was last asked (SQLite's
`data_version`); if so, the generation goes up. One watcher, so that a commit
raises the generation once (asking each lent store would raise it once per store
that sees the commit: up to 16 times). The request reads after the question, so
at generation N it reads at least what N saw. The question is asked in the
request's worker thread, never on the event loop: under a busy writer it waits on
the WAL's lock and for the GIL.
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
        self._watcher: Store | None = None
        self._version: int | None = None  # the watcher's data_version when last asked

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

    def current_generation(self) -> int | None:
        """The store's generation now (it queries the store: call it from a worker
        thread, before the request reads)."""
        with self._lock:
            if self._watcher is None:
                self._watcher = self._open()
            version = self._watcher.data_version()
            if version is None:  # a backend that cannot tell: no generation
                self.generation = None
            elif self.generation is not None and version != self._version:
                self._version = version
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
        with self._lock:
            if self._watcher is not None:
                self._watcher.close()
                self._watcher = None
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
