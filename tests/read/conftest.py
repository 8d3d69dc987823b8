"""Small hand-written web pages, feeds and WARC archives for the reader tests,
handed to the tests as fixtures."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

BODY = [
    "The port of Valletta reopened on Monday after a storm closed it for two days, "
    "the harbour authority said in a statement.",
    "Ferries to Gozo and Sicily resumed their timetables in the afternoon, and the first "
    "container ship entered the Grand Harbour shortly before six o'clock.",
    "Waves of up to seven metres had battered the breakwater on Saturday, damaging two "
    "cranes and flooding the customs hall, officials said.",
    "Transport Minister Aaron Farrugia told reporters that repairs to the breakwater "
    "would cost several million euros and take most of the spring.",
    "Fishermen in Marsaxlokk said their boats had been spared, but that they had lost "
    "four days of work at the busiest time of the season.",
]


def _article_page(
    *,
    body: list[str] = BODY,
    title: str = "Harbour reopens after storm",
    head_extra: str = "",
    charset: str | None = '<meta charset="utf-8">',
    canonical: str | None = "https://valletta-post.example/europe/harbour-reopens",
    date: str | None = "2021-01-24T09:00:00Z",
    inside_article: str = "<p>Share this</p>",
) -> str:
    """A news page as sites publish them: metadata in the head, navigation, the article
    between furniture, related links and a footer."""
    meta = [
        charset or "",
        f"<title>{title} | The Valletta Post</title>",
        f'<meta property="og:title" content="{title}">',
        '<meta property="og:site_name" content="The Valletta Post">',
        '<meta name="author" content="Maria Borg">',
        '<meta property="article:section" content="Europe">',
        '<meta property="article:tag" content="Shipping">',
        '<meta name="description" content="The port reopened after two days.">',
        f'<meta property="article:published_time" content="{date}">' if date else "",
        f'<link rel="canonical" href="{canonical}">' if canonical else "",
        head_extra,
    ]
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body)
    related = "".join(
        f'<li><a href="/europe/story-{n}">Other story number {n} about the island</a></li>'
        for n in range(1, 6)
    )
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
{chr(10).join(m for m in meta if m)}
</head>
<body>
<header class="site-header"><nav class="menu"><a href="/">Home</a> <a href="/europe">Europe</a>
<a href="/sport">Sport</a> <a href="/business">Business</a></nav></header>
<main>
<article class="article-body">
<h1>{title}</h1>
{paragraphs}
{inside_article}
</article>
<aside class="related"><h3>Related stories</h3><ul>{related}</ul></aside>
</main>
<footer class="site-footer"><p>© 2021 The Valletta Post. All rights reserved.</p>
<p>Contact us | Advertise | Privacy policy</p></footer>
</body>
</html>
"""


def _rss(items: str, title: str = "The Valletta Post") -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>{title}</title>
<link>https://valletta-post.example/</link>
<description>News from Malta</description>
{items}
</channel>
</rss>
""".encode()


def _write_warc(path: Path, records: list[dict], gzip: bool = True) -> Path:
    """Write a WARC with warcio's writer. Each record: `uri`, `body` (bytes) and
    optionally `type` (default response), `content_type`, `status`, `date`, `headers`."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for spec in records:
            body = spec["body"]
            kind = spec.get("type", "response")
            headers = {"WARC-Date": spec.get("date", "2021-02-03T04:05:06Z")}
            http = None
            if kind in ("response", "request"):
                line = spec.get("status", "200 OK") if kind == "response" else "GET / HTTP/1.1"
                http = StatusAndHeaders(
                    line,
                    [("Content-Type", spec.get("content_type", "text/html; charset=utf-8")),
                     ("Content-Length", str(len(body))), *spec.get("headers", [])],
                    protocol="HTTP/1.1" if kind == "response" else "",
                )  # fmt: skip
            record = writer.create_warc_record(
                spec["uri"], kind, payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict=headers,
            )  # fmt: skip
            writer.write_record(record)
    return path


@pytest.fixture
def article_page():
    return _article_page


@pytest.fixture
def rss():
    return _rss


@pytest.fixture
def write_warc():
    return _write_warc


@pytest.fixture
def article_body() -> list[str]:
    return list(BODY)
