"""One actor, one key across the store: `tidings actors` lists "Donald Trump" and
"Trump" of two articles as one row (Actor.key, migration 7)."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from tidings.api import parse_text
from tidings.record import Actor, Article, Source
from tidings.store import Store
from tidings.store.schema import MIGRATIONS


def _article(title: str, body: str) -> Article:
    record = parse_text(f"{title}\n\n{body}", date="2019-11-20")
    record.source = Source(path=f"{title}.txt")
    return record


@pytest.fixture
def store(store_location):
    with Store(store_location) as s:
        yield s


def test_a_person_named_in_full_and_by_surname_is_one_row(store) -> None:
    first = _article("Trade", "President Donald Trump said on Monday that China would pay.")
    second = _article("Talks", "Mr. Trump told reporters in Washington that talks went well.")
    keys = {a.name: a.key for r in (first, second) for a in r.actors if a.kind == "person"}
    assert keys == {"Donald Trump": "USA:GOV:donald-trump", "Trump": "USA:GOV:donald-trump"}
    store.add([first, second])
    rows = [r for r in store.actors() if r["key"] == "USA:GOV:donald-trump"]
    assert len(rows) == 1
    assert (rows[0]["name"], rows[0]["articles"]) == ("Donald Trump", 2)


def test_unnamed_people_stay_apart(store) -> None:
    first = _article("Crash", "“I saw the car stop,” a witness told reporters in Ohio.")
    second = _article("Fire", "“The roof fell in,” a witness told reporters in Texas.")
    witnesses = [a for r in (first, second) for a in r.actors if a.name == "witness"]
    assert [a.key for a in witnesses] == [None, None]
    store.add([first, second])
    assert len([r for r in store.actors() if r["name"] == "witness"]) == 2  # one per article


def test_rows_stored_before_keys_are_keyed_by_name_and_codes(tmp_path) -> None:
    path = tmp_path / "old.db"
    with closing(sqlite3.connect(path)) as db, db:  # a store made before migration 7
        for script in MIGRATIONS[:6]:
            db.executescript(script)
        db.execute("PRAGMA user_version = 6")
        for title in ("Floods", "Rain"):
            record = _article(title, "Floods hit Lagos on Monday.")
            record.actors = [Actor("a1", "Lagos State", "organization", "NGA")]
            db.execute(
                "INSERT INTO articles (id, record) VALUES (?, '{}')", (record.id,)
            )
            db.execute(
                "INSERT INTO actors (article_id, actor_id, name, kind, country)"
                " VALUES (?, 'a1', 'Lagos State', 'organization', 'NGA')",
                (record.id,),
            )
    with Store(path) as store:  # migration 7 runs
        rows = [r for r in store.actors() if r["name"] == "Lagos State"]
        assert [(r["articles"], r["key"]) for r in rows] == [(2, "name:Lagos State|organization|NGA||")]
