"""The library's front door: build the pipeline, parse documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from tidings.engines import Budget, run_documents
from tidings.errors import InputError, UsageError
from tidings.pipeline import Document, ReaderMeta
from tidings.read import iter_documents, read_bytes, sniff_format
from tidings.read.sources import DEFAULT_MAX_BYTES
from tidings.record import Article, Source
from tidings.runs import Run, run_here
from tidings.steps import build_pipeline, default_steps

__all__ = [
    "build_pipeline", "default_steps", "parse", "parse_bytes", "parse_paths", "parse_text"
]  # fmt: skip


def parse(
    path_or_bytes: str | Path | bytes,
    date: str | None = None,
    fmt: str = "auto",
    nlp: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """One document — a file's path, or its bytes — to one record, its kind sniffed from
    the name and first bytes as `tidings parse` does (text, HTML, a feed, WARC, JSON
    lines; `fmt` names it instead). A document that cannot be read comes back with its
    `errors` and no paragraphs; an input holding several documents (a feed, an
    archive, JSON lines) is refused: `parse_paths` and `parse_bytes` read those."""
    if isinstance(path_or_bytes, bytes):
        docs = list(read_bytes(path_or_bytes, Source(), fmt, date, max_bytes))
    else:
        path = Path(path_or_bytes)
        if path.is_dir():
            raise UsageError(f"{path} is a folder; parse takes one file (use parse_paths)")
        docs = list(iter_documents([str(path)], fmt, date, max_bytes))
    if len(docs) != 1:
        raise UsageError(f"the input holds {len(docs)} documents, not one; read it with "
                         f"parse_paths or parse_bytes, which return every record")  # fmt: skip
    return build_pipeline(nlp).run_one(docs[0])


def parse_text(
    text: str, date: str | None = None, title: str | None = None, nlp: bool = True
) -> Article:
    """One text (a page dump, or a body with a separate `title`) to one record.

    HTML, feeds and WARC are refused (InputError): read as text, their markup would
    become the article; `parse` reads them."""
    raw = text.encode("utf-8")
    kind = sniff_format("", raw[:4096])
    if kind in ("html", "feed", "warc"):
        raise InputError(f"parse_text takes plain text, and this is {_KINDS[kind]}; "
                         f"use tidings.parse(path_or_bytes), which reads it")  # fmt: skip
    meta = ReaderMeta(text=text, title=title, date=date, date_is_default=True)
    return build_pipeline(nlp).run_one(Document(raw=raw, source=Source(), meta=meta))


_KINDS = {"html": "an HTML page", "feed": "an RSS/Atom feed", "warc": "a WARC archive"}


def parse_bytes(
    raw: bytes,
    path: str | None = None,
    fmt: str = "auto",
    date: str | None = None,
    nlp: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Article]:
    """Bytes of one input (a page, or a JSONL file) to records."""
    return list(run_here(read_bytes(raw, Source(path=path), fmt, date, max_bytes), nlp))


def parse_paths(
    paths: Iterable[str | Path],
    fmt: str = "auto",
    date: str | None = None,
    nlp: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    budget: Budget | None = None,
) -> Iterator[Article]:
    """Files and folders to records, streamed; with a `budget`, each document is
    processed in a worker process held to it (see `tidings.engines.supervised`)."""
    run = Run.of([str(p) for p in paths], fmt, date, max_bytes, nlp)
    yield from run.with_stubs(run_documents(run.documents(), run.pipeline(), budget=budget))
