"""Actors and times on real news, against labels written before the code ran on them.

The labels (`benchmarks/data/actors_gold.tsv`, `times_gold.tsv`, see
`benchmarks/data/LABELS.md`) are on 26 news pages of
../shared/benchmarks/article-extraction, split once into a development half (what
the code may be tuned on) and a test half (what is reported). Each page's
ground-truth body goes through the whole pipeline with its own publication date.

- Actors: for each labelled mention, the actor tidings resolves the span to
  (`ActorIndex.actor_for_span`); right when its country (role, kind) equals the
  label's. A mention tidings resolves to no actor is wrong.
  Baseline: spaCy's entity over the span, looked up by its text in a dictionary
  (the names tidings knows: the Phoenix dictionaries, countries, capitals,
  demonyms, organisations); the entity label gives the kind.
- Times: right when a time tidings found overlaps the labelled text and its
  value equals the label's. Baseline: `dateparser` alone on the labelled text
  (given the gold extent, relative to the publication date), its answer written
  at the label's precision (a day, a month or a year; it has no weeks, parts of
  days or durations).

`--half dev2` scores the second development set (`benchmarks/data/actors_dev2.tsv`,
96 actor mentions on 8 more pages, labelled the same way; actors only): tuned on,
never reported as a test figure.

    python benchmarks/actors_times.py [--half dev|test|all|dev2] [--show-errors]
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "benchmarks" / "data"


def shared_dir() -> Path:
    return Path(os.environ.get("TIDINGS_SHARED", REPO.parent / "shared"))


def _rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def load() -> tuple[dict[str, str], list[list[str]], list[list[str]], dict[str, str]]:
    truth_file = shared_dir() / "benchmarks/article-extraction/ground-truth.json"
    truth = json.loads(truth_file.read_text())
    bodies = {key[:8]: item["articleBody"] for key, item in truth.items()}
    split = {page: half for page, half in _rows("split.tsv")}
    return bodies, _rows("actors_gold.tsv"), _rows("times_gold.tsv"), split


def published_dates(times: list[list[str]]) -> dict[str, str]:
    return {row[0]: row[1] for row in times}


def run_page(body: str, date: str) -> Any:
    """The pipeline over one body; the Document keeps the actor index and the parse."""
    from tidings.api import build_pipeline
    from tidings.pipeline import Document, ReaderMeta
    from tidings.record import Source

    meta = ReaderMeta(text=body, title="(labelled page)", date=date, date_is_default=True)
    doc = Document(raw=body.encode(), source=Source(), meta=meta)
    build_pipeline().run_one(doc)
    return doc


def locate(doc: Any, gt_paragraph: str, text: str) -> tuple[int, int, int] | None:
    """(paragraph, start, end) of `text`'s first occurrence in the record's paragraph
    that matches the ground-truth paragraph best."""
    paragraphs = doc.record.paragraphs
    candidates = [i for i, p in enumerate(paragraphs) if text in p]
    if not candidates:
        return None
    best = max(
        candidates,
        key=lambda i: difflib.SequenceMatcher(None, paragraphs[i], gt_paragraph).quick_ratio(),
    )
    start = paragraphs[best].index(text)
    return best, start, start + len(text)


def _value(cell: str) -> str | None:
    return None if cell in ("", "-") else cell


# ---------------------------------------------------------------------------- actors


def baseline_actor(doc: Any, p: int, start: int, end: int) -> tuple[str | None, ...] | None:
    """spaCy's entity over the span, looked up by its text in the known names."""
    from tidings.actors import gazetteer

    g = gazetteer.load()
    ents = [e for e in doc.parsed[p].ents if e.start_char < end and start < e.end_char]
    if not ents:
        return None
    ent = ents[0]
    text = ent.text[4:] if ent.text.startswith(("the ", "The ")) else ent.text
    text = text.removesuffix("’s").removesuffix("'s")
    kind = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}.get(
        ent.label_
    )
    name = g.names.get(text) or g.short_people.get(text)
    if name is None:
        return kind, None, None
    role = name.role
    country = name.country
    return kind, country, role


def score_actors(pages: dict[str, Any], bodies: dict[str, str], rows: list[list[str]], show: bool):
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    errors = []
    for page, para, mention, kind, country, role in rows:
        doc = pages[page]
        gt_paragraph = bodies[page].split("\n")[int(para)]
        where = locate(doc, gt_paragraph, mention)
        gold = (kind, _value(country), _value(role))
        c = counts["tidings"]
        b = counts["baseline"]
        c["n"] += 1
        b["n"] += 1
        found = doc.actor_index.actor_for_span(*where) if where and doc.actor_index else None
        got = (found.kind, found.country, found.role) if found else (None, None, None)
        for i, field in enumerate(("kind", "country", "role")):
            if found is not None and got[i] == gold[i]:
                c[field] += 1
        if found is None or got[1:] != gold[1:]:
            errors.append((page, mention, gold, got, found.name if found else None))
        base = baseline_actor(doc, *where) if where else None
        for i, field in enumerate(("kind", "country", "role")):
            if base is not None and base[i] == gold[i]:
                b[field] += 1
    if show:
        for e in errors:
            print("  actor", *e)
    return counts


# ----------------------------------------------------------------------------- times


def baseline_time(text: str, published: str, gold: str) -> str | None:
    import dateparser

    base = datetime.fromisoformat(published)
    parsed = dateparser.parse(text, languages=["en"], settings={"RELATIVE_BASE": base})
    if parsed is None:
        return None
    if len(gold) == 4 and gold.isdigit():
        return f"{parsed.year:04d}"
    if len(gold) == 7 and gold[4] == "-" and gold[5:].isdigit():
        return f"{parsed.year:04d}-{parsed.month:02d}"
    return parsed.date().isoformat()


def score_times(pages: dict[str, Any], bodies: dict[str, str], rows: list[list[str]], show: bool):
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for page, published, para, text, value in rows:
        doc = pages[page]
        gt_paragraph = bodies[page].split("\n")[int(para)]
        where = locate(doc, gt_paragraph, text)
        counts["tidings"]["n"] += 1
        counts["baseline"]["n"] += 1
        found = None
        if where is not None:
            p, start, end = where
            found = next(
                (
                    t
                    for t in doc.record.times
                    if t.paragraph == p and t.start < end and start < t.end
                ),
                None,
            )
        if found is not None:
            counts["tidings"]["found"] += 1
        if found is not None and found.value == value:
            counts["tidings"]["value"] += 1
        elif show:
            print("  time", page, repr(text), value, "->", found.text if found else None,
                  found.value if found else None)
        if baseline_time(text, published, value) == value:
            counts["baseline"]["value"] += 1
    return counts


# ------------------------------------------------------------------------------ main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=["dev", "test", "all", "dev2"], default="test")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    bodies, actor_rows, time_rows, split = load()
    dates = published_dates(time_rows)
    if args.half == "dev2":
        extra = _rows("actors_dev2.tsv")
        dates = {row[0]: row[1] for row in extra}
        split = {page: "dev2" for page in dates}
        actor_rows, time_rows = [[row[0], *row[2:]] for row in extra], []
    wanted = {p for p, h in split.items() if args.half in ("all", h)}
    actor_rows = [r for r in actor_rows if r[0] in wanted]
    time_rows = [r for r in time_rows if r[0] in wanted]
    pages = {page: run_page(bodies[page], dates[page]) for page in sorted(wanted)}
    actors = score_actors(pages, bodies, actor_rows, args.show_errors)
    times = score_times(pages, bodies, time_rows, args.show_errors)
    result: dict[str, Any] = {"half": args.half, "pages": len(wanted)}
    for system in ("tidings", "baseline"):
        a, t = actors[system], times[system]
        result[system] = {
            "actor_mentions": a["n"],
            "actor_country": round(a["country"] / a["n"], 3),
            "actor_role": round(a["role"] / a["n"], 3),
            "actor_kind": round(a["kind"] / a["n"], 3),
        }
        if t["n"]:
            result[system]["time_expressions"] = t["n"]
            result[system]["time_value"] = round(t["value"] / t["n"], 3)
    if times["tidings"]["n"]:
        found = times["tidings"]["found"] / times["tidings"]["n"]
        result["tidings"]["time_found"] = round(found, 3)
    print(json.dumps(result, indent=2))
    out = REPO / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / f"actors_times_{args.half}.json").write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
