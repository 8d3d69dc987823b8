"""Scaling out: the local engine and the Dask engine on the same input, and store
write throughput of SQLite and PostgreSQL with several writers at once.

Input: the 181 real news pages of ../shared/benchmarks/article-extraction (HTML,
many languages), packed into one WARC archive, so that both engines read web
pages in their workers and the Dask engine cuts the archive into record ranges.
Every configuration runs in this one process, one after the other, on the same
archive; model loading and worker start-up count (each engine starts its own
worker processes, as `tidings process` does), the store is in memory.

1. Engines: articles/s for local 1 and 2 workers and Dask 1 and 2 workers; each
   engine's 2-worker speed-up over its own 1 worker (target for Dask ≥ 1.7×) and
   Dask against local at equal workers (target: within 15%). The records of every
   run are compared with the first: they must be the same.
2. Stores: the same records (the pages' records, copied under new ids to
   `--records`) written by 1, 2 and 4 writer processes at once in batches of 50, to
   one SQLite file and to one PostgreSQL database (a server started here, Debian's
   package); records/s, and whether every record is there exactly once.

    nice -n 10 python benchmarks/scale.py [--limit N] [--records N] [--skip-engines]

Writes `benchmarks/results/scale.json`.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import multiprocessing
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_folder() -> Path:
    override = os.environ.get("TIDINGS_SHARED")
    return Path(override) if override else REPO.parent / "shared"


def write_archive(path: Path, limit: int | None) -> int:
    """The benchmark pages as one WARC.gz of HTTP responses; returns how many."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = sorted((shared_folder() / "benchmarks/article-extraction/html").glob("*.html.gz"))
    if not pages:
        raise SystemExit(f"no pages in {shared_folder()}; set TIDINGS_SHARED")
    pages = pages[:limit] if limit else pages
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for page in pages:
            body = gzip.decompress(page.read_bytes())
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")  # fmt: skip
            uri = f"https://bench.example/{page.name.split('.')[0]}"
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))  # fmt: skip
    return len(pages)


def run_engine(archive: Path, engine: str, workers: int) -> tuple[float, list[str]]:
    """Seconds for one whole run into an in-memory store, and the records made."""
    from tidings.engines import Budget
    from tidings.ingest import ingest
    from tidings.store import Store

    start = time.perf_counter()
    with Store(":memory:") as store:
        # the local engine as `tidings process` runs it: worker processes under a budget
        budget = Budget() if engine == "local" else None
        summary = ingest([str(archive)], store, workers=workers, engine=engine, budget=budget)
        seconds = time.perf_counter() - start
        records = sorted(a.to_json() for a in store.articles())
    failed = len(summary.failed)
    print(f"  {engine:5} {workers} worker(s): {seconds:6.1f} s, {summary.added} stored, "
          f"{failed} without article text", file=sys.stderr)  # fmt: skip
    return seconds, records


def engines(archive: Path, pages: int) -> dict:
    results, reference = {}, None
    for engine in ("local", "dask"):
        for workers in (1, 2):
            seconds, records = run_engine(archive, engine, workers)
            reference = reference if reference is not None else records
            results[f"{engine}_{workers}"] = {
                "seconds": round(seconds, 2),
                "articles_per_s": round(pages / seconds, 2),
                "same_records": records == reference,
            }
    for engine in ("local", "dask"):
        one, two = results[f"{engine}_1"], results[f"{engine}_2"]
        results[f"{engine}_speedup_2_vs_1"] = round(
            two["articles_per_s"] / one["articles_per_s"], 2
        )
    for workers in (1, 2):
        local, dask = results[f"local_{workers}"], results[f"dask_{workers}"]
        results[f"dask_vs_local_{workers}"] = round(
            dask["articles_per_s"] / local["articles_per_s"], 3
        )
    return results


# --- store writers --------------------------------------------------------------------


def sample_records(archive: Path, count: int) -> list:
    """`count` records: the pages' own (read without NLP), copied under new ids."""
    from tidings.api import parse_paths

    base = [r for r in parse_paths([str(archive)], nlp=False) if r.paragraphs]
    return [replace(base[n % len(base)], id=f"{n:016x}") for n in range(count)]


def _writer(location: str, records: list, start, results) -> None:  # noqa: ANN001
    from tidings.store import Store

    start.wait()
    began = time.perf_counter()
    added = 0
    with Store(location) as store:
        for at in range(0, len(records), 50):
            added += store.add(records[at : at + 50])[0]
    results.put((added, time.perf_counter() - began))


def write_with(location: str, records: list, writers: int) -> dict:
    from tidings.store import Store

    Store(location).close()  # the schema first: the writers race on rows, not on DDL
    shares = [records[w::writers] for w in range(writers)]
    context = multiprocessing.get_context("fork")
    start, results = context.Barrier(writers), context.Queue()
    procs = [context.Process(target=_writer, args=(location, share, start, results))
             for share in shares]  # fmt: skip
    for proc in procs:
        proc.start()
    outcomes = [results.get(timeout=600) for _ in procs]
    for proc in procs:
        proc.join()
    with Store(location, read_only=True) as store:
        stored = store.count()
        distinct = store.db.execute("SELECT count(DISTINCT id) FROM articles").fetchone()[0]
    seconds = max(s for _, s in outcomes)
    return {
        "records_per_s": round(len(records) / seconds, 1),
        "seconds": round(seconds, 2),
        "all_there_once": stored == distinct == len(records) == sum(a for a, _ in outcomes),
    }


def stores(archive: Path, count: int, folder: Path) -> dict:
    from tidings.store.pgserver import TempPostgres

    records = sample_records(archive, count)
    results: dict = {"records": len(records)}
    with TempPostgres() as server:
        for writers in (1, 2, 4):
            sqlite = write_with(str(folder / f"w{writers}.db"), records, writers)
            postgres = write_with(server.new_database(), records, writers)
            results[f"sqlite_{writers}"] = sqlite
            results[f"postgresql_{writers}"] = postgres
            print(f"  {writers} writer(s): SQLite {sqlite['records_per_s']} records/s, "
                  f"PostgreSQL {postgres['records_per_s']} records/s", file=sys.stderr)  # fmt: skip
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="pages to use (default all)")
    parser.add_argument("--records", type=int, default=4000, help="records for the stores")
    parser.add_argument("--skip-engines", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tidings-scale-") as tmp:
        folder = Path(tmp)
        archive = folder / "pages.warc.gz"
        pages = write_archive(archive, args.limit)
        report: dict = {"pages": pages, "cpus": os.cpu_count(),
                        "load_average_at_start": os.getloadavg()[0]}  # fmt: skip
        if not args.skip_engines:
            print("engines:", file=sys.stderr)
            report["engines"] = engines(archive, pages)
        print("stores:", file=sys.stderr)
        report["stores"] = stores(archive, args.records, folder)
        report["load_average_at_end"] = os.getloadavg()[0]
    text = json.dumps(report, indent=2)
    results = REPO / "benchmarks/results"
    results.mkdir(exist_ok=True)
    (results / "scale.json").write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
