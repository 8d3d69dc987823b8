"""The store's paged readers (tidings.store.browse) on the processed samples."""

from __future__ import annotations

import pytest

from tidings.errors import UsageError
from tidings.events import dyad_series
from tidings.store import Store
from tidings.store.views import ArticleQuery, EventQuery, decode_cursor, encode_cursor


@pytest.fixture(scope="module")
def store(sample_db):
    with Store(sample_db, read_only=True) as opened:
        yield opened


@pytest.mark.parametrize("period", ["day", "week", "month"])
@pytest.mark.parametrize("with_role", [False, True])
def test_dyads_counted_in_sql_equal_dyad_series(store, period, with_role):
    expected = dyad_series(store.dated_events(EventQuery()), period, with_role=with_role)
    assert expected  # the samples have dated events between known actors
    assert store.dyads(EventQuery(), period, with_role=with_role) == expected


def test_dyads_filtered_with_roles_match_the_full_code(store):
    everything = store.dyads(EventQuery(), "month", with_role=True)
    code = everything[0].source
    only = store.dyads(EventQuery(source=code), "month", with_role=True)
    assert only == [row for row in everything if row.source == code]


def test_listing_keeps_undated_articles_last_across_pages(store):
    seen, cursor = [], None
    while True:
        page = store.find_articles(ArticleQuery(limit=2, cursor=cursor))
        seen += page.items
        if not (cursor := page.next_cursor):
            break
    dates = [hit.published for hit in seen]
    dated = [d for d in dates if d]
    assert dates == dated + [None] * (len(dates) - len(dated))
    assert dated == sorted(dated, reverse=True) and len({h.id for h in seen}) == 15


def test_search_snippets_come_with_their_page_in_rank_order(store):
    everything = store.find_articles(ArticleQuery(q="said", limit=100)).items
    first = store.find_articles(ArticleQuery(q="said", limit=5))
    second = store.find_articles(ArticleQuery(q="said", limit=5, cursor=first.next_cursor))
    assert [h.id for h in first.items + second.items] == [h.id for h in everything[:10]]
    assert all(h.snippet and h.highlights for h in first.items)


def test_cursors_round_trip_and_refuse_tampering():
    cursor = encode_cursor("events", ["2021-01-02", "abc", 3])
    assert decode_cursor(cursor, "events", (str, str, int)) == ["2021-01-02", "abc", 3]
    with pytest.raises(UsageError):
        decode_cursor(cursor, "quotes", (str, str, int))
    with pytest.raises(UsageError):
        decode_cursor(encode_cursor("events", ["x", "y", -1]), "events", (str, str, int))
    with pytest.raises(UsageError):
        decode_cursor("!!!", "events", (str, str, int))
