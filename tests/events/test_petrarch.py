"""PETRARCH2's verb dictionary matched over the dependency parse."""

import pytest

from tidings import nlp
from tidings.events.cameo import load_cameo
from tidings.events.petrarch import VerbLexicon, load_verbs


@pytest.fixture(scope="module")
def verbs():
    return load_verbs(load_cameo(), {"match": None})


def reading(verbs, text, word):
    doc = nlp.parse([text])[0]
    tok = next(t for t in doc if t.text == word)
    return verbs.match(tok)


@pytest.mark.parametrize(
    ("text", "word", "kind", "mode"),
    [
        ("Russian forces seized the town of Bakhmut on Sunday.", "seized", "COERCE", "seize"),
        ("Gunmen killed five civilians in Kabul.", "killed", "ASSAULT", "firearms"),
        ("Four people were killed by a car bomb in Baghdad.", "killed", "ASSAULT", "explosives"),
        ("The army razed dozens of houses in the village.", "razed", "ASSAULT", "destroy"),
        ("Police rushed troops to the border.", "rushed", "MOBILIZE", "troops"),
        ("Iran condemned the attack on its embassy.", "condemned", "ACCUSE", "disapprove"),
    ],
)
def test_everyday_verbs_are_coded_by_their_pattern(verbs, text, word, kind, mode):
    found = reading(verbs, text, word)
    assert (found.plover.type, found.plover.mode) == (kind, mode)


def test_a_pattern_coded_no_event_vetoes_the_verb(verbs):
    found = reading(verbs, "Three soldiers were killed in a training accident.", "killed")
    assert found.vetoed and found.plover is None


def test_the_verb_alone_takes_its_default_code(verbs):
    found = reading(verbs, "Biden will visit Japan next week.", "visit")
    assert found.specific == 0 and found.plover.type == "CONSULT"


def test_an_override_silences_a_verb_coded_too_broadly(verbs):
    assert reading(verbs, "The figures match last year's.", "match").plover is None


def test_a_misread_lemma_is_found_by_its_inflected_form(verbs):
    doc = nlp.parse(["Protesters staged a sit-in outside parliament."])[0]
    tok = next(t for t in doc if t.text == "staged")
    assert verbs.base(tok) == "stage"


def test_the_reverse_code_names_the_subject_as_target(verbs):
    found = reading(verbs, "The former minister faces charges of corruption.", "faces")
    assert found.code is None and found.back == "112"


def tiny(blocks):
    return VerbLexicon({"synsets": {"ARMS": [["rifle"], ["car", "bomb"]]}, "blocks": blocks},
                       load_cameo(), {})


def verb(lemma, post=(), code=None):
    return {"lemma": lemma, "forms": [lemma], "pre": [], "post": list(post), "code": code,
            "back": None}


def test_the_most_specific_pattern_wins_and_synonym_sets_match_phrases():
    lexicon = tiny([{
        "name": "SEND", "code": "---", "back": None, "verbs": [verb("send")],
        "patterns": [
            {"pre": [], "post": [{"w": "&arms"}], "code": "072", "back": None},
            {"pre": [], "post": [{"w": "&arms"}, {"pp": ["to"], "obj": {"w": "rebels"}}],
             "code": "1032", "back": None},
        ],
    }])
    doc = nlp.parse(["They sent a car bomb to the rebels.", "They sent rifles.",
                     "They sent letters."])
    sent = [next(t for t in d if t.lemma_ == "send") for d in doc]
    assert lexicon.match(sent[0]).code == "1032"
    assert lexicon.match(sent[1]).code == "072"
    assert lexicon.match(sent[2]).plover is None  # the block's default: no event


def test_a_multi_word_verb_needs_its_particle():
    lexicon = tiny([{
        "name": "DOWN", "code": "---", "back": None,
        "verbs": [verb("shoot", post=["down"], code="190"), verb("shoot")], "patterns": [],
    }])
    doc = nlp.parse(["They shot down a drone.", "They shot a film."])
    first, second = (next(t for t in d if t.lemma_ == "shoot") for d in doc)
    assert lexicon.match(first).code == "190"
    assert lexicon.match(second).plover is None
