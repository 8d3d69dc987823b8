"""Compile PETRARCH2's CAMEO verb dictionary into the event coder's compact lexicon.

    .venv/bin/python tools/build_event_lexicon.py [PATH/TO/CAMEO.2.0.txt]

Reads the verb dictionary of PETRARCH2 (MIT; `../shared/reference/petrarch2/`,
format in its `dictionaries.rst`) and writes
`src/tidings/data/events/petrarch/verbs.json`: synonym sets, and verb blocks —
the verbs of a block (base form, the words a multi-word verb needs before or
after it, an own CAMEO code) and the block's patterns (nouns before the verb,
nouns, particles and prepositional phrases after it, and the CAMEO code they
give). The coder matches these over the dependency parse and maps the CAMEO
codes to PLOVER through `data/events/cameo_plover.tsv`. Run it again when the
dictionary changes; the output is committed, so nothing is compiled at run time.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "tidings" / "data" / "events" / "petrarch" / "verbs.json"
CODE = re.compile(r"\[([^\]]*)\]")
SKIP_WORDS = {"and", "or"}  # "+KILLED_AND": coordination artefacts of the old matcher
MARKERS = {"$", "+", "%", "^"}  # actor and skip markers; the coder fills actors itself


def default_source() -> Path:
    shared = Path(os.environ.get("TIDINGS_SHARED", REPO.parent / "shared"))
    return shared / "reference" / "petrarch2" / "CAMEO.2.0.txt"


def strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def parse_code(text: str) -> tuple[str | None, str | None]:
    """'[190]' -> ('190', None); '[042:043]' -> ('042', '043'); '[:110]' -> (None, '110');
    '[---]' -> ('---', None): the code of source->target and of target->source."""
    found = CODE.search(text)
    if not found:
        return None, None
    raw = found.group(1).strip().rstrip("-").strip() or "---"
    if raw == "---" or raw.startswith("---"):
        return "---", None
    forward, _, backward = raw.partition(":")
    return forward.strip() or None, backward.strip().rstrip("-") or None


def word(token: str) -> str:
    return token.strip().lower()


def tokenize_pattern(text: str) -> list[str]:
    """Split a pattern side into tokens, keeping {…} and (…) groups whole."""
    out, depth, current = [], 0, ""
    for ch in text:
        if ch in "{(":
            if depth == 0 and current.strip():
                out.extend(current.split())
                current = ""
            depth += 1
            current += ch
        elif ch in "})":
            depth -= 1
            current += ch
            if depth == 0:
                out.append(current.strip())
                current = ""
        elif ch.isspace() and depth == 0:
            if current.strip():
                out.append(current.strip())
            current = ""
        else:
            current += ch
    if current.strip():
        out.extend(current.split())
    return out


def element(token: str) -> dict | None:
    """One pattern element: a word or synset, a noun phrase {… head}, or a
    prepositional phrase (PREP [object])."""
    if token in MARKERS:
        return None
    if token.startswith("{"):
        words = [word(w) for w in token[1:-1].split() if w not in MARKERS]
        return {"np": words} if words else None
    if token.startswith("("):
        inner = tokenize_pattern(token[1:-1])
        if not inner:
            return None
        preps = [word(p) for p in inner[0].split("/")]
        rest = [e for e in (element(t) for t in inner[1:]) if e]
        return {"pp": preps, "obj": rest[0] if rest else None}
    return {"w": word(token)}


def parse_pattern(line: str) -> dict | None:
    body = strip_comment(line)[1:]  # after the leading "-"
    forward, backward = parse_code(body)
    body = CODE.sub("", body)
    if "*" not in body:
        return None
    pre, post = body.split("*", 1)
    elements = {
        "pre": [e for e in (element(t) for t in tokenize_pattern(pre)) if e],
        "post": [e for e in (element(t) for t in tokenize_pattern(post)) if e],
    }
    return {**elements, "code": forward, "back": backward}


def parse_verb(line: str) -> dict | None:
    """'KILL', 'MURDER [190]', '+SHOOT_DOWN {…}', 'WIRE_+TAP {…}' -> the verb's base form,
    its inflected forms, the words it needs before and after it, and its own code."""
    text = strip_comment(line)
    forward, backward = parse_code(text)
    text = CODE.sub("", text)
    irregular = re.findall(r"\{([^}]*)\}", text)
    text = re.sub(r"\{[^}]*\}", "", text).strip()
    if not text:
        return None
    phrase = text.split()[0]
    parts = phrase.split("_")
    marked = [i for i, p in enumerate(parts) if p.startswith("+")]
    head = marked[0] if marked else 0
    words = [word(p.lstrip("+")) for p in parts]
    if not words[head] or any(w in SKIP_WORDS for w in words):
        return None
    before = [w for w in words[:head] if w]
    after = [w for w in words[head + 1 :] if w]
    forms = set(regular_forms(words[head]))
    for group in irregular:  # '{+SHOT_DOWN +SHOOTS_DOWN}', '{SLAYS SLAIN}': the verb's own word
        for form in group.split():
            pieces = form.split("_")
            picked = [p for p in pieces if p.startswith("+")] or pieces[:1]
            forms.add(word(picked[0].lstrip("+")))
    return {
        "lemma": words[head],
        "forms": sorted(forms - {""}),
        "pre": before,
        "post": after,
        "code": forward,
        "back": backward,
    }


VOWELS = set("aeiou")


def regular_forms(verb: str) -> list[str]:
    """The regular inflections of an English verb (PETRARCH generates these too), with
    the doubled final consonant as a variant ("stop" -> "stopped")."""
    forms = [verb]
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.append(verb + "es")
    elif verb.endswith("y") and len(verb) > 1 and verb[-2] not in VOWELS:
        forms.append(verb[:-1] + "ies")
    else:
        forms.append(verb + "s")
    if verb.endswith("e"):
        forms += [verb + "d", (verb[:-1] if not verb.endswith("ee") else verb) + "ing"]
    elif verb.endswith("y") and len(verb) > 1 and verb[-2] not in VOWELS:
        forms += [verb[:-1] + "ied", verb + "ing"]
    else:
        forms += [verb + "ed", verb + "ing"]
        if len(verb) > 2 and verb[-1] not in VOWELS | {"w", "x", "y"} and verb[-2] in VOWELS:
            forms += [verb + verb[-1] + "ed", verb + verb[-1] + "ing"]
    return forms


def parse(text: str) -> dict:
    synsets: dict[str, list[list[str]]] = {}
    blocks: list[dict] = []
    current_set: str | None = None
    block: dict | None = None
    in_verbs = False
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("####### VERB PATTERNS"):
            in_verbs = True
            current_set = None
            continue
        if not in_verbs:
            stripped = strip_comment(line).strip()
            if stripped.startswith("&"):
                current_set = stripped[1:].rstrip("_")
                synsets[current_set] = []
            elif stripped.startswith("+") and current_set:
                phrase = [word(w) for w in stripped[1:].strip().split("_") if w]
                synsets[current_set].append(phrase)
            continue
        if line.startswith("~"):
            continue  # transformations: the coder's modality rules cover these
        if line.startswith("---"):
            name = line.strip("- ").split("[")[0].strip()
            code, back = parse_code(line)
            block = {"name": name, "code": code, "back": back, "verbs": [], "patterns": []}
            blocks.append(block)
            continue
        if block is None or not strip_comment(line).strip():
            continue
        if line.startswith("-"):
            pattern = parse_pattern(line)
            if pattern:
                block["patterns"].append(pattern)
        else:
            verb = parse_verb(line)
            if verb:
                block["verbs"].append(verb)
    return {"synsets": synsets, "blocks": [b for b in blocks if b["verbs"]]}


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else default_source()
    compiled = parse(source.read_text(encoding="utf-8", errors="replace"))
    compiled = {
        "source": "PETRARCH2 CAMEO.2.0.txt (openeventdata/petrarch2, commit 676801c), MIT",
        **compiled,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(compiled, separators=(",", ":"), sort_keys=False) + "\n")
    verbs = sum(len(b["verbs"]) for b in compiled["blocks"])
    patterns = sum(len(b["patterns"]) for b in compiled["blocks"])
    print(
        f"{len(compiled['blocks'])} blocks, {verbs} verbs, {patterns} patterns, "
        f"{len(compiled['synsets'])} synonym sets -> {OUT.relative_to(REPO)}"
    )


if __name__ == "__main__":
    main()
