import json

from tidings.record import Actor, Article, Dateline, Edit, Event, Source, json_schema, record_id


def _article() -> Article:
    actor = Actor("a1", "Dmitry Peskov", "person", "RUS", None, "GOV", "Kremlin spokesman", 3)
    event = Event("CONSULT", None, actor, None, "intended", "2021-01-24", "on Sunday", None,
                  4.0, "Russia is ready.", 0, 0.8)  # fmt: skip
    return Article(
        id="abc", source=Source(path="a.txt"), original="x", title="T",
        dateline=Dateline("BELGRADE", "BELGRADE, Dec. 18 —"), paragraphs=["p"],
        edits=[Edit("spacing", "a,b", "a, b", 0, "space")], actors=[actor], events=[event],
    )  # fmt: skip


def test_json_round_trip_keeps_every_field():
    article = _article()
    again = Article.from_json(article.to_json())
    assert again == article
    assert isinstance(again.events[0].source, Actor)
    assert isinstance(again.dateline, Dateline)


def test_json_starts_with_schema_version_and_id():
    keys = list(json.loads(_article().to_json()))
    assert keys[:2] == ["schema_version", "id"]
    assert json.loads(_article().to_json())["schema_version"] == 2


def test_record_id_is_stable_and_depends_on_bytes():
    assert record_id(b"abc") == record_id(b"abc")
    assert record_id(b"abc") != record_id(b"abd")


def test_json_schema_describes_every_spec_field():
    schema = json_schema()
    spec_fields = {"schema_version", "id", "source", "published", "title", "sections", "byline",
                   "dateline", "standfirst", "paragraphs", "original", "edits", "entities",
                   "actors", "quotes", "events", "times", "errors"}  # fmt: skip
    assert spec_fields <= set(schema["properties"])
    assert {"Edit", "Actor", "Quote", "Event", "Time"} <= set(schema["$defs"])


def test_json_schema_validates_a_record():
    import jsonschema

    jsonschema.validate(json.loads(_article().to_json()), json_schema())
