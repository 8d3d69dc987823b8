"""Scaling out changes nothing in the data: the sample corpus processed into
PostgreSQL (and by the Dask engine) exports exactly as with the defaults."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tidings.cli import app

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


runner = CliRunner()


def _process_and_export(*options: str) -> str:
    processed = runner.invoke(app, ["process", str(SAMPLES / "text"),
                                    str(SAMPLES / "articles.jsonl"), "--quiet", *options])  # fmt: skip
    assert processed.exit_code in (0, 1), processed.output
    db = options[options.index("--db") + 1]
    exported = runner.invoke(app, ["export", "--db", db, "--format", "jsonl"])
    assert exported.exit_code == 0, exported.output
    return exported.stdout


def test_postgresql_gives_the_same_export_as_sqlite(tmp_path, postgres_url):
    default = _process_and_export("--db", str(tmp_path / "samples.db"))
    assert default.count("\n") == 15  # the fifteen sample articles
    assert _process_and_export("--db", postgres_url) == default


def test_dask_gives_the_same_export_as_the_local_engine(tmp_path):
    default = _process_and_export("--db", str(tmp_path / "local.db"))
    dask = _process_and_export("--db", str(tmp_path / "dask.db"), "--engine", "dask",
                               "--workers", "2")  # fmt: skip
    assert dask == default


def test_dask_shards_loaded_into_postgresql_give_the_same_export(tmp_path, postgres_url):
    default = _process_and_export("--db", str(tmp_path / "local.db"))
    shards = tmp_path / "shards"
    written = runner.invoke(app, ["process", str(SAMPLES / "text"), str(SAMPLES / "articles.jsonl"),
                                  "--engine", "dask", "--workers", "2", "--output", str(shards),
                                  "--quiet"])  # fmt: skip
    assert written.exit_code == 0, written.output
    assert len(list(shards.glob("part-*.parquet"))) > 2  # one per part: files, line ranges
    loaded = runner.invoke(app, ["load", str(shards), "--db", postgres_url, "--quiet"])
    assert loaded.exit_code == 0, loaded.output
    exported = runner.invoke(app, ["export", "--db", postgres_url, "--format", "jsonl"])
    assert exported.stdout == default
