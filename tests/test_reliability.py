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


# --- 1. a JSONL line with an escaped lone surrogate --------------------------------------

SURROGATE_LINES = '{"text":"ok text about Kremlin talks here."}\n{"text":"a \\ud800 b c d e"}\n'


def test_1_a_lone_surrogate_escape_stops_nothing(tmp_path, write):
    jsonl = write("s.jsonl", SURROGATE_LINES)
    good = write("good.txt", GOOD)
    db = tmp_path / "x.db"
    result = run("process", jsonl, good, "--db", db)
    assert result.exit_code == 0 and "unexpected" not in result.stderr
    with Store(db, read_only=True) as store:
        stored = {a.source.path: a for a in store.articles()}
        assert store.failures() == []
    assert sorted(stored) == sorted([f"{jsonl}:1", f"{jsonl}:2", str(good)])
    # the replaced escape is said on the record, and nothing else of the line is lost
    assert stored[f"{jsonl}:2"].paragraphs == ["a \ufffd b c d e"]
    assert stored[f"{jsonl}:2"].errors[0].startswith("read: line 2: 1 lone surrogate escape(s)")


def test_1_parse_of_a_lone_surrogate_prints_its_records(write):
    result = run("parse", write("s.jsonl", SURROGATE_LINES), "--format", "jsonl")
    assert "unexpected" not in result.stderr
    printed = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["original"] for r in printed] == ["ok text about Kremlin talks here.",
                                                "a \ufffd b c d e"]  # fmt: skip


# --- 3, 4. inputs that are not files to read --------------------------------------------


def test_3_an_unreadable_file_is_recorded_and_the_rest_go_on(tmp_path, write, unprivileged):
    locked = write("in/locked.txt", GOOD.replace("Kyiv", "Minsk"))
    write("in/good.txt", GOOD)
    os.chmod(locked, 0)
    db = tmp_path / "x.db"
    for _ in range(2):  # and a rerun does the same
        result = unprivileged("process", locked.parent, "--db", db, "--no-nlp")
        assert result.returncode == 1, result.stderr
        assert "unexpected" not in result.stderr
        with Store(db, read_only=True) as store:
            assert [a.title for a in store.articles()] == ["Talks resume"]
            [failure] = store.failures()
        assert failure["source"] == str(locked)
        assert failure["error"].startswith("read: the file cannot be opened (Permission denied)")


def test_4_a_fifo_device_socket_or_broken_link_is_reported_and_never_waited_on(tmp_path, write):
    import socket
    import subprocess
    import sys

    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    good = write("good.txt", GOOD)
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (folder / "null.txt").symlink_to("/dev/null")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "sock.txt"))
    db = tmp_path / "x.db"
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tidings", "process", fifo, good, folder, "--db", db,
             "--no-nlp"], capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    finally:
        server.close()
    assert done.returncode == 1, done.stderr
    with Store(db, read_only=True) as store:
        assert [a.title for a in store.articles()] == ["Talks resume"]
        failures = {Path(f["source"]).name: f["error"] for f in store.failures()}
    assert failures == {
        "f.txt": "read: not a file but a named pipe (FIFO); it was not read",
        "pipe.txt": "read: not a file but a named pipe (FIFO); it was not read",
        "gone.txt": f"read: a broken link (to {tmp_path / 'missing.txt'}); it was not read",
        "null.txt": "read: not a file but a character device; it was not read",
        "sock.txt": "read: not a file but a socket; it was not read",
    }


def test_4_parse_of_a_fifo_is_one_line_and_exit_2(tmp_path):
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    result = run("parse", fifo, "--no-nlp")
    assert result.exit_code == 2 and one_line(result.stderr)
    assert "named pipe (FIFO)" in result.stderr


# --- 5. processes opening a new database at once (many writers: tests/store) --------------


def _write_one(path: str, start, results) -> None:  # noqa: ANN001
    from tidings.api import parse_text

    start.wait()
    try:
        with Store(path) as store:
            results.put(("writer", store.add([parse_text(GOOD, nlp=False)])[0]))
    except Exception as exc:  # noqa: BLE001 - reported to the test
        results.put(("writer", repr(exc)))


def _search_once(path: str, start, results) -> None:  # noqa: ANN001
    from tidings.cli import open_store  # as `tidings search` opens it
    from tidings.errors import TidingsError

    start.wait()
    try:
        with open_store(path) as store:
            results.put(("reader", [r["title"] for r in store.search("talks")]))
    except TidingsError as exc:  # a store not made yet says so, in one line
        results.put(("reader", "not yet" if "first" in str(exc) else str(exc)))
    except Exception as exc:  # noqa: BLE001 - reported to the test
        results.put(("reader", repr(exc)))


def test_5_a_writer_and_searches_opening_a_new_database_at_once(tmp_path):
    import multiprocessing

    context = multiprocessing.get_context("fork")
    for trial in range(8):  # a writer plus a `search` raced in 2 of 12 trials
        path = str(tmp_path / f"new{trial}.db")
        start, results = context.Barrier(4), context.Queue()
        targets = [_write_one] + [_search_once] * 3
        procs = [context.Process(target=t, args=(path, start, results)) for t in targets]
        for proc in procs:
            proc.start()
        outcomes = [results.get(timeout=60) for _ in procs]
        for proc in procs:
            proc.join()
        assert ("writer", 1) in outcomes
        readers = [outcome for who, outcome in outcomes if who == "reader"]
        assert all(found in ("not yet", [], ["Talks resume"]) for found in readers), readers
    with Store(path, read_only=True) as store:
        assert [r["title"] for r in store.search("talks")] == ["Talks resume"]


# --- 6. workers die with their parent ------------------------------------------------------


def test_6_after_kill_9_of_a_workers_2_parent_no_worker_lives_on(tmp_path, write, processes):
    import signal
    import subprocess
    import sys
    import time

    lines = [json.dumps({"title": f"Story {n}", "text": f"Story {n}\n\nText number {n} here."})
             for n in range(20_000)]  # fmt: skip
    jsonl = write("many.jsonl", "\n".join(lines) + "\n")
    parent = subprocess.Popen([sys.executable, "-m", "tidings", "process", jsonl, "--db",
                               tmp_path / "x.db", "--workers", "2", "--no-nlp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while len(processes.children(parent.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = processes.children(parent.pid)
        assert len(workers) == 2
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 10
    while any(processes.alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(processes.alive(pid) for pid in workers)



# --- 7. a page with a 10 MB inline script ------------------------------------------------


def test_7_a_page_with_a_10_mb_inline_script_keeps_its_last_paragraph(write):
    paragraphs = [f"Paragraph {n}: officials in Belgrade said on Monday that the talks with "
                  f"Kosovo would resume next week, a spokesman for the government said."
                  for n in range(6)]  # fmt: skip
    html = "".join(f"<p>{p}</p>" for p in paragraphs[:3])
    html += "<script>var blob = '" + "a" * (10 * 1024 * 1024 - 5000) + "';</script>"
    html += "".join(f"<p>{p}</p>" for p in paragraphs[3:])
    page = write("script.html", f"<html><head><title>Talks resume</title></head><body><article>"
                                f"<h1>Talks resume</h1>{html}</article></body></html>")  # fmt: skip
    assert page.stat().st_size < 10 * 1024 * 1024  # under the default --max-bytes
    result = run("parse", page, "--no-nlp", "--format", "json")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["paragraphs"] == paragraphs
    assert record["errors"] == []


# --- 8. damaged WARC archives (more in tests/read/test_warc.py) ---------------------------


def test_8_gzip_magic_followed_by_garbage_is_reported(tmp_path, write):
    warc = write("bad.warc.gz", b"\x1f\x8b\x08\x00" + b"garbage, not gzip at all " * 40)
    good = write("good.txt", GOOD)
    result = run("process", warc, good, "--db", tmp_path / "x.db", "--no-nlp")
    assert result.exit_code == 1
    assert "bad.warc.gz#0: read: the WARC archive: it starts as gzip does but cannot be " \
        "unpacked" in result.stderr


def test_8_a_warc_cut_inside_its_trailing_record_is_reported(tmp_path, write):
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "cut.warc"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        for n in range(2):
            writer.write_record(writer.create_warc_record(
                f"https://x.example/{n}", "resource", payload=__import__("io").BytesIO(b"x" * 500)
            ))  # fmt: skip
    data = path.read_bytes()
    path.write_bytes(data[:-100])
    result = run("process", path, "--db", tmp_path / "x.db", "--no-nlp")
    assert result.exit_code == 1
    assert "the WARC archive: its last record" in result.stderr
    assert "is cut short" in result.stderr


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


def test_10_one_nul_byte_does_not_make_a_text_file_binary(tmp_path, write):
    text = write("nul.txt", GOOD.replace("would", "wo\x00uld").encode())
    result = run("parse", text, "--no-nlp", "--format", "json")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["paragraphs"] == [GOOD.split("\n\n")[1].strip()]
    assert record["errors"] == ["decode: 1 NUL character(s) removed"]


def test_10_standard_input_over_the_limit_does_not_give_the_limit_as_its_size():
    result = run("parse", "-", "--max-bytes", "1000", "--no-nlp", input="word " * 1000)
    assert result.exit_code == 2 and one_line(result.stderr)
    assert "larger than the 1,000-byte limit" in result.stderr
    assert "is 0.0 MB" not in result.stderr and "is 1,001 bytes" not in result.stderr


def test_10_a_billion_laughs_feed_is_refused_not_stored(tmp_path, write):
    lol = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    feed = write("laughs.rss", f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">{lol}]>'
                 '<rss version="2.0"><channel><title>Laughs</title><item><title>Laugh</title>'
                 '<description>&lol9;</description></item></channel></rss>')  # fmt: skip
    db = tmp_path / "x.db"
    result = run("process", feed, "--db", db, "--no-nlp")
    assert result.exit_code == 1
    with Store(db, read_only=True) as store:
        assert store.count() == 0
        [failure] = store.failures()
    assert "declares its own XML entities" in failure["error"]


def test_10_warcio_writes_nothing_to_stderr(tmp_path, write):
    warc = write("bad.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\n"
                 b"0123456789 more bytes than it said\r\n\r\n")  # fmt: skip
    result = run("process", warc, "--db", tmp_path / "x.db", "--no-nlp")
    assert result.exit_code == 1
    assert "Remainder" not in result.stderr and "WARNING" not in result.stderr.split("warcio:")[0]
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 2


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
