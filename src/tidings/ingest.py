"""Ingest: read inputs, skip what the store already holds, run, store in batches."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from tidings.engines import Budget, run_documents
from tidings.pipeline import Document
from tidings.read.sources import ALL_FILES, DEFAULT_MAX_BYTES, FileFilter
from tidings.record import Article
from tidings.runs import Run, stored_page_keys
from tidings.store import Store
from tidings.stories import Linker

BATCH = 50

# What became of one document: "processed" (stored with its batch), "skipped" (already
# in the store) or "failed" (recorded in the store's failures).
Outcome = str


@dataclass
class Summary:
    added: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    linked: int = 0  # articles put into stories

    @property
    def line(self) -> str:
        """One line for the end of a run: stored, skipped, failed, time."""
        return (f"{self.added} stored, {self.skipped} skipped (already stored), "
                f"{len(self.failed)} failed in {self.seconds:.1f} s")  # fmt: skip


def ingest(
    paths: Iterable[str],
    store: Store,
    fmt: str = "auto",
    date: str | None = None,
    workers: int = 1,
    nlp: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    budget: Budget | None = None,
    on_document: Callable[[str, Outcome], None] | None = None,
    files: FileFilter = ALL_FILES,
    engine: str = "local",
    scheduler: str | None = None,
    link: bool = True,
    related: bool | None = None,
) -> Summary:
    """Process inputs into the store. Each batch is one transaction, so a run that is
    killed keeps every batch it committed, and a rerun skips them by id. With a
    `budget`, documents are processed in worker processes, each held to it.

    `on_document(source, outcome)` is called once per document as soon as it is
    processed or skipped. `engine` is "local" (this process, or a pool of `workers`)
    or "dask" (a cluster at `scheduler`, or a LocalCluster of `workers`). With
    `link`, stored articles are linked into stories after each batch, in store
    order (`related`: also through embeddings; None: unless the user turned them
    off)."""
    started = time.perf_counter()
    summary = Summary()
    linker = Linker(store, related=related) if link else None
    report = on_document or (lambda _source, _outcome: None)

    def new(doc: Document) -> bool:
        if store.has(doc.record.id):
            if run.feed_items.stubs:
                run.saw(stored_page_keys(store, [doc]))
            summary.skipped += 1
            report(doc.source.path or doc.record.id, "skipped")
            return False
        return True

    run = Run.of(list(paths), fmt, date, max_bytes, nlp, files)
    if engine == "dask":
        done = _dask_records(run, store, workers, scheduler, summary, report)
    else:
        docs = filter(new, run.documents())
        done = run_documents(docs, run.pipeline(), workers, budget=budget)
    batch: list[Article] = []
    records = run.with_stubs(done, keep=new)
    for record in records:
        if not record.paragraphs:
            source = record.source.path or record.id
            summary.failed.append((source, "; ".join(record.errors)))
        report(record.source.path or record.id, "processed" if record.paragraphs else "failed")
        batch.append(record)
        if len(batch) >= BATCH:
            _store(batch, store, summary, linker)
            batch = []
    _store(batch, store, summary, linker)
    summary.seconds = time.perf_counter() - started
    return summary


def _store(batch: list[Article], store: Store, summary: Summary, linker: Linker | None) -> None:
    if batch:
        added, _ = store.add(batch)
        summary.added += added
        summary.skipped += sum(1 for r in batch if r.paragraphs) - added
    if linker:  # also links what an earlier run stored without linking
        summary.linked += linker.link_pending(known={r.id: r for r in batch})


def _dask_records(
    run: Run,
    store: Store,
    workers: int,
    scheduler: str | None,
    summary: Summary,
    report: Callable[[str, Outcome], None],
) -> Iterator[Article]:
    """Records from a Dask cluster; the workers skip what the store holds (when they
    can reach it: not a store in memory)."""
    from tidings.engines.dask import Task, dask_client, parts_of, run_parts

    known = None if store.path == ":memory:" else store.path
    with dask_client(scheduler, workers) as client:
        task = Task(run.pipeline(), run.date, run.max_bytes, known=known,
                    page_keys=bool(run.feed_items.stubs))  # fmt: skip
        for result in run_parts(parts_of(run), task, client):
            run.saw(result.page_keys)
            for source in result.skipped:
                summary.skipped += 1
                report(source, "skipped")
            yield from result.records


def process_to_shards(
    paths: Iterable[str],
    folder: str,
    fmt: str = "auto",
    date: str | None = None,
    workers: int = 1,
    nlp: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    files: FileFilter = ALL_FILES,
    scheduler: str | None = None,
) -> Summary:
    """Process inputs on Dask into Parquet shards in `folder`, one per part; the feed
    stubs no page stood for go to one last shard. `load_shards` stores them."""
    from tidings.engines.dask import Task, dask_client, parts_of, run_parts
    from tidings.engines.shards import write_shard

    started = time.perf_counter()
    summary = Summary()
    run = Run.of(list(paths), fmt, date, max_bytes, nlp, files)
    parts = parts_of(run)
    with dask_client(scheduler, workers) as client:
        for result in run_parts(
            parts, Task(run.pipeline(), date, max_bytes, output=folder), client
        ):
            run.saw(result.page_keys)
            summary.added += result.stored
            summary.failed += result.failed
    stubs = list(run.with_stubs([]))
    summary.added += write_shard(folder, len(parts), stubs)
    summary.failed += [
        (r.source.path or r.id, "; ".join(r.errors)) for r in stubs if not r.paragraphs
    ]
    summary.seconds = time.perf_counter() - started
    return summary


def _failure(record: Article) -> tuple[str, str]:
    return (record.source.path or record.id, "; ".join(record.errors))


def load_shards(folder: str, store: Store, link: bool = True) -> Summary:
    """Store the records of a folder of shards, in batches of one transaction each,
    linking them into stories as they are stored (with `link`)."""
    from tidings.engines.shards import read_shards

    started = time.perf_counter()
    summary = Summary()
    linker = Linker(store) if link else None
    batch: list[Article] = []
    for record in read_shards(folder):
        if not record.paragraphs:
            summary.failed.append((record.source.path or record.id, "; ".join(record.errors)))
        batch.append(record)
        if len(batch) >= BATCH:
            _store(batch, store, summary, linker)
            batch = []
    _store(batch, store, summary, linker)
    summary.seconds = time.perf_counter() - started
    return summary
