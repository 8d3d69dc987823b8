"""Run the pipeline here (1 worker) or in a pool of processes (N workers).

Documents are handed out in chunks with a bounded number in flight, so memory
does not grow with the input; results come back in input order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from tidings.pipeline import Document, Pipeline
from tidings.record import Article

_worker_pipeline: Pipeline | None = None


def _init_worker(nlp: bool) -> None:
    global _worker_pipeline
    from tidings.api import build_pipeline

    _worker_pipeline = build_pipeline(nlp)


def _run_chunk(docs: list[Document]) -> list[Article]:
    assert _worker_pipeline is not None
    return list(_worker_pipeline.run(docs))


def run_documents(docs: Iterable[Document], workers: int = 1, nlp: bool = True,
                  chunk_size: int = 16) -> Iterator[Article]:  # fmt: skip
    """Records for documents, in order, using `workers` processes."""
    if workers <= 1:
        from tidings.api import build_pipeline

        yield from build_pipeline(nlp).run(docs)
        return
    iterator = iter(docs)
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(nlp,)) as pool:
        pending: deque[Future[list[Article]]] = deque()
        while True:
            while len(pending) < workers * 2:
                chunk = list(islice(iterator, chunk_size))
                if not chunk:
                    break
                pending.append(pool.submit(_run_chunk, chunk))
            if not pending:
                return
            yield from pending.popleft().result()
