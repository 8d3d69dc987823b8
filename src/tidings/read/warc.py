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
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

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
        yield from read_warc_stream(stream, str(path), date, max_bytes, stop, first - 1)


def read_warc(raw: bytes, source: Source, date: str | None) -> Iterator[Document]:
    """Documents from an archive already in memory (standard input)."""
    yield from read_warc_stream(io.BytesIO(raw), source.path or "-", date)


def read_warc_stream(stream: BinaryIO, name: str, date: str | None,
                     max_bytes: int | None = None, stop: int | None = None,
                     before: int = 0) -> Iterator[Document]:  # fmt: skip
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    limit = max_bytes or DEFAULT_MAX_BYTES
    records = ArchiveIterator(stream)
    count = before  # records of the archive before this part
    try:
        for record in records:
            if stop is not None and records.offset >= stop:
                break  # the next part begins here
            count += 1
            if not _html_response(record):
                continue
            try:
                body, problem = record.content_stream().read(limit + 1), None
            except (ArchiveLoadFailed, OSError, EOFError):
                raise
            except Exception as exc:  # noqa: BLE001 - e.g. a content encoding warcio lacks
                body, problem = b"", f"its content cannot be decoded ({one_line(exc)})"
            # The offset is known once the record is consumed; warcio skips the rest.
            where = f"{name}#{records.get_record_offset()}"
            if getattr(record.raw_stream, "limit", 0):  # bytes promised but never came
                raise EOFError(f"the record at {where} is cut short")
            if problem:
                uri = record.rec_headers.get_header("WARC-Target-URI")
                source = Source(path=where, url=uri, format="warc")
                yield failed_document(where.encode(), source, date, f"record for {uri}: {problem}")
                continue
            doc = _record_document(record, body, where, date, limit)
            if doc is not None:
                yield doc
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        place = f"after {count - 1} record(s)" if count > 1 else "at its start"
        source = Source(path=f"{name}#{count}", format="warc")
        yield failed_document(
            f"{name}#{count}".encode(),
            source,
            date,
            f"the WARC archive cannot be read {place} ({one_line(exc)}); "
            f"check that it is a complete WARC or WARC.gz file",
        )


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
    framing). Stops quietly at damage: the part that reaches it records the error."""
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
