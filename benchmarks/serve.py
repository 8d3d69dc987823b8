"""`tidings serve` under load while `tidings process` writes, with datasette as the anchor.

Store: the 15 bundled samples processed by the real pipeline, then copied into a
synthetic store of `--articles` (10,000) records: each copy keeps one sample's
text, actors, quotes and events, takes a new id, outlet (one of 25) and
publication date (spread over two years, its events dated with it), and gets one
or two paragraphs of another sample appended so that the search index is not
15 documents repeated. Loopback only; every loop is bounded in time and count.

Queries (the same list, in the same order, for both servers):

- search: full-text search, best match first, 20 hits with a snippet, for one of
  `SEARCH_TERMS` (words and phrases of the samples);
- article: one whole record by id (a random stored id);
- dyad: one pair's events per week by type with mean intensity (`/api/dyads`),
  for one of the 20 pairs with the most events.

datasette (the dev extra) serves the same file: search as its own SQL (FTS5
MATCH, bm25, snippet, 20 rows, the same join), article as the row's `record`,
dyad as the SQL group-by over events and articles that gives the same counts and
means. Its default settings; its queries through `/db.json?sql=…&_shape=array`.

Each server runs alone, in its own process, while a `tidings process` of new
JSONL documents writes to the same file (started first and writing before the
clock starts; its articles/s, and the articles it stored during each route, are
reported). `--no-nlp`: it commits a batch of 50 every second or two, so every
route is measured across commits, each of which makes the server's kept answers
stale; with the NLP steps a batch took longer than the four routes together on a
loaded machine, and no route saw a commit. `--no-link`: the synthetic store is 15
texts copied 10,000 times, and linking it into stories would measure the stories
code, not the server. For each route in turn, `--clients`
closed-loop clients (keep-alive HTTP/1.1, raw asyncio streams in this process, so
the client costs little) send that route's queries for `--seconds`. A run of
tidings with no writer is the baseline the writer's cost is measured against.

Reported per server and route: requests, requests/s, p50/p90/p99/max latency in
ms, non-200 answers, and the server process's CPU time per request (user +
system, from /proc: what a request costs whatever else the machine runs; the
machine's load average is recorded beside each run, since on a shared machine
latency depends on it). Before each route, a load probe: ms per FTS5 search run
alone in this process (`probe_ms`); its ratio to a quiet moment's figure is how
much slower the machine was. Written to benchmarks/results/serve.json.
Target (issue 12): p99 ≤ 150 ms for search and article at 20 clients over
10k articles with the writer running.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote, urlencode

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SAMPLES = REPO / "samples"
OUTLETS = [f"Outlet {chr(65 + i)} News" for i in range(25)]
SEARCH_TERMS = [
    "sanctions", "prisoners", "election", "drought", "protesters", "talks",
    "court", "aid convoy", "Kremlin", "ministry", "bridge", "oil", "trade deal",
    "rebels", "ceasefire", "minister", "police", "European Union", "China", "dam",
]  # fmt: skip
MAX_REQUESTS = 200_000
NEW_QUERIES = 20_000  # more than any run asks: with --seconds 10, a few thousand
ROUTES = ("search", "search-new", "article", "dyad")


# --- the store ---------------------------------------------------------------------------


def base_records(work: Path) -> list:
    from tidings.ingest import ingest
    from tidings.store import Store

    with Store(work / "base.db") as store:
        ingest([str(SAMPLES / "text"), str(SAMPLES / "articles.jsonl")], store)
        return list(store.articles())


def synthetic_store(path: Path, bases: list, count: int, seed: int) -> None:
    from tidings.store import Store

    rng = random.Random(seed)
    start = time.mktime((2024, 1, 1, 0, 0, 0, 0, 0, -1))
    with Store(path) as store:
        batch = []
        for n in range(count):
            batch.append(_copy(rng.choice(bases), rng.choice(bases), n, rng, start))
            if len(batch) == 500:
                store.add(batch)
                batch = []
        store.add(batch)


def _copy(base, other, n: int, rng: random.Random, start: float):
    day = time.strftime("%Y-%m-%d", time.localtime(start + rng.randrange(730) * 86400))
    extra = rng.sample(other.paragraphs, k=min(len(other.paragraphs), rng.choice((1, 2))))
    source = replace(base.source, outlet=rng.choice(OUTLETS), url=f"https://example.org/{n}")
    events = [replace(e, date=day) for e in base.events]
    return replace(base, id=f"{n:016x}", published=day, source=source,
                   paragraphs=base.paragraphs + extra, events=events)  # fmt: skip


def writer_input(path: Path, bases: list, count: int, tag: str) -> None:
    """New documents for the writer: the samples' repaired texts, each made new by a line."""
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            base = bases[n % len(bases)]
            body = "\n\n".join(base.paragraphs)
            line = {"title": f"{base.title} ({tag} {n})", "text": f"{body}\n\nUpdate {tag} {n}.",
                    "date": "2025-06-01", "outlet": "Writer Wire"}  # fmt: skip
            out.write(json.dumps(line) + "\n")


# --- the queries -------------------------------------------------------------------------


def new_queries(bases: list, count: int, seed: int) -> list[str]:
    """`count` different searches (each asked once): the samples' words alone and in
    pairs, so that no answer can be kept from an earlier request."""
    rng = random.Random(seed)
    words = sorted({w.lower() for b in bases for p in b.paragraphs
                    for w in re.findall(r"[A-Za-z]{4,}", p)})  # fmt: skip
    queries = set(words)
    while len(queries) < count:
        queries.add(" ".join(rng.sample(words, 2)))
    ordered = sorted(queries)
    rng.shuffle(ordered)
    return ordered[:count]


def workload(db: Path, seed: int, bases: list) -> dict[str, list]:
    rng = random.Random(seed)
    con = sqlite3.connect(db)
    ids = [r[0] for r in con.execute("SELECT id FROM articles")]
    pairs = con.execute(
        "SELECT coalesce(source_country, source_org) s, coalesce(target_country, target_org) t"
        " FROM events WHERE s IS NOT NULL AND t IS NOT NULL GROUP BY s, t"
        " ORDER BY count(*) DESC LIMIT 20"
    ).fetchall()
    con.close()
    return {
        "search": [rng.choice(SEARCH_TERMS) for _ in range(997)],
        "search-new": new_queries(bases, NEW_QUERIES, seed),
        "article": [rng.choice(ids) for _ in range(997)],
        "dyad": [rng.choice(pairs) for _ in range(997)],
    }


def tidings_path(route: str, value) -> str:
    if route.startswith("search"):
        return "/api/articles?" + urlencode({"q": value, "limit": 20})
    if route == "article":
        return f"/api/articles/{value}"
    return "/api/dyads?" + urlencode({"source": value[0], "target": value[1],
                                      "period": "week", "limit": 100})  # fmt: skip


SEARCH_SQL = (
    "SELECT a.id, a.published, a.outlet, a.url, highlight(articles_fts, 0, '[', ']') AS title,"
    " snippet(articles_fts, 1, '[', ']', '…', 24) AS snippet FROM articles_fts"
    " JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH :q"
    " ORDER BY bm25(articles_fts, 5.0, 1.0), a.rowid LIMIT 21"
)
ARTICLE_SQL = "SELECT record FROM articles WHERE id = :id"
DYAD_SQL = (
    "SELECT strftime('%Y-W%W', coalesce(e.date, a.published)) AS week, e.type,"
    " count(*) AS events, round(avg(e.intensity), 2) AS mean_intensity"
    " FROM events e JOIN articles a ON a.id = e.article_id"
    " WHERE coalesce(e.source_country, e.source_org) = :s"
    " AND coalesce(e.target_country, e.target_org) = :t GROUP BY week, e.type ORDER BY week"
)


def datasette_path(route: str, value) -> str:
    if route.startswith("search"):
        params = {"sql": SEARCH_SQL, "q": value}  # the same FTS5 query tidings is given
    elif route == "article":
        params = {"sql": ARTICLE_SQL, "id": value}
    else:
        params = {"sql": DYAD_SQL, "s": value[0], "t": value[1]}
    return "/bench.json?" + urlencode({**params, "_shape": "array"}, quote_via=quote)


# --- the load ----------------------------------------------------------------------------


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    failures: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


async def _request(reader, writer, path: str) -> int:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def _client(port: int, jobs, deadline: float, results: Results, counter: list[int]):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < deadline and counter[0] < MAX_REQUESTS:
            counter[0] += 1
            job = next(jobs, None)
            if job is None:
                break
            route, path = job
            began = time.perf_counter()
            status = await _request(reader, writer, path)
            results.latencies.setdefault(route, []).append(time.perf_counter() - began)
            if status != 200:
                results.failures[route] = results.failures.get(route, 0) + 1
    finally:
        writer.close()


def load(port: int, paths: list[tuple[str, str]], clients: int, seconds: float,
         shared: bool = False) -> Results:  # fmt: skip
    """Each client goes through `paths` from its own offset, or with `shared` all take
    the next one, so that no path is asked twice."""
    results = Results()
    common = iter(paths)

    def jobs(offset: int):
        if shared:
            yield from common
            return
        n = offset
        while True:
            yield paths[n % len(paths)]
            n += 1

    async def run() -> None:
        deadline = time.perf_counter() + seconds
        counter = [0]
        began = time.perf_counter()
        await asyncio.gather(*(
            _client(port, jobs(i * 37), deadline, results, counter) for i in range(clients)
        ))  # fmt: skip
        results.seconds = time.perf_counter() - began

    asyncio.run(run())
    return results


def summary(results: Results) -> dict[str, dict[str, float]]:
    return {
        route: _stats(times, results.seconds, results.failures.get(route, 0))
        for route, times in sorted(results.latencies.items())
    }


def _stats(times: list[float], seconds: float, failed: int) -> dict[str, float]:
    ordered = sorted(times)
    cut = statistics.quantiles(ordered, n=100, method="inclusive") if len(ordered) > 1 else [0] * 99
    return {
        "requests": len(ordered),
        "per_second": round(len(ordered) / seconds, 1),
        "p50_ms": round(cut[49] * 1000, 1),
        "p90_ms": round(cut[89] * 1000, 1),
        "p99_ms": round(cut[98] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
        "non_200": failed,
    }


# --- servers and the writer ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(command: list[str], port: int, probe_path: str) -> subprocess.Popen:
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                request = f"GET {probe_path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                s.sendall(request.encode())
                if s.recv(12).startswith(b"HTTP/1.1 200"):
                    return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise SystemExit(f"server did not start: {' '.join(command)}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def count(db: Path) -> int:
    con = sqlite3.connect(db, timeout=30)
    try:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        con.close()


def start_writer(db: Path, source: Path) -> tuple[subprocess.Popen, int, float]:
    """`tidings process` on new documents; returns once it has stored some."""
    before = count(db)
    log = source.with_suffix(".log")
    with log.open("wb") as errors:
        writer = subprocess.Popen(
            [str(BIN / "tidings"), "process", str(source), "--db", str(db), "--quiet",
             "--no-link", "--no-nlp"],
            stdout=subprocess.DEVNULL, stderr=errors, start_new_session=True,
        )  # fmt: skip
    deadline = time.monotonic() + 300
    while count(db) == before:
        if writer.poll() is not None or time.monotonic() > deadline:
            stop(writer)
            tail = log.read_text(errors="replace")[-2000:]
            raise SystemExit(f"the writer stored nothing (exit {writer.poll()}):\n{tail}")
        time.sleep(0.2)
    return writer, count(db), time.monotonic()


PROBE_TERMS = ("sanctions", "election", "ministry", "police", "trade deal")


def probe_ms(db: Path, rounds: int = 40) -> float:
    """The load probe: ms per FTS5 search (`SEARCH_SQL`) run here, alone, on one
    connection; against the figure of a quiet moment it says how much of the machine
    the run had (other engineers' work shares it)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        began = time.perf_counter()
        for n in range(rounds):
            con.execute(SEARCH_SQL, {"q": PROBE_TERMS[n % len(PROBE_TERMS)]}).fetchall()
        return round((time.perf_counter() - began) * 1000 / rounds, 2)
    finally:
        con.close()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (/proc/PID/stat fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(name: str, command: list[str], port: int, probe: str, paths, args, db: Path,
        writer_docs: Path | None) -> dict:  # fmt: skip
    server = start(command, port, probe)
    writer = None
    try:
        # warm up (pools, pages of the file, kept answers) on the routes' first queries;
        # never on search-new, whose every query must be new
        load(port, [p for p in paths if p[0] != "search-new"][:200], 4, 2.0)
        if writer_docs is not None:
            writer, written_before, writer_began = start_writer(db, writer_docs)
        report: dict = {"load_average_before": os.getloadavg()[0], "routes": {}}
        for route in args.routes:
            only = [(r, p) for r, p in paths if r == route]
            machine = probe_ms(db)
            cpu_before, stored_before = cpu_seconds(server.pid), count(db)
            results = load(port, only, args.clients, args.seconds, shared=route == "search-new")
            stats = summary(results)[route]
            stats["server_cpu_ms_per_request"] = round(
                (cpu_seconds(server.pid) - cpu_before) * 1000 / max(stats["requests"], 1), 2
            )
            stats["probe_ms"] = machine
            if writer is not None:
                stats["written_meanwhile"] = count(db) - stored_before
            report["routes"][route] = stats
        report["load_average_after"] = os.getloadavg()[0]
        if writer is not None:
            elapsed = time.monotonic() - writer_began
            report["writer_articles_per_second"] = round(
                (count(db) - written_before) / elapsed, 2
            )
            report["writer_still_running"] = writer.poll() is None
            report["writer_exit"] = writer.poll()
        return report
    finally:
        if writer is not None:
            stop(writer)
        stop(server)
        print(f"  {name} done", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0, help="per route")
    parser.add_argument("--writer-docs", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--routes", nargs="+", choices=ROUTES, default=list(ROUTES))
    parser.add_argument("--no-datasette", action="store_true", help="tidings only")
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks/results/serve.json")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="tidings-serve-bench-"))
    try:
        print(f"building a store of {args.articles} articles in {work}", file=sys.stderr)
        began = time.monotonic()
        db = work / "bench.db"
        bases = base_records(work)
        synthetic_store(db, bases, args.articles, args.seed)
        print(f"  built in {time.monotonic() - began:.0f} s", file=sys.stderr)
        work_list = workload(db, args.seed, bases)
        order = [(route, value) for route, values in work_list.items() for value in values]
        tidings_paths = [(r, tidings_path(r, v)) for r, v in order]
        datasette_paths = [(r, datasette_path(r, v)) for r, v in order]

        runs = {}
        port = free_port()
        tidings_cmd = [str(BIN / "tidings"), "serve", "--db", str(db), "--port", str(port)]
        for label, docs in (("tidings, no writer", None), ("tidings + writer", "t")):
            source = None
            if docs:
                source = work / f"writer-{docs}.jsonl"
                writer_input(source, bases, args.writer_docs, docs)
            print(f"running {label}", file=sys.stderr)
            runs[label] = run(label, tidings_cmd, port, "/api/articles?limit=1",
                              tidings_paths, args, db, source)  # fmt: skip
        report = {"articles": args.articles, "clients": args.clients, "seconds": args.seconds,
                  "cpus": os.cpu_count(), "runs": runs}  # fmt: skip
        write(args.output, report)  # kept should the anchor's run fail
        if not args.no_datasette:
            anchor(args, db, bases, work, datasette_paths, runs)
            report["throughput_vs_datasette"] = {
                route: round(runs["tidings + writer"]["routes"][route]["per_second"]
                             / runs["datasette + writer"]["routes"][route]["per_second"], 2)
                for route in args.routes
            }  # fmt: skip
        write(args.output, report)
        print_report(report)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write(path: Path, report: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def anchor(args, db: Path, bases: list, work: Path, paths, runs: dict) -> None:
    """The same queries served by datasette over the same file, with its own writer."""
    port = free_port()
    command = [str(BIN / "datasette"), "serve", str(db), "--port", str(port)]
    source = work / "writer-d.jsonl"
    writer_input(source, bases, args.writer_docs, "d")
    print("running datasette + writer", file=sys.stderr)
    runs["datasette + writer"] = run("datasette + writer", command, port,
                                     "/bench.json?sql=select+1&_shape=array",
                                     paths, args, db, source)  # fmt: skip


def print_report(report: dict) -> None:
    print(f"{report['articles']} articles, {report['clients']} clients, "
          f"{report['seconds']:.0f} s per run, {report['cpus']} CPUs")  # fmt: skip
    print(f"{'run':<20} {'route':<10} {'req':>7} {'req/s':>8} {'p50':>7} {'p90':>7} "
          f"{'p99':>7} {'max':>7} {'non-200':>8} {'cpu ms/req':>10} {'probe':>6} "
          f"{'written':>7}")  # fmt: skip
    for label, result in report["runs"].items():
        for route, s in result["routes"].items():
            print(f"{label:<20} {route:<10} {s['requests']:>7} {s['per_second']:>8} "
                  f"{s['p50_ms']:>7} {s['p90_ms']:>7} {s['p99_ms']:>7} {s['max_ms']:>7} "
                  f"{s['non_200']:>8} {s['server_cpu_ms_per_request']:>10} "
                  f"{s['probe_ms']:>6} {s.get('written_meanwhile', '-'):>7}")  # fmt: skip
        extra = f"load average {result['load_average_before']:.1f} → "
        extra += f"{result['load_average_after']:.1f}"
        if "writer_articles_per_second" in result:
            extra += f"; writer {result['writer_articles_per_second']} articles/s"
        print(f"{'':<20} {extra}")
    if "throughput_vs_datasette" in report:
        ratios = ", ".join(f"{k} {v}" for k, v in report["throughput_vs_datasette"].items())
        print(f"tidings / datasette requests/s with the writer: {ratios}")


if __name__ == "__main__":
    main()
