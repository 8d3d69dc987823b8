"""Worker processes under a watchdog: a document over budget fails alone, the rest go on."""

import faulthandler
import os
import signal
import subprocess
import sys
import textwrap
import time
from functools import partial

import pytest

from tidings.api import build_pipeline
from tidings.engines import Budget, run_documents
from tidings.engines.supervised import _resident_mb
from tidings.errors import PipelineError
from tidings.pipeline import Document, Pipeline, ReaderMeta
from tidings.record import Source


class Hostile:
    """A step that does what the document's text asks: sleep, eat memory or crash."""

    name = "hostile"
    requires = frozenset({"text"})
    assigns = frozenset({"record.title"})

    def __call__(self, doc: Document) -> None:
        text = doc.text or ""
        if "SLEEP" in text:
            time.sleep(60)
        if "HOG" in text:
            eaten = []
            while sum(map(len, eaten)) < 3 * 2**30:  # stops at 3 GB should nothing stop it
                eaten.append(b"x" * 2**24)
            time.sleep(60)
        if "CRASH" in text:
            faulthandler.disable()  # pytest's crash report is not wanted here
            os.kill(os.getpid(), signal.SIGSEGV)
        doc.record.title = text.split("\n", 1)[0]


def hostile_pipeline() -> Pipeline:
    from tidings.clean.steps import DecodeStep

    return Pipeline([DecodeStep(), Hostile()])


def _docs(texts):
    return [
        Document(raw=t.encode(), source=Source(path=f"d{n}"), meta=ReaderMeta(text=t))
        for n, t in enumerate(texts)
    ]


def _titles_and_errors(records):
    return [(r.title, r.errors) for r in records]


def test_a_document_over_its_time_fails_alone_and_the_others_come_back_in_order():
    texts = ["one", "two SLEEP", "three", "four"]
    started = time.monotonic()
    records = list(
        run_documents(_docs(texts), hostile_pipeline, workers=2, budget=Budget(seconds=1.5))
    )
    assert time.monotonic() - started < 20
    assert [r.source.path for r in records] == ["d0", "d1", "d2", "d3"]
    assert [r.title for r in records] == ["one", "", "three", "four"]
    assert records[1].errors == [Budget(seconds=1.5).over_time()]
    assert "1.5 s limit" in records[1].errors[0] and "--time-limit" in records[1].errors[0]


def test_a_document_over_its_memory_fails_alone():
    limit = int(_resident_mb(os.getpid())) + 300  # a worker starts as a copy of this process
    budget = Budget(seconds=60, memory_mb=limit)
    records = list(run_documents(_docs(["a", "b HOG", "c"]), hostile_pipeline, budget=budget))
    assert _titles_and_errors(records) == [
        ("a", []),
        ("", [budget.over_memory()]),
        ("c", []),
    ]


def test_a_document_that_crashes_its_worker_fails_alone_with_the_reason():
    records = list(run_documents(_docs(["a", "b CRASH", "c"]), hostile_pipeline, budget=Budget()))
    assert [r.title for r in records] == ["a", "", "c"]
    assert records[1].errors == ["budget: the worker processing the document was killed by SIGSEGV"]


def test_a_pipeline_that_cannot_be_built_is_one_clear_error():
    def broken() -> Pipeline:
        raise ValueError("no such step")

    with pytest.raises(PipelineError, match="no such step"):
        list(run_documents(_docs(["a"]), broken, budget=Budget()))


def test_a_finished_run_leaves_no_process_behind(processes):
    records = run_documents(_docs(["a", "b"] * 20), partial(build_pipeline, False), workers=2,
                            budget=Budget())  # fmt: skip
    assert len(list(records)) == 40
    assert processes.children(os.getpid()) == []


def test_a_run_given_up_halfway_stops_its_workers(processes):
    records = run_documents(_docs(["a"] * 200), partial(build_pipeline, False), workers=2,
                            chunk_size=4, budget=Budget())  # fmt: skip
    next(records)
    assert len(processes.children(os.getpid())) == 2
    records.close()
    assert processes.children(os.getpid()) == []


_PARENT = textwrap.dedent(
    """
    import sys, time
    from functools import partial
    from tidings.api import build_pipeline
    from tidings.engines import Budget, run_documents
    from tidings.pipeline import Document, ReaderMeta
    from tidings.record import Source

    def docs():
        while True:
            yield Document(raw=b"x", source=Source(), meta=ReaderMeta(text="Title\\n\\nBody."))
            time.sleep(0.01)

    for n, _ in enumerate(run_documents(docs(), partial(build_pipeline, False), workers=2,
                                        budget=Budget())):
        if n == 20:
            print("running", flush=True)
    """
)


def test_workers_die_with_their_parent_when_it_is_killed(processes):
    parent = subprocess.Popen([sys.executable, "-c", _PARENT], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout.readline().strip() == "running"
        workers = processes.children(parent.pid)
        assert len(workers) == 2
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(processes.alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not any(processes.alive(pid) for pid in workers)

