"""What tidings adds on top of spaCy: whole `parse` against `nlp.pipe` alone.

Both sides get the same texts — the English ground-truth article bodies of
../shared/benchmarks/article-extraction (161 of the 181, by the hand labels of
`benchmarks/data/languages.tsv`; tidings stores the others without running the
English steps on them, so comparing on them would flatter it; `--all-languages`
keeps them), or the bundled samples when shared/ is absent — in the same
process, for 1 and 2 workers:

- spaCy alone: `nlp.pipe` over the paragraphs (n_process = workers);
- tidings: the whole pipeline (read, layout, repair, nlp, actors, quotes,
  times, events) through the engine used by `tidings process --workers N`.

Reported: words/s for each, the overhead ratio (tidings time / spaCy time − 1;
target ≤ 30%), and peak memory per worker (max RSS of a worker process, or of
this process for 1 worker; target ≤ 600 MB). tidings runs once per mode of the
events' learned check (`--events-model`, TIDINGS_EVENTS_MODEL): `off` is the
lexicon alone, the part the target is for; `check` and `full` measure the learned
part separately.

    python benchmarks/understanding.py [--limit N] [--workers 1 2] [--all-languages]
        [--events-model off check full]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    return Path(os.environ.get("TIDINGS_SHARED", REPO.parent / "shared"))


def english_pages() -> set[str]:
    """Page ids whose body is English, by the labels of benchmarks/data/languages.tsv."""
    lines = (REPO / "benchmarks/data/languages.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return {page for page, language in rows if language == "en"}


def load_texts(limit: int | None, all_languages: bool = False) -> list[str]:
    truth = shared_dir() / "benchmarks/article-extraction/ground-truth.json"
    if truth.exists():
        data = json.loads(truth.read_text())
        english = english_pages()
        texts = [
            item["articleBody"]
            for page, item in sorted(data.items())
            if all_languages or page in english
        ]
    else:
        texts = [p.read_text() for p in sorted((REPO / "samples/text").glob("*.txt"))]
    return texts[:limit] if limit else texts


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def _child_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _self_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_spacy(texts: list[str], workers: int) -> float:
    from tidings import nlp

    model = nlp.load()
    paragraphs = [p for t in texts for p in t.split("\n\n") if p.strip()]
    start = time.perf_counter()
    for _ in model.pipe(paragraphs, batch_size=64, n_process=workers):
        pass
    return time.perf_counter() - start


def run_tidings(texts: list[str], workers: int) -> float:
    from functools import partial

    from tidings.api import build_pipeline
    from tidings.engines import run_documents
    from tidings.pipeline import Document, ReaderMeta
    from tidings.record import Source

    docs = [
        Document(raw=t.encode(), source=Source(path=f"gt{i}"), meta=ReaderMeta(text=t, title=""))
        for i, t in enumerate(texts)
    ]
    start = time.perf_counter()
    records = run_documents(docs, partial(build_pipeline), workers=workers)
    failed = sum(1 for r in records if r.errors)
    elapsed = time.perf_counter() - start
    if failed:
        print(f"  note: {failed} record(s) carried errors", file=sys.stderr)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="use only the first N articles")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--all-languages", action="store_true", help="keep the bodies that are not English"
    )
    parser.add_argument(
        "--events-model", nargs="+", default=["off", "check"], choices=["off", "check", "full"]
    )
    args = parser.parse_args()
    texts = load_texts(args.limit, args.all_languages)
    total_words = words(texts)
    from tidings import nlp

    nlp.load()  # both sides start with the model loaded in this process
    run_tidings(texts[:2], 1)  # warm caches (word lists, data files) once
    rows = []
    for workers in args.workers:
        spacy_s = run_spacy(texts, workers)
        for events_model in args.events_model:
            os.environ["TIDINGS_EVENTS_MODEL"] = events_model  # forked workers inherit it
            tidings_s = run_tidings(texts, workers)
            # peaks are maxima over the run so far: the modes run lightest first
            peak = _self_peak_mb() if workers == 1 else _child_peak_mb()
            rows.append(
                {
                    "workers": workers,
                    "events_model": events_model,
                    "articles": len(texts),
                    "words": total_words,
                    "spacy_words_per_s": round(total_words / spacy_s),
                    "tidings_words_per_s": round(total_words / tidings_s),
                    "overhead": round(tidings_s / spacy_s - 1, 3),
                    "peak_mb_per_worker": round(peak),
                }
            )
    print(
        f"{'workers':>7} {'events model':>12} {'spaCy w/s':>10} {'tidings w/s':>12}"
        f" {'overhead':>9} {'peak MB':>8}"
    )
    for r in rows:
        print(
            f"{r['workers']:>7} {r['events_model']:>12} {r['spacy_words_per_s']:>10}"
            f" {r['tidings_words_per_s']:>12}"
            f" {r['overhead']:>+9.1%} {r['peak_mb_per_worker']:>8}"
        )
    print("targets (events model off): overhead <= +30.0%, peak <= 600 MB per worker")
    out = REPO / "benchmarks/results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "understanding.json").write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
