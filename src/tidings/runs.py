"""A run over many inputs: what is read where, and the feed stubs left at its end.

The driver plans the inputs (`plan_inputs`) and reads the run's feeds first, so
that the link-only items are known before any page is read. Workers (a process
pool, Dask) get the inputs or their documents and a pipeline factory carrying the
items' facts; each page is completed from its items by the `read` step where it is
read. As records come back, the keys of the pages read are collected; at the end,
the stubs no page stood for are run here (they are small: a title and a summary).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from tidings.document import Document
from tidings.engines.local import PipelineFactory
from tidings.read.feeds import FeedItems, record_keys
from tidings.read.limits import DEFAULT_MAX_BYTES
from tidings.read.sources import ALL_FILES, FileFilter, Input, plan_inputs, read_input
from tidings.record import Article
from tidings.steps import build_pipeline


@dataclass
class Run:
    inputs: list[Input]
    date: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    nlp: bool = True
    feed_items: FeedItems = field(default_factory=FeedItems)
    seen: set[str] = field(default_factory=set)  # keys of the pages read (or stored before)

    @classmethod
    def of(cls, paths: Iterable[str], fmt: str = "auto", date: str | None = None,
           max_bytes: int = DEFAULT_MAX_BYTES, nlp: bool = True,
           files: FileFilter = ALL_FILES) -> Run:  # fmt: skip
        run = cls(plan_inputs(paths, fmt, max_bytes, files), date, max_bytes, nlp)
        for item in run.inputs:
            if item.kind == "feed":
                for doc in read_input(item, date, max_bytes):
                    if doc.meta.feed_link is not None:
                        run.feed_items.add(doc)
        return run

    def saw(self, keys: set[str]) -> None:
        """Pages not run because the store holds them still stand for their feed items."""
        self.seen |= keys

    def pipeline(self) -> PipelineFactory:
        """A picklable factory of this run's pipeline (what each worker builds once)."""
        return partial(build_pipeline, self.nlp, self.feed_items.for_workers())

    def read(self, item: Input) -> Iterator[Document]:
        """The documents of one input, less the feed stubs (the run holds those)."""
        for doc in read_input(item, self.date, self.max_bytes):
            if doc.meta.feed_link is None:
                yield doc

    def documents(self) -> Iterator[Document]:
        for item in self.inputs:
            yield from self.read(item)

    def with_stubs(
        self, records: Iterable[Article], keep: Callable[[Document], bool] | None = None
    ) -> Iterator[Article]:
        """The records, then those of the stubs whose page was not among them (nor among
        the pages skipped as already stored: see `saw`)."""
        for record in records:
            self.seen |= record_keys(record)
            yield record
        stubs = [s for s in self.feed_items.unmatched(self.seen) if keep is None or keep(s)]
        if stubs:
            yield from build_pipeline(self.nlp).run(stubs)


def run_here(docs: Iterable[Document], nlp: bool = True) -> Iterator[Article]:
    """Documents already in memory (one input's bytes) to records, stubs matched among them."""
    run = Run([], nlp=nlp)
    pages = []
    for doc in docs:
        if doc.meta.feed_link is None:
            pages.append(doc)
        else:
            run.feed_items.add(doc)
    yield from run.with_stubs(run.pipeline()().run(pages))


def stored_page_keys(store: Any, docs: Iterable[Document]) -> set[str]:
    """The keys of web pages the store already holds (their stored records say them)."""
    keys: set[str] = set()
    for doc in docs:
        if doc.source.format in ("html", "warc"):
            record = store.get(doc.record.id)
            if record is not None:
                keys |= record_keys(record)
    return keys
