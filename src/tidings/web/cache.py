"""Answers kept while the store is unchanged.

A search ranks every article it matches, and facets count over all of them: work
that is the same for every request of the same query until something is written.
`Answers` keeps the latest answers (least recently used go first) under the
store's generation, a number `StorePool` raises whenever a reader sees that
another connection committed (SQLite's `data_version`); an answer of an older
generation is never given again. Where the store gives no generation, nothing is
kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
SIZE = 512


class Answers:
    """Up to `size` answers, each under (generation, what was asked)."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._kept: OrderedDict[tuple[int, str], Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, generation: int | None, read: Callable[..., T], *args: Any) -> T:
        """`read(*args)`, or the answer it gave under this generation. Arguments are
        told apart by their `repr` (dataclass queries spell every field)."""
        if generation is None:
            return read(*args)
        key = (generation, f"{read.__name__}{args!r}")
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        answer = read(*args)
        with self._lock:
            self._kept[key] = answer
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return answer

    def __len__(self) -> int:
        return len(self._kept)
