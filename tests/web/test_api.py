"""Each API route over the processed samples: what it returns, how it pages and filters,
and the 4xx it gives for bad parameters."""

from __future__ import annotations

import json

import pytest

from tidings.record import Article
from tidings.store import Store

SWAP = "558cdf0b3bfbfa90"  # Russia and Ukraine swap 146 prisoners each…


def test_article_is_the_exported_record(client, sample_db):
    body = client.get(f"/api/articles/{SWAP}").json()
    with Store(sample_db) as store:
        exported = [a.to_dict() for a in store.articles() if a.id == SWAP]
    assert body == json.loads(json.dumps(exported[0]))
    assert Article.from_dict(body).title.startswith("Russia and Ukraine swap")


def test_unknown_article_is_a_json_404(client):
    response = client.get("/api/articles/0123456789abcdef")
    assert response.status_code == 404
    assert "no article" in response.json()["detail"]


def test_search_ranks_and_highlights_the_words(client):
    items = client.get("/api/articles", params={"q": "sanctions"}).json()["items"]
    assert {i["title"] for i in items} == {
        "U.S. sanctions Hong Kong and Chinese firms over drone parts for Russia",
        "EU agrees new sanctions on Russia’s shadow fleet",
    }
    for item in items:
        marked = [item["snippet"][h["start"] : h["end"]] for h in item["highlights"]]
        assert marked and {m.lower() for m in marked} == {"sanctions"}
        title_marked = [item["title"][h["start"] : h["end"]] for h in item["title_highlights"]]
        assert title_marked == ["sanctions"]


def test_search_with_broken_syntax_searches_the_words(client):
    response = client.get("/api/articles", params={"q": 'prisoners AND ("swap'})
    assert response.status_code == 200
    assert [i["id"] for i in response.json()["items"]] == [SWAP]


def test_listing_pages_cover_every_article_once(client):
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 4} | ({"cursor": cursor} if cursor else {})
        page = client.get("/api/articles", params=params).json()
        seen += [i["id"] for i in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == 4 and len(seen) == 15 == len(set(seen))
    dated = [client.get(f"/api/articles/{i}").json()["published"] for i in seen]
    present = [d for d in dated if d]
    assert present == sorted(present, reverse=True)  # newest first


def test_search_pages_do_not_repeat(client):
    first = client.get("/api/articles", params={"q": "said", "limit": 3}).json()
    second = client.get(
        "/api/articles", params={"q": "said", "limit": 3, "cursor": first["next_cursor"]}
    ).json()
    assert len(first["items"]) == 3 and second["items"]
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"outlet": "Meridian Wire"}, {"ebba69be1fbb89dd", SWAP}),
        ({"since": "2025-09", "until": "2025-10"}, {SWAP, "85cd827e98415635"}),
        ({"until": "2024"}, {"4940f90c765fb594"}),
        ({"actor": "UKR", "event_type": "COOPERATE"}, {SWAP}),
        ({"actor": "Oksana Melnyk"}, {SWAP}),
        ({"q": "sanctions", "outlet": "Atlantic Dispatch"}, {"4940f90c765fb594"}),
    ],
)
def test_article_filters(client, params, expected):
    items = client.get("/api/articles", params=params | {"limit": 100}).json()["items"]
    assert {i["id"] for i in items} == expected


def test_facets_count_what_the_query_matches(client):
    facets = client.get("/api/facets", params={"q": "sanctions"}).json()
    assert facets["total"] == 2
    assert {"value": "SANCTION", "count": 2} in facets["event_types"]
    assert facets["outlets"] == [{"value": "Atlantic Dispatch", "count": 1}]


def test_quotes_by_speaker(client):
    items = client.get("/api/quotes", params={"speaker": "Oksana Melnyk"}).json()["items"]
    assert [i["quote"]["text"] for i in items] == [
        "Every one of them is home thanks to months of quiet work",
        "We will not stop until we bring back everyone.",
    ]
    assert {i["article"]["id"] for i in items} == {SWAP}


def test_quotes_page_through_all(client, sample_db):
    with Store(sample_db) as store:
        total = store.db.execute("SELECT count(*) FROM quotes").fetchone()[0]
    seen, cursor = set(), None
    while True:
        page = client.get(
            "/api/quotes", params={"limit": 7} | ({"cursor": cursor} if cursor else {})
        ).json()
        seen |= {(i["article"]["id"], i["position"]) for i in page["items"]}
        if not (cursor := page["next_cursor"]):
            break
    assert len(seen) == total > 7


def test_actors_most_written_about_first_and_filtered(client):
    items = client.get("/api/actors", params={"limit": 3}).json()["items"]
    assert items[0]["name"] == "European Union" and items[0]["articles"] == 6
    found = client.get("/api/actors", params={"q": "melnyk"}).json()["items"]
    assert [a["name"] for a in found] == ["Oksana Melnyk"]
    countries = client.get("/api/actors", params={"kind": "country", "limit": 100}).json()
    assert countries["items"] and all(a["kind"] == "country" for a in countries["items"])


def test_events_filtered_by_pair_and_type(client, pair_events):
    items = client.get("/api/events", params={"source": "RUS", "target": "UKR"}).json()["items"]
    assert len(pair_events) >= 2 and len(items) == len(pair_events)
    assert all(i["event"]["source"]["country"] == "RUS" for i in items)
    assert all(i["event"]["target"]["country"] == "UKR" for i in items)
    typed = client.get("/api/events", params={"event_type": "SANCTION"}).json()["items"]
    assert typed and {i["event"]["type"] for i in typed} == {"SANCTION"}


def test_dyads_count_by_type_and_period(client, pair_events):
    items = client.get(
        "/api/dyads", params={"source": "RUS", "target": "UKR", "period": "month"}
    ).json()["items"]
    counts: dict[str, int] = {}
    for event in pair_events:
        counts[event["type"]] = counts.get(event["type"], 0) + 1
    mean = sum(e["intensity"] for e in pair_events) / len(pair_events)
    assert items == [
        {
            "source": "RUS",
            "target": "UKR",
            "period": "2025-09",
            "counts": counts,
            "total": len(pair_events),
            "mean_intensity": round(mean, 2),
        }
    ]


def test_dyads_agree_with_the_cli(client, sample_db):
    from typer.testing import CliRunner

    from tidings.cli import app

    shown = CliRunner().invoke(app, ["dyads", "--db", str(sample_db), "--format", "json", "--limit", "0"])
    cli_rows = json.loads(shown.stdout)
    api_rows = client.get("/api/dyads", params={"limit": 100}).json()["items"]
    assert api_rows == cli_rows


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/api/articles?limit=0", 422, "limit"),
        ("/api/articles?limit=101", 422, "limit"),
        ("/api/articles?limit=ten", 422, "limit"),
        ("/api/articles?since=2021-02-30", 400, "not a date"),
        ("/api/articles?until=yesterday", 422, "until"),
        ("/api/articles?cursor=bm90IGpzb24", 400, "cursor"),
        ("/api/events?event_type=BOMB", 422, "event_type"),
        ("/api/dyads?period=year", 422, "period"),
        ("/api/actors?kind=alien", 422, "kind"),
        ("/api/articles/xyz", 422, "article_id"),
    ],
)
def test_bad_parameters_get_a_json_reason(client, url, status, words):
    response = client.get(url)
    assert response.status_code == status
    assert words in response.json()["detail"]


def test_a_cursor_from_another_list_is_refused(client):
    cursor = client.get("/api/quotes", params={"limit": 1}).json()["next_cursor"]
    response = client.get("/api/articles", params={"cursor": cursor})
    assert response.status_code == 400
    assert "another list" in response.json()["detail"]


def test_openapi_models_come_from_the_record(client):
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    article = schemas["Article"]["properties"]
    from dataclasses import fields

    assert set(article) == {f.name for f in fields(Article)}
    assert {"ArticlePage", "QuotePage", "ActorPage", "EventPage", "DyadPage", "Facets"} <= set(
        schemas
    )
    assert "/api/documents" not in spec["paths"]  # no token, no write route
