"""Answers kept while the store is unchanged (tidings.web.cache): a repeated query is
not worked out again, and any write makes every kept answer old."""

from __future__ import annotations

import functools
import shutil
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from tidings.store import Store
from tidings.web import create_app
from tidings.web.cache import Answers


def test_an_answer_is_kept_per_generation_and_only_the_latest_ones():
    calls = []

    def read(word: str) -> str:
        calls.append(word)
        return word.upper()

    answers = Answers(size=2)
    assert [answers.get(1, read, "a"), answers.get(1, read, "a")] == ["A", "A"]
    assert calls == ["a"]
    answers.get(2, read, "a")  # a new generation: asked again
    answers.get(2, read, "b")
    answers.get(2, read, "c")  # over the size: the least recently used ("a") goes
    answers.get(2, read, "a")
    answers.get(None, read, "a")  # no generation: never kept
    assert calls == ["a", "a", "b", "c", "a", "a"] and len(answers) == 2


@pytest.fixture
def counted(monkeypatch):
    """How often the store's search and facet readers really ran."""
    runs = {"find_articles": 0, "article_facets": 0}
    for name in runs:
        original = getattr(Store, name)

        @functools.wraps(original)
        def counting(self, *args, _original=original, _name=name):
            runs[_name] += 1
            return _original(self, *args)

        monkeypatch.setattr(Store, name, counting)
    return runs


def test_a_write_is_seen_by_the_next_request(sample_db, tmp_path, counted):
    db = tmp_path / "store.db"
    shutil.copy(sample_db, db)
    with TestClient(create_app(db)) as client:
        search = {"q": "prisoners"}

        def ask() -> tuple[list[str], int]:
            items = client.get("/api/articles", params=search).json()["items"]
            total = client.get("/api/facets", params=search).json()["total"]
            assert client.get("/", params=search).status_code == 200  # the search page
            return [i["title"] for i in items], total

        titles, total = ask()
        assert ask() == (titles, total) and total == len(titles) == 1
        assert counted == {"find_articles": 1, "article_facets": 1}  # asked once each
        with Store(db) as store:
            swap = next(a for a in store.articles() if a.title in titles)
            store.add([replace(swap, id="0" * 16, title="More prisoners come home")])
        titles_after, total_after = ask()
        assert "More prisoners come home" in titles_after and total_after == 2
        assert counted == {"find_articles": 2, "article_facets": 2}


def test_one_commit_raises_the_generation_once(sample_db, tmp_path):
    """However many pooled stores read between commits, a commit makes one new
    generation: the answers kept since the last commit stay good until the next."""
    from tidings.web.pool import StorePool

    db = tmp_path / "store.db"
    shutil.copy(sample_db, db)
    pool = StorePool(db, size=4)
    stores = [pool.take() for _ in range(4)]
    first = pool.current_generation()
    for store in stores:
        store.count()  # every store reads
        assert pool.current_generation() == first
    with Store(db) as writer:
        record = next(writer.articles())
        writer.add([replace(record, id="1" * 16, title="A new report")])
    seen = {pool.current_generation() for _ in stores}
    assert seen == {first + 1}
    for store in stores:
        pool.give_back(store)
    pool.close()
