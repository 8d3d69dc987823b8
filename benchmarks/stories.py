"""Stories: copy and version links on republished real text, linking at scale, and
what linking adds to `process`.

Data: the 181 ground-truth bodies of ../shared/benchmarks/article-extraction
(`articleBody` and `url` of ground-truth.json; TIDINGS_SHARED points elsewhere),
and its 181 HTML pages. The generator was written before linking ran on its
output; three settings were changed after looking at its misses (the lead
sketch's 40 words, short paragraphs left out of the comparison, the same page
looked up directly for versions), so its figures are partly training figures.

1. Copies and versions (`quality`). Each body is an original (its outlet the
   URL's host, its title its first words, published on one of 30 days) and is
   republished five times by the generator below, from a fixed seed:
   - `cut`: another outlet, a new headline, the body cut to its lead (the first
     30-60% of its paragraphs, at least one), 0-2 days later;
   - `padded`: another outlet, a new headline, the whole body with lines of
     another site's boilerplate before and after it (lines of another page's
     text that are not in its article body: menus, share and subscribe lines);
   - `damaged`: another outlet, a new headline, the body damaged as
     benchmarks/repair.py damages (glued words 3%, doubled letters 1%, mojibake
     in 10% of articles, hard wraps in 20%);
   - `cut+padded+damaged`: all three;
   - `version`: the same outlet and URL (with `?update=1`), 0-1 day later, one paragraph revised
     (its words after the first third replaced by other words of the article,
     and a sentence added).
   The 1,086 articles, shuffled (a copy often comes before its original), go
   through `tidings.ingest` (read, layout, repair; no NLP; related reports off,
   so that only copy and version links are counted) into a new store.
   A predicted link is a member's (`article`, `of`, `relation`) with relation
   copy or version; it is right when both articles come from the same body and
   the relation is the pair's (version: the original and its version, or two
   versions; copy otherwise). Precision: right links / links. Recall: derived
   articles in a right link / derived articles, by kind, and for the undamaged
   kinds (cut, padded) against the damaged ones. Direction (whether `of` is the
   generator's original) is reported apart: on the same day the first stored
   is taken for the original. Baseline: exact duplicates of the normalised body
   (what URL or hash dedup finds), scored the same way.
2. Scale (`scale`). Synthetic originals: each of the 181 bodies with its words
   mapped through a word substitution drawn per story (so that no two
   synthetic stories share text), republished by the same generator; 300
   stories a day. 10k, 30k and 100k articles are stored and linked in batches
   of 50, as `process` does (records built directly, since the pipeline's cost
   is not what is measured here; embeddings off), each size in a fresh child
   process: linking seconds, articles a second, peak RSS. Then 200 new
   articles (copies and new stories) are linked one at a time against the
   100k store: milliseconds each (median, 95th percentile).
3. Cost in `process` (`process`). The 181 pages processed by `tidings.ingest`
   with the whole pipeline, without linking and with linking (embeddings on),
   in one process after a warm-up, each into a new store; CPU seconds
   (time.process_time) and wall seconds, and the ratio.

    python benchmarks/stories.py [quality] [scale] [process] [--sizes 10000,30000,100000]

Writes benchmarks/results/stories.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "stories.json"
sys.path.insert(0, str(REPO / "benchmarks"))
from repair import corrupt  # noqa: E402 - the repair benchmark's damage, reused

SEED = 11
START = dt.date(2024, 1, 1)
KINDS = ("cut", "padded", "damaged", "cut+padded+damaged", "version")
DAMAGED_KINDS = frozenset({"damaged", "cut+padded+damaged"})
BLOCKS = ("a", "li", "p", "h1", "h2", "h3", "h4", "button", "td", "figcaption", "label")


def shared_dir() -> Path:
    return Path(os.environ.get("TIDINGS_SHARED", REPO.parent / "shared"))


def ground_truth() -> list[dict[str, str]]:
    path = shared_dir() / "benchmarks" / "article-extraction" / "ground-truth.json"
    if not path.exists():
        sys.exit(f"missing {path}: put the shared data beside the repository or set TIDINGS_SHARED")
    data = json.loads(path.read_text(encoding="utf-8"))
    items = [{"key": k, **v} for k, v in sorted(data.items()) if v["articleBody"].strip()]
    return items


def paragraphs_of(body: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]


# --- the generator ------------------------------------------------------------------------


def boilerplate_lines(keys: list[str]) -> dict[str, list[str]]:
    """For each page, lines of its text that are not in its article body: what a site
    puts around an article (menus, share, subscribe, related links)."""
    import gzip

    from lxml import html as lxml_html

    truth = {item["key"]: item["articleBody"] for item in ground_truth()}
    out = {}
    for key in keys:
        path = shared_dir() / "benchmarks" / "article-extraction" / "html" / f"{key}.html.gz"
        tree = lxml_html.fromstring(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
        for node in tree.xpath("//script|//style|//noscript"):
            node.drop_tree()
        lines = [" ".join(el.text_content().split()) for el in tree.iter(*BLOCKS)]
        kept = [ln for ln in lines if 3 <= len(ln.split()) <= 30 and ln not in truth[key]]
        out[key] = list(dict.fromkeys(kept))
    return out


def title_of(body: str) -> str:
    return " ".join(body.split()[:9]).rstrip(",;:")


def republish(item: dict, index: int, rng: random.Random, others: list[dict],
              boilerplate: dict[str, list[str]]) -> list[dict]:  # fmt: skip
    """The original and its five republications, as JSONL rows with their gold."""
    body = item["articleBody"]
    paragraphs = paragraphs_of(body)
    day = START + dt.timedelta(days=index % 30)
    outlet = urlparse(item["url"]).hostname or f"outlet{index}.example"
    family = item["key"]
    original = row(family, "original", title_of(body), paragraphs, item["url"], outlet, day)
    rows = [original]
    for number, kind in enumerate(KINDS):
        other = others[(index * 7 + number * 13 + 1) % len(others)]
        new_outlet = f"{urlparse(other['url']).hostname or 'other'}-{number}.example"
        text = list(paragraphs)
        if kind == "version":
            text = revise(text, rng)
            # the same page (a query string, which linking ignores, keeps rows apart)
            rows.append(row(family, kind, original["title"], text, item["url"] + "?update=1",
                            outlet, day + dt.timedelta(days=rng.randint(0, 1))))  # fmt: skip
            continue
        if "cut" in kind:
            text = cut(text, rng)
        if "padded" in kind:
            lines = boilerplate.get(other["key"]) or ["Share this article", "Subscribe now"]
            start = rng.randrange(max(1, len(lines) - 6))
            text = lines[start : start + 3] + text + lines[start + 3 : start + 6]
        if "damaged" in kind:
            text = corrupt("\n\n".join(text), rng, glue=0.03, double=0.01).paragraphs
        headline = "Report: " + " ".join(reversed(original["title"].split()[:6]))
        url = f"https://{new_outlet}/news/{index}-{number}"
        rows.append(row(family, kind, headline, text, url, new_outlet,
                        day + dt.timedelta(days=rng.randint(0, 2))))  # fmt: skip
    return rows


def cut(paragraphs: list[str], rng: random.Random) -> list[str]:
    if len(paragraphs) == 1:
        sentences = re.split(r"(?<=[.!?])\s+", paragraphs[0])
        keep = max(1, round(len(sentences) * rng.uniform(0.3, 0.6)))
        return [" ".join(sentences[:keep])]
    return paragraphs[: max(1, round(len(paragraphs) * rng.uniform(0.3, 0.6)))]


def revise(paragraphs: list[str], rng: random.Random) -> list[str]:
    """One paragraph revised: its words after the first third replaced, a sentence added."""
    at = rng.randrange(len(paragraphs))
    words = paragraphs[at].split()
    pool = " ".join(paragraphs).split()
    keep = len(words) // 3
    changed = words[:keep] + [rng.choice(pool) for _ in words[keep:]]
    revised = list(paragraphs)
    revised[at] = " ".join(changed) + " This paragraph was updated with new information."
    return revised


def row(family: str, kind: str, title: str, paragraphs: list[str], url: str, outlet: str,
        day: dt.date) -> dict:  # fmt: skip
    return {"title": title, "text": "\n\n".join(paragraphs), "url": url, "outlet": outlet,
            "date": day.isoformat(), "family": family, "kind": kind}  # fmt: skip


def corpus(seed: int = SEED) -> list[dict]:
    items = ground_truth()
    rng = random.Random(seed)
    boilerplate = boilerplate_lines([i["key"] for i in items])
    rows = [r for n, item in enumerate(items) for r in republish(item, n, rng, items, boilerplate)]
    rng.shuffle(rows)
    return rows


# --- 1. copies and versions -------------------------------------------------------------------


def quality() -> dict:
    from tidings.ingest import ingest
    from tidings.store import Store

    rows = corpus()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "corpus.jsonl"
        fields = ("title", "text", "url", "outlet", "date")
        source.write_text("".join(json.dumps({k: r[k] for k in fields}) + "\n" for r in rows))
        store = Store(Path(folder) / "q.db")
        started = time.perf_counter()
        summary = ingest([str(source)], store, nlp=False, related=False)
        seconds = time.perf_counter() - started
        gold = _gold_by_id(store, rows)
        members = [store.member(i) for i in gold]
    predicted = [(m.article_id, m.of_id, m.relation) for m in members if m.of_id]
    result = score(predicted, gold)
    result["baseline"] = score(exact_duplicates(gold), gold)
    result["articles"] = summary.added
    result["seconds"] = round(seconds, 1)
    return result


def _gold_by_id(store, rows: list[dict]) -> dict[str, dict]:  # noqa: ANN001
    """The generator's rows by the id of the record they became (matched on URL, outlet,
    date and title, which together are unique)."""
    key = {(r["url"], r["outlet"], r["date"], r["title"]): r for r in rows}
    out = {}
    for article in store.articles():
        found = key.get((article.source.url, article.source.outlet, article.published,
                         article.title))  # fmt: skip
        if found:
            out[article.id] = {**found, "body": article.body}
    return out


def pair_relation(a: dict, b: dict) -> str:
    return "version" if {a["kind"], b["kind"]} <= {"original", "version"} else "copy"


def score(predicted: list[tuple[str, str, str]], gold: dict[str, dict]) -> dict:
    right = [(a, of, rel) for a, of, rel in predicted
             if a in gold and of in gold and gold[a]["family"] == gold[of]["family"]
             and rel == pair_relation(gold[a], gold[of])]  # fmt: skip
    in_right = {x for a, of, _ in right for x in (a, of)}
    derived = [i for i, g in gold.items() if g["kind"] != "original"]
    by_kind = Counter(gold[i]["kind"] for i in derived)
    found = Counter(gold[i]["kind"] for i in derived if i in in_right)
    forward = sum(1 for a, of, _ in right if gold[of]["kind"] == "original")

    def recall(kinds: set[str]) -> float:
        total = sum(by_kind[k] for k in kinds)
        return round(sum(found[k] for k in kinds) / total, 4) if total else 0.0

    undamaged = set(KINDS) - DAMAGED_KINDS - {"version"}
    return {
        "links": len(predicted),
        "right": len(right),
        "precision": round(len(right) / len(predicted), 4) if predicted else 0.0,
        "recall": recall(set(KINDS)),
        "recall_undamaged_copies": recall(undamaged),
        "recall_damaged_copies": recall(set(DAMAGED_KINDS)),
        "recall_by_kind": {k: recall({k}) for k in KINDS},
        "of_is_the_original": round(forward / len(right), 4) if right else 0.0,
        "wrong_examples": [(gold.get(a, {}).get("kind"), gold.get(of, {}).get("kind"), rel)
                           for a, of, rel in predicted if (a, of, rel) not in right][:10],
    }  # fmt: skip


def exact_duplicates(gold: dict[str, dict]) -> list[tuple[str, str, str]]:
    """The baseline: articles whose normalised body equals an earlier one's."""
    first: dict[str, str] = {}
    links = []
    for article_id, g in gold.items():
        text = " ".join(re.findall(r"\w+", g["body"].lower()))
        if text in first:
            links.append((article_id, first[text], "copy"))
        else:
            first[text] = article_id
    return links


# --- 2. scale ----------------------------------------------------------------------------------


def synthetic(count: int, seed: int = SEED) -> list[dict]:
    """`count` articles: synthetic stories (bodies with their words substituted per
    story) and their republications, 300 stories a day, in publication order."""
    items = ground_truth()
    vocabulary = sorted({w for i in items for w in re.findall(r"[A-Za-z]{3,}", i["articleBody"])})
    rng = random.Random(seed)
    rows: list[dict] = []
    story = 0
    while len(rows) < count:
        item = items[story % len(items)]
        mapping = {}

        def swap(match: re.Match[str], mapping: dict = mapping) -> str:
            word = match.group(0)
            if word not in mapping:
                mapping[word] = rng.choice(vocabulary)
            return mapping[word]

        body = re.sub(r"[A-Za-z]{3,}", swap, item["articleBody"])
        fake = {**item, "articleBody": body, "url": f"https://site{story % 997}.example/{story}",
                "key": f"s{story}"}  # fmt: skip
        made = republish(fake, story, rng, items, {})
        day = START + dt.timedelta(days=story // 300)
        base = START + dt.timedelta(days=story % 30)  # the day `republish` started from
        for r in made:
            r["date"] = (day + (dt.date.fromisoformat(r["date"]) - base)).isoformat()
        rows.extend(made)
        story += 1
    return rows[:count]


def scale_child(count: int) -> dict:
    """Store and link `count` synthetic articles in batches of 50; time and peak memory."""
    from tidings.api import parse_text  # noqa: F401 - the package as process loads it
    from tidings.record import Article, Source, record_id
    from tidings.store import Store
    from tidings.stories import Linker

    rows = synthetic(count + 200)
    fresh, rows = rows[count:], rows[:count]
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "s.db")
        linker = Linker(store, related=False)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        for start in range(0, len(rows), 50):
            batch = [_article(r, Article, Source, record_id) for r in rows[start : start + 50]]
            store.add(batch)
            linker.link_pending(known={a.id: a for a in batch})
        seconds = time.perf_counter() - started
        times = []
        for r in fresh:
            article = _article(r, Article, Source, record_id)
            store.add([article])
            began = time.perf_counter()
            linker.link(article)
            times.append((time.perf_counter() - began) * 1000)
        size = sum(p.stat().st_size for p in Path(folder).iterdir())
        stories = len(store.stories(limit=None, min_articles=1))
    return {
        "articles": count,
        "stories": stories,
        "seconds": round(seconds, 1),
        "articles_per_second": round(count / seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "rss_before_mb": round(rss_before / 1024, 1),
        "store_mb": round(size / 2**20, 1),
        "new_article_ms_median": round(statistics.median(times), 2),
        "new_article_ms_p95": round(sorted(times)[int(len(times) * 0.95)], 2),
    }


def _article(r: dict, Article, Source, record_id):  # noqa: ANN001, ANN202, N803
    text = f"{r['title']}\n{r['text']}\n{r['url']}\n{r['date']}"
    return Article(id=record_id(text.encode()), source=Source(url=r["url"], outlet=r["outlet"]),
                   original=r["text"], title=r["title"], published=r["date"],
                   paragraphs=paragraphs_of(r["text"]))  # fmt: skip


def scale(sizes: list[int]) -> list[dict]:
    out = []
    for count in sizes:
        done = subprocess.run([sys.executable, __file__, "--scale-child", str(count)],
                              capture_output=True, text=True, check=True)  # fmt: skip
        out.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(out[-1]), flush=True)
    return out


# --- 3. cost in process -----------------------------------------------------------------------


def process_cost() -> dict:
    from tidings.ingest import ingest
    from tidings.store import Store

    pages = str(shared_dir() / "benchmarks" / "article-extraction" / "html")
    with tempfile.TemporaryDirectory() as folder:
        ingest([pages], Store(Path(folder) / "warm.db"), link=False)  # warm: models, caches
        runs = {}
        for name, link in (("without", False), ("with", True), ("without_again", False)):
            cpu, wall = time.process_time(), time.perf_counter()
            store = Store(Path(folder) / f"{name}.db")
            summary = ingest([pages], store, link=link)
            runs[name] = {"cpu_s": round(time.process_time() - cpu, 2),
                          "wall_s": round(time.perf_counter() - wall, 2),
                          "articles": summary.added}  # fmt: skip
            if link:
                runs[name]["embedded"] = store.db.execute(
                    "SELECT count(*) FROM article_vectors").fetchone()[0]  # fmt: skip
                runs[name]["stories_of_several"] = len(store.stories(limit=None))
    base_cpu = (runs["without"]["cpu_s"] + runs["without_again"]["cpu_s"]) / 2
    base_wall = (runs["without"]["wall_s"] + runs["without_again"]["wall_s"]) / 2
    runs["added_cpu"] = round(runs["with"]["cpu_s"] / base_cpu - 1, 4)
    runs["added_wall"] = round(runs["with"]["wall_s"] / base_wall - 1, 4)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="*", default=["quality", "scale", "process"])
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--scale-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scale_child:
        print(json.dumps(scale_child(args.scale_child)))
        return
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    if "quality" in args.parts:
        results["quality"] = quality()
        print(json.dumps(results["quality"], indent=1), flush=True)
    if "scale" in args.parts:
        results["scale"] = scale([int(n) for n in args.sizes.split(",")])
    if "process" in args.parts:
        results["process"] = process_cost()
        print(json.dumps(results["process"], indent=1), flush=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
