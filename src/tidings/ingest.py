"""Ingest: read inputs, skip what the store already holds, run, store in batches."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import islice

from tidings.api import build_pipeline
from tidings.engines import run_documents
from tidings.pipeline import Document
from tidings.read import iter_documents
from tidings.read.sources import DEFAULT_MAX_BYTES
from tidings.record import Article
from tidings.store import Store

BATCH = 50


@dataclass
class Summary:
    added: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def ingest(
    paths: Iterable[str],
    store: Store,
    fmt: str = "auto",
    date: str | None = None,
    workers: int = 1,
    nlp: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_record: Callable[[Article], None] | None = None,
) -> Summary:
    """Process inputs into the store. Each batch is one transaction, so a run that is
    killed keeps every batch it committed, and a rerun skips them by id."""
    summary = Summary()
    docs = _new_documents(iter_documents(list(paths), fmt, date, max_bytes), store, summary)
    records = run_documents(docs, partial(build_pipeline, nlp), workers=workers)
    while batch := list(islice(records, BATCH)):
        added, _ = store.add(batch)
        summary.added += added
        summary.skipped += sum(1 for r in batch if r.paragraphs) - added
        for record in batch:
            if not record.paragraphs:
                summary.failed.append((record.source.path or record.id, "; ".join(record.errors)))
            if on_record:
                on_record(record)
    return summary


def _new_documents(docs: Iterable[Document], store: Store, summary: Summary) -> Iterator[Document]:
    for doc in docs:
        if store.has(doc.record.id):
            summary.skipped += 1
            continue
        yield doc
