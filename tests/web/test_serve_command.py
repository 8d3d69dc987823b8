"""`tidings serve` as a user starts it: a real process on a free loopback port."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

TIDINGS = Path(sys.executable).parent / "tidings"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, deadline: float) -> bytes:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_answers_on_localhost_and_stops(sample_db):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "TIDINGS_TOKEN"}
    server = subprocess.Popen(
        [str(TIDINGS), "serve", "--db", str(sample_db), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
    )  # fmt: skip
    try:
        body = _get(f"http://127.0.0.1:{port}/api/articles?limit=2", time.monotonic() + 60)
        assert len(json.loads(body)["items"]) == 2
        page = _get(f"http://127.0.0.1:{port}/", time.monotonic() + 5).decode()
        assert "15 articles" in page
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/documents", b"x", method="POST")
        try:
            urllib.request.urlopen(request, timeout=5)
            raise AssertionError("a POST was accepted without a token")
        except urllib.error.HTTPError as refused:
            assert refused.code in (404, 405)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)


def test_serve_without_a_store_says_so(tmp_path):
    missing = tmp_path / "none.db"
    done = subprocess.run([str(TIDINGS), "serve", "--db", str(missing)], capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"tidings: error: no database at {missing}; run `tidings process PATH --db {missing}` first"
    )
    assert not missing.exists()
