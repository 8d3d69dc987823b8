"""The store's paged readers (tidings.store.browse) on the processed samples."""

from __future__ import annotations

import pytest

from tidings.errors import UsageError
from tidings.events import dyad_series
from tidings.record import Article, Source
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


def _article(article_id: str, title: str, *paragraphs: str) -> Article:
    return Article(article_id, Source(path=f"{article_id}.txt"), "\n\n".join(paragraphs),
                   title=title, paragraphs=list(paragraphs))  # fmt: skip


FILLER = "Officials met on Tuesday to discuss the budget, the roads and the schools. " * 8


@pytest.fixture(scope="module")
def ranked_store(tmp_path_factory):
    """Articles that say "drought" more or less: in the title and twice in a short body,
    twice in a long body, once in a long body, only in the title; and twelve that never do
    (so that the word is rare enough for its weight to count)."""
    path = tmp_path_factory.mktemp("ranking") / "ranking.db"
    records = [
        _article("once-long", "Budget talks go on", FILLER, "A drought was mentioned.", FILLER),
        _article("title-only", "Drought fears grow", "Farmers met the minister."),
        _article("best", "Drought grips the Horn of Africa",
                 "The drought has killed cattle.", "Aid agencies say the drought will last."),
        _article("twice-long", "Farm report", FILLER, "The drought and another drought.", FILLER),
    ] + [_article(f"other-{n}", f"Council news {n}", FILLER) for n in range(12)]  # fmt: skip
    with Store(path) as store:
        store.add(records)
    with Store(path, read_only=True) as store:
        yield store


def test_the_best_match_comes_first(ranked_store):
    """bm25 with the title weighted: the article about a drought (in its headline and
    throughout its short text) first, then the headline alone, then the word said twice
    in a long text, then once."""
    expected = ["best", "title-only", "twice-long", "once-long"]
    page = ranked_store.find_articles(ArticleQuery(q="drought", limit=10))
    assert [hit.id for hit in page.items] == expected and page.next_cursor is None
    assert all("drought" in hit.snippet.lower() or hit.title_highlights for hit in page.items)
    paged, cursor = [], None
    for _ in expected:
        one = ranked_store.find_articles(ArticleQuery(q="drought", limit=1, cursor=cursor))
        paged += [hit.id for hit in one.items]
        cursor = one.next_cursor
    assert paged == expected and cursor is None
