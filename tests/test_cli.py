"""Every command, its exit status and its errors, through the real CLI app."""

import json

import pytest
from typer.testing import CliRunner

from tidings.cli import app

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


@pytest.fixture
def corpus(write, damaged_text, clean_text):
    write("in/damaged.txt", damaged_text)
    write("in/clean.txt", clean_text)
    return write(
        "in/c.jsonl", json.dumps({"title": "Quake", "text": "A quake hit Lima."}) + "\n"
    ).parent


@pytest.fixture
def db(tmp_path, corpus):
    path = tmp_path / "t.db"
    result = run("process", corpus, "--db", path, "--no-nlp")
    assert result.exit_code == 0, result.output
    return path


def test_parse_prints_one_json_record(write, damaged_text):
    path = write("a.txt", damaged_text)
    result = run("parse", path, "--date", "2021-01-24", "--json", "--no-nlp")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["title"] == "Ministers agree to reopen border talks"
    assert record["published"] == "2021-01-24"
    assert record["original"] == damaged_text


def test_parse_reads_standard_input(damaged_text):
    result = run("parse", "-", "--json", "--no-nlp", input=damaged_text)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"]["path"] == "-"


def test_parse_prints_a_readable_record(write, damaged_text):
    result = run("parse", write("a.txt", damaged_text), "--no-nlp")
    assert result.exit_code == 0
    assert "Ministers agree" in result.stdout and "Edits" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR" + bytes(range(256)), "binary"),
    ],
)
def test_parse_bad_input_is_one_line_and_exit_2(write, content, message):
    result = run("parse", write("bad.txt", content), "--no-nlp")
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_parse_invalid_utf8_still_parses(write):
    path = write("latin.txt", b"Title\n\nPolice said \xff\xfe the rally was calm.\n")
    result = run("parse", path, "--json", "--no-nlp")
    assert result.exit_code == 0
    assert "rally was calm" in json.loads(result.stdout)["paragraphs"][0]


def test_parse_a_50_mb_file_is_refused_clearly(write):
    path = write("huge.txt", b"All work and no play. " * (50 * 1024 * 1024 // 22))
    result = run("parse", path, "--no-nlp")
    assert result.exit_code == 2
    assert "over the" in result.stderr and "--max-bytes" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["parse", "/no/such/file"], "no such file"),
        (["parse", "x.txt", "--date", "24/01/2021"], "YYYY-MM-DD"),
        (["parse", "x.txt", "--format", "pdf"], "'--format': 'pdf' is not one of"),
        (["parse", "x.txt", "--input-format", "pdf"], "'--input-format': 'pdf' is not one of"),
        (["events", "--since", "yesterday"], "--since 'yesterday' is not a date"),
        (["show", "abc", "--db", "/no/such.db"], "no database"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_process_batch_goes_on_past_bad_documents_and_exits_1(write, tmp_path, damaged_text):
    write("mix/good.txt", damaged_text)
    write("mix/empty.txt", "")
    write("mix/image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR" + bytes(range(256)))
    write("mix/huge.txt", "word " * 20_000)
    write("mix/latin.txt", b"Caf\xe9 reopens\n\nThe caf\xe9 reopened on Monday.\n")
    write("mix/lines.jsonl", '{"title": "A", "text": "Body."}\nnot json\n')
    args = ["process", tmp_path / "mix", "--db", tmp_path / "m.db", "--no-nlp"]
    result = run(*args, "--max-bytes", 50_000)
    assert result.exit_code == 1
    for name in ("empty.txt", "image.png", "huge.txt", "lines.jsonl:2"):
        assert name in result.stderr
    assert "binary" in result.stderr and "--max-bytes" in result.stderr
    assert "Traceback" not in result.stderr
    export = run("export", "--db", tmp_path / "m.db")
    titles = sorted(json.loads(line)["title"] for line in export.stdout.splitlines())
    assert titles == ["A", "Café reopens", "Ministers agree to reopen border talks"]


def test_process_twice_adds_nothing(corpus, db):
    result = run("process", corpus, "--db", db, "--no-nlp")
    assert result.exit_code == 0
    assert "already stored" in result.stderr
    assert len(run("export", "--db", db).stdout.splitlines()) == 3


def test_process_with_workers(corpus, tmp_path):
    result = run("process", corpus, "--db", tmp_path / "w.db", "--no-nlp", "--workers", "2")
    assert result.exit_code == 0, result.output
    assert len(run("export", "--db", tmp_path / "w.db").stdout.splitlines()) == 3


def test_search_show_and_export(db):
    found = run("search", "Kosovo", "--db", db, "--format", "json")
    assert found.exit_code == 0
    (hit,) = json.loads(found.stdout)
    assert hit["title"] == "Ministers agree to reopen border talks"
    shown = run("show", hit["id"], "--db", db, "--json")
    assert json.loads(shown.stdout)["id"] == hit["id"]
    assert "Ministers agree" in run("show", hit["id"][:8], "--db", db).stdout
    lines = run("export", "--db", db, "--format", "jsonl").stdout.splitlines()
    assert {json.loads(line)["schema_version"] for line in lines} == {2}
    assert run("show", "ffffffffffff", "--db", db).exit_code == 2
    assert run("export", "--db", db, "--format", "xml").exit_code == 2


def test_quotes_and_actors_commands_read_the_store(db):
    assert json.loads(run("quotes", "--db", db, "--format", "json").stdout) == []
    assert run("actors", "--db", db).exit_code == 0


def test_schema_is_json_schema():
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "tidings article record"


def test_every_command_and_option_is_documented():
    import typer.main

    group = typer.main.get_command(app)
    assert len(group.commands) >= 8
    for name, command in group.commands.items():
        assert command.help, f"command {name} has no help"
        for param in command.params:
            if param.param_type_name == "option" and param.name != "help":
                assert param.help, f"{name} {param.opts} has no help"


@pytest.fixture
def event_db(tmp_path):
    from tidings.api import parse_text
    from tidings.record import Actor, Event
    from tidings.store import Store

    usa = Actor("a1", "United States", "country", "USA", None, None, None, 2)
    rus = Actor("a2", "Russia", "country", "RUS", None, "GOV", None, 2)

    def event(kind, source, target, date, intensity):
        return Event(kind, None, source, target, "asserted", date, "on Sunday", None,
                     intensity, "Evidence sentence.", 0, 0.9)  # fmt: skip

    record = parse_text("Relations sour\n\nThe United States condemned Russia.", nlp=False)
    record.published = "2021-01-24"
    record.events = [
        event("ACCUSE", usa, rus, "2021-01-24", -4.0),
        event("REQUEST", usa, rus, "2021-01-23", -2.0),
        event("CONSULT", rus, usa, "2021-02-02", 4.0),
    ]
    path = tmp_path / "e.db"
    with Store(path) as store:
        store.add([record])
    return path


def test_events_filters_and_formats(event_db):
    table = run("events", "--db", event_db, "--source", "usa")
    assert table.exit_code == 0 and "ACCUSE" in table.stdout and "CONSULT" not in table.stdout
    rows = json.loads(
        run("events", "--db", event_db, "--type", "consult", "--format", "json").stdout
    )
    assert [r["type"] for r in rows] == ["CONSULT"]
    csv_lines = run("events", "--db", event_db, "--format", "csv", "--until", "2021-01-31").stdout
    assert csv_lines.splitlines()[0].startswith("article_id,url,outlet,published,event_id")
    assert len(csv_lines.splitlines()) == 3
    plover = json.loads(run("events", "--db", event_db, "--format", "plover").stdout)
    assert len(plover) == 3
    assert run("events", "--db", event_db, "--type", "HUG").exit_code == 2
    assert run("events", "--db", event_db, "--format", "xml").exit_code == 2


def test_dyads_counts_by_period_with_a_chart(event_db):
    rows = json.loads(run("dyads", "--db", event_db, "--period", "month", "--format", "json").stdout)
    pairs = {(r["source"], r["target"], r["period"]): r for r in rows}
    assert pairs[("USA", "RUS", "2021-01")]["total"] == 2
    assert pairs[("USA", "RUS", "2021-01")]["mean_intensity"] == -3.0
    assert pairs[("RUS", "USA", "2021-02")]["counts"] == {"CONSULT": 1}
    chart = run("dyads", "--db", event_db, "--source", "USA")
    assert chart.exit_code == 0 and "USA -> RUS" in chart.stdout
    assert run("dyads", "--db", event_db, "--period", "year").exit_code == 2


def test_time_limit_option_is_checked_and_applied(write, damaged_text, monkeypatch):
    import os

    monkeypatch.delenv("TIDINGS_TIME_LIMIT", raising=False)
    path = write("a.txt", damaged_text)
    assert run("parse", path, "--no-nlp", "--time-limit", "0").exit_code == 2
    assert run("parse", path, "--no-nlp", "--time-limit", "5").exit_code == 0
    from tidings.read.limits import seconds_limit

    assert seconds_limit() == 5.0
    os.environ.pop("TIDINGS_TIME_LIMIT", None)


def test_search_shows_matches_marked_and_text_is_never_read_as_markup(tmp_path, write):
    write("m/a.txt", "Sanctions [bold]widen[/bold]\n\nThe EU imposed sanctions on Monday.")
    db = tmp_path / "s.db"
    assert run("process", tmp_path / "m", "--db", db, "--no-nlp").exit_code == 0
    shown = run("search", "sanctions", "--db", db).stdout
    assert "[sanctions]" in shown  # the match, as FTS5 marks it
    assert "[bold]widen[/bold]" in shown


def test_a_mistyped_events_model_setting_is_one_line_and_exit_2(write, damaged_text, monkeypatch):
    monkeypatch.setenv("TIDINGS_EVENTS_MODEL", "maybe")
    result = run("parse", write("a.txt", damaged_text), "--json")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "tidings: error: TIDINGS_EVENTS_MODEL='maybe': expected one of check, full, on or off"
    )


def test_export_into_a_reader_that_stops_early_exits_quietly(db):
    import os
    import subprocess
    import sys

    script = (
        "import sys; from tidings.cli import main; "
        f"sys.argv = ['tidings', 'export', '--db', {str(db)!r}]; main()"
    )
    # a pipe whose reader has gone, as after `| head`: every write fails
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-c", script], stdout=write_end, stderr=subprocess.PIPE,
            text=True, check=False,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 141
    assert result.stderr == ""
