"""RSS and Atom feeds: full items, stubs, items matched to pages of the same run."""

from __future__ import annotations

import socket
import urllib.request

import pytest

from tidings import parse_bytes, parse_paths
from tidings.read import iter_documents

FULL_ITEM = """<item>
<title>Ferries resume after storm</title>
<link>https://valletta-post.example/europe/ferries-resume</link>
<guid>ferries-1</guid>
<dc:creator>Maria Borg</dc:creator>
<category>Europe</category><category>Shipping</category>
<pubDate>Mon, 25 Jan 2021 08:30:00 GMT</pubDate>
<description>Ferries are running again.</description>
<content:encoded><![CDATA[
<p>Ferries to Gozo resumed their timetables on Monday afternoon, the operator said.</p>
<p>The first crossing left Ċirkewwa at two o'clock with <b>three hundred</b> passengers.</p>
<p>Share this</p>
]]></content:encoded>
</item>"""

LINK_ITEM = """<item>
<title>Harbour reopens after storm</title>
<link>https://valletta-post.example/europe/harbour-reopens</link>
<guid>harbour-1</guid>
<pubDate>Sun, 24 Jan 2021 09:00:00 GMT</pubDate>
<description>The port of Valletta reopened on Monday after a storm closed it.</description>
</item>"""


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("the network was used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)


def test_an_item_with_full_content_is_a_record(rss, no_network):
    (record,) = parse_bytes(rss(FULL_ITEM), path="feed.xml", nlp=False)
    assert record.source.format == "feed"
    assert record.title == "Ferries resume after storm"
    assert record.published == "2021-01-25"
    assert record.source.url == "https://valletta-post.example/europe/ferries-resume"
    assert record.source.outlet == "The Valletta Post"
    assert record.byline == "Maria Borg"
    assert record.sections == ["Europe", "Shipping"]
    assert record.paragraphs == [
        "Ferries to Gozo resumed their timetables on Monday afternoon, the operator said.",
        "The first crossing left Ċirkewwa at two o'clock with three hundred passengers.",
    ]
    assert not record.errors


def test_item_metadata_goes_on_the_document(rss):
    (doc,) = read_feed_documents(rss(FULL_ITEM))
    assert doc.meta.byline == "Maria Borg"
    assert doc.meta.sections == ["Europe", "Shipping"]
    assert doc.source.path == "feed.xml#1"


def read_feed_documents(raw: bytes):
    from tidings.read import read_bytes
    from tidings.record import Source

    return list(read_bytes(raw, Source(path="feed.xml"), "feed"))


def test_an_atom_entry_with_html_content_is_a_record(no_network):
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Island Wire</title>
  <entry>
    <title>Cranes repaired</title>
    <link rel="alternate" href="https://wire.example/cranes"/>
    <id>tag:wire.example,2021:cranes</id>
    <updated>2021-02-01T10:00:00Z</updated>
    <author><name>Joe Camilleri</name></author>
    <content type="html">&lt;p&gt;Both cranes damaged in the storm were repaired on Monday.&lt;/p&gt;
      &lt;p&gt;The harbour is working at full capacity again, officials said.&lt;/p&gt;</content>
  </entry>
</feed>"""
    (record,) = parse_bytes(atom, path="wire.atom", nlp=False)
    assert record.title == "Cranes repaired"
    assert record.published == "2021-02-01"
    assert record.source.outlet == "Island Wire"
    assert record.paragraphs == [
        "Both cranes damaged in the storm were repaired on Monday.",
        "The harbour is working at full capacity again, officials said.",
    ]


def test_a_link_only_item_without_its_page_is_a_stub_with_its_summary(rss, no_network):
    (record,) = parse_bytes(rss(LINK_ITEM), path="feed.xml", nlp=False)
    assert record.title == "Harbour reopens after storm"
    assert record.paragraphs == ["The port of Valletta reopened on Monday after a storm closed it."]
    assert any("is not in the input" in e and "harbour-reopens" in e for e in record.errors)


def test_an_item_with_neither_content_nor_link_says_so(rss):
    (record,) = parse_bytes(rss("<item><title>Orphan</title></item>"), path="f.xml", nlp=False)
    assert any("neither content nor a link" in e for e in record.errors)


def test_a_link_only_item_is_matched_to_its_page_by_canonical_url(
    tmp_path, write, rss, article_page, no_network
):
    write("feed.xml", rss(FULL_ITEM + LINK_ITEM))
    write("pages/saved-page.html", article_page(date=None))
    records = list(parse_paths([tmp_path], nlp=False))
    sources = sorted(r.source.format for r in records)
    assert sources == ["feed", "html"]  # no stub: the page stands for the item
    page = next(r for r in records if r.source.format == "html")
    assert page.published == "2021-01-24"  # the page had no date: the item gave it
    assert not page.errors


def test_a_page_read_before_the_feed_is_matched_too(tmp_path, write, rss, article_page):
    write("a-page.html", article_page(date=None))
    write("z-feed.xml", rss(LINK_ITEM))
    records = list(parse_paths([tmp_path], nlp=False))
    assert [r.source.format for r in records] == ["html"]
    assert records[0].published == "2021-01-24"  # the item still gives the page its date


def test_a_link_only_item_is_matched_to_a_saved_page_by_its_path(
    tmp_path, write, rss, article_page
):
    write("feed.xml", rss(LINK_ITEM))
    write("site/europe/harbour-reopens.html", article_page(canonical=None))
    records = list(parse_paths([tmp_path], nlp=False))
    assert [r.source.format for r in records] == ["html"]


def test_an_unmatched_stub_comes_after_the_pages_of_the_run(tmp_path, write, rss, article_page):
    other = LINK_ITEM.replace("harbour-reopens", "unrelated-story")
    write("a-feed.xml", rss(other))
    write("b-page.html", article_page())
    records = list(parse_paths([tmp_path], nlp=False))
    assert [r.source.format for r in records] == ["html", "feed"]
    assert "is not in the input" in records[1].errors[0]


def test_a_feed_with_no_items_is_a_recorded_error(no_network):
    (record,) = parse_bytes(b"<rss version='2.0'><channel><title>x</title></channel></rss>",
                            path="empty.rss", nlp=False)  # fmt: skip
    assert not record.paragraphs
    assert any("no feed items" in e for e in record.errors)


def test_the_feed_footer_of_a_full_item_is_page_furniture(rss):
    item = FULL_ITEM.replace("<p>Share this</p>", "<p>Read more: Other story</p>")
    (record,) = parse_bytes(rss(item), path="feed.xml", nlp=False)
    assert all("Read more" not in p for p in record.paragraphs)


def test_a_link_only_item_is_matched_to_a_warc_record_of_the_run(
    tmp_path, write, rss, article_page, write_warc
):
    write("feed.xml", rss(LINK_ITEM))
    page = article_page(canonical=None).encode()
    url = "https://www.valletta-post.example/europe/harbour-reopens/"  # www. and a slash
    write_warc(tmp_path / "crawl.warc.gz", [{"uri": url, "body": page}])
    records = list(parse_paths([tmp_path], nlp=False))
    assert [r.source.format for r in records] == ["warc"]


def test_a_gzipped_feed_is_unpacked(tmp_path, rss):
    import gzip

    path = tmp_path / "feed.rss.gz"
    path.write_bytes(gzip.compress(rss(FULL_ITEM)))
    (doc,) = iter_documents([str(path)])
    assert doc.source.format == "feed" and doc.meta.title == "Ferries resume after storm"


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_a_rerun_keeps_a_stored_page_standing_for_its_feed_item(
    tmp_path, write, rss, article_page, engine
):
    from tidings.ingest import ingest
    from tidings.store import Store

    write("feed.xml", rss(LINK_ITEM))
    write("pages/saved-page.html", article_page())
    with Store(tmp_path / "t.db") as store:
        first = ingest([str(tmp_path)], store, nlp=False, engine=engine, workers=1)
        again = ingest([str(tmp_path)], store, nlp=False, engine=engine, workers=1)
        assert (first.added, again.added, again.skipped) == (1, 0, 1)  # no stub the 2nd time
        assert [a.source.format for a in store.articles()] == ["html"]
