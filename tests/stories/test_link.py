import numpy as np
import pytest

from tidings.stories import Linker, rebuild, story_id_for
from tidings.stories import link as link_module
from tidings.stories.link import average_similarity
from tidings.stories.model import StoryRow

from .conftest import WIRE, make


def link(store, *records, related=False):
    """Store each record (one batch each, so that store order is the order given) and
    link it, as `process` does."""
    linker = Linker(store, related=related)
    for record in records:
        store.add([record])
        linker.link(record)
    return [store.member(r.id) for r in records]


def relations(store, story_id):
    return {m.article_id: (m.relation, m.of_id) for m in store.members(story_id)}


def test_a_copy_joins_its_original_story_which_keeps_its_id(store, wire, cut_and_padded):
    first, copy = link(store, wire, cut_and_padded)
    assert first.story_id == copy.story_id == story_id_for(wire.id)
    assert (copy.relation, copy.of_id) == ("copy", wire.id)
    # the share of the copy's text found in the original; its short lines of
    # padding are not compared
    assert copy.similarity == 1.0
    assert store.get(cut_and_padded.id).story.relation == "copy"


def test_a_revision_by_the_same_outlet_is_a_version(store, wire, revised, cut_and_padded):
    link(store, wire, cut_and_padded, revised)
    story = store.member(wire.id).story_id
    assert relations(store, story) == {
        wire.id: ("original", None),
        cut_and_padded.id: ("copy", wire.id),
        revised.id: ("version", wire.id),
    }


def test_the_earlier_article_is_the_original_whichever_came_first(store, wire, cut_and_padded):
    wire.published = "2024-12-17"
    copy_first, original = link(store, cut_and_padded, wire)
    story = copy_first.story_id
    assert story == story_id_for(cut_and_padded.id)  # the story keeps the id it started with
    assert relations(store, story) == {
        wire.id: ("original", None),
        cut_and_padded.id: ("copy", wire.id),
    }
    assert store.story_row(story).original_id == wire.id


def test_other_news_starts_its_own_story(store, wire, other_news):
    a, b = link(store, wire, other_news)
    assert a.story_id != b.story_id
    assert (b.relation, b.of_id) == ("original", None)


def test_linking_twice_changes_nothing(store, wire, cut_and_padded):
    link(store, wire, cut_and_padded)
    again = Linker(store, related=False).link(cut_and_padded)
    assert again == store.member(cut_and_padded.id)
    assert len(store.members(again.story_id)) == 2


def test_rebuild_gives_the_same_stories(store, wire, cut_and_padded, revised, other_news):
    link(store, cut_and_padded, other_news, wire, revised, related=True)
    before = {m.article_id: m for s in store.stories(limit=None) for m in store.members(s["id"])}
    assert rebuild(store, related=True) == 4
    after = {m.article_id: m for s in store.stories(limit=None) for m in store.members(s["id"])}
    assert after == before


def test_articles_stored_without_linking_are_linked_later_whatever_the_cache(
    store, wire, monkeypatch
):
    """A store filled without linking (`Store.add`, `process --no-link`, a store from
    before stories): the next linking run sketches each candidate it has not seen, even
    when more candidates come than the linker keeps texts of (the serve benchmark's
    store of a few texts copied thousands of times)."""
    monkeypatch.setattr(link_module, "TEXT_CACHE", 2)
    copies = [
        make(f"Copy {n}", WIRE, f"outlet{n}.example", f"https://outlet{n}.example/belgrade")
        for n in range(6)
    ]
    link(store, wire, copies[0])
    store.add(copies[1:])  # stored without linking
    assert Linker(store, related=False).link_pending() == 5
    story = store.member(wire.id).story_id
    assert relations(store, story) == {
        wire.id: ("original", None),
        **{c.id: ("copy", wire.id) for c in copies},
    }


def test_articles_linked_without_their_sketch_are_sketched_again(store, wire, cut_and_padded):
    """A store linked by a tidings that sketched otherwise (migration 8 dropped its LSH
    buckets): each linked article is sketched once more before new ones are linked."""
    link(store, wire)
    store.db.execute("DELETE FROM minhash_buckets")
    store.db.execute("UPDATE story_members SET sketched = 0")
    store.add([cut_and_padded])
    linker = Linker(store, related=False)
    assert linker.link_pending() == 1
    assert (store.member(cut_and_padded.id).relation, store.member(cut_and_padded.id).of_id) == (
        "copy",
        wire.id,
    )
    assert linker.sketch_missing() == 0


def test_rebuild_gives_what_incremental_linking_gave_whatever_the_order(store, wire, revised):
    """Copies and versions arriving before the text they copy, on the same day and on
    earlier days, each joining incrementally: relinking the store from scratch gives the
    same members, relations and story rows."""
    pad = [
        "Herald Tribune Online carries this report from the wire services under licence.",
        "Readers may share this article with friends using the buttons on this page.",
    ]
    copies = [
        make(f"Belgrade report {n}", pad[: n % 2] + WIRE[: 2 + n] + pad[n % 2 :],
             f"outlet{n}.example", f"https://outlet{n}.example/b",
             date=f"2024-12-{17 + n % 3}")
        for n in range(4)
    ]  # fmt: skip
    order = [revised, copies[1], copies[3], wire, copies[0], copies[2]]
    linker = Linker(store, related=False)
    for record in order:
        store.add([record])
        linker.link_pending(known={record.id: record})

    def snapshot():
        members = {
            m.article_id: m for s in store.stories(limit=None) for m in store.members(s["id"])
        }
        rows = {s["id"]: store.story_row(s["id"]) for s in store.stories(limit=None)}
        for row in rows.values():
            row.vector_sum = None
        return members, rows

    before = snapshot()
    assert len(before[1]) == 1
    (row,) = before[1].values()
    # of the two copies of the 17th, the earliest day, the one carrying the whole text
    # (copies[3]; copies[0] is cut to its lead) tells the story; the wire's own revision
    # is a version of the wire
    assert (row.original_id, row.articles, row.outlets) == (copies[3].id, 6, 5)
    assert before[0][copies[0].id].of_id == copies[3].id
    assert (before[0][revised.id].relation, before[0][revised.id].of_id) == ("version", wire.id)
    assert rebuild(store, related=False) == 6
    assert snapshot() == before


def test_pending_articles_are_linked_in_store_order(store, wire, cut_and_padded):
    store.add([cut_and_padded])
    store.add([wire])
    assert Linker(store, related=False).link_pending() == 2
    assert store.member(cut_and_padded.id).story_id == story_id_for(cut_and_padded.id)
    assert Linker(store, related=False).link_pending() == 0


# --- related reports --------------------------------------------------------------------

SAME_NEWS = (
    "Serbian riot police arrest marchers in Belgrade",
    [
        "Serbian riot police arrested scores of students and farmers in Belgrade on Tuesday as "
        "thousands marched on parliament over the deadly collapse of a railway station canopy.",
        "President Aleksandar Vucic offered talks with the students but said he would not resign.",
    ],
)


def test_the_same_news_in_other_words_joins_the_story(store, wire, other_news):
    related = make(*SAME_NEWS, "tv.example", "https://tv.example/serbia")
    first, _, joined = link(store, wire, other_news, related, related=True)
    assert joined.story_id == first.story_id
    assert (joined.relation, joined.of_id) == ("related", None)
    assert joined.similarity >= 0.86


def test_related_reports_are_not_linked_when_embeddings_are_off(store, wire, cut_and_padded):
    related = make(*SAME_NEWS, "tv.example", "https://tv.example/serbia")
    first, copy, alone = link(store, wire, cut_and_padded, related, related=False)
    assert copy.story_id == first.story_id
    assert alone.story_id != first.story_id


def test_the_environment_turns_embeddings_off(store, monkeypatch):
    monkeypatch.setenv("TIDINGS_EMBED", "off")
    assert Linker(store).related is False


def test_a_report_a_month_later_starts_a_new_story(store, wire):
    later = make(*SAME_NEWS, "tv.example", "https://tv.example/serbia", date="2025-01-20")
    first, alone = link(store, wire, later, related=True)
    assert alone.story_id != first.story_id


def test_an_undated_report_is_only_linked_as_a_copy(store, wire):
    undated = make(*SAME_NEWS, "tv.example", "https://tv.example/serbia", date=None)
    first, alone = link(store, wire, undated, related=True)
    assert alone.story_id != first.story_id


def test_average_link_keeps_a_story_from_drifting():
    a, b = np.eye(2, dtype=np.float32)
    story = StoryRow(id="s", vectors=2, tellings=2, vector_sum=(a + b).astype(np.float64))
    # as close as can be to one of its tellings, unrelated to the other: half way
    assert average_similarity(a, story) == pytest.approx(0.5)
    assert average_similarity((a + b) / np.linalg.norm(a + b), story) == pytest.approx(0.7071, 1e-3)


def test_on_the_same_day_the_text_the_copies_share_tells_the_original(store, wire,
                                                                      cut_and_padded):  # fmt: skip
    own = [
        "Third Herald carries this wire report under licence from the news agency today.",
        "Readers can follow the Third Herald for updates on the protests all week long.",
    ]
    padded = make("Belgrade protest", own[:1] + WIRE + own[1:], "third.example",
                  "https://third.example/2")  # fmt: skip
    link(store, cut_and_padded, padded, wire)  # the original stored last, all on one day
    story = store.member(wire.id).story_id
    assert relations(store, story) == {
        wire.id: ("original", None),
        cut_and_padded.id: ("copy", wire.id),
        padded.id: ("copy", wire.id),
    }


NEW_TEXT = (
    "Later on Wednesday the interior ministry released a statement saying that all of the "
    "detained students had been freed without charge, after lawyers for the families filed "
    "complaints with the prosecutor, and that an internal inquiry into the conduct of the "
    "officers on duty had been opened at the request of the ombudsman."
)


def test_a_much_revised_page_of_the_same_outlet_is_a_version(store, wire):
    revised = make(wire.title, [WIRE[0], NEW_TEXT], "wire.example",
                   "https://wire.example/1?updated=1", date="2024-12-19")  # fmt: skip
    elsewhere = make("Serbia frees students", [WIRE[0], NEW_TEXT], "other.example",
                     "https://other.example/9", date="2024-12-19")  # fmt: skip
    _, version, other = link(store, wire, revised, elsewhere)
    assert (version.relation, version.of_id) == ("version", wire.id)
    assert 0.2 <= version.similarity < 0.5  # too little in common for a copy
    # another outlet's page: a copy of the revision (the same text), not of the wire
    assert (other.relation, other.matched_id, other.similarity) == ("copy", revised.id, 1.0)
