"""Hostile requests: SQL and FTS injection, path traversal, writes without the token."""

from __future__ import annotations

import base64
import json
import shutil
import sqlite3

import pytest
from fastapi.testclient import TestClient

from tidings.errors import StoreError
from tidings.store import Store
from tidings.web import create_app

INJECTIONS = [
    "' OR '1'='1",
    "x'; DROP TABLE articles; --",
    "\" OR 1=1 --",
    "1) UNION SELECT record, record, record, record, record, record FROM articles --",
    "title:* OR body:*",
    "NEAR(a b, -1)",
    "\x00",
    "%' ESCAPE '",
]


def _count(db) -> int:
    return sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize(
    ("route", "param"),
    [
        ("/api/articles", "q"),
        ("/api/articles", "outlet"),
        ("/api/articles", "actor"),
        ("/api/quotes", "speaker"),
        ("/api/actors", "q"),
        ("/api/events", "actor"),
        ("/", "q"),
    ],
)
def test_injection_is_only_ever_a_value(client, sample_db, route, param, value):
    response = client.get(route, params={param: value})
    assert response.status_code in (200, 422)
    if route.startswith("/api") and response.status_code == 200:
        assert response.json()["items"] == []  # matched as text, found nowhere
    assert _count(sample_db) == 15


def _cursor(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def test_a_forged_cursor_is_refused_or_only_a_value(client):
    wrong_types = _cursor(["articles", ["2030' OR 1=1 --", "5"]])
    assert client.get("/api/articles", params={"cursor": wrong_types}).status_code == 400
    # well-typed but forged: compared as a value, like any sort key
    before_all = _cursor(["articles", ["", 0]])
    assert client.get("/api/articles", params={"cursor": before_all}).json()["items"] == []
    sql_text = _cursor(["articles", ["2024-12' OR 1=1 --", 1]])
    items = client.get("/api/articles", params={"cursor": sql_text, "limit": 100}).json()["items"]
    assert {i["published"] for i in items} <= {None, "2024-11-26"}


@pytest.mark.parametrize(
    "path",
    [
        "/static/../pyproject.toml",
        "/static/%2e%2e/app.py",
        "/static/..%2f..%2fstore%2fsqlite.py",
        "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/articles/..%2f..%2fetc%2fpasswd",
        "/api/articles/..%2f..%2fetc%2fpasswd",
        "/actors/..%2f..%2fetc%2fpasswd",
    ],
)
def test_path_traversal_finds_nothing(client, path):
    response = client.get(path)
    assert 400 <= response.status_code < 500
    assert "root:" not in response.text and "sqlite3" not in response.text


def test_the_stylesheet_is_served(client):
    response = client.get("/static/tidings.css")
    assert response.status_code == 200 and "text/css" in response.headers["content-type"]


def test_without_a_token_nothing_can_be_posted(client, sample_db):
    for method in ("post", "put", "delete"):
        response = getattr(client, method)("/api/documents")
        assert response.status_code in (404, 405)
    assert client.post("/api/articles", content=b"x").status_code == 405
    assert _count(sample_db) == 15


def test_readers_cannot_write(sample_db):
    with Store(sample_db, read_only=True) as store, pytest.raises(sqlite3.OperationalError):
        store.db.execute("DELETE FROM articles")


def test_a_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no database"):
        create_app(tmp_path / "none.db")


@pytest.fixture
def writable(sample_db, tmp_path):
    copy = tmp_path / "copy.db"
    shutil.copy(sample_db, copy)
    with TestClient(create_app(copy, token="s3cret-token")) as test_client:
        yield test_client, copy


TEXT = (
    "Harbour reopens after storm\n\n"
    "The port of Valletta reopened on Monday after a storm closed it for two days, "
    "the harbour authority said.\n"
)


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret"}, {"Authorization": ""}],
)
def test_a_wrong_token_writes_nothing(writable, headers):
    test_client, copy = writable
    response = test_client.post("/api/documents", content=TEXT.encode(), headers=headers)
    assert response.status_code == 401
    assert "token" in response.json()["detail"]
    assert _count(copy) == 15


def test_the_token_lets_a_document_in(writable):
    test_client, copy = writable
    response = test_client.post(
        "/api/documents",
        params={"format": "text", "date": "2024-03-04", "name": "valletta.txt"},
        content=TEXT.encode(),
        headers={"Authorization": "Bearer s3cret-token"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["added"] == 1 and body["articles"][0]["title"] == "Harbour reopens after storm"
    assert _count(copy) == 16
    stored = test_client.get(f"/api/articles/{body['articles'][0]['id']}").json()
    assert stored["published"] == "2024-03-04"
    assert any(a["name"] == "Valletta" for a in stored["actors"]) or stored["paragraphs"]


def test_posting_nothing_or_a_bad_date_is_a_4xx(writable):
    test_client, copy = writable
    auth = {"Authorization": "Bearer s3cret-token"}
    assert test_client.post("/api/documents", content=b"", headers=auth).status_code == 400
    bad = test_client.post(
        "/api/documents", params={"date": "2024-02-31"}, content=b"x y", headers=auth
    )
    assert bad.status_code == 400
    assert _count(copy) == 15
