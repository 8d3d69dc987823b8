"""Export tables: one definition per table, written as JSON lines, CSV and Parquet."""

import csv
import datetime as dt
import io
import json

import pytest
from typer.testing import CliRunner

from tidings.cli import app
from tidings.record import Actor, Event, Quote, StoryRef
from tidings.tables import TABLES, columns

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def _record(text, url, outlet, published, story=None):
    from tidings.api import parse_text

    record = parse_text(text, nlp=False)
    record.source.url, record.source.outlet, record.published = url, outlet, published
    record.authors = ["Jane Roe", "John Doe"]
    usa = Actor("a1", "United States", "country", "USA", None, "GOV", None, 2)
    rus = Actor("a2", "Russia", "country", "RUS", None, None, None, 1)
    record.actors = [usa, rus]
    record.quotes = [Quote("We will respond", "direct", "Ned Price", "a1", "he", "said", None, 0)]
    record.events = [Event("ACCUSE", None, usa, rus, "asserted", "2021-01-24", "on Sunday", None,
                           -4.0, "The United States accused Russia.", 0, 0.9, "e1")]  # fmt: skip
    record.story = story
    return record


@pytest.fixture
def db(tmp_path):
    from tidings.store import Store

    first = _record("Talks stall\n\nThe United States accused Russia.", "https://a.example/1",
                    "A News", "2021-01-24", StoryRef("s1", "original"))  # fmt: skip
    second = _record("Talks stall again\n\nThe United States accused Russia, again.",
                     "https://b.example/2", "B Post", "2021-01-25",
                     StoryRef("s1", "copy", first.id))  # fmt: skip
    path = tmp_path / "x.db"
    with Store(path) as store:
        store.add([first, second])
    return path


def test_events_carry_the_article_id_url_outlet_and_date(db):
    text = run("export", "--db", db, "--table", "events", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["url"] for r in rows] == ["https://a.example/1", "https://b.example/2"]
    assert rows[0]["outlet"] == "A News" and rows[0]["published"] == "2021-01-24"
    assert rows[0]["source_country"] == "USA" and rows[0]["target_country"] == "RUS"
    assert rows[0]["type"] == "ACCUSE" and rows[0]["article_id"]


@pytest.mark.parametrize("table", TABLES)
def test_every_table_as_csv_has_its_declared_columns(db, table):
    result = run("export", "--db", db, "--table", table, "--format", "csv")
    assert result.exit_code == 0, result.output
    reader = csv.DictReader(io.StringIO(result.stdout))
    assert reader.fieldnames == columns(table)
    assert len(list(reader)) == (1 if table == "stories" else 2 if table != "actors" else 4)


def test_quotes_as_jsonl(db):
    lines = run("export", "--db", db, "--table", "quotes").stdout.splitlines()
    rows = [json.loads(line) for line in lines]
    assert {r["speaker"] for r in rows} == {"Ned Price"}
    assert rows[0]["published"] == "2021-01-24" and rows[0]["url"] == "https://a.example/1"


def test_articles_jsonl_are_whole_records(db):
    lines = run("export", "--db", db).stdout.splitlines()
    assert {json.loads(line)["schema_version"] for line in lines} == {2}


def test_stories_table_groups_articles_by_story(db):
    (row,) = [json.loads(line) for line in
              run("export", "--db", db, "--table", "stories").stdout.splitlines()]  # fmt: skip
    assert row["id"] == "s1" and row["articles"] == 2 and row["title"] == "Talks stall"
    assert row["outlets"] == ["A News", "B Post"]
    assert (row["first_published"], row["last_published"]) == ("2021-01-24", "2021-01-25")


def test_parquet_loads_with_the_right_types(db, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    result = run("export", "--db", db, "--table", "events", "--format", "parquet", "-o", out)
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.num_rows == 2
    assert table.schema.field("published").type == pa.date32()
    assert table.schema.field("intensity").type == pa.float64()
    assert table.schema.field("paragraph").type == pa.int64()
    assert table.column("published").to_pylist() == [dt.date(2021, 1, 24), dt.date(2021, 1, 25)]
    articles = tmp_path / "articles.parquet"
    assert run("export", "--db", db, "--format", "parquet", "--output", articles).exit_code == 0
    loaded = pq.read_table(articles)
    assert loaded.schema.field("authors").type == pa.list_(pa.string())
    assert loaded.column("authors").to_pylist()[0] == ["Jane Roe", "John Doe"]


def test_an_unknown_table_is_refused(db):
    result = run("export", "--db", db, "--table", "mentions")
    assert result.exit_code == 2 and "--table" in result.stderr


def test_schema_has_descriptions_and_enums():
    record = json.loads(run("schema").stdout)
    assert record["properties"]["title"]["description"]
    quote = record["$defs"]["Quote"]["properties"]
    assert quote["kind"]["enum"] == ["direct", "partial", "indirect"]
    event = record["$defs"]["Event"]["properties"]
    assert "ACCUSE" in event["type"]["enum"] and "negated" in event["modality"]["enum"]
    rows = json.loads(run("schema", "--table", "events").stdout)
    assert list(rows["properties"]) == columns("events")
    assert rows["properties"]["published"] == {"anyOf": [{"type": "string", "format": "date"},
                                                         {"type": "null"}]}  # fmt: skip


def test_record_enums_match_the_event_coder():
    from tidings.events import MODALITIES, PLOVER_TYPES
    from tidings.record import EventType, Modality, values

    assert values(EventType) == tuple(PLOVER_TYPES)
    assert values(Modality) == tuple(MODALITIES)
