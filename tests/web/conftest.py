"""A store of the bundled samples, processed by the real pipeline once per session,
and a client for the app over it."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from tidings.ingest import ingest
from tidings.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

warnings.filterwarnings("ignore", message=".*httpx2.*")


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "samples.db"
    with Store(path) as store:
        summary = ingest([str(SAMPLES / "text"), str(SAMPLES / "articles.jsonl")], store)
    assert summary.added == 15 and not summary.failed
    return path


@pytest.fixture(scope="session")
def client(sample_db: Path):
    from fastapi.testclient import TestClient

    from tidings.web import create_app

    with TestClient(create_app(sample_db)) as test_client:
        yield test_client
