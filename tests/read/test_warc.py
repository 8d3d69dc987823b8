"""WARC and WARC.gz archives: HTML responses only, URL and date kept, streamed."""

from __future__ import annotations

import gzip
import pathlib
import random
import tracemalloc

import pytest

from tidings import parse_paths
from tidings.read import iter_documents
from tidings.read.step import ReadPageStep
from tidings.read.warc import read_warc_path

PAGE_URL = "https://valletta-post.example/europe/harbour-reopens"


@pytest.fixture
def archive(tmp_path, write_warc, article_page):
    """Two article pages among the records a crawl also keeps."""
    records = [
        {"uri": PAGE_URL, "type": "request", "body": b""},
        {"uri": PAGE_URL, "body": article_page().encode()},
        {"uri": "https://valletta-post.example/logo.png", "body": b"\x89PNG....",
         "content_type": "image/png"},
        {"uri": "https://valletta-post.example/gone", "body": article_page().encode(),
         "status": "404 Not Found"},
        {"uri": "https://valletta-post.example/moved", "body": b"", "status": "301 Moved"},
        {"uri": "https://valletta-post.example/undated", "body": article_page(
            date=None, canonical=None, title="Cranes repaired").encode(),
         "date": "2021-02-03T04:05:06Z"},
        {"uri": "https://valletta-post.example/feed", "type": "resource",
         "body": b"<rss></rss>", "content_type": "application/rss+xml"},
    ]  # fmt: skip
    return write_warc(tmp_path / "crawl.warc.gz", records)


def test_only_successful_html_responses_become_documents(archive):
    docs = list(iter_documents([str(archive)]))
    assert [d.source.url for d in docs] == [PAGE_URL, "https://valletta-post.example/undated"]
    assert all(d.source.format == "warc" for d in docs)
    assert all(d.source.path.startswith(f"{archive}#") for d in docs)
    assert docs[0].source.path != docs[1].source.path


def test_records_become_article_records_with_url_and_dates(archive, article_body):
    first, second = parse_paths([archive], nlp=False)
    assert first.paragraphs == article_body
    assert first.title == "Harbour reopens after storm"
    assert first.published == "2021-01-24"  # the page's own date
    assert second.title == "Cranes repaired"
    assert second.source.url == "https://valletta-post.example/undated"
    assert second.published == "2021-02-03"  # no date on the page: the WARC-Date


def test_the_user_date_comes_before_the_crawl_date(archive):
    records = list(parse_paths([archive], date="2021-01-30", nlp=False))
    assert [r.published for r in records] == ["2021-01-24", "2021-01-30"]


def test_an_uncompressed_archive_is_read_and_sniffed_without_its_extension(
    tmp_path, write_warc, article_page
):
    path = write_warc(tmp_path / "crawl-data", [{"uri": PAGE_URL, "body": article_page().encode()}],
                      gzip=False)  # fmt: skip
    (doc,) = iter_documents([str(path)])
    assert doc.source.format == "warc" and doc.source.url == PAGE_URL


def test_a_gzipped_archive_is_sniffed_without_its_extension(tmp_path, archive):
    renamed = archive.rename(tmp_path / "crawl-data-00001")
    assert [d.source.format for d in iter_documents([str(renamed)])] == ["warc", "warc"]


def test_a_record_over_the_size_limit_is_an_error_and_the_rest_go_on(
    tmp_path, write_warc, article_page
):
    big = article_page(body=["A long paragraph about the harbour. " * 4000]).encode()
    path = write_warc(tmp_path / "mixed.warc.gz", [
        {"uri": "https://x.example/big", "body": big},
        {"uri": PAGE_URL, "body": article_page().encode()},
    ])  # fmt: skip
    big_doc, small_doc = iter_documents([str(path)], max_bytes=50_000)
    assert "over the" in big_doc.record.errors[0] and "x.example/big" in big_doc.record.errors[0]
    ReadPageStep()(small_doc)
    assert not small_doc.record.errors and small_doc.meta.text


def test_a_record_whose_content_cannot_be_read_is_an_error_and_the_rest_go_on(
    tmp_path, write_warc, article_page
):
    path = write_warc(tmp_path / "br.warc.gz", [
        {"uri": "https://x.example/br", "body": b"\x8b\x00 not really brotli",
         "headers": [("Content-Encoding", "br")]},
        {"uri": PAGE_URL, "body": article_page().encode()},
    ])  # fmt: skip
    bad, good = parse_paths([str(path)], nlp=False)
    assert bad.errors and bad.source.url == "https://x.example/br"
    assert not good.errors and good.paragraphs


def test_a_truncated_archive_keeps_what_came_before_and_records_the_damage(tmp_path, archive):
    data = archive.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.8)])
    docs = list(iter_documents([str(cut)]))
    assert docs[0].source.url == PAGE_URL and not docs[0].record.errors
    assert "cannot be read" in docs[-1].record.errors[0]


def test_a_file_that_is_not_a_warc_is_a_recorded_error(write):
    path = write("fake.warc.gz", gzip.compress(b"this is not a web archive at all\n" * 10))
    (doc,) = iter_documents([str(path)])
    assert "cannot be read" in doc.record.errors[0]


def test_archives_are_streamed_not_read_whole(tmp_path, write_warc, article_page, monkeypatch):
    page = article_page().encode()
    image = bytes(range(256)) * 100  # 25 kB that must be passed over, not held
    records = [
        {"uri": f"https://x.example/{n}", "body": page}
        if n % 25 == 0
        else {"uri": f"https://x.example/{n}.jpg", "body": image, "content_type": "image/jpeg"}
        for n in range(250)
    ]
    path = write_warc(tmp_path / "big.warc", records, gzip=False)
    size = path.stat().st_size
    assert size > 5_000_000

    def refuse(self, *args, **kwargs):
        raise AssertionError(f"{self} was read whole")

    monkeypatch.setattr(pathlib.Path, "read_bytes", refuse)
    warm = write_warc(tmp_path / "warm.warc", records[:1], gzip=False)
    assert len(list(read_warc_path(warm, None))) == 1  # imports and caches off the count
    tracemalloc.start()
    try:
        count = 0
        for doc in read_warc_path(path, None):
            count += 1
            ReadPageStep()(doc)
            assert doc.meta.text
            del doc
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 10
    assert peak < size / 10  # one record at a time, not the archive


@pytest.fixture
def page_then_image(tmp_path, write_warc, article_page):
    """An archive whose last record is not a page: its damage is no page's to report."""

    def make(gzip: bool) -> pathlib.Path:
        image = b"\x89PNG" + random.Random(0).randbytes(1200)  # gzip cannot shrink it
        records = [{"uri": PAGE_URL, "body": article_page().encode()},
                   {"uri": "https://x.example/a.png", "body": image,
                    "content_type": "image/png"}]  # fmt: skip
        return write_warc(tmp_path / ("a.warc.gz" if gzip else "a.warc"), records, gzip=gzip)

    return make


@pytest.mark.parametrize("gzip_", [True, False])
@pytest.mark.parametrize("cut", [5, 20, 300, 900])
def test_an_archive_cut_inside_a_trailing_record_keeps_its_pages_and_says_so(
    page_then_image, tmp_path, gzip_, cut
):
    data = page_then_image(gzip_).read_bytes()
    damaged = tmp_path / ("cut.warc.gz" if gzip_ else "cut.warc")
    damaged.write_bytes(data[:-cut])
    docs = list(iter_documents([str(damaged)]))
    assert docs[0].source.url == PAGE_URL and not docs[0].record.errors
    assert len(docs) == 2
    assert docs[1].record.errors[0].startswith("read: the WARC archive: ")
    assert "complete WARC" in docs[1].record.errors[0]


def test_gzip_magic_followed_by_garbage_is_reported(write):
    path = write("bad.warc.gz", b"\x1f\x8b\x08\x00garbage garbage garbage not gzip at all")
    (doc,) = iter_documents([str(path)])
    assert "starts as gzip does but cannot be unpacked" in doc.record.errors[0]


def test_an_archive_without_a_single_page_says_so(tmp_path, write_warc):
    path = write_warc(tmp_path / "img.warc.gz", [
        {"uri": "https://x.example/a.png", "body": b"\x89PNG" * 30, "content_type": "image/png"}
    ])  # fmt: skip
    (doc,) = iter_documents([str(path)])
    assert doc.record.errors == [
        "read: the WARC archive: no HTML page found among its 2 record(s); check that it is "
        "a complete WARC or WARC.gz file"
    ]


def test_warcio_complaints_become_the_archives_error_not_raw_bytes_on_stderr(
    tmp_path, write_warc, article_page, capfd
):
    page = article_page().encode()
    records = [{"uri": PAGE_URL, "body": page}, {"uri": PAGE_URL + "2", "body": page}]
    data = write_warc(tmp_path / "a.warc", records, gzip=False).read_bytes()
    start = data.index(b"Content-Length: ", data.index(b"WARC-Type: response")) + 16
    end = data.index(b"\r\n", start)
    wrong = str(int(data[start:end]) - 40).encode()  # the first page's length, 40 too short
    (tmp_path / "a.warc").write_bytes(data[:start] + wrong + data[end:])
    docs = list(iter_documents([str(tmp_path / "a.warc")]))
    assert "warcio: WARNING: Record not followed by newline" in docs[-1].record.errors[0]
    assert capfd.readouterr().err == ""
