import json
import os
import signal
import subprocess
import sys
import time

import pytest

import tidings.ingest as ingest_module
from tidings.ingest import ingest
from tidings.store import Store


def _jsonl(path, count: int, bad_lines=()):
    lines = []
    for n in range(count):
        if n in bad_lines:
            lines.append("{broken")
        else:
            lines.append(json.dumps({"title": f"Story {n}", "text": f"Body of story number {n}."}))
    path.write_text("\n".join(lines) + "\n")
    return path


def test_ingest_stores_good_documents_and_lists_bad_ones(tmp_path):
    path = _jsonl(tmp_path / "a.jsonl", 5, bad_lines={2})
    with Store(":memory:") as store:
        summary = ingest([str(path)], store, nlp=False)
        assert summary.added == 4
        assert [src for src, _ in summary.failed] == [f"{path}:3"]
        assert "not JSON" in summary.failed[0][1]
        assert store.count() == 4
        again = ingest([str(path)], store, nlp=False)
        assert (again.added, again.skipped) == (0, 4)


def test_a_run_that_dies_half_way_loses_and_duplicates_nothing(
    tmp_path, monkeypatch, store_location
):
    path = _jsonl(tmp_path / "many.jsonl", 130)
    real = ingest_module.run_documents

    def dies_after_120(*args, **kwargs):
        for n, record in enumerate(real(*args, **kwargs)):
            if n == 120:
                raise KeyboardInterrupt
            yield record

    db = store_location  # a SQLite file, then a PostgreSQL database
    monkeypatch.setattr(ingest_module, "run_documents", dies_after_120)
    with Store(db) as store, pytest.raises(KeyboardInterrupt):
        ingest([str(path)], store, nlp=False)
    with Store(db) as store:
        assert store.count() == 100  # two whole batches committed, the third rolled back
    monkeypatch.setattr(ingest_module, "run_documents", real)
    with Store(db) as store:
        summary = ingest([str(path)], store, nlp=False)
        assert (summary.added, summary.skipped) == (30, 100)
        assert store.count() == 130


def test_a_killed_process_can_be_started_again(tmp_path, store_location):
    path = _jsonl(tmp_path / "many.jsonl", 3000)
    db = store_location  # a SQLite file, then a PostgreSQL database
    cmd = [sys.executable, "-m", "tidings", "process", str(path), "--db", str(db), "--no-nlp"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if _stored(db) > 0:
            break
        time.sleep(0.05)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    rerun = subprocess.run(cmd, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    with Store(db) as store:
        assert store.count() == 3000
        assert store.db.execute("SELECT count(DISTINCT id) FROM articles").fetchone()[0] == 3000


def _stored(db) -> int:
    """Articles committed so far, read without taking part in the writer's work."""
    try:
        with Store(db, read_only=True) as store:
            return store.count()
    except Exception:  # noqa: BLE001 - not created yet
        return 0


def test_workers_give_the_same_records_as_one_process(tmp_path):
    path = _jsonl(tmp_path / "a.jsonl", 40)
    with Store(":memory:") as one, Store(":memory:") as two:
        ingest([str(path)], one, nlp=False)
        ingest([str(path)], two, nlp=False, workers=2)
        assert [a.to_dict() for a in one.articles()] == [a.to_dict() for a in two.articles()]
