"""Score tidings on hand-written expectations (the shared scorer's format), in process.

Like ../shared/eval/score.py with `--cmd 'tidings parse …'`, and it also reads
`jsonl_line` (1-based) for expectations whose file is a JSONL corpus.

    python tools/score_samples.py [EXPECT.json ...] [-q] [--area structure ...]

Without arguments it scores samples/expect/*.expect.json and ../shared/examples.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    return Path(os.environ.get("TIDINGS_SHARED", REPO.parent / "shared"))


def load_scorer() -> ModuleType:
    path = shared_dir() / "eval" / "score.py"
    if not path.exists():
        raise SystemExit(f"the shared scorer is missing at {path}; set TIDINGS_SHARED")
    spec = importlib.util.spec_from_file_location("tidings_shared_score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def default_expectations() -> list[Path]:
    found = sorted((REPO / "samples" / "expect").glob("*.expect.json"))
    return found + sorted((shared_dir() / "examples").glob("*.expect.json"))


def record_for(base: Path, expectation: dict) -> dict:
    from tidings import parse_bytes

    path = base / expectation["file"]
    records = parse_bytes(path.read_bytes(), path=str(path), date=expectation.get("published"))
    line = expectation.get("jsonl_line")
    if line is not None:
        wanted = f"{path}:{line}"
        records = [r for r in records if r.source.path == wanted]
    return records[0].to_dict() if records else {}


def score(paths: list[Path]):
    scorer = load_scorer()
    tally = scorer.Tally()
    for base, expectation in scorer.load_expectations([str(p) for p in paths]):
        label = expectation["file"] + (
            f":{expectation['jsonl_line']}" if "jsonl_line" in expectation else ""
        )
        tally.lines.append(f"{label}:")
        scorer.score_record(expectation, record_for(base, expectation), tally)
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("expect", nargs="*", type=Path)
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    args = parser.parse_args()
    tally = score(args.expect or default_expectations())
    if not args.quiet:
        print("\n".join(tally.lines))
    parts = [f"{k} {v[0]}/{v[1]}" for k, v in tally.got.items()]
    total = sum(v[0] for v in tally.got.values()) / max(1, sum(v[1] for v in tally.got.values()))
    print(f"score {total:.2f}: " + ", ".join(parts))
    json.dumps(tally.got)
    return 0


if __name__ == "__main__":
    sys.exit(main())
