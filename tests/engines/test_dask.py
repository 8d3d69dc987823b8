"""The Dask engine: parts read by the workers, failures per document, reruns skip."""

from __future__ import annotations

import json

from tidings.engines.dask import PART_SIZE, parts_of
from tidings.ingest import ingest
from tidings.runs import Run
from tidings.store import Store


def _jsonl(path, count: int, bad_lines=()):
    lines = ["{broken" if n in bad_lines else
             json.dumps({"title": f"Story {n}", "text": f"Body of story number {n}."})
             for n in range(count)]  # fmt: skip
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_jsonl_file_is_cut_into_line_ranges(tmp_path):
    path = _jsonl(tmp_path / "a.jsonl", 3 * PART_SIZE + 1)
    parts = parts_of(Run.of([str(path)]))
    assert [p.line for p in parts] == [1, PART_SIZE + 1, 2 * PART_SIZE + 1, 3 * PART_SIZE + 1]
    assert parts[0].start == 0 and parts[-1].stop is None


def test_dask_stores_what_the_local_engine_stores_and_a_rerun_skips_it(tmp_path):
    path = _jsonl(tmp_path / "a.jsonl", 40, bad_lines={7, 33})
    with Store(tmp_path / "local.db") as local, Store(tmp_path / "dask.db") as dask:
        expected = ingest([str(path)], local, nlp=False)
        summary = ingest([str(path)], dask, nlp=False, engine="dask", workers=2)
        assert (summary.added, sorted(summary.failed)) == (expected.added, sorted(expected.failed))
        assert [f[0].rsplit(":", 1)[1] for f in sorted(summary.failed)] == ["34", "8"]
        assert [a.to_dict() for a in dask.articles()] == [a.to_dict() for a in local.articles()]
        again = ingest([str(path)], dask, nlp=False, engine="dask", workers=2)
        assert (again.added, again.skipped) == (0, 38)  # the workers asked the store


def _archive(path, pages: int):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for n in range(pages):
            body = (f"<html><head><title>Story {n}</title></head><body><article>"
                    f"<h1>Story {n}</h1><p>The council met on Monday to discuss story number "
                    f"{n} and agreed to meet again.</p><p>Officials said the talks on item "
                    f"{n} would go on next week in the capital.</p></article></body></html>")  # fmt: skip
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://x.example/{n}", "response", payload=io.BytesIO(body.encode()),
                http_headers=headers))  # fmt: skip
    return path


def test_an_archive_is_cut_into_record_ranges_that_give_the_same_records(tmp_path):
    path = _archive(tmp_path / "crawl.warc.gz", 2 * PART_SIZE + 3)
    parts = parts_of(Run.of([str(path)]))
    assert len(parts) == 3 and [p.line for p in parts] == [1, PART_SIZE + 1, 2 * PART_SIZE + 1]
    with Store(tmp_path / "local.db") as local, Store(tmp_path / "dask.db") as dask:
        ingest([str(path)], local, nlp=False)
        summary = ingest([str(path)], dask, nlp=False, engine="dask", workers=2)
        assert summary.added == 2 * PART_SIZE + 3
        assert [a.to_dict() for a in dask.articles()] == [a.to_dict() for a in local.articles()]
