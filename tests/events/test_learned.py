"""The learned check: votes of the nearest labelled sentences keep, drop or add events."""

from dataclasses import replace

import numpy as np
import pytest

from tidings import embed
from tidings.events import learned
from tidings.events.learned import NONE, EventModel, Thresholds, Votes
from tidings.events.patterns import PLOVER_TYPES
from tidings.record import Actor

THRESHOLDS = Thresholds(neighbours=2, keep=0.2, add=0.5, add_margin=0.1)


def labels(*kinds):
    row = np.zeros(NONE + 1, dtype=np.float32)
    for kind in kinds:
        row[NONE if kind is None else PLOVER_TYPES.index(kind)] = 1
    return row


def test_votes_are_the_similarity_weighted_labels_of_the_nearest_sentences():
    bank = np.array([[1, 0, 0], [0.9, 0.1, 0], [0, 1, 0], [0, 0, 1]], dtype=np.float32)
    bank /= np.linalg.norm(bank, axis=1, keepdims=True)
    model = EventModel(
        bank, np.stack([labels("ASSAULT"), labels("ASSAULT", "ACCUSE"), labels(None),
                        labels("AID")]), THRESHOLDS,
    )
    votes = model.votes_for(np.array([[1, 0.05, 0]], dtype=np.float32))[0]
    assert votes[PLOVER_TYPES.index("ASSAULT")] == pytest.approx(1.0)
    assert 0.3 < votes[PLOVER_TYPES.index("ACCUSE")] < 0.7
    assert votes[PLOVER_TYPES.index("AID")] == 0.0 and votes[NONE] == 0.0


def test_a_strong_type_needs_its_share_and_a_lead_over_no_event():
    strong = Votes(0.6 * labels("ASSAULT") + 0.4 * labels(None), THRESHOLDS)
    close = Votes(0.55 * labels("ASSAULT") + 0.5 * labels(None), THRESHOLDS)
    weak = Votes(0.4 * labels("ASSAULT") + 0.2 * labels(None), THRESHOLDS)
    assert strong.strong_type() == "ASSAULT"
    assert close.strong_type() is None
    assert weak.strong_type() is None


def test_a_sentence_reads_as_a_type_from_the_share_that_codes_a_missed_one():
    assert Votes(0.5 * labels("ASSAULT") + 0.5 * labels(None), THRESHOLDS).reads_as("ASSAULT")
    assert not Votes(0.45 * labels("ASSAULT") + 0.55 * labels(None), THRESHOLDS).reads_as(
        "ASSAULT")
    assert not Votes(labels("AID"), THRESHOLDS).reads_as("ASSAULT")


def test_the_check_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("TIDINGS_EVENTS_MODEL", "off")
    assert learned.sentence_votes(["Russia shelled Kyiv."]) == [None]


@pytest.fixture
def fake_model(monkeypatch):
    """A bank of three sentences, and texts embedded by the words they hold."""
    bank = np.eye(3, dtype=np.float32)
    model = EventModel(bank, np.stack([labels(None), labels("COERCE"), labels("ASSAULT")]),
                       Thresholds(neighbours=1, keep=0.2, add=0.5, add_margin=0.1))

    def passages(texts):
        def vector(text):
            if "final" in text or "Cup" in text:
                return bank[0]
            return bank[1] if "outfoxed" in text else bank[2]
        return np.stack([vector(t) for t in texts])

    monkeypatch.setenv("TIDINGS_EVENTS_MODEL", "on")
    monkeypatch.setattr(learned, "load_model", lambda: model)
    monkeypatch.setattr(embed, "passages", passages)
    return model


CROATIA = {"Russia": Actor(id="RUS", name="Russia", kind="country", country="RUS"),
           "Croatia": Actor(id="HRV", name="Croatia", kind="country", country="HRV"),
           "Ukraine": Actor(id="UKR", name="Ukraine", kind="country", country="UKR")}


def test_a_sentence_that_reads_as_no_event_loses_its_trigger(code, fake_model, monkeypatch):
    sentence = "Russia attacked Croatia in the World Cup final."
    monkeypatch.setenv("TIDINGS_EVENTS_MODEL", "off")
    assert [e.type for e in code(sentence, words=CROATIA)] == ["ASSAULT"]
    monkeypatch.setenv("TIDINGS_EVENTS_MODEL", "on")
    assert code(sentence, words=CROATIA) == []


def test_the_same_trigger_stays_where_the_sentence_reads_as_its_type(code, fake_model):
    found = code("Russia beat Croatia's soldiers with batons.", words=CROATIA)
    assert [(e.type, e.source.id, e.target.id) for e in found] == [("ASSAULT", "RUS", "HRV")]


def test_a_strong_type_the_lexicon_missed_is_coded_on_the_main_verb(code, fake_model):
    found = code("Russia outfoxed Ukraine at the border crossing.", words=CROATIA)
    assert [(e.type, e.source.id, e.target.id) for e in found] == [("COERCE", "RUS", "UKR")]


@pytest.mark.parametrize(
    ("setting", "expected"),
    [("off", learned.Mode.OFF), ("check", learned.Mode.CHECK), ("on", learned.Mode.FULL),
     ("FULL", learned.Mode.FULL), (None, learned.Mode.CHECK)],
)
def test_the_mode_is_read_from_the_environment(monkeypatch, setting, expected):
    if setting is None:
        monkeypatch.delenv("TIDINGS_EVENTS_MODEL", raising=False)
    else:
        monkeypatch.setenv("TIDINGS_EVENTS_MODEL", setting)
    assert learned.mode() is expected


def test_embeddings_turned_off_turn_the_check_off(monkeypatch):
    monkeypatch.setenv("TIDINGS_EVENTS_MODEL", "full")
    monkeypatch.setenv("TIDINGS_EMBED", "off")
    assert learned.mode() is learned.Mode.OFF


def test_check_mode_embeds_only_the_sentences_with_a_trigger(code, fake_model, monkeypatch):
    embedded = []
    passages = embed.passages

    def counting(texts):
        embedded.extend(texts)
        return passages(texts)

    monkeypatch.setattr(embed, "passages", counting)
    monkeypatch.setenv("TIDINGS_EVENTS_MODEL", "check")
    found = code(
        "Russia outfoxed Ukraine at the border crossing. Russia attacked Croatia in the "
        "World Cup final.", words=CROATIA,
    )
    # the first sentence has no trigger: not embedded, so nothing is added on its verb;
    # the second has "attacked", embedded, and reads as no event
    assert found == []
    assert embedded == ["Russia attacked Croatia in the World Cup final."]


STABBING = "A deadly stabbing shook the commuter train."


def test_an_event_whose_sides_no_one_names_is_coded_where_the_sentence_reads_as_it(
    code, fake_model, monkeypatch
):
    found = code(STABBING, words={})
    assert [(e.type, e.source, e.target) for e in found] == [("ASSAULT", None, None)]
    monkeypatch.setenv("TIDINGS_EVENTS_MODEL", "off")  # the lexicon alone wants a side
    assert code(STABBING, words={}) == []


def test_an_event_without_sides_needs_more_than_the_share_that_keeps_a_trigger(
    code, fake_model, monkeypatch
):
    # two neighbours: 0.6 of the votes for no event, 0.4 for ASSAULT — enough to keep
    # a trigger (0.2), short of reading as ASSAULT (0.5)
    model = EventModel(fake_model.vectors, fake_model.labels, replace(THRESHOLDS, keep=0.2))
    vector = np.array([0.6, 0.0, 0.4], dtype=np.float32)
    monkeypatch.setattr(learned, "load_model", lambda: model)
    monkeypatch.setattr(embed, "passages", lambda texts: np.stack([vector for _ in texts]))
    assert code(STABBING, words={}) == []
    assert [e.type for e in code("Russia stabbed a guard of Ukraine.", words=CROATIA)] == [
        "ASSAULT"]
