"""The understanding steps, wired into the default pipeline."""

from tidings import parse_text
from tidings.api import build_pipeline
from tidings.pipeline import Document, ReaderMeta
from tidings.record import Source

ARTICLE = """Police detain protesters in Belgrade

BELGRADE, Dec. 18 — Serbian police detained 43 people on Wednesday after students blocked a bridge, the interior ministry said.

“We gave them two hours to leave,” police spokesman Milos Jankovic told reporters. He said the roads were clear.
"""


def test_default_pipeline_order():
    assert build_pipeline().names == [
        "read", "decode", "layout", "repair", "language", "nlp", "actors", "quotes", "times",
        "events",
    ]  # fmt: skip


def test_a_parsed_article_has_actors_quotes_times_and_events():
    record = parse_text(ARTICLE, date="2024-12-18")
    assert record.errors == []
    people = {a.name: a for a in record.actors if a.kind == "person"}
    assert people["Milos Jankovic"].country == "SRB"
    assert people["Milos Jankovic"].role == "COP"
    speakers = {(q.speaker, q.kind) for q in record.quotes}
    assert ("Milos Jankovic", "direct") in speakers
    assert ("Milos Jankovic", "indirect") in speakers  # "He said …" resolved
    assert ("on Wednesday", "2024-12-18") in {(t.text, t.value) for t in record.times}
    assert any(e.type == "COERCE" and e.source and e.source.country == "SRB" for e in record.events)
    for entity in record.entities:
        assert record.paragraphs[entity.paragraph][entity.start : entity.end] == entity.text


def test_an_article_with_nothing_to_find():
    record = parse_text(
        "Weather\n\nIt was a quiet, sunny afternoon by the river.", date="2024-12-18"
    )
    assert (record.quotes, record.times, record.events) == ([], [], [])


def test_understanding_is_isolated_per_document_in_a_batch():
    docs = [
        Document(
            raw=b"a", source=Source(path="a"), meta=ReaderMeta(text=ARTICLE, date="2024-12-18")
        ),
        Document(raw=b"b", source=Source(path="b"), meta=ReaderMeta(text="", date="2024-12-18")),
        Document(raw=b"c", source=Source(path="c"), meta=ReaderMeta(text=ARTICLE)),
    ]
    first, empty, undated = build_pipeline().run(docs)
    assert first.quotes and not first.errors
    assert empty.errors and not empty.paragraphs
    assert undated.quotes and all(t.value is None for t in undated.times if "Wednesday" in t.text)
