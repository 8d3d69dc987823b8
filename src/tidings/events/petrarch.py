"""PETRARCH2's verb dictionary, matched over the dependency parse.

The dictionary (compiled by `tools/build_event_lexicon.py` into
`data/events/petrarch/verbs.json`) groups verbs into blocks of synonyms; each
block has a default CAMEO code and patterns that refine it by the words around
the verb: nouns before it ("AIRSTRIKE * killed"), and after it particles, object
nouns, noun phrases ("{FINANCIAL AID}") and prepositional phrases ("(TO
BORDER)"). PETRARCH matched them on a constituency parse; here "before" is the
subject's phrase and "after" is what the verb governs in its own clause. The most
specific pattern that matches wins; a pattern coded `---` says the verb is no
event there ("killed in an accident"). `data/events/verb_overrides.tsv` corrects
verbs the dictionary codes too broadly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Any

from tidings.events.cameo import CameoMap, Plover

# Dependents that start a clause of their own: what they hold is not the verb's phrase.
CLAUSES = frozenset({"ccomp", "xcomp", "advcl", "relcl", "conj", "parataxis", "csubj", "acl"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
PREP_DEPS = frozenset({"prep", "agent", "dative", "prt", "advmod"})


@dataclass(frozen=True)
class VerbEntry:
    lemma: str
    pre: tuple[str, ...]  # words a multi-word verb needs before it ("wire tap")
    post: tuple[str, ...]  # and after it ("shoot down", "meet with")
    code: str | None
    back: str | None


@dataclass(frozen=True)
class VerbPattern:
    pre: tuple[dict, ...]
    post: tuple[dict, ...]
    code: str | None
    back: str | None
    # per element, the words one of which must be in the region for it to match at all:
    # a cheap test that rules out most patterns before the full one runs
    pre_heads: tuple[frozenset[str], ...] = ()
    post_heads: tuple[frozenset[str], ...] = ()

    @cached_property
    def size(self) -> float:
        return sum(_size(e) for e in self.pre + self.post)


@dataclass(frozen=True)
class VerbBlock:
    name: str
    code: str | None
    back: str | None
    patterns: tuple[VerbPattern, ...]


@dataclass(frozen=True)
class VerbMatch:
    """What the dictionary says of one verb token."""

    code: str | None  # CAMEO code of subject -> object, None when only `back` applies
    back: str | None  # CAMEO code of object -> subject ("faces charges": 112 against him)
    plover: Plover | None
    specific: float  # how much of a pattern matched (0: the verb's default; < 1: weak)
    block: str

    @property
    def vetoed(self) -> bool:
        """A pattern says this is no event at all."""
        return self.specific > 0 and self.code == "---"


def _size(element: dict) -> float:
    """How much of the context an element names; a bare preposition ("(FOR)") says little
    and alone does not make a pattern specific."""
    if "np" in element:
        return len(element["np"])
    if "pp" in element:
        return 1 + _size(element["obj"]) if element.get("obj") else 0.5
    return 1


def _forms(word: str) -> frozenset[str]:
    """A dictionary word and its singular ("rallies" -> "rally", "talks" -> "talk")."""
    out = {word}
    if word.endswith("ies") and len(word) > 4:
        out.add(word[:-3] + "y")
    elif word.endswith("sses"):
        out.add(word[:-2])
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        out.add(word[:-1])
    return frozenset(out)


class VerbLexicon:
    """Lemma -> the dictionary's blocks and entries, and the matcher."""

    def __init__(self, compiled: dict, cameo: CameoMap, overrides: dict[str, str | None]) -> None:
        self.cameo = cameo
        self.synsets: dict[str, tuple[tuple[frozenset[str], ...], ...]] = {
            name.lower(): tuple(tuple(_forms(w) for w in phrase) for phrase in phrases)
            for name, phrases in compiled["synsets"].items()
        }
        self.entries: dict[str, list[tuple[VerbBlock, VerbEntry]]] = {}
        self.forms: dict[str, str] = {}  # inflected form -> base form (the parser's lemma can err)
        for raw in compiled["blocks"]:
            block = VerbBlock(
                raw["name"],
                raw["code"],
                raw["back"],
                tuple(self._pattern(p) for p in raw["patterns"]),
            )
            for v in raw["verbs"]:
                for form in v["forms"]:
                    self.forms.setdefault(form, v["lemma"])
                entry = VerbEntry(
                    v["lemma"], tuple(v["pre"]), tuple(v["post"]), v["code"], v["back"]
                )
                if entry.lemma in overrides and not entry.pre and not entry.post:
                    entry = VerbEntry(entry.lemma, (), (), overrides[entry.lemma] or "---", None)
                self.entries.setdefault(entry.lemma, []).append((block, entry))

    def _pattern(self, raw: dict) -> VerbPattern:
        pre, post = tuple(raw["pre"]), tuple(raw["post"])
        return VerbPattern(
            pre, post, raw["code"], raw["back"],
            tuple(_heads(e, self.synsets) for e in pre),
            tuple(_heads(e, self.synsets) for e in post),
        )

    def __contains__(self, lemma: str) -> bool:
        return lemma in self.entries

    def base(self, tok: Any) -> str:
        """The dictionary's base form of a verb token: its lemma when the dictionary
        knows it, else the base its inflected form has ("staged", lemmatised "stag")."""
        lemma = tok.lemma_.lower()
        if lemma in self.entries:
            return lemma
        return self.forms.get(tok.lower_, lemma)

    def match(self, tok: Any) -> VerbMatch | None:
        """The dictionary's reading of a verb token, or None when it does not know it."""
        found = self.entries.get(self.base(tok))
        if not found:
            return None
        region = Region(tok, self.synsets)
        best: tuple[tuple[float, int], VerbMatch] | None = None
        for block, entry in found:
            if not region.has_words(entry.pre, entry.post):
                continue
            extra = len(entry.pre) + len(entry.post)
            pattern = self._best_pattern(block, region)
            if pattern is not None and pattern.size >= 1:
                code, back, specific = pattern.code, pattern.back, pattern.size
            else:
                code, back = self._default(block, entry)
                specific = pattern.size if pattern is not None else 0
            match = VerbMatch(code, back, self.cameo.get(code), specific, block.name)
            rank = (specific + extra, extra)
            if best is None or rank > best[0]:
                best = (rank, match)
        return best[1] if best else None

    @staticmethod
    def _default(block: VerbBlock, entry: VerbEntry) -> tuple[str | None, str | None]:
        """The code of a verb with no pattern around it: its own, else the block's when it
        is the verb the block is named for. A block's other verbs are synonyms only where
        its patterns match ("hit", "match" and "struggle" sit in the block of "attack")."""
        if entry.code or entry.back:
            return entry.code, entry.back
        if block.name.split("_")[0].lower() == entry.lemma:
            return block.code, block.back
        return None, None

    def _best_pattern(self, block: VerbBlock, region: Region) -> VerbPattern | None:
        best = None
        for pattern in block.patterns:
            if best is not None and pattern.size <= best.size:
                continue
            if not region.may_match(pattern):
                continue
            if all(region.matches(e, before=True) for e in pattern.pre) and all(
                region.matches(e) for e in pattern.post
            ):
                best = pattern
        return best


class Region:
    """The words around a verb token that patterns may name: its subjects' phrases
    (before) and what it governs in its own clause (after)."""

    def __init__(self, verb: Any, synsets: dict) -> None:
        self.verb = verb
        self.synsets = synsets
        self.after = [t for t in _own_phrase(verb) if t.i > verb.i]
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        agents = [o for c in verb.children if c.dep_ == "agent" for o in c.children]
        self.before = [t for s in subjects + agents for t in s.subtree]
        self.before += [c for c in verb.lefts if c.dep_ in ("advmod", "npadvmod", "compound")]
        self.before_words = _words(self.before)
        self.after_words = _words(self.after)

    def may_match(self, pattern: VerbPattern) -> bool:
        """False when some element's head word is nowhere in its side of the region."""
        return all(self.before_words & h for h in pattern.pre_heads) and all(
            self.after_words & h for h in pattern.post_heads
        )

    def has_words(self, pre: tuple[str, ...], post: tuple[str, ...]) -> bool:
        lefts = {_norm(t) for t in self.verb.lefts} | {t.lower_ for t in self.verb.lefts}
        if any(w not in lefts for w in pre):
            return False
        near = [t for t in self.after if t.head is self.verb or t.i <= self.verb.i + 2]
        words = {_norm(t) for t in near} | {t.lower_ for t in near}
        return all(w in words for w in post)

    def matches(self, element: dict, before: bool = False) -> bool:
        tokens = self.before if before else self.after
        if "pp" in element:
            return any(self._prep(t, element) for t in tokens)
        return any(_element_at(t, element, self.synsets) for t in tokens)

    def _prep(self, tok: Any, element: dict) -> bool:
        if tok.dep_ not in PREP_DEPS or tok.lower_ not in element["pp"]:
            return False
        inner = element.get("obj")
        if inner is None:
            return True
        return any(_element_at(t, inner, self.synsets) for t in tok.subtree)


def _words(tokens: list[Any]) -> frozenset[str]:
    return frozenset(w for t in tokens for w in (t.lower_, _norm(t)))


def _heads(element: dict, synsets: dict) -> frozenset[str]:
    """The words one of which an element's match needs among the region's tokens: its
    word, its noun phrase's head, its preposition, or the last words of its synonym set."""
    if "pp" in element:
        preps = element["pp"]
        return frozenset([preps] if isinstance(preps, str) else preps)
    word = element["w"] if "w" in element else element["np"][-1] if "np" in element else None
    if word is None:
        return frozenset()
    if word.startswith("&"):
        return frozenset(w for phrase in synsets.get(word[1:], ()) for w in phrase[-1])
    return _forms(word)


def _norm(tok: Any) -> str:
    return tok.lemma_.lower()


def _word_at(tok: Any, forms: frozenset[str]) -> bool:
    return tok.lower_ in forms or _norm(tok) in forms


def _element_at(tok: Any, element: dict, synsets: dict) -> bool:
    """Does the phrase an element names have its head at `tok`?"""
    if "w" in element:
        word = element["w"]
        if word.startswith("&"):
            return any(_phrase_at(tok, phrase) for phrase in synsets.get(word[1:], ()))
        return _word_at(tok, _forms(word))
    if "np" in element:
        *mods, head = element["np"]
        if not _head_word(tok, head, synsets):
            return False
        near = list(tok.lefts) + [t for c in tok.lefts for t in c.subtree]
        return all(any(_head_word(t, m, synsets) for t in near) for m in mods)
    return False


def _head_word(tok: Any, word: str, synsets: dict) -> bool:
    if word.startswith("&"):
        return any(_phrase_at(tok, phrase) for phrase in synsets.get(word[1:], ()))
    return _word_at(tok, _forms(word))


def _phrase_at(tok: Any, phrase: tuple[frozenset[str], ...]) -> bool:
    """A synonym-set phrase ("car bomb") whose last word is at `tok`, the others before it."""
    if not _word_at(tok, phrase[-1]):
        return False
    doc = tok.doc
    for offset, forms in enumerate(reversed(phrase[:-1]), 1):
        i = tok.i - offset
        if i < 0 or not _word_at(doc[i], forms):
            return False
    return True


def _own_phrase(verb: Any) -> list[Any]:
    """The verb's subtree without the clauses it governs."""
    out = []
    stack = [c for c in verb.children]
    while stack:
        tok = stack.pop()
        if tok.dep_ in CLAUSES and tok.pos_ in ("VERB", "AUX"):
            continue
        if tok.dep_ in SUBJECTS:
            continue
        out.append(tok)
        stack.extend(tok.children)
    return sorted(out, key=lambda t: t.i)


def load_verbs(cameo: CameoMap, overrides: dict[str, str | None]) -> VerbLexicon:
    path = resources.files("tidings").joinpath("data", "events", "petrarch", "verbs.json")
    compiled = json.loads(path.read_text("utf-8"))
    return VerbLexicon(compiled, cameo, overrides)
