"""The cases of issue 10, each with its reproduction as the issue gives it.

Tried as a hostile user would: every one of these once stopped a batch, hung,
lost a document or said something wrong. The README's reliability table lists
them with their outcome.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tidings.cli import app
from tidings.store import Store

runner = CliRunner()

GOOD = "Talks resume\n\nOfficials in Moscow said on Tuesday that talks with Kyiv would resume.\n"


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def one_line(stderr: str) -> bool:
    return len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr


@pytest.fixture
def stored(tmp_path, write) -> Path:
    """A store holding three articles, made and closed."""
    db = tmp_path / "s.db"
    for n in range(3):
        write(f"in/{n}.txt", GOOD.replace("Kyiv", f"Kyiv ({n})"))
    result = run("process", tmp_path / "in", "--db", db, "--no-nlp")
    assert result.exit_code == 0, result.output
    return db


# --- 5. two processes opening a new database at once: see tests/store -------------


# --- 9. read-only databases -----------------------------------------------------------


def test_9_every_read_command_works_on_a_database_in_a_read_only_folder(stored, unprivileged):
    folder = stored.parent
    os.chmod(folder, 0o555)
    try:
        for command in (["search", "talks"], ["export"], ["quotes"], ["actors"], ["events"],
                        ["dyads"]):  # fmt: skip
            result = unprivileged(*command, "--db", stored)
            assert result.returncode == 0, (command, result.stderr)
        assert "Talks resume" in unprivileged("search", "moscow", "--db", stored).stdout
        assert sorted(os.listdir(folder)) == sorted(["in", "s.db"])
    finally:
        os.chmod(folder, 0o755)


def test_9_a_read_only_database_file_can_be_searched(stored, unprivileged):
    os.chmod(stored, 0o444)
    result = unprivileged("search", "moscow", "--db", stored)
    assert result.returncode == 0, result.stderr
    assert "Talks resume" in result.stdout


def test_9_a_write_to_a_read_only_database_fails_before_processing_in_one_line(
    stored, write, unprivileged
):
    more = write("more/new.txt", GOOD.replace("Kyiv", "Minsk"))
    os.chmod(stored, 0o444)
    result = unprivileged("process", more.parent, "--db", stored, "--no-nlp")
    assert result.returncode == 2
    assert one_line(result.stderr) and "read-only" in result.stderr
    assert "new articles" not in result.stderr  # it stopped before the run, not after it
    os.chmod(stored, 0o644)
    with Store(stored, read_only=True) as store:
        assert store.count() == 3


# --- 10. smaller cases ----------------------------------------------------------------


def test_10_show_with_an_ambiguous_prefix_says_so(tmp_path, write):
    db = tmp_path / "many.db"
    lines = [json.dumps({"title": f"Story {n}", "text": f"Story {n}\n\nText {n} here."})
             for n in range(40)]  # fmt: skip
    write("many.jsonl", "\n".join(lines) + "\n")
    assert run("process", tmp_path / "many.jsonl", "--db", db, "--no-nlp").exit_code == 0
    ids = sorted(row[0] for row in sqlite3.connect(db).execute("SELECT id FROM articles"))
    prefix = next(a[0] for a, b in zip(ids, ids[1:], strict=False) if a[0] == b[0])
    result = run("show", prefix, "--db", db)
    assert result.exit_code == 2 and one_line(result.stderr)
    assert "several article ids" in result.stderr and "no article" not in result.stderr


def test_10_process_of_a_missing_path_creates_no_database(tmp_path):
    db = tmp_path / "x.db"
    result = run("process", tmp_path / "nonexistent", "--db", db)
    assert result.exit_code == 2 and one_line(result.stderr)
    assert "no such file or folder" in result.stderr
    assert not db.exists()


# --- 2. a document bounded in time and memory over the whole pipeline --------------------

_PEAK = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stderr.write(done.stderr)
print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
"""


def test_2_a_10_mb_body_ends_within_its_time_limit_and_the_batch_goes_on(tmp_path, write):
    import subprocess
    import sys

    paragraph = "Officials in Belgrade said on Monday that talks with Kosovo would resume. " * 8
    body = "\n\n".join(f"{n}. {paragraph}" for n in range(int(9.8e6 / len(paragraph))))
    big = write("big.txt", "A very long story\n\n" + body)
    assert 9.5e6 < big.stat().st_size < 10 * 1024 * 1024  # under the default --max-bytes
    good = write("good.txt", GOOD)
    db = tmp_path / "x.db"
    command = [sys.executable, "-m", "tidings", "process", big, good, "--db", db,
               "--time-limit", "1"]  # fmt: skip
    done = subprocess.run([sys.executable, "-c", _PEAK, *map(str, command)],
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    status, peak_mb = map(int, done.stdout.split())
    assert status == 1, done.stderr  # done, with one failure
    assert peak_mb < 1536
    with Store(db, read_only=True) as store:
        assert [a.title for a in store.articles()] == ["Talks resume"]
        [failure] = store.failures()
    assert failure["source"] == str(big)
    assert "took longer than the 1 s limit" in failure["error"]
