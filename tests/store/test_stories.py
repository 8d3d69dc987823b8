"""The store's story tables, read as the CLI and the web pages read them."""

import pytest

from tidings.record import Actor
from tidings.store import Store
from tidings.stories import Linker

from ..stories.conftest import OTHER, WIRE, make


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request):
    location = ":memory:" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    with Store(location) as s:
        wire = make("Serbian police detain protesters", WIRE, "wire.example", "https://w/1")
        wire.actors = [Actor("a1", "Aleksandar Vucic", "person", country="SRB", role="GOV")]
        copy = make("Dozens held", WIRE[:3], "daily.example", "https://d/1", date="2024-12-20")
        chile = make("Chile raises rates", OTHER, "money.example", "https://m/1", date="2025-01-05")
        s.add([wire, copy, chile])
        Linker(s, related=False).link_pending()
        yield s


def test_every_record_carries_its_story(store):
    records = {r.title: r for r in store.articles()}
    wire, copy = records["Serbian police detain protesters"], records["Dozens held"]
    assert wire.story.relation == "original" and wire.story.of is None
    assert (copy.story.id, copy.story.relation, copy.story.of) == (wire.story.id, "copy", wire.id)
    assert store.get(copy.id).story == copy.story
    assert store.records([wire.id])[wire.id].story == wire.story


def test_stories_newest_first_with_their_counts(store):
    rows = store.stories()
    assert [(r["title"], r["articles"], r["outlets"]) for r in rows] == [
        ("Chile raises rates", 1, 1),
        ("Serbian police detain protesters", 2, 2),
    ]
    assert rows[1]["first_published"] == "2024-12-18"
    assert rows[1]["last_published"] == "2024-12-20"


@pytest.mark.parametrize(
    ("filters", "titles"),
    [
        ({"min_articles": 2}, ["Serbian police detain protesters"]),
        ({"since": "2024-12-21"}, ["Chile raises rates"]),
        ({"actor": "SRB"}, ["Serbian police detain protesters"]),
        ({"actor": "vucic"}, ["Serbian police detain protesters"]),
        ({"actor": "NATO"}, []),
        ({"limit": 1}, ["Chile raises rates"]),
    ],
)
def test_stories_filters(store, filters, titles):
    assert [r["title"] for r in store.stories(**filters)] == titles


def test_clearing_stories_leaves_the_articles(store):
    store.clear_stories()
    assert store.stories(limit=None) == []
    assert store.count() == 3
    assert all(r.story is None for r in store.articles())


def test_the_article_browser_filters_by_story(store):
    from tidings.store.views import ArticleQuery

    story_id = store.stories(min_articles=2)[0]["id"]
    hits = store.find_articles(ArticleQuery(story=story_id)).items
    assert sorted(h.title for h in hits) == ["Dozens held", "Serbian police detain protesters"]
    assert store.article(hits[0].id).story.id == story_id
