"""Per-document limits: how long reading one document may take, and how large it may be.

A page that would hang the extractor (pathological markup, a 50 MB dump, a deeply
nested tree) must end as a recorded error on its own record, never as a hang, a
crash or memory that keeps growing. Two limits do that:

- **size** (`max_bytes`): checked before any parsing, so nothing big is ever parsed.
  `read.sources` checks whole inputs; the WARC and feed readers check each record
  and item against the same number.
- **time** (`seconds`): extraction runs under `time_limit()`, which raises
  `DeadlineExceeded` in the running code when the time is up.

How the time limit is enforced, and why:

- In the main thread of a process (the CLI, and every worker of the process pool,
  whose tasks run in the worker's main thread) it uses `signal.setitimer` with
  `SIGALRM`: the kernel delivers the alarm and Python raises in whatever Python code
  is running. No extra thread, no cost when the limit is not reached. A timer or
  handler already installed by someone else is saved and restored.
- Anywhere else (a non-main thread, a platform without `setitimer`, or when an
  interval timer is already running) a watchdog `threading.Timer` raises the
  exception asynchronously in the worker thread with `PyThreadState_SetAsyncExc`.

Both interrupt Python code between bytecodes; neither can stop a single long C
call (one `lxml` parse of a huge page), which is why the size limit is checked
first and kept well below what the parser can chew through within the time limit.

The size limit is the `max_bytes` argument of the readers (`--max-bytes`). The time
limit comes from the environment (`TIDINGS_TIME_LIMIT`, in seconds) so that pool
workers, which are separate processes, see the limit of the process that started
them; `configure()` sets it.
"""

from __future__ import annotations

import ctypes
import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from tidings.errors import InputError

T = TypeVar("T")

DEFAULT_SECONDS = 20.0
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_ENV_SECONDS = "TIDINGS_TIME_LIMIT"


class DeadlineExceeded(InputError):  # noqa: N818 - the name says what happened
    """Reading one document took longer than the per-document time limit."""


def seconds_limit() -> float:
    """The per-document time limit in force: `TIDINGS_TIME_LIMIT`, else the default."""
    try:
        value = float(os.environ.get(_ENV_SECONDS) or DEFAULT_SECONDS)
    except ValueError:
        return DEFAULT_SECONDS
    return value if value > 0 else DEFAULT_SECONDS


def configure(seconds: float) -> None:
    """Set the per-document time limit for this process and the workers it starts."""
    if not seconds > 0:
        raise ValueError("the time limit must be a positive number of seconds")
    os.environ[_ENV_SECONDS] = repr(float(seconds))


def too_large(size: int, limit: int, at_least: bool = False) -> str:
    """The error for a document of `size` bytes over the size `limit`; `at_least`: a
    stream, read only up to the limit, so its size is not known."""
    if at_least:
        return (f"the document is larger than the {limit:,}-byte limit (it was read no "
                f"further); raise it with --max-bytes")  # fmt: skip
    shown, allowed = f"{size / 1e6:.1f} MB", f"{limit / 1e6:.1f} MB"
    if shown == allowed:  # too close to tell apart in MB
        shown, allowed = f"{size:,} bytes", f"{limit:,}-byte"
    return f"the document is {shown}, over the {allowed} limit; raise it with --max-bytes"


def run_limited(function: Callable[..., T], *args, seconds: float | None = None, **kwargs) -> T:
    """`function(*args, **kwargs)`, stopped with `DeadlineExceeded` after `seconds`."""
    with time_limit(seconds_limit() if seconds is None else seconds):
        return function(*args, **kwargs)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise `DeadlineExceeded` inside the block when it runs longer than `seconds`."""
    if seconds is None or seconds <= 0:
        yield
        return
    guard = _alarm if _can_use_alarm() else _watchdog
    try:
        with guard(seconds):
            yield
    except _Expired:
        raise DeadlineExceeded(
            f"reading the document took longer than the {seconds:g} s limit; "
            f"raise it with {_ENV_SECONDS}=SECONDS"
        ) from None


class _Expired(BaseException):
    """Raised into the running code at the deadline. A BaseException, so that the
    `except Exception` blocks of the libraries we call cannot swallow it."""


# After the deadline the interrupt repeats at this interval, in case a bare
# `except:` somewhere swallowed the first one.
_REPEAT = 0.05


def _can_use_alarm() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    state = {"armed": True}

    def on_alarm(signum, frame):  # noqa: ANN001, ARG001
        if state["armed"]:
            raise _Expired

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT)
    try:
        yield
    finally:
        while True:  # an alarm landing before `armed` is cleared just means one more turn
            try:
                state["armed"] = False
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                break
            except _Expired:
                continue


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    lock = threading.Lock()
    done = threading.Event()
    fired = []

    def watch() -> None:
        wait = seconds
        while not done.wait(wait):
            with lock:
                if done.is_set():
                    return
                fired.append(True)
                _async_raise(target, _Expired)
            wait = _REPEAT

    watcher = threading.Thread(target=watch, name="tidings-time-limit", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        while True:  # an interrupt delivered just as the block finished means one more turn
            try:
                with lock:
                    done.set()
                    if fired:
                        _async_raise(target, None)  # clear one not yet delivered
                break
            except _Expired:
                continue


def _async_raise(thread_id: int, exception: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None
    )
