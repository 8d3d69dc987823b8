"""Ingest: read inputs, skip what the store already holds, run, store in batches."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tidings.engines import Budget, run_documents
from tidings.pipeline import Document
from tidings.read.sources import ALL_FILES, DEFAULT_MAX_BYTES, FileFilter
from tidings.record import Article
from tidings.runs import Run
from tidings.store import Store

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
) -> Summary:
    """Process inputs into the store. Each batch is one transaction, so a run that is
    killed keeps every batch it committed, and a rerun skips them by id. With a
    `budget`, documents are processed in worker processes, each held to it.

    `on_document(source, outcome)` is called once per document as soon as it is
    processed or skipped."""
    started = time.perf_counter()
    summary = Summary()
    report = on_document or (lambda _source, _outcome: None)

    def new(doc: Document) -> bool:
        if store.has(doc.record.id):
            summary.skipped += 1
            report(doc.source.path or doc.record.id, "skipped")
            return False
        return True

    run = Run.of(list(paths), fmt, date, max_bytes, nlp, files)
    docs = filter(new, run.documents())
    batch: list[Article] = []
    records = run.with_stubs(run_documents(docs, run.pipeline(), workers, budget=budget), keep=new)
    for record in records:
        if not record.paragraphs:
            source = record.source.path or record.id
            summary.failed.append((source, "; ".join(record.errors)))
        report(record.source.path or record.id, "processed" if record.paragraphs else "failed")
        batch.append(record)
        if len(batch) >= BATCH:
            _store(batch, store, summary)
            batch = []
    if batch:
        _store(batch, store, summary)
    summary.seconds = time.perf_counter() - started
    return summary


def _store(batch: list[Article], store: Store, summary: Summary) -> None:
    added, _ = store.add(batch)
    summary.added += added
    summary.skipped += sum(1 for r in batch if r.paragraphs) - added
