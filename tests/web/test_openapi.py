"""schemathesis against /openapi.json: generated requests to every route get no 5xx,
and every response matches its documented schema (the read-only app, and the app
with a token, whose write route must refuse every request without it).

One check is left out: `positive_data_acceptance` expects every schema-valid
request to succeed, but a cursor is opaque (a well-formed string that this
server did not give is refused with a 400) and a date can match its pattern and
still not exist (2021-02-30); both 400s are documented."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tidings.web import create_app


def _operations(app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def _exercise(operation, examples: int) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
    def check(case) -> None:
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    check()


def test_every_read_route_keeps_its_contract(sample_db):
    operations = _operations(create_app(sample_db))
    labels = {op.label for op in operations}
    assert {"GET /api/articles", "GET /api/articles/{article_id}", "GET /api/quotes",
            "GET /api/actors", "GET /api/events", "GET /api/dyads", "GET /api/facets"} <= labels
    for operation in operations:
        _exercise(operation, examples=40)


def test_the_write_route_without_its_token_never_writes(sample_db, tmp_path):
    import shutil
    import sqlite3

    copy = tmp_path / "copy.db"
    shutil.copy(sample_db, copy)
    (operation,) = [op for op in _operations(create_app(copy, token="t0ken")) if op.method == "post"]
    _exercise(operation, examples=30)
    assert sqlite3.connect(copy).execute("SELECT count(*) FROM articles").fetchone()[0] == 15


pytestmark = pytest.mark.filterwarnings("ignore")
