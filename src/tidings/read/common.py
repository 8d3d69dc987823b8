"""Helpers every web reader (HTML, feeds, WARC) shares."""

from __future__ import annotations

import zlib
from urllib.parse import urlsplit

from tidings.document import Document
from tidings.read.limits import DEFAULT_MAX_BYTES

failed_document = Document.unreadable


def host_of(url: str | None) -> str | None:
    """The host of a URL, without `www.`."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def gunzipped(raw: bytes, limit: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes, unpacked when they are gzipped (`page.html.gz`); ValueError when they
    cannot be, or would unpack past `limit` (a small file may expand into a huge one)."""
    if not raw.startswith(b"\x1f\x8b"):
        return raw
    try:
        data = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(raw, limit + 1)
    except zlib.error as exc:
        raise ValueError(f"the gzipped file cannot be unpacked ({exc})") from None
    if len(data) > limit:
        raise ValueError(
            f"the gzipped file unpacks to more than the {limit / 1e6:.1f} MB limit; "
            f"raise it with --max-bytes"
        )
    return data
