"""Article extraction benchmark: tidings, trafilatura alone and readability-lxml, side by side.

Data: `shared/benchmarks/article-extraction/` (181 gzipped HTML pages and their
ground-truth bodies, MIT, from Scrapinghub's article-extraction-benchmark). The
folder `shared/` is found beside the repository, or at `$TIDINGS_SHARED`.

Metric, as the benchmark's own `evaluate.py` computes it: per page, the word 4-gram
shingles of the extracted body against those of the true body give TP, FP and FN
(normalised per page); precision and recall are averaged over pages and F1 is
taken from the two averages. Published figures: trafilatura 2.0 0.958,
newspaper4k 0.949, readability-lxml 0.922, the best commercial service 0.970.

- tidings: `tidings.parse_bytes(raw, fmt="html", nlp=False)` (HTML reader, layout,
  repair), body = the record's paragraphs;
- trafilatura: `trafilatura.extract(html, include_comments=False)`, as the benchmark runs it;
- readability-lxml: `Document(html).summary(html_partial=True)` through `html_text`.

Each page is given to every extractor in turn, so that a busy machine slows them
alike; pages/s counts extraction time only. Results go to
`benchmarks/results/extraction.json`.

    python benchmarks/extraction.py [--limit N] [--worst N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

PUBLISHED = {"trafilatura": 0.958, "readability-lxml": 0.922}
TARGET_F1 = 0.965
TARGET_SPEED = 0.8  # tidings' pages/s as a share of trafilatura's


def shared_folder() -> Path:
    override = os.environ.get("TIDINGS_SHARED")
    return Path(override) if override else Path(__file__).resolve().parents[1].parent / "shared"


# --- the benchmark's metric (evaluate.py of article-extraction-benchmark) -----------------

_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(
        tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
    )


def shingle_match(true: str, pred: str) -> tuple[float, float, float]:
    """TP, FP, FN over shingles, normalised so that long pages do not weigh more."""
    truth, guess = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for key in truth.keys() | guess.keys():
        t, g = truth.get(key, 0), guess.get(key, 0)
        tp += min(t, g)
        fp += max(0, g - t)
        fn += max(0, t - g)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def metrics(matches: list[tuple[float, float, float]]) -> dict[str, float]:
    precision = statistics.mean(precision_score(*m) for m in matches if m[0] + m[1] > 0)
    recall = statistics.mean(recall_score(*m) for m in matches if m[0] + m[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


# --- extractors ---------------------------------------------------------------------------


def tidings_extractor() -> Callable[[bytes, str], dict[str, str]]:
    import tidings

    def extract(raw: bytes, name: str) -> dict[str, str]:
        records = tidings.parse_bytes(raw, path=name, fmt="html", nlp=False)
        body = [p for r in records for p in r.paragraphs]
        standfirst = [r.standfirst for r in records if r.standfirst]
        # The record's body is `paragraphs`; layout may take a first paragraph as the
        # standfirst, so the second row shows the body with it put back.
        return {"tidings": "\n\n".join(body), SF_ROW: "\n\n".join(standfirst + body)}

    return extract


SF_ROW = "  + standfirst"


def trafilatura_extractor() -> Callable[[bytes, str], str]:
    import trafilatura

    def extract(raw: bytes, name: str) -> str:
        html = raw.decode("utf-8", errors="replace")
        return trafilatura.extract(html, include_comments=False) or ""

    return extract


def readability_extractor() -> Callable[[bytes, str], str]:
    import html_text
    from readability import Document

    def extract(raw: bytes, name: str) -> str:
        html = raw.decode("utf-8", errors="replace")
        return html_text.extract_text(Document(html).summary(html_partial=True))

    return extract


EXTRACTORS = {
    "tidings": tidings_extractor,
    "trafilatura": trafilatura_extractor,
    "readability-lxml": readability_extractor,
}


# --- running ------------------------------------------------------------------------------


def load(folder: Path, limit: int | None) -> tuple[dict, dict[str, bytes]]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:limit] if limit else sorted(truth)
    pages = {
        key: gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()) for key in keys
    }
    return {key: truth[key] for key in keys}, pages


def run(truth: dict, pages: dict[str, bytes], names: list[str]) -> dict:
    extractors = {name: EXTRACTORS[name]() for name in names}
    first = next(iter(pages))
    for extract in extractors.values():  # imports, caches and compiled patterns off the clock
        extract(pages[first], f"{first}.html")
    outputs: dict[str, dict[str, str]] = {}
    seconds = dict.fromkeys(names, 0.0)
    crashes = dict.fromkeys(names, 0)
    for key, raw in pages.items():
        for name, extract in extractors.items():
            start = time.perf_counter()
            try:
                found = extract(raw, f"{key}.html")
            except Exception:  # an extractor that crashes on a page scores nothing there
                found, crashes[name] = "", crashes[name] + 1
            seconds[name] += time.perf_counter() - start
            for row, text in (found if isinstance(found, dict) else {name: found}).items():
                outputs.setdefault(row, {})[key] = text
    results = {}
    for row, texts in outputs.items():
        timed = row in seconds
        matches = {k: shingle_match(truth[k]["articleBody"], texts.get(k, "")) for k in pages}
        results[row] = {
            **metrics(list(matches.values())),
            "pages": len(pages),
            "seconds": seconds[row] if timed else None,
            "pages_per_second": len(pages) / seconds[row] if timed and seconds[row] else None,
            "crashes": crashes.get(row, 0),
            "per_page": {
                k: {"precision": precision_score(*m), "recall": recall_score(*m)}
                for k, m in matches.items()
            },
        }
    return {"results": results, "outputs": outputs}


def worst_pages(truth: dict, output: dict[str, str], per_page: dict, count: int) -> list[dict]:
    """The pages tidings scores worst on, with the text it added and the text it missed."""
    ranked = sorted(per_page, key=lambda k: _f1(per_page[k]))[:count]
    rows = []
    for key in ranked:
        true_text, pred = truth[key]["articleBody"], output[key]
        rows.append(
            {
                "page": key,
                "url": truth[key].get("url"),
                **per_page[key],
                "extra": _blocks_missing_from(pred, true_text)[:4],
                "missed": _blocks_missing_from(true_text, pred)[:4],
            }
        )
    return rows


def _f1(scores: dict) -> float:
    p, r = scores["precision"], scores["recall"]
    return 2 * p * r / (p + r) if p + r else 0.0


def _blocks_missing_from(text: str, other: str) -> list[str]:
    """Blocks of `text` whose shingles are mostly absent from `other`, longest first."""
    known = shingles(other)
    found = []
    for block in text.split("\n"):
        grams = shingles(block)
        unknown = sum(1 for g in grams if g not in known)
        if len(_TOKEN.findall(block)) >= 4 and unknown > len(grams) / 2:
            found.append(" ".join(block.split())[:140])
    return sorted(found, key=len, reverse=True)


def print_report(report: dict) -> None:
    results = report["results"]
    print(
        f"\n{'extractor':<18} {'precision':>9} {'recall':>7} {'F1':>7} {'published':>9} "
        f"{'pages/s':>8}"
    )
    for name, r in results.items():
        published = PUBLISHED.get(name)
        speed = f"{r['pages_per_second']:.1f}" if r["pages_per_second"] else ""
        print(
            f"{name:<18} {r['precision']:>9.4f} {r['recall']:>7.4f} {r['f1']:>7.4f} "
            f"{published if published else '':>9} {speed:>8}"
        )
    if "tidings" in results and "trafilatura" in results:
        ratio = report["speed_ratio"]
        ours, theirs = results["tidings"]["f1"], results["trafilatura"]["f1"]
        print(f"\ntidings speed / trafilatura speed: {ratio:.2f} (target >= {TARGET_SPEED})")
        print(
            f"tidings F1 {ours:.4f} vs trafilatura {theirs:.4f} in this run "
            f"(target >= {TARGET_F1} and above trafilatura): "
            f"{'met' if ours >= TARGET_F1 and ours > theirs else 'NOT met'}"
        )
    for row in report.get("worst", []):
        print(f"\n{row['precision']:.2f} P  {row['recall']:.2f} R  {row['url']}")
        for block in row["extra"]:
            print(f"    + {block}")
        for block in row["missed"]:
            print(f"    - {block}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N pages (by name)")
    parser.add_argument("--worst", type=int, default=12, help="list the N pages tidings does worst")
    parser.add_argument("--only", nargs="+", choices=list(EXTRACTORS), help="extractors to run")
    parser.add_argument(
        "--output",
        type=Path,
        default=Path(__file__).resolve().parent / "results" / "extraction.json",
    )
    args = parser.parse_args(argv)
    folder = shared_folder() / "benchmarks" / "article-extraction"
    if not (folder / "ground-truth.json").exists():
        print(
            f"no benchmark data at {folder}; set TIDINGS_SHARED to the shared folder",
            file=sys.stderr,
        )
        return 2
    truth, pages = load(folder, args.limit)
    names = args.only or list(EXTRACTORS)
    print(f"{len(pages)} pages from {folder}", file=sys.stderr)
    run_result = run(truth, pages, names)
    results = run_result["results"]
    report: dict = {"pages": len(pages), "results": results}
    if "tidings" in results and "trafilatura" in results:
        theirs = results["trafilatura"]["pages_per_second"]
        report["speed_ratio"] = results["tidings"]["pages_per_second"] / theirs if theirs else 0.0
    if "tidings" in results:
        report["worst"] = worst_pages(
            truth, run_result["outputs"]["tidings"], results["tidings"]["per_page"], args.worst
        )
    print_report(report)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nwritten to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
