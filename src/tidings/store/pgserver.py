"""A throwaway PostgreSQL server in a temporary folder, for tests and benchmarks.

It uses the server binaries of Debian's `postgresql` package (`initdb`, `pg_ctl`
under /usr/lib/postgresql/*/bin), listens on a free port of 127.0.0.1 only, and is
stopped and removed by `stop()`. PostgreSQL refuses to run as root, so as root the
commands run as the `postgres` user the package creates.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from glob import glob
from pathlib import Path

from tidings.errors import StoreError


def server_binaries() -> Path:
    """The folder of the newest PostgreSQL server binaries installed."""
    found = sorted(glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    if not found:
        raise StoreError(
            "no PostgreSQL server found; install Debian's package: apt-get install postgresql"
        )
    return Path(found[-1]).parent


def _version(path: str) -> int:
    number = Path(path).parent.parent.name
    return int(number) if number.isdigit() else 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class TempPostgres:
    """`with TempPostgres() as server: url = server.new_database()`."""

    user = "tidings"

    def __init__(self) -> None:
        self.bin = server_binaries()
        self.folder = Path(tempfile.mkdtemp(prefix="tidings-pg-"))
        self.port = _free_port()
        self.running = False

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        result = subprocess.run([*prefix, *command], capture_output=True, text=True)
        if result.returncode != 0:
            raise StoreError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-400:]}")

    def start(self) -> TempPostgres:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        data = str(self.folder / "data")
        self._run(str(self.bin / "initdb"), "-D", data, "-A", "trust", "-U", self.user,
                  "-E", "UTF8", "--locale=C", "--no-sync")  # fmt: skip
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=60"
        )
        self._run(str(self.bin / "pg_ctl"), "-D", data, "-o", options,
                  "-l", str(self.folder / "server.log"), "-w", "-t", "60", "start")  # fmt: skip
        self.running = True
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """The URL of a new, empty database on this server."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.running:
            with contextlib.suppress(StoreError):
                self._run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"),
                          "-m", "immediate", "-w", "stop")  # fmt: skip
            self.running = False
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> TempPostgres:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
