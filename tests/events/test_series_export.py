"""Dyad series, CSV and PLOVER export, the pipeline step, the pattern data."""

import csv
import io

import pytest

from tidings import nlp
from tidings.errors import TidingsError
from tidings.events import EventsStep, dyad_chart, dyad_series, events_to_csv, events_to_plover
from tidings.events.patterns import PLOVER_TYPES, load_lexicon, parse_patterns, parse_types
from tidings.events.series import period_of
from tidings.pipeline import Document
from tidings.record import Actor, Event, Quote, Source, Time

from .conftest import WordIndex, country

RUS, USA = country("RUS", "Russia"), country("USA", "United States")


def event(kind, source, target, date, intensity):
    return Event(
        type=kind,
        mode=None,
        source=source,
        target=target,
        modality="asserted",
        date=date,
        date_text=None,
        location=None,
        intensity=intensity,
        sentence="s",
        paragraph=0,
        confidence=0.9,
    )


EVENTS = [
    ("a1", event("ACCUSE", USA, RUS, "2021-01-23", -4.0)),
    ("a1", event("REQUEST", USA, RUS, "2021-01-23", -2.0)),
    ("a2", event("ACCUSE", USA, RUS, "2021-01-25", -4.0)),
    ("a2", event("CONSULT", RUS, USA, "2021-02-01", 1.0)),
    ("a3", event("PROTEST", RUS, None, "2021-01-23", -6.5)),
    ("2021-01-24", event("AID", USA, RUS, None, 7.0)),
    ("a4", event("AID", USA, RUS, None, 7.0)),
]


def test_dyad_series_by_day():
    rows = dyad_series(EVENTS, "day")
    got = [(r.source, r.target, r.period, r.counts, r.total, r.mean_intensity) for r in rows]
    assert got == [
        ("RUS", "USA", "2021-02-01", {"CONSULT": 1}, 1, 1.0),
        ("USA", "RUS", "2021-01-23", {"ACCUSE": 1, "REQUEST": 1}, 2, -3.0),
        ("USA", "RUS", "2021-01-24", {"AID": 1}, 1, 7.0),
        ("USA", "RUS", "2021-01-25", {"ACCUSE": 1}, 1, -4.0),
    ]


def test_dyad_series_by_week_and_month():
    weeks = {(r.source, r.period): r.total for r in dyad_series(EVENTS, "week")}
    assert weeks == {("USA", "2021-W03"): 3, ("USA", "2021-W04"): 1, ("RUS", "2021-W05"): 1}
    months = {(r.source, r.period): r.total for r in dyad_series(EVENTS, "month")}
    assert months == {("USA", "2021-01"): 4, ("RUS", "2021-02"): 1}


def test_dyad_series_filters_and_roles():
    rows = dyad_series(EVENTS, "month", source="RUS")
    assert [(r.source, r.target) for r in rows] == [("RUS", "USA")]
    gov = Actor(id="g", name="Kremlin", kind="group", country="RUS", role="GOV")
    rows = dyad_series([("x", event("ACCUSE", gov, USA, "2021-01-01", -4))], "day", with_role=True)
    assert rows[0].source == "RUSGOV"


def test_period_of():
    assert period_of("2021-01-24", "week") == "2021-W03"
    assert period_of("2021-W03", "month") == "2021-01"
    assert period_of("2021-01", "day") is None
    with pytest.raises(ValueError):
        period_of("2021-01-24", "year")


def test_dyad_chart_has_one_line_per_dyad():
    lines = dyad_chart(dyad_series(EVENTS, "day"))
    assert len(lines) == 2
    assert "USA -> RUS" in lines[1] and "4 events" in lines[1] and "-0.8" in lines[1]


def test_events_to_csv():
    rows = list(csv.DictReader(io.StringIO(events_to_csv(EVENTS[:2]))))
    assert [(r["article"], r["type"], r["source"], r["target"]) for r in rows] == [
        ("a1", "ACCUSE", "USA", "RUS"),
        ("a1", "REQUEST", "USA", "RUS"),
    ]


def test_events_to_plover():
    [first, protest] = events_to_plover([EVENTS[0], EVENTS[4][1]])
    assert (first["event"], first["src_actor"], first["tgt_actor"]) == ("ACCUSE", "USA", "RUS")
    assert first["date"] == "2021-01-23" and first["article"] == "a1"
    assert protest["tgt_actor"] is None


def test_events_step_fills_record_events():
    step = EventsStep()
    assert (step.name, step.requires, step.assigns) == (
        "events",
        frozenset({"parsed", "actor_index", "record.times", "record.quotes"}),
        frozenset({"record.events"}),
    )
    paragraphs = ["Russia invaded Ukraine on Thursday."]
    doc = Document(raw=b"x", source=Source())
    doc.record.paragraphs = paragraphs
    doc.record.published = "2022-02-26"
    doc.record.times = [Time("on Thursday", "2022-02-24", "2022-02-26", 0, 23, 34)]
    doc.parsed = nlp.parse(paragraphs)
    doc.actor_index = WordIndex(paragraphs)
    step(doc)
    [found] = doc.record.events
    assert (found.type, found.source.country, found.target.country, found.date) == (
        "ASSAULT",
        "RUS",
        "UKR",
        "2022-02-24",
    )


def test_events_step_gives_the_coder_the_record_quotes():
    paragraphs = ["“I condemn Ukraine for the attack,” Putin said."]
    doc = Document(raw=b"x", source=Source())
    doc.record.paragraphs = paragraphs
    doc.record.quotes = [Quote("I condemn Ukraine for the attack", "direct", "Vladimir Putin",
                               "putin", "Putin", "said", None, 0)]
    doc.parsed = nlp.parse(paragraphs)
    doc.actor_index = WordIndex(paragraphs)
    EventsStep()(doc)
    assert [(e.type, e.source.id, e.target.id) for e in doc.record.events] == [
        ("ACCUSE", "putin", "UKR")
    ]


def test_pattern_data_covers_every_type_with_valid_slots():
    lex = load_lexicon()
    patterns = [p for found in lex.patterns.values() for p in found]
    assert {p.type for p in patterns} == set(PLOVER_TYPES)
    for p in patterns:
        assert p.source, p.phrase
        assert -10 <= p.intensity <= 10
        for slot in p.source + p.target:
            assert slot.isalpha(), (p.phrase, slot)


def test_bad_pattern_rows_are_refused_with_the_line():
    types = parse_types([(1, ["PROTEST", "material-conflict", "no"])])
    modes = {"PROTEST": frozenset({"demo", "riot"})}
    with pytest.raises(TidingsError, match="line 7"):
        parse_patterns([(7, ["march", "verb", "PROTESTED", "-", "subj", "-", "-"])], types, modes)
    with pytest.raises(TidingsError, match="line 3: 'demonstrate' is not a mode"):
        parse_patterns([(3, ["march", "verb", "PROTEST", "demonstrate", "subj", "-", "-"])],
                       types, modes)
