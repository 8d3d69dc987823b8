"""Precision and recall of the PLOVER event coder, and what events cost in time.

    .venv/bin/python benchmarks/events_precision.py [--index auto|real|lexicon] [--timing N]

1. Scores the coder on the hand-labelled sentences of `data/events_gold.jsonl`
   (type, source and target codes per event; sentences with no event count
   every coded event as a false positive). An event counts as found when a coded
   event has the same type, source code and target code (country or
   organisation; null must be null). Prints a Markdown table per type, plus the
   looser "type and source" score and modality agreement on the matches.
2. Times the understanding stage (nlp, actors, quotes, times) and the events step
   over the same article bodies, and prints events' share on top of it
   (target: at most 20 % more).

Actors come from the real `resolve_actors` when it resolves the probe sentence
(`--index auto`, the default), else from a small country / capital / demonym /
institution / person lexicon defined here (`--index lexicon`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from functools import cache
from pathlib import Path

from tidings import nlp
from tidings.actors.index import ActorIndex
from tidings.events import PLOVER_TYPES, code_events
from tidings.record import Actor

HERE = Path(__file__).resolve().parent
GOLD = HERE / "data" / "events_gold.jsonl"
SHARED = HERE.parent.parent / "shared"

# ---------------------------------------------------------------- lexicon index

COUNTRIES = {
    "RUS": "Russia|Moscow|Kremlin|the Kremlin|Russian|Russians|Crimea|Sochi|Samara",
    "UKR": "Ukraine|Kyiv|Kiev|Ukrainian|Ukrainians|Zaporizhzhia|Kherson|Sumy",
    "USA": "United States|the United States|U.S.|US|America|American|Americans|Washington"
    "|White House|the White House|Pentagon|the Pentagon|State Department",
    "CHN": "China|Beijing|Chinese|Urumqi",
    "FRA": "France|Paris|French|Elysee",
    "DEU": "Germany|Berlin|German|Germans",
    "GBR": "Britain|United Kingdom|London|British|Downing Street",
    "IRN": "Iran|Tehran|Iranian|Iranians|Revolutionary Guards",
    "ISR": "Israel|Jerusalem|Israeli|Israelis",
    "PSE": "Hamas|Gaza|Palestinian|Palestinians|Palestinian Authority",
    "SYR": "Syria|Damascus|Syrian|Syrians|Idlib",
    "TUR": "Turkey|Ankara|Turkish|Erdogan|Tayyip Erdogan",
    "JPN": "Japan|Tokyo|Japanese",
    "PRK": "North Korea|Pyongyang|North Korean|Kim Jong Un",
    "KOR": "South Korea|Seoul|South Korean|South Koreans",
    "IND": "India|New Delhi|Indian|Modi",
    "PAK": "Pakistan|Islamabad|Pakistani|Imran Khan",
    "AFG": "Afghanistan|Kabul|Afghan|Taliban|the Taliban",
    "IRQ": "Iraq|Baghdad|Iraqi",
    "SAU": "Saudi Arabia|Riyadh|Saudi",
    "EGY": "Egypt|Cairo|Egyptian",
    "BLR": "Belarus|Minsk|Belarusian|Lukashenko",
    "POL": "Poland|Warsaw|Polish",
    "VEN": "Venezuela|Caracas|Venezuelan",
    "SRB": "Serbia|Belgrade|Serbian|Serbians|Serb",
    "XKX": "Kosovo|Pristina",
    "ARM": "Armenia|Yerevan|Armenian|Armenians",
    "AZE": "Azerbaijan|Baku|Azerbaijani",
    "GEO": "Georgia|Tbilisi|Georgian",
    "LBN": "Lebanon|Beirut|Lebanese|Hezbollah",
    "QAT": "Qatar|Doha",
    "SDN": "Sudan|Khartoum|Sudanese",
    "MLI": "Mali|Bamako",
    "MMR": "Myanmar|Aung San Suu Kyi",
    "TWN": "Taiwan|Taipei|Taiwanese",
    "HUN": "Hungary|Budapest|Hungarian",
    "LTU": "Lithuania|Vilnius|Lithuanian",
    "HRV": "Croatia|Zagreb|Croatian",
    "LKA": "Sri Lanka|Colombo",
    "ESP": "Spain|Madrid|Spanish",
    "KAZ": "Kazakhstan|Astana",
    "PHL": "Philippines|the Philippines|Manila|Philippine",
    "LBY": "Libya|Tripoli|Libyan",
    "GUY": "Guyana",
    "FIN": "Finland|Helsinki|Finnish",
    "SWE": "Sweden|Stockholm|Swedish",
    "NER": "Niger|Niamey",
    "CAN": "Canada|Ottawa|Canadian",
    "AUS": "Australia|Canberra|Australian",
    "ITA": "Italy|Rome|Italian",
    "MEX": "Mexico|Mexican|Matamoros",
    "YEM": "Yemen|Houthis|the Houthis|Yemeni",
    "EST": "Estonia|Tallinn|Estonian",
    "HKG": "Hong Kong",
    "KEN": "Kenya|Nairobi|Kenyan",
    "HTI": "Haiti|Haitian",
}
PEOPLE = {
    "Vladimir Putin|Putin": ("RUS", "GOV"),
    "Lavrov": ("RUS", "GOV"),
    "Peskov|Dmitry Peskov": ("RUS", "GOV"),
    "Navalny|Alexei Navalny": ("RUS", "OPP"),
    "Joe Biden|Biden": ("USA", "GOV"),
    "Antony Blinken|Blinken": ("USA", "GOV"),
    "Evan Gershkovich": ("USA", "MED"),
    "Edward Snowden": ("USA", "CVL"),
    "Zelensky": ("UKR", "GOV"),
    "Macron": ("FRA", "GOV"),
    "Xi Jinping": ("CHN", "GOV"),
    "Wagner Group|the Wagner Group": ("RUS", "MIL"),
    "Meta": ("USA", "BUS"),
}
ORGS = {
    "the European Union|European Union|EU": "EU",
    "the United Nations|United Nations|UN": "UN",
    "NATO": "NATO",
    "the G7|G7": "G7",
    "the IAEA|IAEA": "IAEA",
    "the World Bank|World Bank": "WB",
    "Amnesty International": "AMNESTY",
}
ROLE_NOUNS = {
    "police": "COP",
    "security forces": "MIL",
    "troops": "MIL",
    "forces": "MIL",
    "army": "MIL",
    "military": "MIL",
    "soldiers": "MIL",
    "government": "GOV",
    "authorities": "GOV",
    "officials": "GOV",
    "foreign ministry": "GOV",
    "prosecutors": "JUD",
}


def lexicon_entries() -> dict[str, Actor]:
    """Surface form -> actor."""
    entries: dict[str, Actor] = {}
    for code, forms in COUNTRIES.items():
        country = Actor(id=code, name=forms.split("|")[0], kind="country", country=code)
        for form in forms.split("|"):
            entries[form] = country
            for noun, role in ROLE_NOUNS.items():  # "Russian authorities" -> RUS GOV
                name = f"{form} {noun}"
                entries[name] = Actor(
                    id=code + role, name=name, kind="group", country=code, role=role
                )
    for forms, (code, role) in PEOPLE.items():
        person = Actor(id=forms, name=forms.split("|")[0], kind="person", country=code, role=role)
        entries.update({form: person for form in forms.split("|")})
    for forms, org in ORGS.items():
        actor = Actor(id=org, name=forms.split("|")[0], kind="organization", org=org, role="IGO")
        entries.update({form: actor for form in forms.split("|")})
    return entries


@cache
def _matcher() -> tuple[re.Pattern[str], dict[str, Actor]]:
    entries = lexicon_entries()
    forms = sorted(entries, key=lambda f: (-len(f), f))
    alternation = "|".join(re.escape(f) for f in forms)
    return re.compile(r"(?<![\w.])(?:" + alternation + r")(?!\w)"), entries


def lexicon_index(paragraphs: list[str]) -> ActorIndex:
    """An ActorIndex from the lexicon: longest match first, no overlaps."""
    pattern, entries = _matcher()
    index = ActorIndex()
    seen: dict[str, Actor] = {}
    for number, text in enumerate(paragraphs):
        for m in pattern.finditer(text):
            actor = entries[m.group(0)]
            seen.setdefault(actor.id, actor)
            index.mentions.append((number, m.start(), m.end(), actor.id))
    index.actors = list(seen.values())
    return index


PROBE = "Russia accused Ukraine of shelling the Zaporizhzhia plant."


def real_index_works() -> bool:
    from tidings.actors import resolve_actors

    docs = nlp.parse([PROBE])
    index = resolve_actors([PROBE], docs)
    found = [index.actor_for_span(0, 0, 6), index.actor_for_span(0, 16, 23)]
    return all(a is not None and a.country for a in found)


def build_index(kind: str, paragraphs: list[str], docs: list) -> ActorIndex:
    if kind == "real":
        from tidings.actors import resolve_actors

        return resolve_actors(paragraphs, docs)
    return lexicon_index(paragraphs)


# ---------------------------------------------------------------- scoring


def code(actor) -> str | None:
    return None if actor is None else (actor.country or actor.org)


def score(gold: list[dict], index_kind: str) -> dict:
    texts = [g["text"] for g in gold]
    docs = nlp.parse(texts)
    stats = {t: Counter() for t in PLOVER_TYPES}
    loose = Counter()
    modality = Counter()
    misses, extras = [], []
    for item, doc in zip(gold, docs, strict=True):
        index = build_index(index_kind, [item["text"]], [doc])
        coded = code_events([item["text"]], [doc], index, [], None)
        got = [(e.type, code(e.source), code(e.target), e.modality) for e in coded]
        want = [(g["type"], g["source"], g["target"], g["modality"]) for g in item["events"]]
        free = list(got)
        for w in want:
            stats[w[0]]["gold"] += 1
            hit = next((g for g in free if g[:3] == w[:3]), None)
            if hit:
                free.remove(hit)
                stats[w[0]]["tp"] += 1
                modality["same" if hit[3] == w[3] else "different"] += 1
            else:
                misses.append((item["id"], w))
            if any(g[:2] == w[:2] for g in got):
                loose["tp"] += 1
        for g in got:
            stats[g[0]]["coded"] += 1
        extras += [(item["id"], g) for g in free]
        loose["gold"] += len(want)
        loose["coded"] += len(got)
    return {
        "stats": stats,
        "loose": loose,
        "modality": modality,
        "misses": misses,
        "extras": extras,
    }


def pr(tp: int, coded: int, gold: int) -> tuple[str, str, str]:
    p = tp / coded if coded else None
    r = tp / gold if gold else None
    f = 2 * p * r / (p + r) if p and r else None
    return tuple("–" if v is None else f"{v:.2f}" for v in (p, r, f))


def table(result: dict) -> str:
    lines = [
        "| type | gold | coded | correct | precision | recall | F1 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    total = Counter()
    for t in PLOVER_TYPES:
        s = result["stats"][t]
        total.update(s)
        p, r, f = pr(s["tp"], s["coded"], s["gold"])
        lines.append(f"| {t} | {s['gold']} | {s['coded']} | {s['tp']} | {p} | {r} | {f} |")
    p, r, f = pr(total["tp"], total["coded"], total["gold"])
    counts = f"{total['gold']} | {total['coded']} | {total['tp']}"
    lines.append(f"| **all** | {counts} | **{p}** | **{r}** | {f} |")
    return "\n".join(lines)


# ---------------------------------------------------------------- timing


def article_bodies(limit: int) -> list[list[str]]:
    """Paragraph lists: the shared extraction corpus when present, else the gold
    sentences in groups of eight."""
    truth = SHARED / "benchmarks" / "article-extraction" / "ground-truth.json"
    if truth.exists():
        data = json.loads(truth.read_text())
        bodies = []
        for item in list(data.values())[:limit]:
            paras = [p.strip() for p in (item.get("articleBody") or "").split("\n") if p.strip()]
            if paras:
                bodies.append(paras)
        if bodies:
            return bodies
    gold = [json.loads(line)["text"] for line in GOLD.read_text().splitlines() if line.strip()]
    return [gold[i : i + 8] for i in range(0, len(gold), 8)]


def timing(limit: int, index_kind: str) -> dict:
    """Seconds spent in the understanding steps and in the events step, same run."""
    from tidings.events import EventsStep
    from tidings.pipeline import Document
    from tidings.record import Source
    from tidings.understand import understanding_steps

    bodies = article_bodies(limit)
    nlp.load()  # model loading is not part of either stage
    steps = understanding_steps()
    events = EventsStep()
    spent = Counter()
    failures = Counter()
    count = 0
    for paragraphs in bodies:
        doc = Document(raw="\n\n".join(paragraphs).encode(), source=Source())
        doc.record.paragraphs = paragraphs
        doc.record.published = "2024-01-15"
        for step in steps:
            start = time.perf_counter()
            try:
                step(doc)
            except Exception:
                failures[step.name] += 1
            spent["understanding"] += time.perf_counter() - start
        if doc.actor_index is None:
            doc.actor_index = ActorIndex()
        if index_kind == "lexicon":  # score the coder with actors it can use
            doc.actor_index = lexicon_index(paragraphs)
        start = time.perf_counter()
        events(doc)
        spent["events"] += time.perf_counter() - start
        count += len(doc.record.events)
    return {
        "articles": len(bodies),
        "paragraphs": sum(len(b) for b in bodies),
        "understanding": spent["understanding"],
        "events": spent["events"],
        "coded": count,
        "failures": dict(failures),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--index", choices=("auto", "real", "lexicon"), default="auto")
    ap.add_argument("--timing", type=int, default=60, help="articles to time (0: skip)")
    ap.add_argument("--show", action="store_true", help="list misses and extra events")
    a = ap.parse_args()
    kind = a.index
    if kind == "auto":
        kind = "real" if real_index_works() else "lexicon"
    gold = [json.loads(line) for line in GOLD.read_text().splitlines() if line.strip()]
    result = score(gold, kind)
    print(f"## Event coder on {len(gold)} hand-labelled sentences (actors: {kind} index)\n")
    print(table(result))
    loose = result["loose"]
    p, r, _ = pr(loose["tp"], loose["coded"], loose["gold"])
    mod = result["modality"]
    agree = mod["same"] / max(1, mod["same"] + mod["different"])
    print(f"\nType and source only (any target): recall {r}.")
    print(f"Modality agrees on {agree:.0%} of the correct events.")
    if a.show:
        print("\nMissed:")
        for gid, w in result["misses"]:
            print(f"  {gid}: {w}")
        print("\nExtra:")
        for gid, g in result["extras"]:
            print(f"  {gid}: {g}")
    if a.timing:
        t = timing(a.timing, kind)
        share = t["events"] / t["understanding"] if t["understanding"] else float("nan")
        print(
            f"\n## Time\n\n{t['articles']} articles, {t['paragraphs']} paragraphs: understanding "
            f"{t['understanding']:.2f} s, events {t['events']:.3f} s "
            f"(+{share:.1%}; target ≤ 20%), {t['coded']} events coded."
        )
        if t["failures"]:
            print(f"Steps that failed on some articles: {t['failures']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
