"""Word repairs (tidings.clean.words) against wordninja, on real article bodies.

Data: the 181 ground-truth article bodies of
../shared/benchmarks/article-extraction/ground-truth.json (`articleBody`; set
TIDINGS_SHARED to use another shared/ folder). Paragraphs are the blocks
between blank lines. About 20 articles are not in English (German,
Portuguese, Korean, Russian, Indonesian, ...): they stay in, and a repair must
leave them alone; recall is reported for English articles (very common English
words make at least 10% of the words) and for all.

Methods, side by side in one run:

- `parse_text`: the whole tidings read -> layout -> repair path
  (`tidings.parse_text(body, title=..., nlp=False)`; its paragraphs, with the
  standfirst in front when layout takes one). Mojibake and hard wraps are the
  layout step's to mend. Left out with `--words-only`.
- `repair_words`: `tidings.clean.words.repair_words` on each paragraph, with
  `article_vocabulary` of the article.
- `wordninja`: the baseline. It is applied to every whitespace token whose
  core (the token without surrounding punctuation) is ASCII letters only and
  is not a known word (wordfreq zipf < 3.0, the threshold tidings uses); the
  core is replaced by wordninja's split joined with spaces. wordninja knows
  nothing of doubled letters, spacing, mojibake or line breaks.

Runs:

1. clean: the bodies as they are. A perfect repairer changes nothing. Reported
   per 10,000 words (target <= 1): word edits (glued_words, doubled_letter,
   spacing) the method reports, all its edits (parse_text also reports layout
   edits), and token-level changes found by diffing input and output.
2. corrupted, with a fixed seed (`--seed`):
   - glued: each space between two words inside a line is deleted with
     probability `--glue` (3%): "odds over" -> "oddsover", "said, he" ->
     "said,he", "dialogue,” Kremlin" -> "dialogue,”Kremlin", "Vladimir Putin"
     -> "VladimirPutin";
   - doubled: each word of four or more ASCII letters has, with probability
     `--double` (1%), one of its letters doubled ("Sunday" -> "Sundday");
     shorter words are spared because their doubles are mostly other words
     ("to" -> "too");
   - mojibake: in 10% of the articles, every non-ASCII character is replaced
     by its UTF-8 bytes read as cp1252 ("’" -> "â€™");
   - hard wraps: in 20% of the articles, paragraphs longer than 100 characters
     are wrapped at 72 columns (a newline instead of a space).
3. speed and memory: articles/s and words/s of each method on one core, for
   the clean and corrupted runs (the CPU time of the method only, measured
   with time.process_time so that other load on the machine does not count;
   article vocabulary included, scoring excluded; each method first runs
   once on the first article, so that loading its data is not timed); peak memory of a fresh child
   process that loads one method and runs it over the clean bodies (max RSS,
   and what it added to the RSS the process had before loading the method;
   tracemalloc peak; the wordninja process also loads wordfreq for its
   known-word filter). Speed and memory are also given as ratios to wordninja.

Scoring is on tokens. Each text becomes a token list: its whitespace tokens
and "¶" for every paragraph or line break. The original (O), corrupted (C)
and repaired (R) lists of an article are aligned with difflib (O-R, O-C,
C-R). Every damage is tied to original tokens:

- a glued boundary or a hard wrap between O[i] and O[i+1] is repaired when
  both tokens come back exactly and next to each other (no break between);
- a doubled letter or a mojibake token O[i] is repaired when O[i] comes back
  exactly.

Recall is the share of damage repaired (target >= 95%). A repair is one
non-equal region of the C-R diff that produces tokens (replace or insert). It
is precise when every token it produces is a token of the original at that
place (aligned in O-R). Precision is precise / all repairs (target >= 99%);
the others are split into partial (only damaged tokens were touched, but not
all the way back: "used agaainst", mojibake fixed in a word still glued) and
false (a clean token was changed into something that is not in the
original: "smallcaps" -> "small caps"). Note that a few "clean" bodies have
damage of their own ("Wednesday.The", "Colorado,Washington,"): mending them
counts against precision. Regions that only delete tokens are reported
apart, as removals (correct when every removed token was damage, like the
"¶" of a hard wrap).

    python benchmarks/repair.py [--limit N] [--words-only] [--seed S] [--no-memory]

Prints a table; writes benchmarks/results/repair.json (with examples of
missed damage, imprecise repairs and wrong removals).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "repair.json"
TITLE = "Benchmark article"
KNOWN = 3.0  # zipf threshold of a known word, as in tidings.clean.words
# An article is English when these words make at least 10% of its words
# (the same words and threshold tidings.clean.words uses as its gate).
MARKERS = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "is",
        "was",
        "that",
        "with",
        "for",
        "are",
        "this",
        "have",
        "from",
        "be",
        "it",
        "on",
        "by",
        "as",
        "at",
        "an",
        "or",
        "not",
    ]
)
BREAK = "¶"  # a paragraph or line break: layout may turn one into the other


def shared_dir() -> Path:
    return Path(os.environ.get("TIDINGS_SHARED", REPO.parent / "shared"))


def load_bodies(limit: int | None) -> list[str]:
    truth = shared_dir() / "benchmarks" / "article-extraction" / "ground-truth.json"
    if not truth.exists():
        sys.exit(
            f"missing {truth}: put the shared data next to the repository "
            "or point TIDINGS_SHARED at the shared/ folder"
        )
    data = json.loads(truth.read_text(encoding="utf-8"))
    bodies = [item["articleBody"] for _, item in sorted(data.items())]
    bodies = [body for body in bodies if body.strip()]
    return bodies[:limit] if limit else bodies


def is_english(body: str) -> bool:
    words = re.findall(r"[^\W\d_]+", body.lower())
    return bool(words) and sum(w in MARKERS for w in words) / len(words) >= 0.1


def paragraphs_of(body: str) -> list[str]:
    return [block.strip("\n") for block in re.split(r"\n\s*\n", body) if block.strip()]


# --------------------------------------------------------------------------
# Damage


class Damaged:
    """A corrupted article and the damage done, tied to original tokens."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.units: list[tuple[str, tuple[int, ...]]] = []  # (kind, original indices)


def corrupt(body: str, rng: random.Random, glue: float, double: float) -> Damaged:
    out = Damaged()
    mojibake = rng.random() < 0.10
    wrap = rng.random() < 0.20
    index = 0  # position of the next original token in the token list (with ¶ and ↵)
    for p, paragraph in enumerate(paragraphs_of(body)):
        if p:
            index += 1  # ¶
        lines_out: list[list[tuple[str, list[int]]]] = []
        for n, line in enumerate(paragraph.split("\n")):
            if n:
                index += 1  # ↵
            entries: list[tuple[str, list[int]]] = []
            for word in line.split():
                token = word
                core = re.search(r"[A-Za-z]{4,}", word)
                if (
                    core
                    and re.fullmatch(r"[^A-Za-z]*[A-Za-z]+[^A-Za-z]*", word)
                    and rng.random() < double
                ):
                    at = rng.randrange(core.start(), core.end())
                    token = word[: at + 1] + word[at] + word[at + 1 :]
                    out.units.append(("doubled", (index,)))
                if mojibake and any(ord(c) > 127 for c in token):
                    broken = _mojibake(token)
                    if broken != token:
                        out.units.append(("mojibake", (index,)))
                        token = broken
                if entries and rng.random() < glue:
                    text, covered = entries[-1]
                    out.units.append(("glued", (covered[-1], index)))
                    entries[-1] = (text + token, [*covered, index])
                else:
                    entries.append((token, [index]))
                index += 1
            lines_out.append(entries)
        if wrap and len(lines_out) == 1 and len(" ".join(t for t, _ in lines_out[0])) > 100:
            lines_out = _wrapped(lines_out[0], out)
        out.paragraphs.append("\n".join(" ".join(t for t, _ in entries) for entries in lines_out))
    return out


def _wrapped(entries: list[tuple[str, list[int]]], out: Damaged) -> list:
    """Hard-wrap one line at 72 columns, recording each break as damage."""
    lines: list[list[tuple[str, list[int]]]] = [[]]
    width = 0
    for entry in entries:
        if lines[-1] and width + 1 + len(entry[0]) > 72:
            out.units.append(("hard_wrap", (lines[-1][-1][1][-1], entry[1][0])))
            lines.append([])
            width = 0
        width += len(entry[0]) + (1 if lines[-1] else 0)
        lines[-1].append(entry)
    return lines


def _mojibake(token: str) -> str:
    out = []
    for c in token:
        if ord(c) > 127:
            try:
                out.append(c.encode("utf-8").decode("cp1252"))
                continue
            except UnicodeDecodeError:
                pass
        out.append(c)
    return "".join(out)


def stream(paragraphs: list[str]) -> list[str]:
    tokens: list[str] = []
    for p, paragraph in enumerate(paragraphs):
        if p:
            tokens.append(BREAK)
        for n, line in enumerate(paragraph.split("\n")):
            if n:
                tokens.append(BREAK)
            tokens.extend(line.split())
    return tokens


# --------------------------------------------------------------------------
# Methods: a corrupted article (its paragraphs) -> repaired paragraphs, edits


WORD_KINDS = ("glued_words", "doubled_letter", "spacing")


def method_words():
    from tidings.clean.words import article_vocabulary, repair_words

    def run(paragraphs: list[str]) -> tuple[list[str], Counter[str]]:
        vocabulary = article_vocabulary(paragraphs)
        out, kinds = [], Counter()
        for paragraph in paragraphs:
            text, fixes = repair_words(paragraph, vocabulary)
            out.append(text)
            kinds.update(fix.kind for fix in fixes)
        return out, kinds

    return run


def method_parse():
    from tidings import parse_text

    def run(paragraphs: list[str]) -> tuple[list[str], Counter[str]]:
        article = parse_text("\n\n".join(paragraphs), title=TITLE, nlp=False)
        out = ([article.standfirst] if article.standfirst else []) + list(article.paragraphs)
        return out, Counter(edit.kind for edit in article.edits)

    return run


def method_wordninja():
    import wordninja
    from wordfreq import zipf_frequency

    letters = re.compile(r"^([^A-Za-z]*?)([A-Za-z]+)([^A-Za-z]*)$")
    opening = set("([{“‘\"'")
    closing = set(")]}”’\"'.,;:!?…")

    def fix(token: str) -> tuple[str, bool]:
        m = letters.match(token)
        if not m or not set(m.group(1)) <= opening or not set(m.group(3)) <= closing:
            return token, False
        core = m.group(2)
        if zipf_frequency(core.lower(), "en") >= KNOWN:
            return token, False
        parts = wordninja.split(core)
        if len(parts) < 2:
            return token, False
        return m.group(1) + " ".join(parts) + m.group(3), True

    def run(paragraphs: list[str]) -> tuple[list[str], Counter[str]]:
        out, kinds = [], Counter()
        for paragraph in paragraphs:
            pieces = re.split(r"(\s+)", paragraph)
            for k in range(0, len(pieces), 2):
                pieces[k], changed = fix(pieces[k])
                kinds["glued_words"] += changed
            out.append("".join(pieces))
        return out, kinds

    return run


METHODS = {"parse_text": method_parse, "repair_words": method_words, "wordninja": method_wordninja}


# --------------------------------------------------------------------------
# Scoring


def _alignment(a: list[str], b: list[str]) -> dict[int, int]:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    pairs = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            pairs[block.a + k] = block.b + k
    return pairs


def _between(pairs: dict[int, int], lo: int, hi: int, tokens: list[str]) -> str:
    """The tokens of `tokens` standing where original[lo:hi] stood (for examples)."""
    before = max((pairs[i] for i in range(max(0, lo - 5), lo) if i in pairs), default=-1)
    after = min((pairs[i] for i in range(hi, hi + 5) if i in pairs), default=len(tokens))
    return " ".join(tokens[before + 1 : after])


class Tally:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.false_examples: list[tuple[str, str]] = []
        self.missed_examples: list[tuple[str, str]] = []
        self.removed_examples: list[str] = []

    def score(
        self,
        original: list[str],
        corrupted: list[str],
        repaired: list[str],
        units: list[tuple[str, tuple[int, ...]]],
    ) -> None:
        o_r = _alignment(original, repaired)
        o_c = _alignment(original, corrupted)
        matched_r = set(o_r.values())
        matched_c = set(o_c.values())
        c = self.counts
        for kind, where in units:
            if len(where) == 2:
                i, j = where
                ok = i in o_r and j in o_r and o_r[j] == o_r[i] + 1
            else:
                ok = where[0] in o_r
            c[f"damage:{kind}"] += 1
            c[f"repaired:{kind}"] += ok
            if not ok and len(self.missed_examples) < 5000:
                lo, hi = min(where), max(where) + 1
                self.missed_examples.append(
                    (
                        kind,
                        " ".join(original[lo:hi]),
                        _between(o_c, lo, hi, corrupted),
                        _between(o_r, lo, hi, repaired),
                    )
                )
        matcher = difflib.SequenceMatcher(None, corrupted, repaired, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            if j2 > j1:
                c["repairs"] += 1
                if all(j in matched_r for j in range(j1, j2)):
                    c["precise"] += 1
                    continue
                if i2 > i1 and all(i not in matched_c for i in range(i1, i2)):
                    c["partial"] += 1  # damaged tokens changed, but not back to the original
                else:
                    c["false"] += 1  # clean tokens changed into something else
                if len(self.false_examples) < 400:
                    self.false_examples.append(
                        (" ".join(corrupted[i1:i2]), " ".join(repaired[j1:j2]))
                    )
            else:
                c["removals"] += 1
                ok = all(i not in matched_c for i in range(i1, i2))
                c["removals_ok"] += ok
                if not ok and len(self.removed_examples) < 200:
                    self.removed_examples.append(" ".join(corrupted[i1:i2])[:200])


# --------------------------------------------------------------------------
# Runs


def run_clean(bodies, methods, results):
    words = sum(len(body.split()) for body in bodies)
    for name, run in methods.items():
        tally = Tally()
        kinds: Counter[str] = Counter()
        elapsed = 0.0
        for body in bodies:
            paragraphs = paragraphs_of(body)
            start = time.process_time()
            out, n = run(paragraphs)
            elapsed += time.process_time() - start
            kinds.update(n)
            tokens = stream(paragraphs)
            tally.score(tokens, tokens, stream(out), [])
        changes = tally.counts["repairs"] + tally.counts["removals"]
        word_edits = sum(kinds[k] for k in WORD_KINDS)
        edits = sum(kinds.values())
        results.setdefault(name, {})["clean"] = {
            "words": words,
            "word_edits": word_edits,
            "word_edits_per_10k_words": round(word_edits * 10_000 / words, 2),
            "edits": edits,
            "edits_per_10k_words": round(edits * 10_000 / words, 2),
            "edits_by_kind": dict(kinds.most_common()),
            "token_changes": changes,
            "token_changes_per_10k_words": round(changes * 10_000 / words, 2),
            "changes": tally.false_examples[:80],
            "seconds": round(elapsed, 3),
            "articles_per_s": round(len(bodies) / elapsed, 1),
            "words_per_s": round(words / elapsed),
        }


def run_corrupted(bodies, methods, results, seed, glue, double):
    rng = random.Random(seed)
    damaged = [corrupt(body, rng, glue, double) for body in bodies]
    words = sum(len(body.split()) for body in bodies)
    english = [is_english(body) for body in bodies]
    for name, run in methods.items():
        tally = Tally()
        kinds_made: Counter[str] = Counter()
        elapsed = 0.0
        for body, damage, in_english in zip(bodies, damaged, english, strict=True):
            start = time.process_time()
            out, n = run(damage.paragraphs)
            elapsed += time.process_time() - start
            kinds_made.update(n)
            units = [
                (kind if in_english else f"{kind} (not English)", where)
                for kind, where in damage.units
            ]
            tally.score(stream(paragraphs_of(body)), stream(damage.paragraphs), stream(out), units)
        c = tally.counts
        kinds = sorted(k.split(":")[1] for k in c if k.startswith("damage:"))
        recall = {
            kind: {
                "damage": c[f"damage:{kind}"],
                "repaired": c[f"repaired:{kind}"],
                "recall": _ratio(c[f"repaired:{kind}"], c[f"damage:{kind}"]),
            }
            for kind in kinds
        }
        # in scope: glued and doubled words, plus the layout's damage for parse_text
        in_scope = ["doubled", "glued"] + (
            ["hard_wrap", "mojibake"] if name == "parse_text" else []
        )
        total = sum(c[f"damage:{k}"] for k in in_scope)
        repaired = sum(c[f"repaired:{k}"] for k in in_scope)
        every = [k for k in kinds if k.split(" (")[0] in in_scope]
        everything = sum(c[f"damage:{k}"] for k in every)
        everything_repaired = sum(c[f"repaired:{k}"] for k in every)
        results.setdefault(name, {})["corrupted"] = {
            "seed": seed,
            "glue_rate": glue,
            "double_rate": double,
            "edits_by_kind": dict(kinds_made.most_common()),
            "recall_by_kind": recall,
            "recall_scope": in_scope,
            "english_articles": sum(english),
            "damage": total,
            "repaired": repaired,
            "recall": _ratio(repaired, total),
            "recall_with_non_english": _ratio(everything_repaired, everything),
            "repairs": c["repairs"],
            "precise_repairs": c["precise"],
            "partial_repairs": c["partial"],
            "false_repairs": c["false"],
            "precision": _ratio(c["precise"], c["repairs"]),
            "removals": c["removals"],
            "removals_ok": c["removals_ok"],
            "wrong_removals": tally.removed_examples[:100],
            "imprecise_examples": tally.false_examples[:150],
            "missed": tally.missed_examples[:3000],
            "seconds": round(elapsed, 3),
            "articles_per_s": round(len(bodies) / elapsed, 1),
            "words_per_s": round(words / elapsed),
        }


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def memory_probe(name: str, limit: int | None) -> None:
    """Child process: load one method, run it on the clean bodies, print its memory."""
    bodies = load_bodies(limit)
    articles = [paragraphs_of(body) for body in bodies]
    before = _rss_mb()
    tracemalloc.start()
    run = METHODS[name]()
    for paragraphs in articles:
        run(paragraphs)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "tracemalloc_peak_mb": round(peak, 1),
                "rss_added_mb": round(maxrss - before, 1),
                "max_rss_mb": round(maxrss, 1),
            }
        )
    )


def run_memory(names, limit, results):
    for name in names:
        command = [sys.executable, __file__, "--memory-probe", name]
        if limit:
            command += ["--limit", str(limit)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode:
            results.setdefault(name, {})["memory"] = {"error": done.stderr.strip()[-500:]}
            continue
        results.setdefault(name, {})["memory"] = json.loads(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------
# Report


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.2f}%"


def report(results: dict, names: list[str], articles: int, words: int) -> str:
    rows: list[tuple[str, list[str]]] = []

    def get(name: str, *keys: str):
        return _dig(results.get(name, {}), keys)

    def row(label: str, cell) -> None:
        rows.append((label, [cell(name) for name in names]))

    row("clean: word edits / 10k words", lambda n: f"{get(n, 'clean', 'word_edits_per_10k_words')}")
    row("clean: all edits / 10k words", lambda n: f"{get(n, 'clean', 'edits_per_10k_words')}")
    row(
        "clean: token changes / 10k words",
        lambda n: f"{get(n, 'clean', 'token_changes_per_10k_words')}",
    )
    kinds = sorted({k for n in names for k in get(n, "corrupted", "recall_by_kind") or {}})
    for kind in kinds:

        def cell(n: str, kind: str = kind) -> str:
            r = (get(n, "corrupted", "recall_by_kind") or {}).get(kind)
            return f"{_pct(r['recall'])} of {r['damage']}" if r else "-"

        row(f"recall: {kind}", cell)
    row("recall: in scope, English", lambda n: _pct(get(n, "corrupted", "recall")))
    row("recall: in scope, all", lambda n: _pct(get(n, "corrupted", "recall_with_non_english")))
    row(
        "precision of repairs",
        lambda n: f"{_pct(get(n, 'corrupted', 'precision'))} of {get(n, 'corrupted', 'repairs')}",
    )
    row(
        "imprecise: partial / false",
        lambda n: (
            f"{get(n, 'corrupted', 'partial_repairs')} / {get(n, 'corrupted', 'false_repairs')}"
        ),
    )
    row(
        "removals: correct / all",
        lambda n: f"{get(n, 'corrupted', 'removals_ok')} / {get(n, 'corrupted', 'removals')}",
    )
    for run in ("clean", "corrupted"):
        base = get("wordninja", run, "words_per_s")
        row(f"{run}: articles/s", lambda n, run=run: f"{get(n, run, 'articles_per_s')}")
        row(f"{run}: words/s", lambda n, run=run: f"{get(n, run, 'words_per_s')}")
        row(
            f"{run}: speed vs wordninja",
            lambda n, run=run, base=base: _times(get(n, run, "words_per_s"), base),
        )
    base = get("wordninja", "memory", "rss_added_mb")
    row("memory: max RSS MB (added)", lambda n: _mem(get(n, "memory")))
    row("memory: tracemalloc peak MB", lambda n: f"{get(n, 'memory', 'tracemalloc_peak_mb')}")
    row("memory (added) vs wordninja", lambda n: _times(get(n, "memory", "rss_added_mb"), base))
    width = max(len(label) for label, _ in rows) + 2
    cols = [max(len(n), *(len(cells[i]) for _, cells in rows)) + 2 for i, n in enumerate(names)]
    lines = [f"word repairs: {articles} articles, {words:,} words", ""]
    lines.append(" " * width + "".join(n.rjust(w) for n, w in zip(names, cols, strict=True)))
    for label, cells in rows:
        cells_text = "".join(c.rjust(w) for c, w in zip(cells, cols, strict=True))
        lines.append(label.ljust(width) + cells_text)
    return "\n".join(lines)


def _dig(d, keys):
    for key in keys:
        if not isinstance(d, dict) or key not in d:
            return None
        d = d[key]
    return d


def _times(x, base) -> str:
    return f"{x / base:.2f}x" if x and base else "-"


def _mem(m) -> str:
    if not m or "rss_added_mb" not in m:
        return "-"
    return f"{m['max_rss_mb']} ({m['rss_added_mb']})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument(
        "--words-only", action="store_true", help="repair_words only, no parse_text"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--glue", type=float, default=0.03, help="share of word boundaries deleted")
    parser.add_argument(
        "--double", type=float, default=0.01, help="share of words with a doubled letter"
    )
    parser.add_argument("--no-memory", action="store_true", help="skip the memory probes")
    parser.add_argument("--memory-probe", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    if args.memory_probe:
        memory_probe(args.memory_probe, args.limit)
        return
    bodies = load_bodies(args.limit)
    names = ["repair_words", "wordninja"]
    if not args.words_only:
        try:
            from tidings import parse_text  # noqa: F401

            names.insert(0, "parse_text")
        except ImportError as error:
            print(f"parse_text not available ({error}); running repair_words only")
    methods = {name: METHODS[name]() for name in names}
    for run in methods.values():
        run(paragraphs_of(bodies[0]))  # warm up: load data files and word lists
    results: dict = {}
    run_clean(bodies, methods, results)
    run_corrupted(bodies, methods, results, args.seed, args.glue, args.double)
    if not args.no_memory:
        run_memory(names, args.limit, results)
    words = sum(len(body.split()) for body in bodies)
    table = report(results, names, len(bodies), words)
    print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {"articles": len(bodies), "words": words, "methods": results},
            ensure_ascii=False,
            indent=1,
        )
    )
    print(f"\nwrote {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
