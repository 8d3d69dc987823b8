import sqlite3

import pytest

from tidings.api import parse_text
from tidings.errors import StoreError
from tidings.record import Article, Quote, Source
from tidings.store import Store
from tidings.store.schema import MIGRATIONS


def _article(title: str, body: str, path: str | None = None) -> Article:
    record = parse_text(f"{title}\n\n{body}", date="2021-01-24", nlp=False)
    record.source = Source(path=path or f"{title}.txt")
    return record


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request):
    """Every test that takes `store` runs on both backends: the same API, the same schema."""
    location = ":memory:" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    with Store(location) as s:
        yield s


def test_new_store_has_every_migration(store):
    assert store.schema_version == len(MIGRATIONS)


def test_adding_the_same_records_twice_adds_nothing_new(store):
    records = [_article("Talks", "Envoys met in Geneva."), _article("Rain", "Floods hit Lagos.")]
    assert store.add(records) == (2, 0)
    assert store.add(records) == (0, 0)
    assert store.count() == 2


def test_search_finds_title_and_body_words_and_survives_bad_syntax(store):
    store.add([_article("Talks resume", "Envoys met in Geneva."), _article("Rain", "Floods.")])
    assert [r["title"] for r in store.search("geneva")] == ["Talks resume"]
    assert [r["title"] for r in store.search("talks")] == ["Talks resume"]
    assert store.search('"unbalanced AND (') == []


def test_get_by_id_prefix_and_round_trip(store):
    record = _article("Talks", "Envoys met in Geneva.")
    record.quotes = [Quote("We agree", "direct", "Ana Lopes", None, "she", "said", None, 0)]
    store.add([record])
    again = store.get(record.id[:6])
    assert again == record
    assert store.quotes(speaker="lopes")[0]["text"] == "We agree"
    assert store.get("zzzz") is None


def test_failed_documents_are_recorded_and_cleared_when_they_succeed(store):
    failed = Article(id="f1", source=Source(path="bad.txt"), original="", errors=["read: empty"])
    store.add([failed])
    assert store.failures() == [{"source": "bad.txt", "id": "f1", "error": "read: empty"}]
    store.add([_article("Fixed", "Now it has text.", path="bad.txt")])
    assert store.failures() == []


def test_a_batch_is_all_or_nothing(store):
    good = _article("Good", "Text.")
    broken = _article("Broken", "Text too.")
    broken.actors = [None]  # type: ignore[list-item]  # fails while writing details
    with pytest.raises(AttributeError):
        store.add([good, broken])
    assert store.count() == 0  # the transaction was rolled back
    assert store.add([good]) == (1, 0)


def test_reopening_a_file_keeps_what_was_committed(tmp_path):
    path = tmp_path / "t.db"
    with Store(path) as first:
        first.add([_article("Kept", "Committed text.")])
    with Store(path) as second:
        assert second.count() == 1
        assert second.schema_version == len(MIGRATIONS)
        assert second.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path):
    path = tmp_path / "not.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="cannot open the database"):
        Store(path)


def test_fts_index_stays_in_step_with_articles():
    store = Store(":memory:")  # SQLite's FTS5 index (PostgreSQL's is a generated column)
    store.add([_article("One", "Alpha text."), _article("Two", "Beta text.")])
    store.db.execute("DELETE FROM articles WHERE title = 'One'")
    assert store.search("alpha") == []
    store.db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("INSERT INTO articles (id, record) VALUES (NULL, NULL)")


def test_events_are_stored_and_filtered_by_codes_type_and_date(store):
    from tidings.record import Actor, Event

    rus = Actor("a1", "Russia", "country", "RUS", None, "GOV", None, 3)
    usa = Actor("a2", "United States", "country", "USA", None, None, None, 2)
    eu = Actor("a3", "European Union", "organization", None, "EU", "IGO", None, 1)

    def event(kind, source, target, date):
        return Event(kind, None, source, target, "asserted", date, None, None, -2.0, "s.", 0, 0.9)

    record = _article("Events", "Text.")
    record.events = [
        event("REQUEST", usa, rus, "2021-01-23"),
        event("ACCUSE", eu, rus, "2021-01-24"),
        event("CONSULT", rus, usa, "2021-01-25"),
    ]
    store.add([record])
    assert [e["type"] for e in store.events(target="rus")] == ["REQUEST", "ACCUSE"]
    assert [e["type"] for e in store.events(source="EU")] == ["ACCUSE"]
    assert [e["type"] for e in store.events(source="GOV")] == ["CONSULT"]
    assert [e["type"] for e in store.events(since="2021-01-24")] == ["ACCUSE", "CONSULT"]
    assert [e["type"] for e in store.events(until="2021-01-23")] == ["REQUEST"]
    assert [e["type"] for e in store.events(types=["consult", "request"])] == ["REQUEST", "CONSULT"]


def _open_and_count(path: str, start, results) -> None:  # noqa: ANN001
    start.wait()
    try:
        with Store(path) as store:
            results.put((store.schema_version, store.count()))
    except Exception as exc:  # noqa: BLE001 - reported to the test
        results.put(repr(exc))


def test_many_processes_opening_a_new_store_at_once_all_get_the_whole_schema(tmp_path):
    import multiprocessing

    context = multiprocessing.get_context("fork")
    for trial in range(8):  # the races (schema, WAL switch) showed in 1 of 13 and 1 of 30
        path = str(tmp_path / f"new{trial}.db")
        start, results = context.Barrier(8), context.Queue()
        procs = [context.Process(target=_open_and_count, args=(path, start, results))
                 for _ in range(8)]  # fmt: skip
        for proc in procs:
            proc.start()
        outcomes = [results.get(timeout=60) for _ in procs]
        for proc in procs:
            proc.join()
        assert outcomes == [(len(MIGRATIONS), 0)] * 8


def test_a_read_only_store_never_writes(tmp_path):
    path = tmp_path / "r.db"
    with Store(path) as store:
        store.add([_article("Kept", "Committed text.")])
    before = path.read_bytes()
    with Store(path, read_only=True) as reader:
        assert reader.count() == 1
        assert [r["title"] for r in reader.search("committed")] == ["Kept"]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.add([_article("New", "Text.")])
    assert path.read_bytes() == before


def test_a_read_only_store_that_is_not_yet_created_says_so(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(StoreError, match="no tidings data yet"):
        Store(path, read_only=True)


def test_a_store_from_a_newer_tidings_is_not_written(tmp_path):
    path = tmp_path / "newer.db"
    with Store(path) as store:
        store.db.execute(f"PRAGMA user_version={len(MIGRATIONS) + 1}")
    with pytest.raises(StoreError, match="newer tidings"):
        Store(path)


def test_ids_starting_lists_every_article_a_prefix_names(store):
    store.add([_article(f"Story {n}", f"Text number {n}.") for n in range(40)])
    ids = sorted(a.id for a in store.articles())
    shared = next(a[0] for a, b in zip(ids, ids[1:], strict=False) if a[0] == b[0])
    assert store.ids_starting(shared, limit=50) == [i for i in ids if i.startswith(shared)]
    assert store.get(shared) is None
