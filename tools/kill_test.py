"""kill -9 at random moments over a 300-document `tidings process --workers 2` run.

Builds a corpus of 300 documents (200 text files and 100 JSON lines, from the
sample articles, each made distinct), then runs `tidings process` on it again and
again, killing the parent with SIGKILL at a random moment of each run, until it
has been killed `--kills` times; then lets one run finish. After every kill it
checks that no worker is left behind and that the database is sound (SQLite
integrity check, full-text index check); at the end, that every document is
stored exactly once, that nothing failed, and that no process is left.

    python tools/kill_test.py [--kills 12] [--seed N] [--no-nlp]

Prints one line per run and a summary; exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from tidings.record import record_id  # noqa: E402


def corpus(folder: Path, count: int = 300) -> set[str]:
    """`count` distinct documents under `folder`; the ids they must be stored under."""
    texts = [p.read_text(encoding="utf-8", errors="replace")
             for p in sorted((REPO / "samples" / "text").glob("*.txt"))]  # fmt: skip
    ids = set()
    (folder / "text").mkdir(parents=True)
    files = count * 2 // 3
    for n in range(files):
        title, _, body = texts[n % len(texts)].partition("\n")
        raw = f"{title} ({n})\n{body}\nThis is report number {n} of the series.\n".encode()
        (folder / "text" / f"{n:03d}.txt").write_bytes(raw)
        ids.add(record_id(raw))
    lines = []
    for n in range(files, count):
        title, _, body = texts[n % len(texts)].partition("\n")
        item = {"title": f"{title} ({n})", "text": f"{body.strip()}\n\nReport number {n}.",
                "date": "2021-01-24", "url": f"https://example.org/{n}"}  # fmt: skip
        lines.append(json.dumps(item, ensure_ascii=False).encode() + b"\n")
        ids.add(record_id(lines[-1]))
    (folder / "lines.jsonl").write_bytes(b"".join(lines))
    return ids


def children(pid: int) -> list[int]:
    """Live processes whose parent is `pid` (as `ps` sees them, less `ps` itself)."""
    listed = subprocess.run(["ps", "-o", "pid=,stat=,comm=", "--ppid", str(pid)],
                            capture_output=True, text=True).stdout  # fmt: skip
    rows = (line.split(None, 2) for line in listed.splitlines() if line.strip())
    return [int(found) for found, state, name in rows
            if not state.startswith("Z") and name != "ps"]  # fmt: skip


def alive(pid: int) -> bool:
    state = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True,
                           text=True).stdout.strip()  # fmt: skip
    return bool(state) and not state.startswith("Z")


def soundness(db: Path) -> tuple[int, int, int, list[str]]:
    """(articles, distinct ids, failures, problems) of the store."""
    if not db.exists():
        return 0, 0, 0, []
    with sqlite3.connect(db, timeout=30) as conn:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
        try:
            conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as exc:
            problems.append(f"full-text index: {exc}")
        except sqlite3.OperationalError:
            pass  # no schema yet: killed before it was made
        try:
            count, distinct = conn.execute("SELECT count(*), count(DISTINCT id) FROM articles"
                                           ).fetchone()  # fmt: skip
            failures = conn.execute("SELECT count(*) FROM failures").fetchone()[0]
        except sqlite3.OperationalError:
            return 0, 0, 0, problems
    return count, distinct, failures, problems


def run(command: list[str], kill_after: float | None) -> tuple[str, list[int], list[int]]:
    """Run once; kill -9 after `kill_after` seconds. (how it ended, workers seen, left)."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    started, workers = time.monotonic(), set()
    while proc.poll() is None:
        workers |= set(children(proc.pid))
        if kill_after is not None and time.monotonic() - started >= kill_after:
            workers |= set(children(proc.pid))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            break
        time.sleep(0.02)
    ended = "killed" if proc.returncode == -signal.SIGKILL else f"exit {proc.returncode}"
    if proc.returncode not in (0, -signal.SIGKILL):
        ended += f": {proc.stderr.read().decode(errors='replace').strip()[-300:]}"
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.05)
    return ended, sorted(workers), [pid for pid in workers if alive(pid)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=12)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--no-nlp", action="store_true")
    parser.add_argument("--most", type=float, default=20.0,
                        help="latest moment of a kill, in seconds after the start")
    args = parser.parse_args()
    chance = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="tidings-kill-"))
    expected = corpus(folder / "in")
    db = folder / "kill.db"
    command = [sys.executable, "-m", "tidings", "process", str(folder / "in"), "--db", str(db),
               "--workers", "2", "--quiet"] + (["--no-nlp"] if args.no_nlp else [])  # fmt: skip
    print(f"seed {args.seed}; {len(expected)} documents in {folder / 'in'}")
    failed, kills, runs = [], 0, 0
    while True:
        runs += 1
        moment = round(chance.uniform(0.3, args.most), 2) if kills < args.kills else None
        ended, workers, left = run(command, moment)
        count, distinct, failures, problems = soundness(db)
        kills += ended == "killed"
        print(f"run {runs}: kill at {moment} s -> {ended}; {len(workers)} workers seen, "
              f"{len(left)} left; {count} stored ({distinct} distinct), {failures} failures"
              + (f"; PROBLEMS {problems}" if problems else ""))  # fmt: skip
        if left:
            failed.append(f"run {runs}: workers left behind: {left}")
        if problems or count != distinct:
            failed.append(f"run {runs}: store unsound: {problems}, {count} vs {distinct}")
        if moment is None:
            break
        if ended != "killed":  # finished before its kill: start the run over on a new store
            for path in folder.glob("kill.db*"):
                path.unlink()
    with sqlite3.connect(db) as conn:
        stored = {row[0] for row in conn.execute("SELECT id FROM articles")}
    lost, extra = expected - stored, stored - expected
    if lost or extra or failures:
        failed.append(f"lost {len(lost)}, unexpected {len(extra)}, failures {failures}")
    if children(os.getpid()):
        failed.append(f"processes left: {children(os.getpid())}")
    print(f"{kills} kills over {runs} runs; {len(stored)} of {len(expected)} documents stored "
          f"once each, {len(lost)} lost, {failures} failures; "
          + ("FAILED: " + "; ".join(failed) if failed else "all checks passed"))  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
