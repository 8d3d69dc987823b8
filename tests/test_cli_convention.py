"""One convention across commands (SPEC: The command line), and the cases of issue 14."""

import csv
import io
import json

import pytest
import typer.main
from typer.testing import CliRunner

from tidings import __version__
from tidings.cli import app
from tidings.output import DEFAULT_LIMIT

runner = CliRunner()
LISTING = ("search", "quotes", "actors", "events", "dyads", "stories")


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def commands():
    return typer.main.get_command(app).commands


@pytest.fixture
def db(tmp_path, write):
    body = ("The European Union said on Monday it would widen sanctions against "
            "the regime, the third round this year.")  # fmt: skip
    for number in range(4):
        write(f"in/a{number}.txt", f"Sanctions widen {number}\n\n{body} Item {number}.")
    path = tmp_path / "t.db"
    assert run("process", tmp_path / "in", "--db", path, "--no-nlp").exit_code == 0
    return path


def test_version_and_short_help():
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"tidings {__version__}"
    assert "Usage: tidings" in run("-h").stdout
    assert "--limit" in run("quotes", "-h").stdout


def test_flags_are_not_shown_as_taking_a_value():
    for name in commands():
        text = run(name, "-h").stdout
        assert "<bool>" not in text and "BOOLEAN" not in text, name


def test_every_option_has_help_with_an_example():
    for name, command in commands().items():
        for param in command.params:
            if param.param_type_name == "option" and not param.hidden and param.name != "help":
                assert "e.g." in (param.help or ""), f"{name} {param.opts} has no example"


@pytest.mark.parametrize("command", LISTING)
def test_every_listing_command_takes_the_same_format_and_limit(command):
    params = {p.name: p for p in commands()[command].params}
    formats = set(params["fmt"].type_descriptor.choices)
    assert {"table", "json", "jsonl", "csv"} <= formats
    assert params["limit"].default == DEFAULT_LIMIT


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "table"])
def test_search_in_every_format(db, fmt):
    result = run("search", "sanctions", "--db", db, "--format", fmt, "--limit", 3)
    assert result.exit_code == 0, result.output
    text = result.stdout
    if fmt == "json":
        assert len(json.loads(text)) == 3
    elif fmt == "jsonl":
        assert len([json.loads(line) for line in text.splitlines()]) == 3
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == 3 and rows[0]["title"].startswith("Sanctions widen")
    else:
        assert text.count("Sanctions widen") == 3
    assert "--limit 0 shows all" in result.stderr  # there are 4


def test_limit_zero_shows_all(db):
    rows = json.loads(run("search", "sanctions", "--db", db, "--format", "json", "--limit", 0).stdout)
    assert len(rows) == 4


def test_piped_tables_keep_rows_on_one_line_and_cut_long_cells(tmp_path, write):
    long_title = "Sanctions " + " ".join(f"word{i}" for i in range(60))
    write("p/a.txt", f"{long_title}\n\nThe EU imposed sanctions on Monday, officials said.")
    db = tmp_path / "p.db"
    assert run("process", tmp_path / "p", "--db", db, "--no-nlp").exit_code == 0
    lines = run("search", "sanctions", "--db", db).stdout.splitlines()
    (row,) = [line for line in lines if "word1 " in line]
    assert "word30" not in row and "…" in row  # cut, marked
    assert len(lines) == 5  # top rule, header, rule, one row, bottom rule: nothing wrapped


def test_process_skips_readmes_json_and_hidden_files_by_default(tmp_path, write, clean_text):
    write("c/story.txt", clean_text)
    write("c/README.md", "# My corpus\n\nThese are articles I saved for my thesis.")
    write("c/meta.json", '{\n  "source": "scrape of 2021",\n  "count": 1\n}\n')
    write("c/.hidden.txt", clean_text.replace("Harbour", "Hidden"))
    write("c/lines.json", json.dumps({"title": "Quake", "text": "A quake hit Lima."}) + "\n")
    db = tmp_path / "c.db"
    result = run("process", tmp_path / "c", "--db", db, "--no-nlp")
    assert result.exit_code == 0, result.output
    titles = sorted(json.loads(line)["title"] for line in run("export", "--db", db).stdout.splitlines())
    assert titles == ["Harbour reopens after storm", "Quake"]


def test_include_and_exclude_globs(tmp_path, write, clean_text):
    write("g/keep/a.txt", clean_text)
    write("g/drafts/b.txt", clean_text.replace("Harbour", "Draft"))
    write("g/README.txt", "Readme text\n\nThe readme says what the corpus holds, in a sentence.")
    db = tmp_path / "g.db"
    result = run("process", tmp_path / "g", "--db", db, "--no-nlp", "--exclude", "drafts/*")
    assert result.exit_code == 0
    assert "1 stored" in result.stderr
    result = run("process", tmp_path / "g", "--db", tmp_path / "h.db", "--no-nlp",
                 "--include", "README*")  # fmt: skip
    assert "1 stored" in result.stderr
    exported = run("export", "--db", tmp_path / "h.db").stdout
    assert json.loads(exported)["title"] == "Readme text"


def test_process_summary_line_quiet_and_verbose(tmp_path, write, clean_text, damaged_text):
    write("s/a.txt", clean_text)
    write("s/b.txt", damaged_text)
    write("s/empty.txt", "")
    db = tmp_path / "s.db"
    result = run("process", tmp_path / "s", "--db", db, "--no-nlp")
    assert result.exit_code == 1
    summary = [line for line in result.stderr.splitlines() if " stored, " in line]
    assert len(summary) == 1
    assert summary[0].startswith("2 stored, 0 skipped (already stored), 1 failed in ")
    again = run("process", tmp_path / "s", "--db", db, "--no-nlp", "--quiet")
    assert " stored, " not in again.stderr  # quiet: only the failure is printed
    assert again.stderr.strip().startswith("failed:") and "empty.txt" in again.stderr
    verbose = run("process", tmp_path / "s", "--db", tmp_path / "v.db", "--no-nlp", "-v")
    assert "processed: " in verbose.stderr and "failed: " in verbose.stderr
    assert verbose.stderr.count("a.txt") == 1


def test_progress_is_reported_per_document_with_a_known_total(tmp_path, write, clean_text):
    from tidings.ingest import ingest
    from tidings.read.sources import count_documents
    from tidings.store import Store

    for number in range(3):
        write(f"d/a{number}.txt", clean_text.replace("storm", f"storm {number}"))
    lines = [json.dumps({"title": f"T{n}", "text": f"Body {n} of the story."}) for n in range(5)]
    write("d/items.jsonl", "\n".join(lines) + "\n\n")
    write("d/README", "not an article")
    assert count_documents([str(tmp_path / "d")]) == 3 + 5
    seen = []
    with Store(tmp_path / "d.db") as store:
        summary = ingest([str(tmp_path / "d")], store, nlp=False,
                         on_document=lambda source, outcome: seen.append(outcome))  # fmt: skip
    assert seen == ["processed"] * 8 and summary.added == 8


def test_count_is_unknown_for_feeds_and_standard_input(tmp_path, write):
    from tidings.read.sources import count_documents

    write("f/feed.xml", "<rss><channel><item><title>x</title></item></channel></rss>")
    assert count_documents([str(tmp_path / "f")]) is None
    assert count_documents(["-"]) is None


def test_show_prints_outlet_url_and_events(tmp_path):
    from tidings.api import parse_text
    from tidings.record import Actor, Event
    from tidings.store import Store

    record = parse_text("Talks\n\nThe United States accused Russia of stalling.", nlp=False)
    record.source.outlet, record.source.url = "Example News", "https://example.org/talks"
    usa = Actor("a1", "United States", "country", "USA")
    rus = Actor("a2", "Russia", "country", "RUS")
    record.events = [Event("ACCUSE", None, usa, rus, "asserted", "2021-01-24", None, None, -4.0,
                           "The United States accused Russia of stalling.", 0, 0.9)]  # fmt: skip
    db = tmp_path / "e.db"
    with Store(db) as store:
        store.add([record])
    shown = run("show", record.id[:8], "--db", db).stdout
    assert "Example News" in shown and "https://example.org/talks" in shown
    assert "ACCUSE: United States → Russia (asserted, 2021-01-24)" in shown


def test_parse_json_flag_is_kept_for_scripts(write, clean_text):
    path = write("a.txt", clean_text)
    short = json.loads(run("parse", path, "--json", "--no-nlp").stdout)
    long = json.loads(run("parse", path, "--format", "json", "--no-nlp").stdout)
    assert short == long and short["title"] == "Harbour reopens after storm"
