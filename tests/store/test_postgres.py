"""What PostgreSQL adds to the shared store tests (test_sqlite.py runs on both): its
own schema bookkeeping, read-only use, search syntax and many writers at once."""

import multiprocessing

import pytest

from tidings.api import parse_text
from tidings.errors import StoreError
from tidings.record import Source
from tidings.store import Store
from tidings.store.postgres import translate
from tidings.store.schema import MIGRATIONS, for_postgresql


def _article(title: str, body: str, path: str | None = None):
    record = parse_text(f"{title}\n\n{body}", date="2021-01-24", nlp=False)
    record.source = Source(path=path or f"{title}.txt")
    return record


def test_sqlite_spellings_become_postgresql_ones():
    assert translate("INSERT OR IGNORE INTO t (a) VALUES (?)") == (
        "INSERT INTO t (a) VALUES (%s) ON CONFLICT DO NOTHING"
    )
    assert translate("SELECT 1 WHERE id LIKE ? || '%'") == "SELECT 1 WHERE id ILIKE %s || '%%'"
    assert "DOUBLE PRECISION" in for_postgresql(3) and " REAL" not in for_postgresql(3)
    assert "tsvector" in for_postgresql(1) and "fts5" not in for_postgresql(1)


def test_reopening_keeps_what_was_committed_and_the_schema(postgres_url):
    with Store(postgres_url) as first:
        first.add([_article("Kept", "Committed text.")])
    with Store(postgres_url) as second:
        assert second.backend == "postgresql"
        assert second.count() == 1
        assert second.schema_version == len(MIGRATIONS)
        rows = second.db.execute("SELECT count(*) FROM schema_version").fetchone()[0]
        assert rows == len(MIGRATIONS)  # migrations applied once, not again on reopening


def test_search_takes_web_search_syntax_and_stems_words(postgres_url):
    with Store(postgres_url) as store:
        store.add([
            _article("Talks resume in Geneva", "Envoys met to discuss a ceasefire."),
            _article("Floods in Lagos", "Rain closed roads; envoys stayed away."),
        ])  # fmt: skip
        assert [r["title"] for r in store.search("talk")] == ["Talks resume in Geneva"]
        assert [r["title"] for r in store.search("envoys -geneva")] == ["Floods in Lagos"]
        assert len(store.search("geneva OR lagos")) == 2
        assert store.search('"met to discuss"')[0]["snippet"].count("[") >= 1
        assert store.search('"unbalanced AND (') == []


def test_a_read_only_store_never_writes(postgres_url):
    with Store(postgres_url) as store:
        store.add([_article("Kept", "Committed text.")])
    with Store(postgres_url, read_only=True) as reader:
        assert reader.count() == 1
        with pytest.raises(Exception, match="read-only transaction"):
            reader.add([_article("New", "Text.")])
    with Store(postgres_url) as store:
        assert store.count() == 1


def test_a_read_only_store_that_is_not_yet_created_says_so(postgres_url):
    with pytest.raises(StoreError, match="no tidings data yet"):
        Store(postgres_url, read_only=True)


def test_a_store_from_a_newer_tidings_is_not_written(postgres_url):
    with Store(postgres_url) as store:
        store.db.execute("INSERT INTO schema_version VALUES (?)", (len(MIGRATIONS) + 1,))
    with pytest.raises(StoreError, match="newer tidings"):
        Store(postgres_url)


def test_a_server_that_is_not_there_is_a_one_line_error(postgres_server):
    url = f"postgresql://tidings@127.0.0.1:{postgres_server.port}/no_such_database"
    with pytest.raises(StoreError, match="cannot open the database .*no_such_database") as info:
        Store(url)
    assert "\n" not in str(info.value)


def _open(url: str, start, results) -> None:  # noqa: ANN001
    start.wait()
    try:
        with Store(url) as store:
            results.put((store.schema_version, store.count()))
    except Exception as exc:  # noqa: BLE001 - reported to the test
        results.put(repr(exc))


def test_many_processes_opening_a_new_store_at_once_all_get_the_whole_schema(postgres_url):
    context = multiprocessing.get_context("fork")
    start, results = context.Barrier(4), context.Queue()
    procs = [context.Process(target=_open, args=(postgres_url, start, results)) for _ in range(4)]
    for proc in procs:
        proc.start()
    outcomes = [results.get(timeout=120) for _ in procs]
    for proc in procs:
        proc.join()
    assert outcomes == [(len(MIGRATIONS), 0)] * 4


def _write(url: str, batches: list[list[int]], start, results) -> None:  # noqa: ANN001
    """One writer: overlapping batches of the same articles other writers also store."""
    start.wait()
    try:
        added = 0
        with Store(url) as store:
            for batch in batches:
                records = [_article(f"Story {n}", f"Body of story {n}.", f"s{n}.txt") for n in batch]
                added += store.add(records)[0]
        results.put(added)
    except Exception as exc:  # noqa: BLE001 - reported to the test
        results.put(repr(exc))


def test_many_writers_at_once_lose_and_duplicate_nothing(postgres_url):
    Store(postgres_url).close()  # the schema first: the writers race on articles, not DDL
    writers = 4
    # every article is written by two writers, in batches that overlap in both directions
    plans = [[list(range(w * 30 + b * 10, w * 30 + b * 10 + 40)) for b in range(3)]
             for w in range(writers)]  # fmt: skip
    plans[1] = [list(reversed(batch)) for batch in plans[1]]
    context = multiprocessing.get_context("fork")
    start, results = context.Barrier(writers), context.Queue()
    procs = [context.Process(target=_write, args=(postgres_url, plan, start, results))
             for plan in plans]  # fmt: skip
    for proc in procs:
        proc.start()
    outcomes = [results.get(timeout=180) for _ in procs]
    for proc in procs:
        proc.join()
    expected = {n for plan in plans for batch in plan for n in batch}
    assert all(isinstance(o, int) for o in outcomes), outcomes
    assert sum(outcomes) == len(expected)  # each article counted as new exactly once
    with Store(postgres_url) as store:
        titles = [a.title for a in store.articles()]
        assert sorted(titles) == sorted(f"Story {n}" for n in expected)
        quoted = store.db.execute("SELECT count(DISTINCT id), count(*) FROM articles").fetchone()
        assert quoted[0] == quoted[1] == len(expected)
