"""The library's front door: build the pipeline, parse documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from tidings.clean.steps import DecodeStep, LayoutStep, RepairStep
from tidings.language import LanguageStep
from tidings.pipeline import Document, Pipeline, ReaderMeta, Step
from tidings.read import iter_documents, read_bytes
from tidings.read.sources import DEFAULT_MAX_BYTES
from tidings.record import Article, Source


def default_steps(nlp: bool = True) -> list[Step]:
    """read -> layout -> repair -> language, then (with `nlp`) the understanding steps."""
    steps: list[Step] = [DecodeStep(), LayoutStep(), RepairStep(), LanguageStep()]
    if nlp:
        from tidings.understand import understanding_steps

        steps.extend(understanding_steps())
    return steps


def build_pipeline(nlp: bool = True) -> Pipeline:
    return Pipeline(default_steps(nlp))


def parse_text(
    text: str, date: str | None = None, title: str | None = None, nlp: bool = True
) -> Article:
    """One text (a page dump, or a body with a separate `title`) to one record."""
    raw = text.encode("utf-8")
    meta = ReaderMeta(text=text, title=title, date=date, date_is_default=True)
    return build_pipeline(nlp).run_one(Document(raw=raw, source=Source(), meta=meta))


def parse_bytes(
    raw: bytes,
    path: str | None = None,
    fmt: str = "auto",
    date: str | None = None,
    nlp: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Article]:
    """Bytes of one input (a page, or a JSONL file) to records."""
    docs = read_bytes(raw, Source(path=path), fmt, date, max_bytes)
    return list(build_pipeline(nlp).run(docs))


def parse_paths(
    paths: Iterable[str | Path],
    fmt: str = "auto",
    date: str | None = None,
    nlp: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article]:
    """Files and folders to records, streamed."""
    docs = iter_documents([str(p) for p in paths], fmt, date, max_bytes)
    yield from build_pipeline(nlp).run(docs)
