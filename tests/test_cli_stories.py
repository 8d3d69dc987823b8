"""`tidings stories`, `tidings story ID`, `export --table stories`, and `process` linking."""

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tidings.cli import app

from .stories.conftest import OTHER, PADDING, WIRE

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def _line(title, paragraphs, url, outlet, date="2024-12-18"):
    text = "\n\n".join(paragraphs)
    return json.dumps({"title": title, "text": text, "url": url, "outlet": outlet, "date": date})


@pytest.fixture
def db(tmp_path, write):
    lines = [
        _line("Serbian police detain protesters", WIRE, "https://wire.example/1", "Wire"),
        _line("Dozens held in Belgrade", WIRE[:3] + PADDING, "https://daily.example/2", "Daily"),
        _line("Chile raises rates", OTHER, "https://money.example/3", "Money", "2025-01-05"),
    ]
    path = tmp_path / "s.db"
    result = run("process", write("in.jsonl", "\n".join(lines) + "\n"), "--db", path, "--no-nlp")
    assert result.exit_code == 0, result.output
    assert "linked into stories" in result.output
    return path


def test_stories_lists_stories_of_several_articles(db):
    result = run("stories", "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["title"], r["articles"], r["outlets"]) for r in rows] == [
        ("Serbian police detain protesters", 2, 2)
    ]


def test_stories_in_csv_and_jsonl_with_every_story(db):
    rows = list(csv.DictReader(io.StringIO(run("stories", "--db", db, "--format", "csv",
                                                "--min-articles", "1").stdout)))  # fmt: skip
    assert [r["title"] for r in rows] == ["Chile raises rates", "Serbian police detain protesters"]
    lines = run("stories", "--db", db, "--format", "jsonl", "--since", "2025-01-01").stdout
    assert [json.loads(x)["title"] for x in lines.splitlines()] == []
    assert "Serbian police" in run("stories", "--db", db).stdout


def test_story_shows_articles_relations_and_the_copy_diff(db):
    story_id = json.loads(run("stories", "--db", db, "--format", "json").stdout)[0]["id"]
    shown = run("story", story_id[:8], "--db", db)
    assert shown.exit_code == 0, shown.output
    assert "copy" in shown.stdout and "original" in shown.stdout
    assert "cut:" in shown.stdout and "added:" in shown.stdout
    story = json.loads(run("story", story_id, "--db", db, "--format", "json").stdout)
    assert [a["relation"] for a in story["articles"]] == ["original", "copy"]
    assert story["diffs"][0]["cut"] == WIRE[3:]


def test_export_carries_the_story_and_exports_stories(db):
    records = [json.loads(x) for x in run("export", "--db", db).stdout.splitlines()]
    by_title = {r["title"]: r for r in records}
    original = by_title["Serbian police detain protesters"]
    copy = by_title["Dozens held in Belgrade"]
    assert copy["story"] == {"id": original["story"]["id"], "relation": "copy",
                             "of": original["id"]}  # fmt: skip
    result = run("export", "--db", db, "--table", "stories")
    stories = {s["id"]: s for s in map(json.loads, result.stdout.splitlines())}
    assert stories[original["story"]["id"]]["outlets"] == ["Daily", "Wire"]
    assert sorted(s["articles"] for s in stories.values()) == [1, 2]


def test_rebuild_gives_the_same_stories(db):
    before = run("stories", "--db", db, "--format", "json", "--min-articles", "1").stdout
    result = run("stories", "--db", db, "--rebuild", "--format", "json", "--min-articles", "1")
    assert result.exit_code == 0
    assert result.stdout == before


def test_process_without_linking_leaves_articles_out_of_stories(tmp_path, write):
    path = tmp_path / "n.db"
    line = _line("Serbian police detain protesters", WIRE, "https://wire.example/1", "Wire")
    result = run("process", write("one.jsonl", line + "\n"), "--db", path, "--no-nlp", "--no-link")
    assert result.exit_code == 0
    assert json.loads(run("export", "--db", path).stdout)["story"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["stories", "--format", "yaml"], "'yaml' is not one of"),
        (["stories", "--since", "last week"], "--since"),
        (["story", "nosuchstory"], "no story with id"),
        (["story", "x", "--format", "csv"], "'csv' is not one of"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(db, args, message):
    result = run(*args, "--db", db)
    assert result.exit_code == 2
    assert message in result.output


def test_the_sample_corpus_shows_its_stories(tmp_path):
    samples = Path(__file__).resolve().parents[1] / "samples"
    path = tmp_path / "demo.db"
    result = run("process", samples / "articles.jsonl", samples / "copies.jsonl", "--db", path,
                 "--no-nlp")  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = json.loads(run("stories", "--db", path, "--format", "json").stdout)
    assert [(r["articles"], r["outlets"]) for r in rows] == [(3, 2), (2, 2)]
    story = json.loads(run("story", rows[0]["id"], "--db", path, "--format", "json").stdout)
    assert [(a["outlet"], a["relation"]) for a in story["articles"]] == [
        ("Meridian Wire", "original"),
        ("Black Sea Digest", "copy"),
        ("Meridian Wire", "version"),
    ]
    assert story["fullest"] == story["articles"][2]["id"]  # the revision added a paragraph


def test_a_count_of_articles_reads_in_the_singular_and_the_plural():
    from tidings.cli import _articles

    assert (_articles(1), _articles(3)) == ("1 article", "3 articles")
