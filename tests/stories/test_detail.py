from tidings.record import Actor, Event, Quote
from tidings.stories import Linker, story_detail
from tidings.stories.detail import copy_diff, merge_events, merge_quotes

from .conftest import PADDING, WIRE


def _event(sentence: str, date: str | None = "2024-12-17", mentions: int = 1) -> Event:
    police = Actor("a1", "police", "organization", country="SRB", role="COP")
    crowd = Actor("a2", "protesters", "group", country="SRB", role="CVL")
    return Event("COERCE", "arrest", police, crowd, "asserted", date, "on Tuesday", "Belgrade",
                 -7.0, sentence, 0, 0.9, id="e1", mentions=mentions)  # fmt: skip


def test_a_copy_diff_shows_the_new_title_the_cut_and_the_padding(wire, cut_and_padded):
    diff = copy_diff(cut_and_padded, wire, "copy")
    assert diff.title.before == wire.title and diff.title.after == cut_and_padded.title
    assert diff.cut == WIRE[3:]
    assert diff.added == PADDING
    assert diff.changed == []


def test_a_version_diff_shows_the_changed_paragraph(wire, revised):
    diff = copy_diff(revised, wire, "version")
    assert diff.title is None and diff.cut == [] and diff.added == []
    assert [(c.before, c.after) for c in diff.changed] == [(WIRE[4], revised.paragraphs[4])]


def test_an_event_reported_by_three_articles_is_counted_once(wire, cut_and_padded, revised):
    wire.events = [_event(WIRE[0], mentions=2)]
    cut_and_padded.events = [_event(WIRE[0])]
    revised.events = [_event(WIRE[0]), _event("Police detained more.", date="2024-12-19")]
    undated = _event(WIRE[0], date=revised.published)
    undated.date_text = "publication date"  # what the events coder says: no day stated
    cut_and_padded.events.append(undated)
    merged = merge_events([wire, cut_and_padded, revised])
    assert len(merged) == 3
    first = merged[0]
    assert first.articles == [wire.id, cut_and_padded.id, revised.id]
    assert first.outlets == ["wire.example", "daily.example"]
    assert first.mentions == 4
    assert merged[1].articles == [cut_and_padded.id]  # no day stated: not the dated one
    assert merged[2].articles == [revised.id]


def test_a_quote_and_its_cut_are_one_quote(wire, cut_and_padded):
    said = "We will not bow to pressure from the street, but we are ready to talk"
    wire.quotes = [Quote(said, "direct", "Aleksandar Vucic", None, "he", "said", None, 3)]
    cut_and_padded.quotes = [
        Quote("we are ready to talk", "partial", "Vucic", None, "Vucic", "said", None, 2),
        Quote("Peaceful marchers", "partial", None, None, None, None, None, 2),
    ]
    merged = merge_quotes([wire, cut_and_padded])
    assert [(q.text, q.articles) for q in merged] == [
        (said, [wire.id, cut_and_padded.id]),
        ("Peaceful marchers", [cut_and_padded.id]),
    ]


def test_story_detail_tells_what_the_story_knows(store, wire, cut_and_padded, revised, other_news):
    store.add([wire, cut_and_padded, revised, other_news])
    Linker(store, related=False).link_pending()
    story_id = store.member(wire.id).story_id
    story = story_detail(store, story_id[:6])
    assert story.id == story_id
    assert story.original == wire.id
    assert story.fullest == wire.id  # the revision is as long; the earlier wins
    assert [(a.id, a.relation, a.of) for a in story.articles] == [
        (wire.id, "original", None),
        (cut_and_padded.id, "copy", wire.id),
        (revised.id, "version", wire.id),
    ]
    assert (story.first_published, story.last_published) == ("2024-12-18", "2024-12-19")
    assert story.outlets == ["daily.example", "wire.example"]
    assert [d.article for d in story.diffs] == [cut_and_padded.id, revised.id]
    assert story_detail(store, "zzzz") is None


def test_the_fullest_version_is_the_longest_of_the_outlet(store, wire, revised):
    revised.paragraphs.append("Protests are expected to continue on Friday.")
    store.add([wire, revised])
    Linker(store, related=False).link_pending()
    assert story_detail(store, store.member(wire.id).story_id).fullest == revised.id
