"""Many readers while a writer stores: every read answers, none waits on the writer,
and what a reader sees only grows (WAL snapshots, one read-only connection each)."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
import urllib.request
from dataclasses import replace

import uvicorn

from tidings.store import Store
from tidings.web import create_app


def test_readers_keep_answering_while_process_writes(sample_db, tmp_path):
    db = tmp_path / "busy.db"
    shutil.copy(sample_db, db)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)

    with Store(db, read_only=True) as store:
        base = next(store.articles())
    writing = threading.Event()
    writing.set()

    def write() -> None:
        with Store(db) as store:
            for n in range(40):
                store.add([replace(base, id=f"{n:016x}", title=f"Extra harbour report {n}")])
        writing.clear()

    seen: list[list[int]] = []
    failures: list[str] = []

    def read() -> None:
        totals = []
        while writing.is_set():
            for path in ("/api/facets?q=harbour", f"/api/articles/{base.id}", "/?q=harbour"):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
                        body = r.read()
                except OSError as exc:
                    failures.append(f"{path}: {exc}")
                    continue
                if path.startswith("/api/facets"):
                    totals.append(json.loads(body)["total"])
        seen.append(totals)

    readers = [threading.Thread(target=read) for _ in range(8)]
    for thread in readers:
        thread.start()
    write()
    for thread in readers:
        thread.join(timeout=60)
    # answers kept while the store was unchanged are never given once it has changed
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/facets?q=harbour") as r:
        assert json.loads(r.read())["total"] == 40
    server.should_exit = True

    assert failures == []
    assert all(totals == sorted(totals) for totals in seen)  # never goes back in time
    assert max(max(t) for t in seen if t) <= 40 and sum(len(t) for t in seen) >= 8
    with Store(db, read_only=True) as store:
        assert store.count() == 55
