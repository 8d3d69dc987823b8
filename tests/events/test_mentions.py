"""One event, told several times in an article, is coded once; events have ids."""

from tidings.events.coder import merge_mentions
from tidings.record import Actor, Event

RUS = Actor(id="RUS", name="Russia", kind="country", country="RUS")
UKR = Actor(id="UKR", name="Ukraine", kind="country", country="UKR")


def event(kind, sentence, date="2022-03-01", date_text="publication date", target=UKR):
    return Event(kind, None, RUS, target, "asserted", date, date_text, None, -9.0, sentence, 0, 0.9)


def test_the_same_event_in_two_sentences_is_coded_once_with_two_mentions():
    merged = merge_mentions([
        event("ASSAULT", "Russia shelled Ukraine."),
        event("ACCUSE", "Ukraine said it would complain."),
        event("ASSAULT", "The shelling of Ukraine by Russia went on."),
    ])
    assert [(e.id, e.type, e.mentions) for e in merged] == [("e1", "ASSAULT", 2), ("e2", "ACCUSE", 1)]
    assert merged[0].sentence == "Russia shelled Ukraine."


def test_different_dates_the_sentences_give_are_different_events():
    merged = merge_mentions([
        event("ASSAULT", "Russia shelled Ukraine on Monday.", "2022-02-28", "on Monday"),
        event("ASSAULT", "Russia shelled Ukraine again on Tuesday.", "2022-03-01", "on Tuesday"),
    ])
    assert len(merged) == 2


def test_a_date_and_the_publication_date_agree():
    merged = merge_mentions([
        event("ASSAULT", "Russia shelled Ukraine on Monday.", "2022-02-28", "on Monday"),
        event("ASSAULT", "Russia's shelling of Ukraine was condemned."),
    ])
    assert len(merged) == 1 and merged[0].mentions == 2


def test_other_actors_are_other_events():
    merged = merge_mentions([event("ASSAULT", "a"), event("ASSAULT", "b", target=None)])
    assert len(merged) == 2


def test_an_article_telling_one_event_twice(code):
    events = code([
        "Russian police detained more than 3,000 protesters in Moscow on Saturday.",
        "The detention of protesters in Moscow by Russian police drew condemnation.",
    ], words=None)
    coerce = [e for e in events if e.type == "COERCE"]
    assert len(coerce) == 1 and coerce[0].mentions == 2
