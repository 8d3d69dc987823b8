"""`tidings parse` and `tidings process` on pages, feeds and archives, sniffed by --format auto."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from tidings.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


ORPHAN = """<item><title>Orphan story</title><link>https://x.example/orphan</link>
<description>Summary of a story whose page is not here.</description></item>"""


def test_parse_reads_a_saved_page_without_an_extension(write, article_page):
    path = write("saved-page", article_page())
    result = run("parse", path, "--json", "--no-nlp")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["source"]["format"] == "html"
    assert record["title"] == "Harbour reopens after storm"


def test_parse_reads_a_warc_record(tmp_path, write_warc, article_page):
    path = write_warc(tmp_path / "crawl.warc.gz",
                      [{"uri": "https://x.example/a", "body": article_page().encode()}])  # fmt: skip
    result = run("parse", path, "--json", "--no-nlp")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["source"]["format"] == "warc"
    assert record["source"]["url"] == "https://x.example/a"


def test_process_takes_pages_feeds_and_archives_together(
    tmp_path, write, rss, article_page, write_warc
):
    write("in/page.html", article_page())
    write("in/feed.xml", rss(ORPHAN))
    write_warc(tmp_path / "in" / "crawl.warc.gz",
               [{"uri": "https://x.example/a", "body": article_page(title="Cranes").encode()}])  # fmt: skip
    db = tmp_path / "t.db"
    result = run("process", tmp_path / "in", "--db", db, "--no-nlp")
    assert result.exit_code == 0, result.output
    exported = run("export", "--db", db)
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert sorted(r["source"]["format"] for r in records) == ["feed", "html", "warc"]
    stub = next(r for r in records if r["source"]["format"] == "feed")
    assert "is not in the input" in stub["errors"][0]
