"""Run a pipeline on a Dask cluster (dask.distributed): `--engine dask`.

The driver only plans: it cuts the inputs into parts (`split_input`: whole files,
ranges of WARC records, ranges of JSON lines) and hands each part, with the
pipeline factory, to a worker. The worker reads its part itself (so the inputs
must be on a filesystem every worker sees), builds the pipeline once (the spaCy
model is loaded once per worker process), skips the documents the store already
holds when it is given the store to ask, and runs the rest. Records come back to
the driver, which writes them through its one store connection — or, with
`output`, each worker writes its part's records to a Parquet shard (`shards.py`)
and only what the driver needs comes back. A document that fails is a record with
its error, like everywhere; a part whose reading breaks is one failed record.

With no scheduler address a `LocalCluster` of `workers` processes (one thread
each) is started here and stopped at the end.
"""

from __future__ import annotations

import logging
import uuid
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tidings.document import Document
from tidings.engines.local import PipelineFactory, built
from tidings.errors import one_line
from tidings.pipeline import Pipeline
from tidings.read.sources import Input, read_input, split_input
from tidings.record import Article, Source

if TYPE_CHECKING:
    from tidings.runs import Run

PART_SIZE = 8  # documents per part of a JSON lines file or an archive

_pipelines: dict[str, Pipeline] = {}  # per worker process: one pipeline per run


@dataclass
class PartResult:
    """What a worker sends back for one part."""

    records: list[Article] = field(default_factory=list)  # empty when written to a shard
    skipped: list[str] = field(default_factory=list)  # sources already in the store
    page_keys: set[str] = field(default_factory=set)  # pages read: for the feed stubs
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, errors)
    stored: int = 0  # records written to the shard


@dataclass(frozen=True)
class Task:
    """Everything a worker needs for its parts besides the part itself (small, picklable)."""

    factory: PipelineFactory
    date: str | None
    max_bytes: int
    known: str | None = None  # a store to ask which documents are already in it
    page_keys: bool = False  # the run has feed stubs: say which stored pages were skipped
    output: str | None = None  # a folder for Parquet shards, instead of sending records
    run: str = field(default_factory=lambda: uuid.uuid4().hex)  # the worker's pipeline key


def process_part(part: Input, index: int, task: Task) -> PartResult:
    """Read one part, run the pipeline, and return (or shard) its records."""
    from tidings.read.feeds import record_keys

    result = PartResult()
    pipeline = _pipelines.get(task.run)
    if pipeline is None:
        _pipelines.clear()  # a new run: the previous one's pipeline goes
        pipeline = _pipelines[task.run] = built(task.factory)
    docs = _unread(part, task, result)
    records = list(pipeline.run(docs))
    for record in records:
        result.page_keys |= record_keys(record)
        if not record.paragraphs:
            result.failed.append((record.source.path or record.id, "; ".join(record.errors)))
    if task.output is None:
        result.records = records
    else:
        from tidings.engines.shards import write_shard

        result.stored = write_shard(task.output, index, records)
    return result


def _unread(part: Input, task: Task, result: PartResult) -> list[Document]:
    """The part's documents, less those the store holds; a part that cannot be read at
    all is one unreadable document saying why."""
    try:
        docs = [d for d in read_input(part, task.date, task.max_bytes) if d.meta.feed_link is None]
    except Exception as exc:  # noqa: BLE001 - the part fails, the run goes on
        where = f"{part.name}@{part.start}"
        source = Source(path=where, format=part.kind)
        return [Document.unreadable(where.encode(), source, task.date, one_line(exc))]
    if task.known is None or not docs:
        return docs
    from tidings.runs import stored_page_keys
    from tidings.store import Store

    with Store(task.known, read_only=True) as store:
        known = store.known_ids([d.record.id for d in docs])
        skipped = [d for d in docs if d.record.id in known]
        if task.page_keys:
            result.page_keys |= stored_page_keys(store, skipped)
    result.skipped = [d.source.path or d.record.id for d in skipped]
    return [d for d in docs if d.record.id not in known]


def parts_of(run: Run, size: int = PART_SIZE) -> list[Input]:
    """The run's inputs cut into parts for the workers."""
    return [part for item in run.inputs for part in split_input(item, size)]


@contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of the cluster at `scheduler`, or of a LocalCluster started here."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    from multiprocessing import resource_tracker

    import dask

    # The workers' statistical profiler samples every thread's stack 100 times a
    # second, holding the interpreter lock: a cost on CPU-bound work like ours.
    dask.config.set({"distributed.worker.profile.enabled": False})
    tracker_was_running = resource_tracker._resource_tracker._pid is not None
    try:
        with (
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                         dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR) as cluster,
            Client(cluster) as client,
        ):  # fmt: skip
            yield client
    finally:
        if not tracker_was_running:  # the cluster's processes started it: nothing is left
            resource_tracker._resource_tracker._stop()


def run_parts(parts: list[Input], task: Task, client: Any,
              window: int | None = None) -> Iterator[PartResult]:  # fmt: skip
    """Results of the parts, in order, with a bounded number of parts in flight."""
    [shared] = client.scatter([task], broadcast=True)
    in_flight = window or 2 * max(1, len(client.scheduler_info().get("workers", {})))
    pending: deque[Any] = deque()
    for index, part in enumerate(parts):
        pending.append(client.submit(process_part, part, index, shared, pure=False))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
