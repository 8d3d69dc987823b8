"""Worker processes under a watchdog: every document bounded in time and memory.

Each worker is a process that builds the pipeline once, warms it up, then takes
one task at a time (a chunk of documents) and sends back their records. A
watchdog thread in the parent checks every busy worker several times a second:

- a task that runs longer than the budget's `seconds`, or a worker whose resident
  memory passes the budget's `memory_mb`, gets the worker killed (`SIGKILL`: a
  long C call in spaCy or lxml cannot stop it) and a new worker started;
- a chunk of several documents that was stopped is run again one document at a
  time, so that only the document that is over budget alone fails, with the reason
  on its record; the others come back as usual. A large document is always run
  alone, so its own time limit is the only one it waits for;
- a worker that dies on its own (a crash in native code, the kernel's OOM killer)
  is handled the same way.

Workers die with their parent: on Linux they ask the kernel for `SIGKILL` when
the parent goes (`PR_SET_PDEATHSIG`), elsewhere they watch their parent's pid; and
an idle worker leaves when its pipe to the parent closes. Ctrl-C reaches the
parent only, which stops its workers.

Results come back in input order, with a bounded number of documents read ahead,
so memory does not grow with the input.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection, wait
from typing import Any

from tidings.engines.base import PipelineFactory, built
from tidings.errors import PipelineError, one_line
from tidings.pipeline import Document, Pipeline, ReaderMeta
from tidings.record import Article, Source

DEFAULT_SECONDS = 20.0
DEFAULT_MEMORY_MB = 1024
# A document this large (raw bytes plus extracted text) is always run alone.
ALONE_BYTES = 200_000
# How often the watchdog looks at the busy workers.
POLL_SECONDS = 0.05
# A worker left holding more than this share of the memory limit after a task is
# replaced (freed memory is not always given back to the system).
RECYCLE_SHARE = 0.6
# Workers that die before they are ready this many times in a row: give up.
START_ATTEMPTS = 3
_WARM_UP = "Warm-up\n\nThe minister said on Monday in Paris that talks would resume."


@dataclass(frozen=True)
class Budget:
    """What one document may cost: `seconds` of processing (wall clock) and the
    resident memory, in MB, of the worker process working on it. None: no limit."""

    seconds: float | None = DEFAULT_SECONDS
    memory_mb: int | None = DEFAULT_MEMORY_MB

    def over_time(self) -> str:
        return (
            f"budget: processing the document took longer than the {self.seconds:g} s limit; "
            f"raise it with --time-limit"
        )

    def over_memory(self) -> str:
        return (
            f"budget: processing the document needed more than the {self.memory_mb} MB "
            f"memory limit; raise it with --memory-limit"
        )


@dataclass
class _Task:
    indexes: list[int]
    docs: list[Document]


@dataclass
class _Worker:
    process: Any  # multiprocessing.Process
    conn: Connection
    ready: bool = False
    task: _Task | None = None
    started: float | None = None  # when its task was handed over (monotonic)
    verdict: str | None = None  # why the watchdog killed it


@dataclass
class _Run:
    """The bookkeeping of one run: tasks waiting, records finished, what is next."""

    waiting: deque[_Task] = field(default_factory=deque)
    finished: dict[int, Article] = field(default_factory=dict)
    read: int = 0  # documents read so far
    emitted: int = 0  # records yielded so far
    exhausted: bool = False


def run_supervised(
    docs: Iterable[Document],
    pipeline: Pipeline | PipelineFactory,
    workers: int = 1,
    budget: Budget | None = None,
    chunk_size: int = 16,
) -> Iterator[Article]:
    """Records for documents, in order, from `workers` processes under `budget`."""
    pool = WorkerPool(pipeline, max(1, workers), budget or Budget(None, None))
    try:
        yield from pool.run(iter(docs), chunk_size)
    finally:
        pool.close()


class WorkerPool:
    def __init__(self, pipeline: Pipeline | PipelineFactory, size: int, budget: Budget) -> None:
        self.pipeline = pipeline
        self.budget = budget
        self.context = _context()
        self.lock = threading.Lock()
        self.workers: list[_Worker] = []
        self.failed_starts = 0
        for _ in range(size):
            self._start()
        self.stopping = threading.Event()
        self.watchdog = threading.Thread(target=self._watch, name="tidings-watchdog", daemon=True)
        self.watchdog.start()

    # --- the run -------------------------------------------------------------------

    def run(self, docs: Iterator[Document], chunk_size: int) -> Iterator[Article]:
        state = _Run()
        window = 2 * len(self.workers) * chunk_size
        while True:
            self._read_ahead(docs, state, chunk_size, window)
            self._hand_out(state)
            while state.emitted in state.finished:
                yield state.finished.pop(state.emitted)
                state.emitted += 1
            if state.exhausted and state.emitted == state.read:
                return
            self._collect(state, timeout=0.5)

    def _read_ahead(self, docs: Iterator[Document], state: _Run, size: int, window: int) -> None:
        while not state.exhausted and len(state.waiting) < len(self.workers):
            if state.read - state.emitted >= window:
                return
            chunk = list(islice(docs, size))
            if not chunk:
                state.exhausted = True
                return
            together = _Task([], [])
            for doc in chunk:
                index, state.read = state.read, state.read + 1
                if _size(doc) > ALONE_BYTES:
                    state.waiting.append(_Task([index], [doc]))
                else:
                    together.indexes.append(index)
                    together.docs.append(doc)
            if together.docs:
                state.waiting.append(together)

    def _hand_out(self, state: _Run) -> None:
        for worker in self.workers:
            if not state.waiting:
                return
            if worker.ready and worker.task is None:
                task = state.waiting.popleft()
                with self.lock:
                    worker.task, worker.started, worker.verdict = task, time.monotonic(), None
                with suppress(OSError, ValueError):  # it died meanwhile: seen by _collect
                    worker.conn.send(task.docs)

    def _collect(self, state: _Run, timeout: float) -> None:
        by_conn = {worker.conn: worker for worker in self.workers}
        for conn in wait(list(by_conn), timeout):
            worker = by_conn[conn]  # type: ignore[index]
            try:
                kind, payload = conn.recv()
            except (EOFError, OSError):
                self._lost(worker, state)
                continue
            if kind == "ready":
                worker.ready, self.failed_starts = True, 0
            elif kind == "error":
                raise PipelineError(f"the pipeline cannot be built in a worker: {payload}")
            elif kind == "done":
                self._finish(worker, state, payload)
            else:  # "crash": the pipeline itself raised (never a document's own error)
                self._fail(worker, state, f"budget: the worker failed ({payload})")

    def _finish(self, worker: _Worker, state: _Run, records: list[Article]) -> None:
        task = worker.task
        with self.lock:
            worker.task = worker.started = None
        if task is None:
            return
        state.finished.update(zip(task.indexes, records, strict=True))
        limit = self.budget.memory_mb
        if limit and _resident_mb(worker.process.pid) > limit * RECYCLE_SHARE:
            self._replace(worker)

    def _fail(self, worker: _Worker, state: _Run, reason: str) -> None:
        """The worker's task did not finish: one document fails, several are retried alone."""
        task = worker.task
        with self.lock:
            worker.task = worker.started = None
        if task is None:
            return
        if len(task.docs) > 1:
            alone = [_Task([i], [d]) for i, d in zip(task.indexes, task.docs, strict=True)]
            state.waiting.extendleft(reversed(alone))
            return
        doc = task.docs[0]
        doc.record.errors.append(reason)
        doc.failed_parts.add("text")
        state.finished[task.indexes[0]] = doc.record

    def _lost(self, worker: _Worker, state: _Run) -> None:
        worker.process.join(5)
        reason = worker.verdict or _death(worker.process.exitcode)
        if not worker.ready:
            self.failed_starts += 1
            if self.failed_starts >= START_ATTEMPTS:
                raise PipelineError(f"worker processes die as they start ({reason})")
        self._fail(worker, state, reason)
        self._replace(worker, gone=True)

    # --- workers ---------------------------------------------------------------------

    def _start(self) -> _Worker:
        parent_end, child_end = self.context.Pipe()
        process = self.context.Process(
            target=_serve, args=(child_end, self.pipeline, os.getpid()), daemon=True,
            name="tidings-worker",
        )  # fmt: skip
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        with self.lock:
            self.workers.append(worker)
        return worker

    def _replace(self, worker: _Worker, gone: bool = False) -> None:
        with self.lock:
            self.workers.remove(worker)
        if not gone:
            _stop(worker)
        worker.conn.close()
        self._start()

    def _watch(self) -> None:
        """Kill a worker whose task is over time, or which is over memory."""
        while not self.stopping.wait(POLL_SECONDS):
            with self.lock:
                busy = [(w, w.started) for w in self.workers if w.started is not None]
            for worker, started in busy:
                verdict = self._verdict(worker, started)
                if verdict is None:
                    continue
                with self.lock:
                    if worker.started == started:  # still the same task
                        worker.verdict = verdict
                        _kill(worker.process.pid)

    def _verdict(self, worker: _Worker, started: float) -> str | None:
        seconds, memory = self.budget.seconds, self.budget.memory_mb
        if seconds and time.monotonic() - started > seconds:
            return self.budget.over_time()
        if memory and _resident_mb(worker.process.pid) > memory:
            return self.budget.over_memory()
        return None

    def close(self) -> None:
        self.stopping.set()
        with self.lock:
            workers, self.workers = list(self.workers), []
        for worker in workers:
            if worker.task is not None:
                _kill(worker.process.pid)
            _stop(worker)
            worker.conn.close()
        self.watchdog.join(1)


# --- in the worker process -----------------------------------------------------------


def _serve(conn: Connection, pipeline: Pipeline | PipelineFactory, parent: int) -> None:
    """A worker: build the pipeline, then run each chunk it is sent until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent(parent)
    try:
        ready = built(pipeline)
        ready.run_one(_warm_up_document())  # every lazy import and model load, done now
    except Exception as exc:  # noqa: BLE001 - sent to the parent, which raises it
        conn.send(("error", one_line(exc)))
        return
    conn.send(("ready", None))
    while True:
        try:
            docs = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if docs is None:
            return
        try:
            records = list(ready.run(docs))
        except Exception as exc:  # noqa: BLE001 - a document's errors never get here
            conn.send(("crash", one_line(exc)))
            continue
        conn.send(("done", records))


def _warm_up_document() -> Document:
    return Document(raw=_WARM_UP.encode(), source=Source(), meta=ReaderMeta(text=_WARM_UP))


def _die_with_parent(parent: int) -> None:
    """Make this process end when its parent does, however the parent ends."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it died before we asked
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


# --- helpers -------------------------------------------------------------------------


def _context() -> Any:
    """Fork where there is fork: workers start at once, with what the parent loaded."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _size(doc: Document) -> int:
    return len(doc.raw) + len(doc.meta.text or "")


def _resident_mb(pid: int | None) -> float:
    """The resident memory of a process in MB (0 where /proc cannot tell)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            pages = int(handle.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _kill(pid: int | None) -> None:
    if pid:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _stop(worker: _Worker) -> None:
    """Ask a worker to leave; kill it if it does not."""
    with suppress(OSError, ValueError):
        worker.conn.send(None)
    worker.process.join(2)
    if worker.process.is_alive():
        _kill(worker.process.pid)
        worker.process.join(2)


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        why = " (out of memory?)" if name == "SIGKILL" else ""
        return f"budget: the worker processing the document was killed by {name}{why}"
    return f"budget: the worker processing the document died (exit status {exitcode})"
