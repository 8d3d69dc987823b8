"""The trigger-word baseline for the event benchmarks: an event wherever a word of the
coder's own trigger lists occurs (PETRARCH2's verbs with their default codes, and the
heads of `data/events/patterns.tsv`), typed by that word alone — no parse, no patterns
around the word, no modality."""

from __future__ import annotations

import re
from functools import cache

from tidings.events.cameo import load_cameo
from tidings.events.patterns import load_lexicon
from tidings.events.petrarch import load_verbs

WORD = re.compile(r"[A-Za-z]+")


@cache
def word_types() -> dict[str, str]:
    """Word form -> PLOVER type."""
    cameo = load_cameo()
    verbs = load_verbs(cameo, {})
    out: dict[str, str] = {}
    for lemma, entries in verbs.entries.items():
        for block, entry in entries:
            if entry.pre or entry.post:
                continue
            meaning = cameo.get(entry.code or block.code)
            if meaning is not None:
                out.setdefault(lemma, meaning.type)
    for form, lemma in verbs.forms.items():
        if lemma in out:
            out.setdefault(form, out[lemma])
    for (head, pos), patterns in load_lexicon().patterns.items():
        single = [p for p in patterns if p.child is None]
        if single:
            out.setdefault(head, single[0].type)
            if pos == "noun":
                out.setdefault(head + "s", single[0].type)
    return out


def trigger_types(sentence: str) -> list[tuple[int, str]]:
    """(character offset, PLOVER type) of every trigger word in a sentence."""
    table = word_types()
    return [
        (m.start(), table[m.group().lower()])
        for m in WORD.finditer(sentence)
        if m.group().lower() in table
    ]
