"""datasette, opened on a store, finds its full-text index and searches with it."""

import asyncio
import sqlite3

from tidings.api import parse_text
from tidings.store import Store


def _store(path):
    texts = ["Border talks resume\n\nSerbia and Kosovo agreed to reopen talks on Tuesday.",
             "Harbour reopens\n\nThe port of Valletta reopened after a storm."]  # fmt: skip
    with Store(path) as store:
        store.add([parse_text(text, nlp=False) for text in texts])


def _get(path, url):
    from datasette.app import Datasette

    async def fetch():
        datasette = Datasette([str(path)])
        await datasette.invoke_startup()
        return await datasette.client.get(url)

    return asyncio.run(fetch())


def test_datasette_detects_the_search_index_and_searches(tmp_path):
    path = tmp_path / "news.db"
    _store(path)
    response = _get(path, "/news/articles.json?_search=Kosovo&_shape=array")
    assert response.status_code == 200, response.text
    assert [row["title"] for row in response.json()] == ["Border talks resume"]
    page = _get(path, "/news/articles").text
    assert 'name="_search"' in page  # the table page offers search: the index was found


def test_a_store_made_before_the_index_was_declared_is_migrated(tmp_path):
    from tidings.store.schema import MIGRATIONS

    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    for number, script in enumerate(MIGRATIONS[:3], start=1):
        db.executescript(script)
        db.execute(f"PRAGMA user_version={number}")
    db.execute("INSERT INTO articles (id, title, body, record) VALUES ('a', 'Quake', "
               "'A quake hit Lima.', '{}')")  # fmt: skip
    db.close()
    with Store(path) as store:
        assert store.schema_version >= 4
        assert [row["id"] for row in store.search("Lima")] == ["a"]
    response = _get(path, "/old/articles.json?_search=Lima&_shape=array")
    assert [row["id"] for row in response.json()] == ["a"]
