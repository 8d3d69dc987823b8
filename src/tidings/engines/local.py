"""Run a pipeline here (1 worker) or in a pool of processes (N workers).

The engine is handed the pipeline, or a factory that builds one (a picklable
callable, so that each worker process builds its own once); it never decides
which steps run. Documents are handed out in chunks with a bounded number in
flight, so memory does not grow with the input; results come back in input order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from tidings.pipeline import Document, Pipeline
from tidings.record import Article

PipelineFactory = Callable[[], Pipeline]

_worker_pipeline: Pipeline | None = None


def built(pipeline: Pipeline | PipelineFactory) -> Pipeline:
    """The pipeline itself, or the one its factory builds."""
    return pipeline if isinstance(pipeline, Pipeline) else pipeline()


def _init_worker(pipeline: Pipeline | PipelineFactory) -> None:
    global _worker_pipeline
    _worker_pipeline = built(pipeline)


def _run_chunk(docs: list[Document]) -> list[Article]:
    assert _worker_pipeline is not None
    return list(_worker_pipeline.run(docs))


def run_documents(docs: Iterable[Document], pipeline: Pipeline | PipelineFactory,
                  workers: int = 1, chunk_size: int = 16) -> Iterator[Article]:  # fmt: skip
    """Records for documents, in order, using `workers` processes."""
    if workers <= 1:
        yield from built(pipeline).run(docs)
        return
    iterator = iter(docs)
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(pipeline,)) as pool:
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
