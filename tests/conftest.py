"""Shared fixtures: small hand-written articles and a throwaway store."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"

DAMAGED = """Ministers agree to reopen border talks

World News Europe

Serbia and Kosovo agreed on Tuesday to reopen talks on the border crossing, officials said/

Serbia and Kosovo agreed on Tuesday to reopen talks on the border crossing, officials said, after a week of protests that closed two checkpoints.

The European Union, which mediates the dialogue, welcomed the decision and said negotiators would meet in Brussels next week.

Share this on

Leave a comment
"""

CLEAN = """Harbour reopens after storm

The port of Valletta reopened on Monday after a storm closed it for two days, the harbour authority said.

Ferries to Gozo resumed at noon, and officials said inbound cargo would be cleared by tonight.
"""


@pytest.fixture
def damaged_text() -> str:
    return DAMAGED


@pytest.fixture
def clean_text() -> str:
    return CLEAN


@pytest.fixture
def write(tmp_path: Path):
    """Write a file under tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write
