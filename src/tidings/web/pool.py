"""Read-only connections to the store, lent one per request.

Each request borrows its own `Store` opened with `mode=ro`, so readers never
write and never share a connection; with the store in WAL mode they read a
consistent snapshot while `tidings process` writes.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
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

    @contextmanager
    def reader(self) -> Iterator[Store]:
        store = self._take()
        try:
            yield store
        finally:
            self._idle.put(store)

    def _take(self) -> Store:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._made < self.size:
                store = Store(self.path, read_only=True)
                # pages through the OS cache that all readers share, not a copy per reader
                store.db.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
                self._made += 1
                return store
        return self._idle.get()

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
