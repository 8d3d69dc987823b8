"""The pipeline's first step: web pages are read where the pipeline runs (a worker)."""

from __future__ import annotations

from tidings.document import Document
from tidings.read.feeds import FeedItems
from tidings.read.html import fill_page, needs_reading


class ReadPageStep:
    """HTML pages and WARC records to text and metadata (trafilatura), completed from the
    feed items of the run that link to them. Other documents were read by their reader."""

    name = "read"
    requires = frozenset({"raw", "meta"})
    assigns = frozenset({"meta", "record.published"})

    def __init__(self, feed_items: FeedItems | None = None) -> None:
        self.feed_items = feed_items

    def __call__(self, doc: Document) -> None:
        if not needs_reading(doc):
            return
        fill_page(doc)
        if self.feed_items is not None:
            self.feed_items.complete(doc)
