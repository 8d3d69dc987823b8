"""The event coder on real news it was not written for: the labelled pool of sentences
from the 181 real pages, development or test half, next to a trigger-word baseline.

    .venv/bin/python benchmarks/events_real.py [--split dev|test] [--show N]

The sentences (`data/events_real/pool.jsonl`) and their labels (`labels.jsonl`,
written by the PLOVER manual before the coder ran on them; `GUIDE.md`) come from
`../shared/benchmarks/article-extraction`. Each page's ground-truth body is parsed
whole (`parse_text`, with the date in its URL), so pronouns and the article's
country are resolved as they would be in use; every coded event is then placed on
the pool sentence it quotes. Tune on `dev` only; `test` is reported, never tuned on.

Scores, per split:
* events: a coded event is right when a gold event of its sentence has the same type,
  source code and target code (country or organisation; null must be null); also
  type and source only, and type only;
* sentences: of those with a gold event, how many got an event of a gold type; of
  those without, how many got any event (the independent evaluations' measures);
* per type precision and recall, for the coder and for the baseline, which codes an
  event wherever a word of the coder's trigger lists occurs, with the nearest actor
  before it as source and the nearest after it as target.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "benchmarks" / "data" / "events_real"
URL_DATE = re.compile(r"/(20\d\d)/(\d\d?)/(\d\d?)/")
URL_MONTH = re.compile(r"/(20\d\d)/(\d\d?)/")
WORD = re.compile(r"\w+")


@dataclass
class Coded:
    type: str
    source: str | None
    target: str | None


@dataclass
class Item:
    id: str
    page: str
    split: str
    text: str
    gold: list[Coded]
    coded: list[Coded] = field(default_factory=list)
    baseline: list[Coded] = field(default_factory=list)


def shared_dir() -> Path:
    return Path(os.environ.get("TIDINGS_SHARED", REPO.parent / "shared"))


def page_date(url: str) -> str | None:
    found = URL_DATE.search(url)
    if found:
        year, month, day = found.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    found = URL_MONTH.search(url)
    return f"{found.group(1)}-{int(found.group(2)):02d}-15" if found else None


def load_items(split: str) -> tuple[dict[str, list[Item]], dict[str, str]]:
    pool = [json.loads(line) for line in (DATA / "pool.jsonl").open()]
    labels = {}
    for line in (DATA / "labels.jsonl").open():
        row = json.loads(line)
        labels[row["id"]] = row
    pages: dict[str, list[Item]] = defaultdict(list)
    urls = {}
    for row in pool:
        if row["split"] != split or row["id"] not in labels:
            continue
        gold = [Coded(e["type"], e["source"], e["target"]) for e in labels[row["id"]]["events"]]
        pages[row["page"]].append(Item(row["id"], row["page"], split, row["text"], gold))
        urls[row["page"]] = row["url"]
    return pages, urls


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def place(sentence: str, items: list[Item]) -> Item | None:
    """The pool sentence a coded event quotes: the one sharing most of its words."""
    mine = Counter(words(sentence))
    best, score = None, 0.0
    for item in items:
        theirs = Counter(words(item.text))
        shared = sum((mine & theirs).values())
        ratio = shared / max(1, min(sum(mine.values()), sum(theirs.values())))
        if ratio > score:
            best, score = item, ratio
    return best if score >= 0.6 else None


def code_of(actor) -> str | None:
    return None if actor is None else (actor.country or actor.org)


class EmbeddingCache:
    """Sentence vectors kept between runs (`benchmarks/results/`), so that re-running the
    benchmark while tuning embeds only new sentences; the vectors are the model's own."""

    def __init__(self, path: Path) -> None:
        import numpy as np

        self.path = path
        self.np = np
        self.vectors: dict[str, object] = {}
        if path.exists():
            data = np.load(path, allow_pickle=False)
            self.vectors = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
        self.added = 0

    def install(self) -> None:
        from tidings import embed

        original = embed.passages

        def passages(texts):
            missing = [t for t in dict.fromkeys(texts) if t not in self.vectors]
            if missing:
                for text, vector in zip(missing, original(missing), strict=True):
                    self.vectors[text] = vector
                self.added += len(missing)
            return self.np.stack([self.vectors[t] for t in texts]) if texts else original(texts)

        embed.passages = passages

    def save(self) -> None:
        if self.added:
            keys = list(self.vectors)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.np.savez(
                self.path,
                keys=self.np.array(keys),
                vectors=self.np.stack([self.vectors[k] for k in keys]),
            )


def run_coder(pages: dict[str, list[Item]], urls: dict[str, str], bodies: dict[str, str]) -> None:
    from tidings import parse_text

    for page, items in pages.items():
        # the body has no title line: without title="" its lead would be taken for one
        record = parse_text(bodies[page], date=page_date(urls[page]), title="")
        for event in record.events:
            if event.modality == "negated":
                continue
            item = place(event.sentence, items)
            if item is not None:
                item.coded.append(Coded(event.type, code_of(event.source), code_of(event.target)))
        for item in items:
            item.baseline = baseline(item.text, record)


def baseline(sentence: str, record) -> list[Coded]:
    """A trigger word of the coder's lists anywhere in the sentence gives its type; the
    nearest actor mention before it is the source, the nearest after it the target."""
    from events_baseline import trigger_types

    actors = {a.id: a for a in record.actors}
    mentions = []
    for entity in record.entities:
        paragraph = record.paragraphs[entity.paragraph]
        if entity.actor and entity.actor in actors and entity.text in sentence:
            where = paragraph.find(sentence)
            if where >= 0 and where <= entity.start < where + len(sentence):
                mentions.append((entity.start - where, actors[entity.actor]))
    out = []
    for offset, kind in trigger_types(sentence):
        before = [a for at, a in mentions if at < offset]
        after = [a for at, a in mentions if at > offset]
        source = code_of(before[-1]) if before else None
        target = code_of(after[0]) if after else None
        out.append(Coded(kind, source, target))
    return out


def score(items: list[Item], attr: str) -> dict:
    strict = loose = typed = coded_n = gold_n = 0
    per_type: dict[str, Counter] = defaultdict(Counter)
    hit_sentences = with_gold = 0
    spurious_sentences = without_gold = 0
    for item in items:
        coded = getattr(item, attr)
        gold_n += len(item.gold)
        coded_n += len(coded)
        for g in item.gold:
            per_type[g.type]["gold"] += 1
        for c in coded:
            per_type[c.type]["coded"] += 1
        remaining = list(item.gold)
        for c in coded:
            match = next(
                (
                    g
                    for g in remaining
                    if (g.type, g.source, g.target) == (c.type, c.source, c.target)
                ),
                None,
            )
            if match is not None:
                remaining.remove(match)
                strict += 1
                per_type[c.type]["right"] += 1
        loose += sum(
            1 for c in coded if any((g.type, g.source) == (c.type, c.source) for g in item.gold)
        )
        typed += sum(1 for c in coded if any(g.type == c.type for g in item.gold))
        if item.gold:
            with_gold += 1
            if {c.type for c in coded} & {g.type for g in item.gold}:
                hit_sentences += 1
        else:
            without_gold += 1
            if coded:
                spurious_sentences += 1
    return {
        "gold": gold_n,
        "coded": coded_n,
        "precision": strict / coded_n if coded_n else 0.0,
        "recall": strict / gold_n if gold_n else 0.0,
        "precision_type_source": loose / coded_n if coded_n else 0.0,
        "precision_type": typed / coded_n if coded_n else 0.0,
        "sentences_right_type": hit_sentences / with_gold if with_gold else 0.0,
        "sentences_with_event": with_gold,
        "no_event_given_event": spurious_sentences / without_gold if without_gold else 0.0,
        "sentences_without_event": without_gold,
        "per_type": {k: dict(v) for k, v in sorted(per_type.items())},
    }


def table(coder: dict, base: dict) -> str:
    lines = [
        "| type | gold | coded | P | R | baseline P | baseline R |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]

    def pr(counts: dict) -> tuple[float, float]:
        coded, gold, right = counts.get("coded", 0), counts.get("gold", 0), counts.get("right", 0)
        return (right / coded if coded else 0.0), (right / gold if gold else 0.0)

    for kind in sorted(set(coder["per_type"]) | set(base["per_type"])):
        c = coder["per_type"].get(kind, {})
        b = base["per_type"].get(kind, {})
        (p, r), (bp, br) = pr(c), pr(b)
        lines.append(
            f"| {kind} | {c.get('gold', 0)} | {c.get('coded', 0)} | {p:.2f} | {r:.2f} "
            f"| {bp:.2f} | {br:.2f} |"
        )
    lines.append(
        f"| **all** | {coder['gold']} | {coder['coded']} | **{coder['precision']:.2f}** "
        f"| **{coder['recall']:.2f}** | {base['precision']:.2f} | {base['recall']:.2f} |"
    )
    return "\n".join(lines)


def show(items: list[Item], limit: int) -> None:
    shown = 0
    for item in items:
        gold = {(g.type, g.source, g.target) for g in item.gold}
        coded = {(c.type, c.source, c.target) for c in item.coded}
        if gold == coded:
            continue
        print(f"\n{item.id}: {item.text}")
        print(f"  gold:  {sorted(gold, key=str)}\n  coded: {sorted(coded, key=str)}")
        shown += 1
        if shown >= limit:
            break


def offtopic(truth: dict) -> None:
    """Events coded on the sport, market and product pages of the 181 (page_topics.tsv)."""
    from tidings import parse_text

    topics = {}
    for line in (DATA / "page_topics.tsv").open():
        if line.strip() and not line.startswith("#"):
            page, topic, _ = line.rstrip("\n").split("\t")
            topics[page] = topic
    found = []
    for key, page in sorted(truth.items()):
        if key[:8] not in topics:
            continue
        record = parse_text(page["articleBody"], date=page_date(page["url"]), title="")
        for event in record.events:
            found.append((topics[key[:8]], key[:8], event))
    print(f"## Events on {len(topics)} sport, market and product pages: {len(found)}\n")
    for topic, page, event in found:
        pair = f"{code_of(event.source)} -> {code_of(event.target)}"
        print(f"- {topic} {page} {event.type} {pair}: {event.sentence[:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--offtopic", action="store_true", help="list events on sport, market and product pages"
    )
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--show", type=int, default=0, help="print N sentences coded wrong (dev)")
    args = parser.parse_args()
    if args.show and args.split == "test":
        sys.exit("the test half is reported, not read: --show works on dev only")
    truth = json.loads(
        (shared_dir() / "benchmarks/article-extraction/ground-truth.json").read_text()
    )
    bodies = {key[:8]: page["articleBody"] for key, page in truth.items()}
    if args.offtopic:
        cache = EmbeddingCache(REPO / "benchmarks" / "results" / "embedding_cache.npz")
        cache.install()
        offtopic(truth)
        cache.save()
        return
    pages, urls = load_items(args.split)
    cache = EmbeddingCache(REPO / "benchmarks" / "results" / "embedding_cache.npz")
    cache.install()
    run_coder(pages, urls, bodies)
    cache.save()
    items = [i for page in pages.values() for i in page]
    coder, base = score(items, "coded"), score(items, "baseline")
    print(
        f"## Events on real news, {args.split} half: {len(items)} sentences, {len(pages)} pages\n"
    )
    print(table(coder, base))
    print(
        f"\nType and source: precision {coder['precision_type_source']:.2f}; type only: "
        f"{coder['precision_type']:.2f} (baseline {base['precision_type']:.2f}).\n"
        f"Sentences with an event given a right type: {coder['sentences_right_type']:.0%} of "
        f"{coder['sentences_with_event']} (baseline {base['sentences_right_type']:.0%}); "
        f"sentences without one given an event: {coder['no_event_given_event']:.1%} of "
        f"{coder['sentences_without_event']} (baseline {base['no_event_given_event']:.1%})."
    )
    out = REPO / "benchmarks" / "results" / f"events_real_{args.split}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"coder": coder, "baseline": base}, indent=1))
    if args.show:
        show(items, args.show)


if __name__ == "__main__":
    main()
