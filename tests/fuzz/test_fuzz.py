"""Property-based fuzzing: generated and mutated documents through every reader, layout,
repair, quotes, times, events and the whole pipeline.

What must hold, whatever the input: nothing raises out of a reader or a step (a
step's failure is an error on its record, and only an expected one: never a Python
exception's type, which would be a bug), a record without paragraphs says why, a
record can be written to the store and as UTF-8 JSON, and its offsets point inside
its paragraphs.

Documents are built from real sentences (the sample corpus), random words and odd
Unicode, laid out as text, HTML, RSS/Atom, WARC and JSON lines, then mutated:
truncated, bytes flipped or inserted, gzipped, re-encoded, given a byte-order mark.

`make test` runs a bounded, derandomized pass (profile `ci`); `make fuzz` a long
random one (profile `fuzz`: 10,000 documents through the whole pipeline).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tidings
from tidings.api import parse_bytes
from tidings.clean.layout import lay_out
from tidings.clean.repair import repair_text, split_fragments, vocabulary_of
from tidings.errors import InputError
from tidings.read.decode import decode
from tidings.read.sources import read_bytes
from tidings.record import Article, Source
from tidings.store import Store

REPO = Path(tidings.__file__).resolve().parents[2]  # the checkout: src/tidings/__init__.py
_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
         HealthCheck.large_base_example]  # fmt: skip
settings.register_profile("ci", derandomize=True, deadline=None, suppress_health_check=_SLOW,
                          print_blob=True)  # fmt: skip
settings.register_profile("fuzz", deadline=None, suppress_health_check=_SLOW, print_blob=True,
                          database=None)  # fmt: skip
LONG_RUN = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
settings.load_profile("fuzz" if LONG_RUN else "ci")  # the long run is random, CI's the same
# The long run's whole-pipeline documents come in shards of 500, one test each, which
# `make fuzz` spreads over the machine's cores (pytest-xdist): 10,000 documents at
# about a second each would take hours on one, and a run stopped early keeps the
# shards it finished.
SHARDS = 20 if LONG_RUN else 1


def examples(ci: int, fuzz: int):  # noqa: ANN201 - a hypothesis settings decorator
    """How many examples a property gets: a few in CI, many under `make fuzz`."""
    return settings(max_examples=fuzz if LONG_RUN else ci)


# --- what documents are made of ---------------------------------------------------------


@cache
def _sentences() -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in sorted((REPO / "samples" / "text").glob("*.txt")))  # fmt: skip
    found = re.split(r"(?<=[.!?”\"])\s+", text)
    return [s.strip() for s in found if 3 < len(s.strip()) < 600]


@cache
def _words() -> list[str]:
    return sorted({w for s in _sentences() for w in s.split()})


ODD = st.characters(
    codec=None,
    categories=["L", "M", "N", "P", "S", "Z", "Cc", "Cf", "Co"],
) | st.sampled_from(
    ["\u200b", "\u200f", "\u202e", "\ufeff", "\u0301", "\ufffd", "\u2028", "\x00", "\U0001f600",
     "ﬁ", "Å", "İ", "ß", "\u00a0", "“", "”", "‘", "’", "—", "…", "<", ">", "\\", "\r", "\t"]
)  # fmt: skip
MARKUP = st.sampled_from(["&amp;", "&#0;", "&#xD800;", "&bogus;", "<p>", "</div>", "<!--", "]]>",
                          "\r\n", "\n\n", "  "])  # fmt: skip


def odd(max_size: int) -> st.SearchStrategy[str]:
    """Text of odd characters and bits of markup."""
    return st.lists(st.one_of(ODD, MARKUP), max_size=max_size).map("".join)


odd_text = odd(60)
sentence = st.one_of(
    st.sampled_from(_sentences()),
    st.lists(st.sampled_from(_words()), min_size=1, max_size=25).map(" ".join),
    odd_text,
    st.tuples(st.sampled_from(_sentences()), odd_text, st.sampled_from(_sentences())).map(
        lambda t: t[0] + t[1] + t[2]
    ),
)
paragraph = st.lists(sentence, min_size=1, max_size=5).map(" ".join)
huge = st.tuples(
    st.sampled_from(_sentences()), st.integers(800, 3000) if LONG_RUN else st.integers(40, 150)
).map(lambda t: (t[0] + " ") * t[1])  # one line of 100-1,000 kB (in CI, 5-20 kB)
date_text = st.one_of(
    st.none(),
    st.dates().map(str),
    st.datetimes().map(lambda d: d.isoformat()),
    st.sampled_from(["Tue, 05 Jan 2021 10:00:00 GMT", "yesterday", "2021-02-30", "0000-00-00",
                     "99999-01-01", "June 12, 2025 4:12 PM EAT", ""]),
    odd_text,
)  # fmt: skip


@st.composite
def articles(draw, large: bool = False) -> dict:  # noqa: ANN001
    body = draw(st.lists(paragraph, min_size=0, max_size=10))
    if large and draw(st.integers(0, 9)) == 0:
        body.insert(draw(st.integers(0, len(body))), draw(huge))
    return {
        "title": draw(st.one_of(sentence, st.just(""))),
        "paragraphs": body,
        "date": draw(date_text),
        "byline": draw(st.one_of(st.none(), st.just("By Ana Lopes and Tom Reed"), sentence)),
        "url": draw(st.one_of(st.none(), st.just("https://news.example/a/b.html"), odd_text)),
    }


# --- layouts ----------------------------------------------------------------------------


def as_text(a: dict) -> str:
    lines = [a["title"], ""]
    if a["byline"]:
        lines += [a["byline"], ""]
    return "\n".join(lines) + "\n\n".join(a["paragraphs"]) + "\n"


def _esc(text: str | None) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def html_page(draw, a: dict) -> str:  # noqa: ANN001
    depth = draw(st.sampled_from([0, 1, 5, 40, 255, 300]))
    meta = (f'<meta property="article:published_time" content="{_esc(a["date"])}">'
            f'<meta name="author" content="{_esc(a["byline"])}">'
            f'<link rel="canonical" href="{_esc(a["url"])}">')  # fmt: skip
    ld = draw(st.one_of(st.just(""), st.just('{"@type": "NewsArticle", "headline": 3}'),
                        st.just("{broken json"), odd_text))  # fmt: skip
    body = "".join(f"<p>{_esc(p)}</p>" for p in a["paragraphs"])
    extra = draw(st.sampled_from(["", "<!-- a comment -->", "<script>var x = 1;</script>",
                                  "<p>unclosed <b>bold <i>", "&nbsp;&bogus;&#99999999;",
                                  "<table><tr><td>cell</td></tr></table>", "</div></div>"]))  # fmt: skip
    page = (f"<!DOCTYPE html><html lang=\"{draw(st.sampled_from(['en', 'fr', 'xx', '']))}\">"
            f"<head><title>{_esc(a['title'])}</title>{meta}"
            f'<script type="application/ld+json">{ld}</script></head><body>'
            + "<div>" * depth + f"<article><h1>{_esc(a['title'])}</h1>{extra}{body}</article>"
            + "</div>" * depth + "</body></html>")  # fmt: skip
    return page


def feed(items: list[dict], atom: bool) -> str:
    if atom:
        entries = "".join(
            f"<entry><title>{_esc(a['title'])}</title><link href=\"{_esc(a['url'])}\"/>"
            f"<updated>{_esc(a['date'])}</updated><author><name>{_esc(a['byline'])}</name>"
            f"</author><content type=\"html\">{_esc(''.join(f'<p>{_esc(p)}</p>' for p in a['paragraphs']))}"
            f"</content></entry>" for a in items)  # fmt: skip
        return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>'
    entries = "".join(
        f"<item><title>{_esc(a['title'])}</title><link>{_esc(a['url'])}</link>"
        f"<pubDate>{_esc(a['date'])}</pubDate><description>{_esc(' '.join(a['paragraphs']))}"
        f"</description></item>" for a in items)  # fmt: skip
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{entries}</channel></rss>'


def warc(pages: list[bytes], gzipped: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for n, page in enumerate(pages):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        fixed = {"WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{n:012d}>",
                 "WARC-Date": "2021-02-03T04:05:06Z"}  # the same bytes every time
        writer.write_record(writer.create_warc_record(
            f"https://news.example/{n}", "response", payload=io.BytesIO(page), http_headers=http,
            warc_headers_dict=fixed,
        ))  # fmt: skip
    return out.getvalue()


@st.composite
def jsonl(draw, items: list[dict]) -> bytes:  # noqa: ANN001
    lines = []
    for a in items:
        item = {"title": a["title"], "text": "\n\n".join(a["paragraphs"]), "date": a["date"],
                "url": a["url"], "authors": draw(st.sampled_from([None, "Ana Lopes", ["A", 3]]))}
        line = json.dumps(item, ensure_ascii=draw(st.booleans()))
        if draw(st.booleans()):  # an escaped lone surrogate, or a field of the wrong type
            line = line.replace('"text": "', '"text": "\\ud800', 1).replace('"date": null',
                                                                              '"date": 7')
        lines.append(line)
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")


ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "cp1251", "shift_jis"]


@st.composite
def documents(draw, large: bool = False) -> tuple[str, bytes, str]:  # noqa: ANN001
    """(file name, bytes, --input-format) of one generated input."""
    kind = draw(st.sampled_from(["text", "html", "feed", "warc", "jsonl"]))
    items = draw(st.lists(articles(large=large), min_size=1, max_size=3 if kind != "text" else 1))
    if kind == "text":
        raw = as_text(items[0]).encode(draw(st.sampled_from(ENCODINGS)), "replace")
    elif kind == "html":
        raw = draw(html_page(items[0])).encode(draw(st.sampled_from(ENCODINGS)), "replace")
    elif kind == "feed":
        raw = feed(items, draw(st.booleans())).encode("utf-8", "replace")
    elif kind == "warc":
        pages = [draw(html_page(a)).encode("utf-8", "replace") for a in items]
        raw = warc(pages, draw(st.booleans()))
    else:
        raw = draw(jsonl(items))
    raw = draw(mutated(raw))
    suffix = {"text": ".txt", "html": ".html", "feed": ".rss", "warc": ".warc", "jsonl": ".jsonl"}
    fmt = draw(st.sampled_from(["auto", kind, "auto"]))
    return f"doc{suffix[kind]}", raw, fmt


@st.composite
def mutated(draw, raw: bytes) -> bytes:  # noqa: ANN001
    for _ in range(draw(st.integers(0, 2))):
        how = draw(st.sampled_from(["none", "cut", "flip", "insert", "gzip", "bom", "repeat"]))
        at = draw(st.integers(0, len(raw)))
        if how == "cut":
            raw = raw[:at]
        elif how == "flip" and raw:
            at = min(at, len(raw) - 1)
            raw = raw[:at] + bytes([raw[at] ^ draw(st.integers(1, 255))]) + raw[at + 1 :]
        elif how == "insert":
            raw = raw[:at] + draw(st.binary(max_size=40)) + raw[at:]
        elif how == "gzip":
            raw = gzip.compress(raw, mtime=0)
        elif how == "bom":
            raw = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])) + raw
        elif how == "repeat":
            raw = raw[:at] + raw[at : at + 200] * draw(st.integers(2, 50)) + raw[at:]
    return raw


# --- what every record must satisfy -----------------------------------------------------

# one_line() writes an unexpected exception as "step: TypeName: message"
_CRASH = re.compile(r"^[a-z_]+: [A-Z][A-Za-z]*(?:Error|Exception|Interrupt|Exit)\b")


def check_record(record: Article) -> None:
    crashes = [e for e in record.errors if _CRASH.match(e)]
    assert not crashes, crashes
    if not record.paragraphs:
        assert record.errors, "a record without paragraphs must say why"
    json.dumps(record.to_dict(), ensure_ascii=False).encode("utf-8")  # no lone surrogates
    count = len(record.paragraphs)
    for entity in record.entities:
        assert 0 <= entity.paragraph < count
        assert 0 <= entity.start <= entity.end <= len(record.paragraphs[entity.paragraph])
    for item in [*record.quotes, *record.times, *record.events]:
        assert item.paragraph is None or 0 <= item.paragraph < count


@cache
def _store() -> Store:
    return Store(":memory:")


# --- the properties ---------------------------------------------------------------------


@examples(ci=200, fuzz=3000)
@given(raw=st.one_of(st.binary(max_size=3000), odd(500).map(
    lambda t: t.encode("utf-8", "surrogatepass"))))  # fmt: skip
def test_decode_gives_text_or_says_why(raw):
    try:
        text, encoding, notes = decode(raw)
    except InputError:
        return
    assert "\x00" not in text and isinstance(encoding, str)
    text.encode("utf-8")


@examples(ci=200, fuzz=3000)
@given(doc=documents())
def test_every_reader_gives_documents_and_never_raises(doc):
    name, raw, fmt = doc
    for document in read_bytes(raw, Source(path=name), fmt):
        assert document.meta.error or document.raw is not None
        for value in (document.meta.text, document.meta.title, document.meta.date):
            if value is not None:
                value.encode("utf-8")


@examples(ci=200, fuzz=5000)
@given(text=st.one_of(st.builds(as_text, articles(large=True)), odd(2000)),
       title=st.one_of(st.none(), sentence), summary=st.one_of(st.none(), sentence))  # fmt: skip
def test_layout_never_raises_and_keeps_text_as_text(text, title, summary):
    layout = lay_out(text, title=title, summary=summary)
    assert all(isinstance(p, str) and p.strip() for p in layout.paragraphs)
    assert all(isinstance(e.before, str) and isinstance(e.after, str) for e in layout.edits)


@examples(ci=200, fuzz=5000)
@given(texts=st.lists(st.one_of(paragraph, odd(300)), min_size=1, max_size=5))
def test_repair_never_raises_and_explains_every_change(texts):
    vocabulary = vocabulary_of(texts)
    fragments = split_fragments(vocabulary)
    for index, text in enumerate(texts):
        repaired, edits = repair_text(text, index, vocabulary, "", fragments)
        assert isinstance(repaired, str)
        assert (repaired != text) <= bool(edits)  # a change is never silent


@examples(ci=60, fuzz=1500)
@given(texts=st.lists(paragraph, min_size=1, max_size=6), published=date_text)
def test_actors_quotes_times_and_events_never_raise(texts, published):
    from tidings import nlp
    from tidings.actors import resolve_actors
    from tidings.events import code_events
    from tidings.quotes import find_quotes
    from tidings.times import find_times

    texts = [t for t in texts if t.strip()] or ["Nothing here."]
    docs = nlp.parse(texts)
    actors = resolve_actors(texts, docs, published)
    quotes = find_quotes(texts, docs, actors)
    times = find_times(texts, published, docs)
    events = code_events(texts, docs, actors, times, published)
    for item in [*quotes, *times, *events]:
        assert item.paragraph is None or 0 <= item.paragraph < len(texts)


@pytest.mark.parametrize("shard", range(SHARDS))
@examples(ci=100, fuzz=10_000 // SHARDS)
@given(doc=documents(large=LONG_RUN))  # long lines cost nlp seconds: long run only
def test_the_whole_pipeline_records_every_document_and_stores_it(shard, doc):
    name, raw, fmt = doc
    records = parse_bytes(raw, path=name, fmt=fmt, nlp=True)
    for record in records:
        check_record(record)
    added, failed = _store().add(records)
    assert added + failed <= len(records)
