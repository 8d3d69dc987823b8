"""Paths and bytes to `Document`s: one per file, or one per JSONL line.

A document that cannot be read still becomes a `Document`, carrying its error,
so that it is recorded and the batch goes on.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, BinaryIO

from tidings.authors import authors_from
from tidings.data import lines
from tidings.document import Document, ReaderMeta
from tidings.errors import InputError, UsageError
from tidings.read.files import not_a_file, open_file
from tidings.read.limits import DEFAULT_MAX_BYTES
from tidings.read.limits import too_large as _too_large
from tidings.record import Source

FORMATS = ("auto", "text", "html", "feed", "warc", "jsonl")

_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
    ".gz": "warc",
}


def sniff_format(name: str, head: bytes) -> str:
    """Guess the input kind from the file name, then from its first bytes."""
    lower = name.lower()
    if lower.endswith((".warc.gz", ".warc")):
        return "warc"
    by_ext = _EXTENSIONS.get(Path(lower).suffix)
    if by_ext and by_ext != "warc":
        return by_ext
    if head.startswith(b"\x1f\x8b"):  # gzip: look at what it holds
        head = _gunzip_head(head)
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1024].lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith((b"<!doctype html", b"<html")) or b"<body" in start or b"<html" in start:
        return "html"
    if b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
        return "feed"
    if start.startswith(b"{") and _first_line_is_json(head):
        return "jsonl"
    return "text"


def _gunzip_head(head: bytes) -> bytes:
    import zlib

    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 4096)
    except zlib.error:
        return b""


def _first_line_is_json(head: bytes) -> bool:
    line = head.split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def check_inputs(paths: Iterable[str]) -> None:
    """UsageError for a named input that does not exist (checked before any work,
    so that a mistyped name leaves nothing behind, not even a new database)."""
    for name in paths:
        if name != "-" and not os.path.lexists(name):
            raise UsageError(f"no such file or folder: {name}")


@dataclass(frozen=True)
class FileFilter:
    """Which files of a walked folder are read: `include` and `exclude` are shell
    globs matched against the path below the folder and against the file name.

    By default a walk skips hidden files and folders and files that are not
    articles (READMEs, licences, the store, `*.json` that is not JSON lines);
    `include` brings any of them back. Files named on the command line are read
    unless `exclude` names them.
    """

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def wants(self, path: Path, below: Path | None = None) -> bool:
        """True when `path` (found under the folder `below`, or named when None) is read."""
        relative = path.relative_to(below).as_posix() if below else path.as_posix()
        if _matches(relative, path.name, self.exclude):
            return False
        if self.include:
            return _matches(relative, path.name, self.include)
        return below is None or not _skipped_by_default(path, relative)


def _matches(relative: str, name: str, globs: tuple[str, ...]) -> bool:
    return any(fnmatch(relative, g) or fnmatch(name, g) for g in globs)


def _skipped_by_default(path: Path, relative: str) -> bool:
    if any(part.startswith(".") for part in relative.split("/")):
        return True
    name = path.name.lower()
    if any(fnmatch(name, glob) for glob in lines("skipped_files.txt")):
        return True
    return name.endswith(".json") and not _first_line_is_json(_head(path))


ALL_FILES = FileFilter()


def iter_paths(paths: Iterable[str], files: FileFilter = ALL_FILES) -> Iterator[Path]:
    """Files named, and files under folders named (recursively, sorted), as `files` selects.
    What is there but is not a file to read (a pipe, a device, a socket, a broken link)
    comes too, for `read.files.not_a_file` to report; only folders are left out."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if not child.is_dir() and files.wants(child, path):
                    yield child
        elif os.path.lexists(path):
            if files.wants(path):
                yield path
        else:
            raise UsageError(f"no such file or folder: {name}")


def count_documents(paths: Iterable[str], fmt: str = "auto",
                    files: FileFilter = ALL_FILES) -> int | None:  # fmt: skip
    """How many documents the paths hold, when that is cheap to know: one per page or
    text file, one per line of JSON lines; None when a feed, an archive or standard
    input is among them (their items are only known by reading them)."""
    total = 0
    for name in paths:
        if name == "-":
            return None
        for path in iter_paths([name], files):
            if not_a_file(path):
                total += 1
                continue
            kind = fmt if fmt != "auto" else sniff_format(path.name, _head(path))
            if kind in ("feed", "warc"):
                return None
            total += _count_lines(path) if kind == "jsonl" else 1
    return total


def _count_lines(path: Path) -> int:
    """Non-blank lines of a file, read in blocks (memory does not grow with the file)."""
    count = 0
    with open_file(path) as handle:
        for line in handle:
            count += bool(line.strip())
    return count


@dataclass(frozen=True)
class Input:
    """One input of a run, or one part of it (a range of WARC records or JSONL lines).

    Small and picklable: a worker given an `Input` reads it itself (`read_input`).
    """

    name: str  # a file path, or "-" for standard input
    kind: str  # text, html, feed, warc or jsonl
    data: bytes | None = None  # standard input, read once
    start: int = 0  # byte offset where the part begins (a record or line boundary)
    stop: int | None = None  # byte offset where the next part begins (None: the end)
    line: int = 1  # the number of the JSONL line or WARC record at `start`
    problem: str | None = None  # why it cannot be read at all (see `not_a_file`)


def plan_inputs(paths: Iterable[str], fmt: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES,
                files: FileFilter = ALL_FILES) -> list[Input]:  # fmt: skip
    """The inputs of a run, in a stable order (`-` is standard input, read once here)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    inputs = []
    for name in paths:
        if name == "-":
            raw = sys.stdin.buffer.read(max_bytes + 1)
            kind = fmt if fmt != "auto" else sniff_format("", raw[:4096])
            if len(raw) > max_bytes:  # how much more there is, no one knows
                problem = _too_large(max_bytes, max_bytes, at_least=True)
                inputs.append(Input("-", kind, problem=f"standard input: {problem}"))
                continue
            inputs.append(Input("-", kind, data=raw))
            continue
        for path in iter_paths([name], files):
            problem = not_a_file(path)
            if problem:
                inputs.append(Input(str(path), fmt if fmt != "auto" else "text", problem=problem))
                continue
            kind = fmt if fmt != "auto" else sniff_format(path.name, _head(path))
            inputs.append(Input(str(path), kind))
    return inputs


def split_input(item: Input, size: int) -> list[Input]:
    """An input cut into parts of about `size` documents: JSON lines by line ranges,
    archives by record ranges, at boundaries found by a scan; other files whole."""
    if item.data is not None or item.problem or item.kind not in ("jsonl", "warc") or size < 1:
        return [item]
    try:
        starts = _line_starts(Path(item.name)) if item.kind == "jsonl" else _record_starts(item)
    except OSError:  # read whole: its reader says what is wrong
        return [item]
    cuts = starts[::size]
    if len(cuts) <= 1:
        return [item]
    stops = [*cuts[1:], None]
    return [replace(item, start=start, stop=stop, line=1 + index * size)
            for index, (start, stop) in enumerate(zip(cuts, stops, strict=True))]  # fmt: skip


def _line_starts(path: Path) -> list[int]:
    starts, offset = [], 0
    with path.open("rb") as handle:
        for line in handle:
            starts.append(offset)
            offset += len(line)
    return starts


def _record_starts(item: Input) -> list[int]:
    from tidings.read.warc import record_offsets

    return record_offsets(Path(item.name))


def iter_documents(
    paths: Iterable[str],
    fmt: str = "auto",
    date: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    files: FileFilter = ALL_FILES,
) -> Iterator[Document]:
    """Documents from paths (`-` is standard input), in a stable order; `files` selects
    which files of a folder are read. Web pages come unread (the pipeline's `read` step
    reads them); link-only feed items are among them."""
    for item in plan_inputs(paths, fmt, max_bytes, files):
        yield from read_input(item, date, max_bytes)


def read_input(item: Input, date: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document]:  # fmt: skip
    """The documents of one input (or part of one)."""
    if item.problem:
        yield _failed(Source(path=item.name, format=item.kind), date, item.problem)
        return
    if item.data is not None:
        yield from read_bytes(item.data, Source(path=item.name), item.kind, date, max_bytes)
        return
    path = Path(item.name)
    try:
        yield from _read_path(item, path, date, max_bytes)
    except InputError as exc:  # it changed since it was planned
        yield _failed(Source(path=item.name, format=item.kind), date, str(exc))


def _read_path(item: Input, path: Path, date: str | None, max_bytes: int) -> Iterator[Document]:
    if item.kind == "jsonl":
        yield from _read_jsonl(path, date, max_bytes, item.start, item.stop, item.line)
        return
    if item.kind == "warc":  # streamed record by record: the limit applies to each record
        from tidings.read.warc import read_warc_path

        yield from read_warc_path(path, date, max_bytes, item.start, item.stop, item.line)
        return
    source = Source(path=str(path))
    with open_file(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > max_bytes:
            source.format = item.kind
            yield _failed(source, date, _too_large(size, max_bytes))
            return
        try:
            raw = handle.read()
        except OSError as exc:
            raise InputError(f"the file cannot be read ({exc.strerror})") from None
    yield from read_bytes(raw, source, item.kind, date, max_bytes)


def _head(path: Path) -> bytes:
    try:
        with open_file(path) as handle:
            return handle.read(4096)
    except (InputError, OSError):
        return b""


def read_bytes(
    raw: bytes,
    source: Source,
    fmt: str = "auto",
    date: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document]:
    """Documents from bytes already in memory."""
    kind = fmt if fmt != "auto" else sniff_format(source.path or "", raw[:4096])
    source.format = kind
    if kind == "jsonl":
        yield from _jsonl_lines(raw.splitlines(keepends=True), source.path or "-", date, max_bytes)
        return
    if len(raw) > max_bytes:
        yield _failed(source, date, _too_large(len(raw), max_bytes))
        return
    reader = _reader(kind)
    if reader is None:
        # a date line on the page beats the --date default
        yield Document(raw=raw, source=source, meta=ReaderMeta(date=date, date_is_default=True))
    else:
        yield from reader(raw, source, date)


def _read_jsonl(path: Path, date: str | None, max_bytes: int, start: int = 0,
                stop: int | None = None, first: int = 1) -> Iterator[Document]:  # fmt: skip
    with open_file(path) as handle:  # streamed: memory does not grow with the file
        handle.seek(start)
        lines = _lines_until(handle, stop - start) if stop is not None else handle
        yield from _jsonl_lines(lines, str(path), date, max_bytes, first)


def _lines_until(handle: BinaryIO, size: int) -> Iterator[bytes]:
    """The lines of the next `size` bytes (a part ends on a line boundary)."""
    while size > 0:
        line = handle.readline()
        if not line:
            return
        size -= len(line)
        yield line


def _jsonl_lines(lines: Iterable[bytes], name: str, date: str | None, max_bytes: int,
                 first: int = 1) -> Iterator[Document]:  # fmt: skip
    for number, line in enumerate(lines, start=first):
        if not line.strip():
            continue
        source = Source(path=f"{name}:{number}", format="jsonl")
        if len(line) > max_bytes:
            yield _failed(source, date, f"line {number}: {_too_large(len(line), max_bytes)}")
            continue
        meta, error = _jsonl_meta(line, number)
        if meta is None:
            yield Document.unreadable(line, source, date, error)
            continue
        source.url = meta.url
        source.outlet = meta.outlet
        meta.date = meta.date or date
        doc = Document(raw=line, source=source, meta=meta)
        if error:
            doc.record.errors.append(f"read: {error}")
        yield doc


def _jsonl_meta(line: bytes, number: int) -> tuple[ReaderMeta | None, str]:
    try:
        item = json.loads(line)
    except ValueError as exc:
        return None, f"line {number} is not JSON ({exc.args[0].split(':')[0]})"
    if not isinstance(item, dict):
        return None, f"line {number} is not a JSON object"
    item, replaced = without_surrogates(item)
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        return None, f"line {number} has no `text` field with the article body"
    given = {k: item[k] for k in ("title", "url", "date", "outlet") if isinstance(item.get(k), str)}
    authors = item.get("authors")
    names = [authors] if isinstance(authors, str) else authors if isinstance(authors, list) else []
    names = [" ".join(n.split()) for n in names if isinstance(n, str) and n.strip()]
    # a list the user gave is kept as given; one string is a byline, split into names
    people = authors_from(names, [given.get("outlet")]) if isinstance(authors, str) else names
    meta = ReaderMeta(text=text, authors=people, byline=", ".join(names) or None, **given)
    note = (f"line {number}: {replaced} lone surrogate escape(s) (\\ud800-\\udfff, not "
            f"characters) replaced with U+FFFD") if replaced else ""  # fmt: skip
    return meta, note


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(value: Any) -> tuple[Any, int]:
    """`value` (a string, or JSON's lists and objects of them) with each lone surrogate
    as U+FFFD, and how many there were. JSON's `\\ud800` escapes decode to them; they
    are not characters, and no UTF-8 writer takes them."""
    if isinstance(value, str):
        count = len(_SURROGATE.findall(value))
        return (_SURROGATE.sub("\ufffd", value), count) if count else (value, 0)
    if isinstance(value, list):
        pairs = [without_surrogates(v) for v in value]
        return [v for v, _ in pairs], sum(n for _, n in pairs)
    if isinstance(value, dict):
        pairs = {k: without_surrogates(v) for k, v in value.items()}
        return {k: v for k, (v, _) in pairs.items()}, sum(n for _, n in pairs.values())
    return value, 0


def _failed(source: Source, date: str | None, error: str) -> Document:
    """An unread document (too large to read): its path stands in for its bytes."""
    return Document.unreadable((source.path or "").encode(), source, date, error)


def _reader(kind: str) -> Callable[[bytes, Source, str | None], Iterator[Document]] | None:
    """The reader of a web format (a fixed set), imported on first use: trafilatura,
    feedparser and warcio load slowly. Plain text needs none."""
    if kind == "html":
        from tidings.read.html import read_html

        return read_html
    if kind == "feed":
        from tidings.read.feeds import read_feed

        return read_feed
    if kind == "warc":
        from tidings.read.warc import read_warc

        return read_warc
    return None
