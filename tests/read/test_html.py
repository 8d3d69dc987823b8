"""HTML pages: article text, metadata, page furniture, charsets, pages that are not pages."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from tidings import parse_bytes
from tidings.read import read_bytes, sniff_format
from tidings.read.html import block_texts, combine, decode_html
from tidings.read.step import ReadPageStep
from tidings.record import Source


def one_document(raw: bytes, path: str = "page.html"):
    """The page's document once the pipeline's `read` step has read it."""
    (doc,) = read_bytes(raw, Source(path=path), "auto")
    ReadPageStep()(doc)
    return doc


def one_record(raw: bytes, path: str = "page.html", date: str | None = None):
    (record,) = parse_bytes(raw, path=path, fmt="auto", date=date, nlp=False)
    return record


# --- text and furniture --------------------------------------------------------------


def test_the_article_body_comes_out_paragraph_by_paragraph(article_page, article_body):
    record = one_record(article_page().encode())
    assert record.paragraphs == article_body
    assert record.source.format == "html"
    assert not record.errors


def test_navigation_related_links_footer_and_share_lines_are_left_out(article_page):
    record = one_record(article_page().encode())
    body = "\n".join(record.paragraphs)
    for furniture in ("Home", "Other story number", "Related stories", "All rights reserved",
                      "Privacy policy", "Share this"):  # fmt: skip
        assert furniture not in body


def test_blocks_before_and_after_the_article_are_trimmed_when_both_readings_agree(article_body):
    main = ["Sign up", *article_body, "Get our newsletter every morning in your inbox"]
    assert combine(main, article_body) == article_body


def test_a_block_inside_the_article_is_kept_on_the_main_reading_alone(article_body):
    main = [article_body[0], "A pull quote the other reading does not have", *article_body[1:]]
    assert combine(main, article_body) == main


def test_when_the_readings_disagree_the_main_one_stands():
    main = [f"Story sentence number {n} about the harbour and its cranes." for n in range(5)]
    other = ["Completely different text about football scores and the league table."]
    assert combine(main, other) == main
    assert combine(main, []) == main


def test_a_long_first_paragraph_is_kept_unless_it_repeats_the_summary(article_body):
    from tidings.read.html import Page

    lead = ("(Wire) The first paragraph of the story is long enough to be a real lead, and the "
            "other reading simply dropped it because it sat in a separate container.")  # fmt: skip
    assert combine([lead, *article_body], article_body, Page()) == [lead, *article_body]
    summary = Page(description=lead)
    assert combine([lead, *article_body], article_body, summary) == article_body


def test_teasers_for_other_articles_of_the_site_and_tag_lines_are_left_out(
    article_page, article_body
):
    inside = (
        '<p>Read more: <a href="/europe/cranes-repaired">Cranes repaired after the storm</a></p>'
        '<p><a href="https://authority.example/report">The authority\'s full report on the '
        "storm</a></p>"
        "<p>Europe, Shipping, Malta</p>"
    )
    page = article_page(inside_article=inside, head_extra='<meta name="keywords" content="Malta">')
    doc = one_document(page.encode())
    paragraphs = doc.meta.text.split("\n\n")
    assert "The authority's full report on the storm" in paragraphs  # a link elsewhere stays
    assert not any("Cranes repaired" in p or p.startswith("Europe,") for p in paragraphs)
    reasons = dict(doc.meta.furniture)
    assert reasons["Read more: Cranes repaired after the storm"].startswith("a link to another")
    assert reasons["Europe, Shipping, Malta"] == "the page's list of tags"


def test_an_article_cut_into_chunks_is_read_whole(article_body):
    more = [
        "The harbour master said the new breakwater design would be put to tender in March, "
        "with work to start in the autumn.",
        "Insurers estimate the storm damage across the islands at more than twenty million "
        "euros, most of it to boats and piers.",
        "Forecasters expect a calmer February, but warn that stronger winter storms are "
        "becoming more frequent in the central Mediterranean.",
    ]

    def chunk(paragraphs):
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        return f'<div class="row"><div class="article-body">{body}</div></div>'

    page = (
        '<!DOCTYPE html><html lang="en"><head><title>Harbour reopens</title></head><body>'
        f"<article><h1>Harbour reopens after storm</h1>{chunk(article_body)}"
        f'<div class="ad-slot"><p>Advertisement</p></div>{chunk(more)}</article></body></html>'
    )
    assert one_record(page.encode()).paragraphs == article_body + more


def test_inline_tags_join_words_and_block_tags_split_them():
    root = lxml_html.fromstring(
        "<div><p>The minis<b>ter</b> said<!-- note --> no.</p>loose<script>x()</script>"
        "<ul><li>one</li><li>two<br>three</li></ul></div>"
    )
    assert block_texts(root) == ["The minister said no.", "loose", "one", "two", "three"]


# --- metadata ------------------------------------------------------------------------


def test_metadata_from_the_head_goes_on_the_document(article_page):
    doc = one_document(article_page().encode())
    assert doc.meta.title == "Harbour reopens after storm"
    assert doc.meta.byline == "Maria Borg"
    assert doc.meta.sections == ["Europe"]  # article:section
    assert doc.meta.keywords == ["Shipping"]  # article:tag: a keyword, not a section
    assert doc.meta.authors == ["Maria Borg"]
    assert doc.meta.date == "2021-01-24"
    assert doc.meta.language == "en"
    assert doc.meta.description == "The port reopened after two days."
    assert doc.source.url == "https://valletta-post.example/europe/harbour-reopens"
    assert doc.source.outlet == "The Valletta Post"


def test_the_record_carries_title_date_url_outlet_byline_and_sections(article_page):
    record = one_record(article_page().encode())
    assert record.title == "Harbour reopens after storm"
    assert record.byline == "Maria Borg"
    assert record.sections == ["Europe"]
    assert record.keywords == ["Shipping"]
    assert record.authors == ["Maria Borg"]
    assert record.published == "2021-01-24"
    assert record.source.url == "https://valletta-post.example/europe/harbour-reopens"
    assert record.source.outlet == "The Valletta Post"


def test_the_page_date_wins_over_date_and_date_fills_a_page_without_one(article_page):
    assert one_record(article_page().encode(), date="2000-01-01").published == "2021-01-24"
    undated = article_page(date=None).encode()
    assert one_record(undated, date="2000-01-01").published == "2000-01-01"


def test_a_page_without_canonical_link_keeps_no_url_and_takes_the_site_name(article_page):
    doc = one_document(article_page(canonical=None).encode())
    assert doc.source.url is None
    assert doc.source.outlet == "The Valletta Post"


# --- charsets ------------------------------------------------------------------------


CP1252_TEXT = "The minister’s “final” offer: €5 million for the café, 25 °C."


def test_a_cp1252_page_is_read_by_its_meta_charset(article_page, article_body):
    page = article_page(body=[CP1252_TEXT, *article_body], charset='<meta charset="windows-1252">')
    record = one_record(page.encode("cp1252"))
    assert record.paragraphs[0] == CP1252_TEXT
    assert record.source.encoding == "cp1252"
    assert not record.errors


def test_an_http_equiv_latin1_page_is_read_as_browsers_read_it(article_page, article_body):
    declaration = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    page = article_page(body=[CP1252_TEXT, *article_body], charset=declaration)
    # Latin-1 labels mean windows-1252 on the web: the curly quotes and the euro survive.
    assert one_record(page.encode("cp1252")).paragraphs[0] == CP1252_TEXT


def test_a_utf8_page_that_declares_latin1_is_still_utf8(article_page, article_body):
    page = article_page(body=["Łódź and Kraków signed the accord.", *article_body],
                        charset='<meta charset="iso-8859-1">')  # fmt: skip
    assert one_record(page.encode("utf-8")).paragraphs[0] == "Łódź and Kraków signed the accord."


def test_the_http_header_charset_is_used_when_the_page_declares_none():
    raw = "<html><body><p>Überraschung in Köln</p></body></html>".encode("cp1252")
    text, encoding, _ = decode_html(raw, content_type="text/html; charset=windows-1252")
    assert "Überraschung in Köln" in text
    assert encoding == "cp1252"


def test_invalid_bytes_never_crash_and_are_noted(article_page):
    page = article_page().encode("utf-8").replace(b"Ferries", b"Ferr\xff\xfe\xfdies")
    record = one_record(page)
    assert record.paragraphs
    assert any("U+FFFD" in error for error in record.errors)


def test_a_utf16_page_with_a_byte_order_mark_is_read(article_page, article_body):
    record = one_record(article_page(charset=None).encode("utf-16"))
    assert record.paragraphs == article_body


# --- what is not a page --------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        (b"   \n  ", "empty"),
        (b"Just a line of plain text, no markup at all.", "not an HTML page"),
    ],
)
def test_a_document_that_is_not_an_html_page_is_a_recorded_error(raw, reason):
    record = one_record(raw, path="thing.html")
    assert not record.paragraphs
    assert any(reason in error for error in record.errors)


def test_a_page_with_no_article_text_is_a_recorded_error():
    record = one_record(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert not record.paragraphs
    assert any("no article text" in error for error in record.errors)


def test_a_gzipped_page_is_unpacked_and_read(article_page, article_body):
    import gzip

    record = one_record(gzip.compress(article_page().encode()), path="page.html.gz")
    assert record.paragraphs == article_body


def test_a_gzipped_page_that_unpacks_past_the_size_limit_is_refused():
    import gzip

    bomb = gzip.compress(b"<html><body><p>" + b" " * 12_000_000 + b"</p></body></html>")
    assert len(bomb) < 100_000
    record = one_record(bomb, path="bomb.html.gz")
    assert not record.paragraphs
    assert "unpacks to more than" in record.errors[0]


# --- sniffing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("saved", b"\xef\xbb\xbf<!DOCTYPE html><html>", "html"),
        ("saved", b"<!-- saved from url=(0042) -->\n<html lang='en'>", "html"),
        ("saved", b'<?xml version="1.0"?>\n<!-- a stylesheet -->\n<rss version="2.0">', "feed"),
        ("atom", b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
    ],
)
def test_sniffing_finds_pages_and_feeds_behind_prologues(name, head, kind):
    assert sniff_format(name, head) == kind
