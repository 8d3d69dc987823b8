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


SWAP = "558cdf0b3bfbfa90"  # Russia and Ukraine swap 146 prisoners each…


@pytest.fixture(scope="session")
def story_db(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The samples plus two other outlets' copies of the prisoner-swap report (one cut
    to its lead and padded, one re-headlined), processed and linked by the real
    pipeline; returns the store and the id of the story they joined."""
    import json
    import shutil

    from tidings.ingest import ingest
    from tidings.store import Store

    folder = tmp_path_factory.mktemp("stories")
    path = folder / "stories.db"
    shutil.copy(sample_db, path)
    with Store(path) as store:
        swap = store.article(SWAP)
        copies = [
            {"title": "Prisoners come home in UAE-brokered swap", "outlet": "Daily Echo",
             "url": "https://echo.example/swap", "date": "2025-09-18",
             "text": "\n\n".join(swap.paragraphs[:4] + ["Daily Echo: news you can trust."])},
            {"title": swap.title, "outlet": "Evening Post", "url": "https://post.example/swap",
             "date": "2025-09-18", "text": "\n\n".join(swap.paragraphs)},
        ]  # fmt: skip
        source = folder / "copies.jsonl"
        source.write_text("".join(json.dumps(c) + "\n" for c in copies), encoding="utf-8")
        ingest([str(source)], store)
        (story,) = store.stories(min_articles=2)
    return path, story["id"]


@pytest.fixture(scope="session")
def story_client(story_db):
    from fastapi.testclient import TestClient

    from tidings.web import create_app

    with TestClient(create_app(story_db[0])) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def pair_events(sample_db: Path) -> list[dict]:
    """The sample store's events from Russia to Ukraine, as the store lists them: what the
    API and the pages must show for that pair (their number follows the event coder)."""
    from tidings.store import Store

    with Store(sample_db) as store:
        return store.events(source="RUS", target="UKR")
