"""A client for the app over the processed samples (`sample_db`, tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def client(sample_db: Path):
    from fastapi.testclient import TestClient

    from tidings.web import create_app

    with TestClient(create_app(sample_db)) as test_client:
        yield test_client
