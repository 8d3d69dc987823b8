"""Bytes to text: detect the encoding, refuse binaries, never crash on bad bytes."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from tidings.errors import EmptyDocument, NotText

_SNIFF = 8192
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def looks_binary(raw: bytes) -> bool:
    """True for bytes that are not text in any common encoding (images, archives…): more
    than one in twenty of the first bytes are control bytes (NUL among them). A stray
    NUL or two in a text is damage to the text, not a sign of an image."""
    head = raw[:_SNIFF]
    if head.startswith(_BOMS):
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(head) * 0.05


def decode(raw: bytes) -> tuple[str, str, list[str]]:
    """Decode bytes to text; return the text, the encoding and notes on anything lossy.
    NUL characters (never text) are removed, and noted."""
    text, encoding, notes = _decode(raw)
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
        notes.append(f"{nuls} NUL character(s) removed")
    return text, encoding, notes


def _decode(raw: bytes) -> tuple[str, str, list[str]]:
    if not raw.strip():
        raise EmptyDocument("the document is empty; give a file with text in it")
    if looks_binary(raw):
        raise NotText(
            "the document is binary, not text; give a text, HTML, feed, WARC or JSONL file"
        )
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace"), "utf-16", []
    try:
        return raw.decode("utf-8-sig"), "utf-8", []
    except UnicodeDecodeError:
        pass
    latin = _as_cp1252(raw)
    if latin is not None:
        return latin, "cp1252", []
    best = from_bytes(raw).best()
    if best is not None and best.encoding:
        return str(best), best.encoding, []
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return text, "utf-8", [f"{bad} undecodable byte(s) replaced with U+FFFD"]


def _as_cp1252(raw: bytes) -> str | None:
    """Windows-1252 text, when the bytes read as mostly-ASCII Latin text in it.

    Most non-UTF-8 news in English is cp1252; statistical detectors often take
    its curly quotes for letters of another single-byte code page. Text in a
    non-Latin code page (cp1251 Cyrillic, say) reads as runs of accented
    letters in cp1252, which the share of such letters gives away.
    """
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    accented = sum(1 for c in letters if ord(c) > 127)
    return text if letters and accented <= len(letters) * 0.1 else None
