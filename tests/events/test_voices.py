"""Quotes in the event coder: I and we in quote marks are the speaker, they are not."""

from tests.events.conftest import WordIndex
from tidings.events.voices import Voices
from tidings.record import Quote

ARRESTED = "“They arrested me at the border,” said Navalny."
CONDEMN = "“I condemn Ukraine for the attack on the embassy,” Putin said."
REPORTED = "Putin said they would condemn Ukraine for the attack."


def direct(text: str, speaker: str | None, paragraph: int = 0, kind: str = "direct") -> Quote:
    return Quote(text=text, kind=kind, speaker=speaker, speaker_actor=speaker,
                 speaker_mention=None, cue="said", via=None, paragraph=paragraph)


def test_a_quote_spans_its_words_and_names_its_speaker():
    index = WordIndex([ARRESTED])
    voices = Voices([ARRESTED], [direct("They arrested me at the border", "navalny")], index)
    me = ARRESTED.index("me ")
    assert voices.quoted(0, me) and voices.speaker(0, me).id == "navalny"
    said = ARRESTED.index("said")
    assert not voices.quoted(0, said) and voices.speaker(0, said) is None


def test_reported_speech_and_quotes_elsewhere_are_not_quote_marks():
    index = WordIndex([REPORTED, ARRESTED])
    quotes = [direct("they would condemn Ukraine for the attack", "putin", kind="indirect"),
              direct("They arrested me at the border", "navalny", paragraph=1)]
    voices = Voices([REPORTED, ARRESTED], quotes, index)
    assert not voices.quoted(0, REPORTED.index("they"))
    assert not voices.quoted(0, ARRESTED.index("me "))  # the quote is in paragraph 1
    assert voices.quoted(1, ARRESTED.index("me "))


def test_a_quote_not_found_in_its_paragraph_marks_nothing():
    voices = Voices([ARRESTED], [direct("words never written", "navalny")], WordIndex([ARRESTED]))
    assert not any(voices.quoted(0, i) for i in range(len(ARRESTED)))


def test_the_first_person_of_a_quote_is_its_speaker(code):
    found = code(CONDEMN, quotes=[direct("I condemn Ukraine for the attack on the embassy", "putin")])
    assert [(e.type, e.source and e.source.id, e.target.id) for e in found] == [
        ("ACCUSE", "putin", "UKR")
    ]
    assert [e.source for e in code(CONDEMN)] == [None]  # without the quote, "I" is no one


def test_they_in_a_quote_are_not_its_speaker(code):
    found = code(ARRESTED, quotes=[direct("They arrested me at the border", "navalny")])
    assert [(e.type, e.source, e.target.id) for e in found] == [("COERCE", None, "navalny")]


def test_they_in_reported_speech_still_stand_for_the_reporter(code):
    found = code("Russia said they would attack Ukraine.", quotes=[
        direct("they would attack Ukraine", "RUS", kind="indirect")])
    assert [(e.source.id, e.target.id) for e in found] == [("RUS", "UKR")]


SAID = ["Putin spoke in Moscow.", "He said he would attack Ukraine."]


def test_the_pronoun_who_says_it_is_the_speaker_the_quotes_step_found(code):
    quote = direct("he would attack Ukraine", "putin", paragraph=1, kind="indirect")
    found = [(e.source.id, e.target.id) for e in code(SAID, quotes=[quote]) if e.paragraph == 1]
    assert found == [("putin", "UKR")]
    assert [e.source for e in code(SAID) if e.paragraph == 1] == [None]


def test_a_speaker_the_quotes_step_did_not_resolve_stays_unknown(code):
    quote = direct("he would attack Ukraine", None, paragraph=1, kind="indirect")
    assert [e.source for e in code(SAID, quotes=[quote]) if e.paragraph == 1] == [None]
