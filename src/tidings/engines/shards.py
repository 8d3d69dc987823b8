"""Parquet shards: records written by the workers (`process --output DIR`) and
loaded into a store later (`tidings load DIR`).

One shard per part of the input, `part-000042.parquet`, written under a temporary
name and renamed when complete, so a killed run never leaves half a shard. A row
is one record: its id, source, date and title as columns to look at, and the
whole record as JSON (exactly what the store keeps).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from tidings.errors import UsageError
from tidings.record import Article

SHARD_GLOB = "part-*.parquet"


def shard_path(folder: str | Path, index: int) -> Path:
    return Path(folder) / f"part-{index:06d}.parquet"


def write_shard(folder: str | Path, index: int, records: list[Article]) -> int:
    """Write one part's records; return how many."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({
        "id": [r.id for r in records],
        "source": [r.source.path for r in records],
        "published": [r.published for r in records],
        "title": [r.title for r in records],
        "record": [r.to_json() for r in records],
    }, schema=pa.schema([(name, pa.string()) for name in
                         ("id", "source", "published", "title", "record")]))  # fmt: skip
    path = shard_path(folder, index)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, partial)
    partial.replace(path)
    return len(records)


def read_shards(folder: str | Path) -> Iterator[Article]:
    """The records of every shard in a folder, shard by shard."""
    import pyarrow.parquet as pq

    paths = sorted(Path(folder).glob(SHARD_GLOB))
    if not Path(folder).is_dir() or not paths:
        raise UsageError(f"no shards ({SHARD_GLOB}) in {folder}; write them with "
                         f"`tidings process PATH --engine dask --output {folder}`")  # fmt: skip
    for path in paths:
        for batch in pq.ParquetFile(path).iter_batches(columns=["record"], batch_size=256):
            for text in batch.column(0).to_pylist():
                yield Article.from_json(text)
