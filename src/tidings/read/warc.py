"""WARC and WARC.gz archives (as Common Crawl's CC-NEWS ships them) to documents.

Streamed with `warcio`: one record is in memory at a time, and a record over the
size limit is never read whole, so memory does not grow with the archive. Only
successful (2xx) HTTP `response` records whose content is HTML become documents;
requests, metadata, redirects, images and the like are passed over. Each document
keeps the record's target URI as `source.url`, its place in the archive as
`source.path` (`archive.warc.gz#offset`), and the WARC-Date as the date of last
resort (after the page's own date and `--date`).
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any, BinaryIO

from warcio.exceptions import ArchiveLoadFailed

from tidings.errors import one_line
from tidings.pipeline import Document
from tidings.read.common import failed_document
from tidings.read.files import open_file
from tidings.read.html import pending_page
from tidings.read.limits import DEFAULT_MAX_BYTES, too_large
from tidings.record import Source

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc_path(path: Path, date: str | None, max_bytes: int | None = None, start: int = 0,
                   stop: int | None = None, first: int = 1) -> Iterator[Document]:  # fmt: skip
    """Documents from an archive on disk, streamed record by record: those of the
    records that begin at byte `start` (a record boundary; record number `first`)
    and before byte `stop`."""
    with open_file(path) as stream:
        stream.seek(start)
        whole = start == 0 and stop is None
        yield from read_warc_stream(stream, str(path), date, max_bytes, stop, first - 1, whole)


def read_warc(raw: bytes, source: Source, date: str | None) -> Iterator[Document]:
    """Documents from an archive already in memory (standard input)."""
    yield from read_warc_stream(io.BytesIO(raw), source.path or "-", date)


def read_warc_stream(stream: BinaryIO, name: str, date: str | None,
                     max_bytes: int | None = None, stop: int | None = None, before: int = 0,
                     whole: bool = True) -> Iterator[Document]:  # fmt: skip
    """Documents from an archive; its damage, wherever found, as one more failed
    document (what came before it is kept). `before`: records of the archive before
    this part; `whole`: the stream is the whole archive, so one without a single HTML
    page is reported too."""
    reading = _Reading(stream, name, max_bytes or DEFAULT_MAX_BYTES, before)
    damage = _not_gzip(stream)
    if damage is None:
        try:
            for record in reading.records(stop):
                doc = reading.document(record, date)
                if doc is not None:
                    reading.found += 1
                    yield doc
            damage = reading.damage(stop)
        except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on damaged input
            damage = reading.failure(exc)
    if damage is None and whole and not reading.found:
        damage = f"no HTML page found among its {reading.count} record(s)"
    if damage is not None:
        where = f"{name}#{reading.count}"
        yield failed_document(where.encode(), Source(path=where, format="warc"), date,
                              f"the WARC archive: {damage}; check that it is a complete "
                              f"WARC or WARC.gz file")  # fmt: skip


class _Reading:
    """One pass of warcio over an archive, with warcio's own complaints (it writes
    them, raw bytes and all, to stderr) caught and turned into damage reports."""

    def __init__(self, stream: BinaryIO, name: str, limit: int, before: int = 0) -> None:
        from warcio.archiveiterator import ArchiveIterator

        self.stream, self.name, self.limit = stream, name, limit
        self.start = stream.tell()
        self.iterator = ArchiveIterator(stream)
        self.complaints = io.StringIO()
        self.before = before  # records of the archive before this part
        self.count = before  # records of the archive so far
        self.found = 0
        self.last: Any = None  # the last record seen
        self.last_offset = self.start

    def records(self, stop: int | None) -> Iterator[Any]:
        records = iter(self.iterator)
        while True:
            with redirect_stderr(self.complaints):
                record = next(records, None)
            if record is None or (stop is not None and self.iterator.offset >= stop):
                return  # the end, or where the next part begins
            self.count += 1
            self.last, self.last_offset = record, self.iterator.offset
            yield record

    def document(self, record: Any, date: str | None) -> Document | None:
        """The document of a record, None when it holds no HTML page."""
        if not _html_response(record):
            return None
        with redirect_stderr(self.complaints):
            try:
                body, problem = record.content_stream().read(self.limit + 1), None
            except (ArchiveLoadFailed, OSError, EOFError):
                raise
            except Exception as exc:  # noqa: BLE001 - e.g. a content encoding warcio lacks
                body, problem = b"", f"its content cannot be decoded ({one_line(exc)})"
            # The offset is known once the record is consumed; warcio skips the rest.
            where = f"{self.name}#{self.iterator.get_record_offset()}"
        if getattr(record.raw_stream, "limit", 0):  # bytes promised but never came
            raise EOFError(f"the record at {where} is cut short")
        if problem:
            uri = record.rec_headers.get_header("WARC-Target-URI")
            source = Source(path=where, url=uri, format="warc")
            return failed_document(where.encode(), source, date, f"record for {uri}: {problem}")
        return _record_document(record, body, where, date, self.limit)

    def place(self) -> str:
        return f"cannot be read after {self.count - 1} record(s)" if self.count > 1 else (
            "cannot be read at its start")  # fmt: skip

    def complaint(self) -> str:
        """warcio's first complaint, on one line (it writes several, with raw bytes)."""
        lines = [" ".join(line.split()) for line in self.complaints.getvalue().splitlines()]
        said = " ".join(line for line in lines[:2] if line)
        return f" (warcio: {said[:120]})" if said else ""

    def failure(self, exc: Exception) -> str:
        return f"{self.place()} ({one_line(exc)}){self.complaint()}"

    def damage(self, stop: int | None) -> str | None:
        """What is wrong with the archive once read to its end (or to `stop`)."""
        if getattr(getattr(self.last, "raw_stream", None), "limit", 0):
            return f"its last record (at byte {self.last_offset}) is cut short"
        if self.complaint():
            return f"{self.place()}{self.complaint()}"
        if stop is None and _gzip_tail_cut(self.stream, self.last_offset):
            return f"it ends inside a gzip member, after the record at byte {self.last_offset}"
        return None


def _not_gzip(stream: BinaryIO) -> str | None:
    """Why an archive that starts like gzip cannot be unpacked (None when it can, or
    is not gzipped): warcio would read such garbage as an uncompressed archive."""
    start = stream.tell()
    head = stream.read(65536)
    stream.seek(start)
    if not head.startswith(b"\x1f\x8b"):
        return None
    try:
        zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 4096)
    except zlib.error as exc:
        return f"it starts as gzip does but cannot be unpacked ({exc})"
    return None


def _gzip_tail_cut(stream: BinaryIO, offset: int) -> bool:
    """True when the gzip members from `offset` (the last record's) to the end of the
    stream do not all end: the archive was cut inside its last member. Read and
    unpacked in bounded steps, so a large last record costs no memory."""
    stream.seek(offset)
    if stream.read(2) != b"\x1f\x8b":
        return False
    stream.seek(offset)
    member, started = zlib.decompressobj(16 + zlib.MAX_WBITS), False
    while chunk := stream.read(1 << 16):
        while chunk:
            if member.eof:  # the next member, after any padding
                chunk = chunk.lstrip(b"\r\n\x00")
                member, started = zlib.decompressobj(16 + zlib.MAX_WBITS), False
                if not chunk:
                    break
            try:
                member.decompress(chunk, 1 << 16)
            except zlib.error:
                return True
            started = True
            chunk = member.unconsumed_tail or member.unused_data
    return started and not member.eof


def _html_response(record) -> bool:  # noqa: ANN001 - a warcio record
    """A successful HTTP response whose content is HTML (or not labelled at all)."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if not record.http_headers.get_statuscode().startswith("2"):
        return False
    content_type = record.http_headers.get_header("Content-Type") or ""
    return not content_type or content_type.split(";")[0].strip().lower() in _HTML_TYPES


def _record_document(record, body: bytes, where: str, date: str | None,  # noqa: ANN001
                     limit: int) -> Document | None:  # fmt: skip
    content_type = record.http_headers.get_header("Content-Type")
    uri = record.rec_headers.get_header("WARC-Target-URI")
    crawled = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
    source = Source(path=where, url=uri, format="warc")
    if len(body) > limit:
        return failed_document(where.encode(), source, date,
                               f"record for {uri}: {too_large(len(body), limit)}")  # fmt: skip
    if not content_type and not _looks_html(body):
        return None
    return pending_page(body, source, date, url=uri, content_type=content_type,
                        fallback_date=crawled)  # fmt: skip


def _looks_html(body: bytes) -> bool:
    head = body[:1024].lower()
    return b"<html" in head or b"<!doctype html" in head


def record_offsets(path: Path) -> list[int]:
    """Where each record of an archive begins (a scan: nothing is decoded but the
    framing), for cutting it into parts. Stops quietly at damage: the part that
    reaches it records the error."""
    from warcio.archiveiterator import ArchiveIterator

    offsets: list[int] = []
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        try:
            for _ in records:
                offsets.append(records.get_record_offset())
        except Exception:  # noqa: BLE001 - damage is reported when the part is read
            pass
    return offsets
