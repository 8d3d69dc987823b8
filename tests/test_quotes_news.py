"""The speaker errors seen on real news (issue 9), each on a short text written in its
image: a failure of the same kind, not a copy of the page."""

from __future__ import annotations

import pytest

from tidings import nlp
from tidings.actors import resolve_actors
from tidings.quotes import find_quotes
from tidings.record import Quote


@pytest.fixture(scope="module")
def quotes():
    model = nlp.load()

    def run(*paragraphs: str) -> list[Quote]:
        docs = list(model.pipe(paragraphs))
        return find_quotes(list(paragraphs), docs, resolve_actors(list(paragraphs), docs))

    return run


def find(found: list[Quote], words: str) -> Quote:
    hits = [q for q in found if words in q.text]
    assert hits, f"no quote with {words!r} in {[q.text for q in found]}"
    return hits[0]


def test_a_quote_stops_at_its_closing_mark_even_a_mismatched_one(quotes) -> None:
    found = quotes(
        "Mark Halloran, 48, of Addison, pleaded guilty on Monday, prosecutors said.",
        "During the call, he asked about the senator, called her a “traitor” and said, "
        "“somebody should deal with her for good,\" the prosecutor’s office said. The "
        "senator is one of two women elected from the state.",
    )
    threat = find(found, "somebody should deal with her")
    assert threat.text == "somebody should deal with her for good"
    assert threat.speaker == "Mark Halloran"  # he said it; the office relays it
    assert all("one of two women" not in q.text for q in found if q.kind == "direct")


def test_a_threat_read_out_is_not_a_countrys_words(quotes) -> None:
    found = quotes(
        "A man threatened to kill a United States senator, the U.S. Attorney’s Office said.",
        "The staff member who took the call recalled that he said, \"I'll shoot her,\" "
        "the office said.",
    )
    threat = find(found, "I'll shoot her")
    assert threat.speaker != "United States"
    assert all(q.speaker != "United States" for q in found)


def test_a_speaker_described_by_a_country_is_not_the_country(quotes) -> None:
    found = quotes(
        "A man pleaded guilty to threatening a senator, prosecutors said on Monday.",
        "“I will find you,” an American caller told the senator’s staff in March.",
        "Russian officials said the talks had failed. “We are disappointed,” Moscow said.",
    )
    caller = find(found, "I will find you")
    assert (caller.speaker, caller.speaker_actor) == ("an American caller", None)
    assert find(found, "We are disappointed").speaker == "Russia"  # the capital speaking


def test_another_witness_is_a_new_unnamed_speaker(quotes) -> None:
    found = quotes(
        "“I saw the car stop and two men get out,” said Maria Lopez, a witness.",
        "“Then I heard three shots,” said another witness.",
        "“It was over in a minute,” a third witness said.",
    )
    assert find(found, "I saw the car").speaker == "Maria Lopez"
    shots = find(found, "three shots")
    assert shots.speaker == "another witness"
    assert shots.speaker_actor != find(found, "I saw the car").speaker_actor
    assert find(found, "over in a minute").speaker == "a third witness"


def test_a_relayed_quote_keeps_its_speaker(quotes) -> None:
    found = quotes(
        "Prince Edmund, the younger brother of the heir to the throne, spoke for the first "
        "time on Saturday about his friendship with the financier Jonas Albright.",
        "Edmund claims that he felt bound to visit Albright to end their friendship in "
        "person. It meant three days at Albright’s mansion.",
        "During the visit, he was photographed walking in the park with Albright. Was this "
        "to find out how exposed the royal was?",
        "He instead told the BBC interviewer: “I had to go and see him and talk to him.”",
    )
    q = find(found, "I had to go and see him")
    assert q.speaker == "Edmund"
    assert q.via == "BBC"


def test_with_no_name_the_speaker_is_the_description(quotes) -> None:
    found = quotes(
        "Two officers were charged on Tuesday with falsifying records at the jail.",
        "“The night staff were asleep at their desks,” a former guard told reporters.",
    )
    q = find(found, "asleep at their desks")
    assert q.speaker == "a former guard"
