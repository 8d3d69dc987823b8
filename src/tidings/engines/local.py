"""Run a pipeline here, or in worker processes under a watchdog.

The engine is handed the pipeline, or a factory that builds one (a picklable
callable, so that each worker process builds its own once); it never decides
which steps run. With one worker and no budget the pipeline runs in this
process; otherwise in worker processes (`engines.supervised`), where a document
over its time or memory budget, or one that crashes its worker, fails alone with
the reason on its record. Documents are handed out in chunks with a bounded
number in flight, so memory does not grow with the input; results come back in
input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tidings.engines.base import PipelineFactory, built
from tidings.engines.supervised import Budget, run_supervised
from tidings.pipeline import Document, Pipeline
from tidings.record import Article

__all__ = ["PipelineFactory", "built", "run_documents"]


def run_documents(
    docs: Iterable[Document],
    pipeline: Pipeline | PipelineFactory,
    workers: int = 1,
    chunk_size: int = 16,
    budget: Budget | None = None,
) -> Iterator[Article]:
    """Records for documents, in order: in this process (one worker, no budget), else
    in `workers` processes, each document held to `budget`."""
    if workers <= 1 and budget is None:
        yield from built(pipeline).run(docs)
        return
    yield from run_supervised(docs, pipeline, workers, budget, chunk_size)
