"""Opening input files safely: what is not a file to read is said, never waited on.

A named pipe (FIFO) opened for reading waits for a writer, forever if there is
none; a device may never end; a socket cannot be opened at all. So every input
file is looked at (`stat`) before it is opened, opened without blocking, and
checked again once open. What cannot be read becomes an `InputError` with the
reason, which the readers put on the document's record.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from tidings.errors import InputError

_NOT_FILES = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
              (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))  # fmt: skip


def open_file(path: Path) -> BinaryIO:
    """`path` opened for reading, or InputError saying why it cannot be: it is not a
    regular file (a FIFO, which would wait for a writer forever, a device, a socket), a
    broken link, or we may not read it. Never blocks."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(f"a broken link (to {os.readlink(path)}); it was not read") from None
        raise InputError("the file is gone; it was not read") from None
    except OSError as exc:
        raise InputError(f"the file cannot be reached ({exc.strerror}); it was not read") from None
    kind = next((name for test, name in _NOT_FILES if test(mode)), None)
    if kind or not stat.S_ISREG(mode):
        raise InputError(f"not a file but {kind or 'something else'}; it was not read")
    try:  # non-blocking, should it have become a FIFO since
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(
            f"the file cannot be opened ({exc.strerror}); check that it may be read"
        ) from None
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        raise InputError("not a regular file; it was not read")
    os.set_blocking(handle, True)
    return os.fdopen(handle, "rb")


def not_a_file(path: Path) -> str | None:
    """Why `path` cannot be read as a file (see `open_file`), or None when it can."""
    try:
        open_file(path).close()
    except InputError as exc:
        return str(exc)
    return None
