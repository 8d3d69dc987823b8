#!/usr/bin/env python3
"""Compile the Phoenix actor and agent dictionaries (PETRARCH2, MIT) into the compact
files tidings reads at run time.

    python tools/build_phoenix_data.py [--check] [--reference ../shared/reference/petrarch2]

- `data/actors/phoenix_actors.tsv`: one line per name form (primary phrase and every
  `+` synonym) of the Countries, International and MilNonState dictionaries:
  `NAME<TAB>code ranges`, ranges `CODE:from-to` separated by `;` (dates YYYYMMDD,
  empty for open), the undated default last. Names are upper case with spaces.
- `data/actors/phoenix_agents.tsv`: the agent dictionary's role words
  (`POLICE_OFFICER [~COP]`): `phrase<TAB>role`, substitution sets (`!PERSON!`)
  expanded and plural forms added, roles mapped to the record's vocabulary.

Provenance and licence: `data/actors/PHOENIX-LICENSE.txt`. With --check the files
are compared with what would be written; exit 1 when stale.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "tidings" / "data" / "actors"
ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
CODE = re.compile(r"\[([^\]\s]*)\s*([^\]]*)\]")


def _date(text: str) -> str:
    """YYMMDD (two-digit years before 30 are 20xx) or YYYYMMDD to YYYYMMDD."""
    text = text.strip()
    if len(text) == 6:
        century = "20" if int(text[:2]) < 30 else "19"
        return century + text
    return text if len(text) == 8 else ""


def _range(restriction: str) -> tuple[str, str]:
    restriction = restriction.strip()
    if restriction.startswith("<"):
        return "", _date(restriction[1:])
    if restriction.startswith(">"):
        return _date(restriction[1:]), ""
    if "-" in restriction:
        first, _, last = restriction.partition("-")
        return _date(first), _date(last)
    return "", ""


def _name(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.replace("_", " ")).strip().upper()


def parse_actors(text: str) -> dict[str, list[str]]:
    """Name form -> code ranges, in file order (the default range last)."""
    entries: dict[str, list[str]] = {}
    names: list[str] = []
    codes: list[str] = []

    def flush() -> None:
        if names and codes:
            ordered = [c for c in codes if not c.endswith(":-")] + [
                c for c in codes if c.endswith(":-")
            ]
            for name in names:
                entries.setdefault(name, ordered)

    for raw in text.splitlines():
        line = raw.split("#")[0].rstrip()
        if not line.strip():
            continue
        starts_entry = not raw[:1].isspace() and not line.startswith(("+", "["))
        if starts_entry:
            flush()
            names, codes = [], []
        phrase = CODE.split(line)[0] if "[" in line else line
        phrase = phrase.lstrip("+").strip()
        if phrase and not raw[:1].isspace():
            names.append(_name(phrase))
        for code, restriction in CODE.findall(line):
            if not code or code.startswith("~") or code == "---":
                continue
            first, last = _range(restriction)
            codes.append(f"{code}:{first}-{last}")
    flush()
    return entries


# Phoenix role codes -> the record's roles (SPEC); others (ELI, EDU, HLH, ...) none.
ROLES = {
    "GOV": "GOV",
    "MIL": "MIL",
    "COP": "COP",
    "JUD": "JUD",
    "LEG": "LEG",
    "OPP": "OPP",
    "REB": "REB",
    "INS": "REB",
    "MED": "MED",
    "BUS": "BUS",
    "CVL": "CVL",
    "SPY": "GOV",
    "NGO": "NGO",
    "IGO": "IGO",
}


def parse_agents(text: str) -> dict[str, str]:
    """Agent phrase (lower case) -> role, substitution sets and plurals expanded."""
    subs: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.split("#")[0].strip()
        if not line:
            continue
        if line.startswith("!") and "=" in line:
            key, _, words = line.partition("=")
            subs[key.strip()] = [w.strip() for w in words.split(",") if w.strip()]
            continue
        match = re.match(r"(.*?)\s*(\{[^}]*\})?\s*\[~(\w+)\]", line)
        if not match:
            continue
        phrase, role = match.group(1).strip(), ROLES.get(match.group(3)[:3])
        if not phrase or role is None or "{" in phrase:
            continue
        forms = [phrase]
        for key, words in subs.items():
            if key in phrase:
                forms = [f.replace(key, w) for f in forms for w in words]
        for form in forms:
            words = _name(form).lower()
            if not words or not re.fullmatch(r"[a-z][a-z .'-]*", words):
                continue
            out.setdefault(words, role)
            if " " not in words and not words.endswith("s"):
                out.setdefault(words + ("es" if words.endswith(("s", "sh", "ch")) else "s"), role)
    return out


def render(reference: Path) -> dict[str, str]:
    actors: dict[str, list[str]] = {}
    for name in ACTOR_FILES:
        for key, codes in parse_actors((reference / name).read_text(errors="replace")).items():
            actors.setdefault(key, codes)
    head = (
        "# Compiled by tools/build_phoenix_data.py from the Phoenix actor dictionaries of\n"
        "# PETRARCH2 (openeventdata/petrarch2, MIT; see PHOENIX-LICENSE.txt). Do not edit.\n"
        "# NAME<TAB>CODE:from-to;... (dates YYYYMMDD, empty = open; the default last)\n"
    )
    actor_lines = [f"{k}\t{';'.join(v)}" for k, v in sorted(actors.items())]
    agents = parse_agents((reference / "Phoenix.agents.txt").read_text(errors="replace"))
    agent_head = (
        "# Compiled by tools/build_phoenix_data.py from Phoenix.agents.txt of PETRARCH2\n"
        "# (MIT; see PHOENIX-LICENSE.txt). Do not edit. phrase<TAB>role (SPEC roles only)\n"
    )
    agent_lines = [f"{k}\t{v}" for k, v in sorted(agents.items())]
    return {
        "phoenix_actors.tsv": head + "\n".join(actor_lines) + "\n",
        "phoenix_agents.tsv": agent_head + "\n".join(agent_lines) + "\n",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true")
    default = REPO.parent / "shared/reference/petrarch2"
    parser.add_argument("--reference", type=Path, default=default)
    args = parser.parse_args()
    stale = []
    for name, text in render(args.reference).items():
        path = OUT / name
        if args.check:
            if not path.exists() or path.read_text() != text:
                stale.append(name)
        else:
            path.write_text(text)
    if stale:
        print(f"stale: {', '.join(stale)}; run python tools/build_phoenix_data.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
