"""Shared fixtures: small hand-written articles and a throwaway store."""

from __future__ import annotations

import os
import subprocess
import sys
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


@pytest.fixture
def unprivileged():
    """Run `tidings` in a process that file permissions apply to (see `run_unprivileged`)."""
    return run_unprivileged


def run_unprivileged(*args: object, timeout: float = 120) -> subprocess.CompletedProcess:
    """`tidings ARGS` in a new process that file permissions apply to. Run as root
    (as CI is), it drops the capabilities that let root read and write any file."""
    command = [sys.executable, "-m", "tidings", *map(str, args)]
    if os.geteuid() == 0:
        drop = "-dac_override,-dac_read_search"
        command = ["setpriv", "--bounding-set", drop, "--inh-caps", drop, *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


# --- PostgreSQL: one throwaway server for the session, a new database per test ---------


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server (Debian's package) in a temporary folder, on a free port
    of 127.0.0.1; stopped and removed when the tests end."""
    from tidings.store.pgserver import TempPostgres

    with TempPostgres() as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server) -> str:
    return postgres_server.new_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request, tmp_path) -> str:
    """Where a store lives, once for each backend: a SQLite file, a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("postgres_url")


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled samples processed by the real pipeline into a store, once per session."""
    from tidings.ingest import ingest
    from tidings.store import Store

    path = tmp_path_factory.mktemp("samples") / "samples.db"
    with Store(path) as store:
        summary = ingest([str(SAMPLES / "text"), str(SAMPLES / "articles.jsonl")], store)
    assert summary.added == 15 and not summary.failed
    return path


class ProcessTree:
    """Processes seen through /proc (Linux): a parent's live children, and who is alive."""

    @staticmethod
    def children(pid: int) -> list[int]:
        """Live child processes of `pid` (zombies left to reap count as gone)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == str(pid) and fields[0] != "Z":
                found.append(int(stat.parent.name))
        return found

    @staticmethod
    def alive(pid: int) -> bool:
        try:
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return False


@pytest.fixture
def processes() -> ProcessTree:
    return ProcessTree()
