"""The story routes and page over a store where two outlets copied one report."""

from __future__ import annotations

SWAP = "558cdf0b3bfbfa90"


def test_story_list_and_detail(story_client, story_db):
    _, story_id = story_db
    items = story_client.get("/api/stories").json()["items"]
    assert [(s["id"], s["articles"], s["outlets"]) for s in items] == [(story_id, 3, 3)]
    story = story_client.get(f"/api/stories/{story_id}").json()
    relations = {a["outlet"]: (a["relation"], a["of"]) for a in story["articles"]}
    assert relations["Meridian Wire"] == ("original", None)
    assert relations["Daily Echo"] == ("copy", SWAP)
    assert relations["Evening Post"] == ("copy", SWAP)
    cut = [d for d in story["diffs"] if d["article"] != SWAP and d["cut"]]
    assert cut and all(d["of"] == SWAP for d in story["diffs"])


def test_story_filter_on_articles(story_client, story_db):
    _, story_id = story_db
    items = story_client.get("/api/articles", params={"story": story_id}).json()["items"]
    assert len(items) == 3 and SWAP in {i["id"] for i in items}


def test_unknown_story_is_a_404(story_client):
    assert story_client.get("/api/stories/zzzzzzzz").status_code == 404
    assert story_client.get("/stories/zzzzzzzz").status_code == 404


def test_story_page_shows_articles_side_by_side_and_the_copy_diffs(story_client, story_db):
    _, story_id = story_db
    html = story_client.get(f"/stories/{story_id}").text
    assert html.count('class="story-article rel-copy"') == 2
    assert 'class="story-article rel-original"' in html
    assert '<span class="label">cut</span>' in html  # the Daily Echo copy was cut to its lead
    assert "Daily Echo: news you can trust." in html  # and padded
    assert "Events, each once" in html


def test_no_stories_is_said_in_words(client):
    html = client.get("/stories").text
    assert "No stories of 2 or more articles in this store." in html
