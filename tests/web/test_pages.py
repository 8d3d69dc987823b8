"""The server-rendered pages over the processed samples."""

from __future__ import annotations

import re

SWAP = "558cdf0b3bfbfa90"
SERBIA = "8aff637bdc31ca14"  # the damaged Belgrade page: many edits


def test_search_page_highlights_matches_and_shows_facets(client):
    html = client.get("/", params={"q": "sanctions"}).text
    assert "2 articles matching “sanctions”" in html
    assert html.count('<mark class="hit">sanctions</mark>') >= 2
    assert 'href="/?q=sanctions&amp;event_type=SANCTION"' in html  # a facet narrows the search


def test_search_page_says_what_found_nothing(client):
    html = client.get("/", params={"q": "volcano", "outlet": "Meridian Wire", "since": "2025-01"}).text
    assert "No articles matching “volcano” from Meridian Wire since 2025-01." in html


def test_article_page_marks_actors_quotes_and_evidence(client):
    html = client.get(f"/articles/{SWAP}").text
    assert '<a class="actor k-person" href="/actors/Oksana%20Melnyk"' in html
    quote = re.search(r'<q class="quote q-direct" title="([^"]+)">', html)
    assert quote and quote.group(1).startswith("Oksana Melnyk (direct quote, wrote)")
    assert '<mark class="event t-COOPERATE"' in html
    assert 'href="?view=original"' in html


def test_original_view_marks_each_edit_with_its_reason(client):
    html = client.get(f"/articles/{SERBIA}", params={"view": "original"}).text
    edits = re.findall(r'<span class="edit e-([a-z_]+)" tabindex="0" id="edit-\d+" title="([^"]+)"', html)
    assert len(edits) >= 10
    assert ("boilerplate", "boilerplate: advertisement") in edits
    assert "<del class=\"edit-before\">Advertisement</del>" in html


def test_actor_page_shows_quotes_and_events(client):
    html = client.get("/actors/Oksana%20Melnyk").text
    assert "Every one of them is home thanks to months of quiet work" in html
    russia = client.get("/actors/Russia").text
    assert "<svg" in russia and 'class="t-COOPERATE"' in russia


def test_actor_page_says_when_there_are_no_quotes(client):
    html = client.get("/actors/Ukraine").text
    assert "No quotes by Ukraine in this store." not in html or "<blockquote>" not in html
    html = client.get("/actors/United%20Arab%20Emirates").text
    assert "No quotes by United Arab Emirates in this store." in html


def test_dyad_page_charts_a_pair_and_lists_the_evidence(client, pair_events):
    html = client.get("/dyads", params={"source": "RUS", "target": "UKR", "period": "week"}).text
    assert 'href="#period-2025-W38"' in html and 'id="period-2025-W38"' in html
    assert html.count('class="event-item"') == len(pair_events)
    assert "exchanged 146 prisoners of war" in html


def test_dyad_page_for_a_pair_with_no_events(client):
    html = client.get("/dyads", params={"source": "SOM", "target": "USA"}).text
    assert "No events from SOM to USA in this store." in html


def test_unknown_pages_are_html_404s(client):
    for path in ("/articles/0000000000000000", "/actors/Nobody%20Here", "/nowhere"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("text/html")


def test_a_bad_filter_on_a_page_is_an_html_400(client):
    response = client.get("/", params={"since": "2021-02-30"})
    assert response.status_code == 400 and "not a date" in response.text
    assert response.headers["content-type"].startswith("text/html")


def test_article_text_is_escaped(client, sample_db):
    html = client.get("/", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>" not in html
