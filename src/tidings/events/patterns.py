"""The event coder's knowledge, read from `data/events/`.

* `patterns.tsv` — hand-written triggers (a lemma, a lemma and one dependent, or a
  lemma, a preposition and its object), their PLOVER type and mode, and the
  dependency slots of source and target;
* `petrarch/verbs.json` — PETRARCH2's verb dictionary (see `petrarch.py`), for the
  verbs the hand patterns do not name, with `slots.tsv` giving each type's slots and
  `verb_overrides.tsv` the verbs whose dictionary default is too broad;
* `plover/CAMEO2PLOVER-2021.txt` and `cameo_amendments.tsv` — CAMEO codes in PLOVER;
* `types.tsv` — the 16 PLOVER types and whether an event of the type needs a target
  (the manual's "requires recipient"); `modes.tsv` — each type's modes in the manual;
  `scores.tsv` — the manual's conflict–cooperation score of each type and mode;
* `cues.tsv` — word lists (speech verbs, intention and opinion governors, modals,
  light verbs, locative prepositions, …); `refer_TYPE` lists the nouns that name
  an earlier event of TYPE ("the charge", "the measures"), `refer_any` of any type;
* `groups.tsv` — generic groups ("police", "protesters") that get the country of
  the place the sentence names when the actor index leaves them unresolved.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources

from tidings.errors import TidingsError
from tidings.events.cameo import CameoMap, Plover, load_cameo
from tidings.events.petrarch import VerbLexicon, load_verbs

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
MODALITIES = ("asserted", "intended", "conditional", "requested", "negated", "reported")
SLOTS = frozenset({"subj", "obj", "dative", "poss", "gov"})


@dataclass(frozen=True)
class Pattern:
    """One trigger: `head` lemma (plus an optional dependent lemma `child`)."""

    phrase: str
    head: str
    child: str | None
    pos: str  # verb | noun
    type: str
    mode: str | None
    intensity: float
    source: tuple[str, ...]
    target: tuple[str, ...]
    flags: frozenset[str] = frozenset()
    prep: str | None = None  # "add to list": the child is the object of this preposition
    context: tuple[str, ...] = ()  # PLOVER contexts the trigger itself gives

    def value(self, name: str) -> str | None:
        """The value of the pattern's flag `name=value` ("thing=captive"), or None."""
        prefix = f"{name}="
        return next((f[len(prefix) :] for f in self.flags if f.startswith(prefix)), None)

    @property
    def mutual(self) -> bool:
        return "mutual" in self.flags

    @property
    def object_control(self) -> bool:
        return "ctl=obj" in self.flags

    @property
    def embed(self) -> str | None:
        return self.value("embed")

    @property
    def needs(self) -> str | None:
        """A cue list one of the trigger's dependents must come from (or "gov")."""
        return self.value("needs")

    @property
    def who(self) -> str | None:
        """A cue list the source's head word must come from ("who=crowd")."""
        return self.value("who")

    @property
    def whom(self) -> str | None:
        """A cue list the target slot's head word must come from ("whom=crowd")."""
        return self.value("whom")

    @property
    def thing(self) -> str | None:
        """A cue list what the trigger acts on must come from, unless it is an actor."""
        return self.value("thing")

    @property
    def people(self) -> str | None:
        """Like `thing`, but the actor must be a person or a group ("beat the protesters",
        not "beat Croatia": a country beaten is a match lost, never a beating)."""
        return self.value("people")

    @property
    def unless(self) -> str | None:
        """A cue list what the trigger acts on must not come from ("charge an iPhone")."""
        return self.value("unless")

    @property
    def complement(self) -> str | None:
        """A cue list the "as"/predicate complement must come from ("describe X as …")."""
        return self.value("as")


@dataclass(frozen=True)
class TypeInfo:
    name: str
    quad: str
    needs_target: bool
    place_target: bool = False  # without a target, the country of the place named
    scene_target: bool = False  # … else the article's main country (aid to the story's country)


@dataclass
class Lexicon:
    patterns: dict[tuple[str, str], list[Pattern]] = field(default_factory=dict)
    types: dict[str, TypeInfo] = field(default_factory=dict)
    cues: dict[str, frozenset[str]] = field(default_factory=dict)
    groups: dict[str, tuple[str, str]] = field(default_factory=dict)
    refers: dict[str, frozenset[str]] = field(default_factory=dict)  # noun -> event types
    scores: dict[tuple[str, str | None], float] = field(default_factory=dict)
    slots: dict[str, Pattern] = field(default_factory=dict)  # type -> slots of dictionary verbs
    verbs: VerbLexicon | None = None
    cameo: CameoMap | None = None

    def cue(self, name: str) -> frozenset[str]:
        return self.cues.get(name, frozenset())

    def candidates(self, lemma: str, pos: str) -> list[Pattern]:
        return self.patterns.get((lemma, pos), [])

    def score(self, kind: str, mode: str | None) -> float:
        """The manual's conflict–cooperation score of a type and mode."""
        return self.scores.get((kind, mode), self.scores.get((kind, None), 0.0))

    def as_intended(self, pattern: Pattern, modality: str) -> tuple[str, str | None]:
        """Type and mode of an event: cooperation told as intended is AGREE, a retreat told
        as intended is CONCEDE (the manual; cues.tsv `intended_as`)."""
        read_as = self._read_as("intended_as", pattern.type) if modality == "intended" else None
        return (read_as, None) if read_as else (pattern.type, pattern.mode)

    def as_negated(self, kind: str, mode: str | None, modality: str) -> tuple[str, str | None, str]:
        """An agreement told as not made is a rejection, asserted (cues.tsv `negated_as`)."""
        read_as = self._read_as("negated_as", kind) if modality == "negated" else None
        return (read_as, None, "asserted") if read_as else (kind, mode, modality)

    def _read_as(self, cue: str, kind: str) -> str | None:
        """The type a cue list of TYPE:AS pairs reads `kind` as, or None."""
        for pair in self.cue(cue):
            before, _, after = pair.partition(":")
            if before == kind:
                return after
        return None

    def learned_pattern(self, lemma: str, kind: str) -> Pattern:
        """A pattern for an event the learned check found on a verb no pattern names."""
        pattern = self.dictionary_pattern(lemma, Plover(kind, None))
        return replace(pattern, flags=pattern.flags - {"dictionary", "needs_target"} | {"learned"})

    def dictionary_pattern(
        self, lemma: str, meaning: Plover, reverse: bool = False, specific: bool = True
    ) -> Pattern:
        """A pattern for a verb the dictionary codes: its type's slots (`slots.tsv`);
        `reverse` when the subject is the target ("faced charges"). A verb coded by its
        default alone (no pattern around it matched) needs a target, as PETRARCH's own
        events always had one: the verb alone says too little."""
        base = self.slots[meaning.type]
        flags = base.flags | {"dictionary"} | (set() if specific else {"needs_target"})
        pattern = replace(
            base,
            phrase=lemma,
            head=lemma,
            mode=meaning.mode,
            intensity=self.score(meaning.type, meaning.mode),
            context=meaning.context,
            flags=frozenset(flags),
        )
        if reverse or lemma in self.cue("receive"):
            # "faced charges", "received aid from Japan", "won the backing of the EU": the
            # subject is the target, and the giver is named by from, by or of
            flags = pattern.flags | {"reverse"}
            pattern = replace(pattern, source=RECEIVED_FROM, target=("subj",), flags=flags)
        return pattern


RECEIVED_FROM = ("from", "by", "of")  # who gave what the subject received


def _rows(name: str) -> list[tuple[int, list[str]]]:
    path = resources.files("tidings").joinpath("data", "events", name)
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append((number, [cell.strip() for cell in line.split("\t")]))
    return rows


def _fail(name: str, number: int, why: str) -> TidingsError:
    return TidingsError(f"data/events/{name} line {number}: {why}; fix the row")


def _slots(cell: str) -> tuple[str, ...]:
    return () if cell in ("", "-") else tuple(s.strip() for s in cell.split(",") if s.strip())


def parse_types(rows: list[tuple[int, list[str]]]) -> dict[str, TypeInfo]:
    types = {}
    for number, cells in rows:
        if len(cells) != 3:
            raise _fail("types.tsv", number, f"expected 3 columns, got {len(cells)}")
        name, quad, needs = cells
        if name not in PLOVER_TYPES:
            raise _fail("types.tsv", number, f"{name!r} is not a PLOVER type")
        if needs not in ("yes", "place", "scene", "no"):
            raise _fail(
                "types.tsv", number, f"needs_target {needs!r} is not yes, place, scene or no"
            )
        types[name] = TypeInfo(
            name,
            quad,
            needs in ("yes", "scene"),
            needs == "place",
            needs == "scene",
        )
    return types


def parse_patterns(
    rows: list[tuple[int, list[str]]],
    types: dict[str, TypeInfo],
    modes: dict[str, frozenset[str]],
    scores: dict[tuple[str, str | None], float] | None = None,
) -> dict[tuple[str, str], list[Pattern]]:
    patterns: dict[tuple[str, str], list[Pattern]] = {}
    for number, cells in rows:
        if len(cells) != 7:
            raise _fail("patterns.tsv", number, f"expected 7 columns, got {len(cells)}")
        phrase, pos, kind, mode, source, target, flags = cells
        if pos not in ("verb", "noun"):
            raise _fail("patterns.tsv", number, f"pos {pos!r} is not verb or noun")
        if kind not in types:
            raise _fail("patterns.tsv", number, f"{kind!r} is not a PLOVER type in types.tsv")
        if mode != "-" and mode not in modes.get(kind, frozenset()):
            raise _fail("patterns.tsv", number, f"{mode!r} is not a mode of {kind} in the manual")
        words = phrase.lower().split()
        if len(words) not in (1, 2, 3):
            raise _fail(
                "patterns.tsv",
                number,
                "a phrase is a lemma, a lemma and a dependent, or a lemma, a preposition "
                "and its object",
            )
        chosen = None if mode == "-" else mode
        scores = scores or {}
        pattern = Pattern(
            phrase=phrase,
            head=words[0],
            child=words[-1] if len(words) > 1 else None,
            pos=pos,
            type=kind,
            mode=chosen,
            intensity=scores.get((kind, chosen), scores.get((kind, None), 0.0)),
            source=_slots(source),
            target=_slots(target),
            flags=frozenset(_slots(flags)),
            prep=words[1] if len(words) == 3 else None,
        )
        patterns.setdefault((pattern.head, pos), []).append(pattern)
    for found in patterns.values():  # two-word phrases are tried first
        found.sort(key=lambda p: p.child is None)
    return patterns


def parse_scores(rows: list[tuple[int, list[str]]]) -> dict[tuple[str, str | None], float]:
    scores = {}
    for number, cells in rows:
        if len(cells) != 3:
            raise _fail("scores.tsv", number, f"expected 3 columns, got {len(cells)}")
        kind, mode, value = cells
        score = float(value)
        if not -10.0 <= score <= 10.0:
            raise _fail("scores.tsv", number, f"score {score} outside -10 … +10")
        scores[(kind, None if mode == "-" else mode)] = score
    return scores


def parse_slots(
    rows: list[tuple[int, list[str]]], types: dict[str, TypeInfo]
) -> dict[str, Pattern]:
    """Per type, the slots (and flags) of verbs that come from the dictionary."""
    slots = {}
    for number, cells in rows:
        if len(cells) != 4 or cells[0] not in types:
            raise _fail("slots.tsv", number, "expected a PLOVER type, source, target and flags")
        kind, source, target, flags = cells
        slots[kind] = Pattern(
            phrase="",
            head="",
            child=None,
            pos="verb",
            type=kind,
            mode=None,
            intensity=0.0,
            source=_slots(source),
            target=_slots(target),
            flags=frozenset(_slots(flags)),
        )
    return slots


def parse_overrides(rows: list[tuple[int, list[str]]]) -> dict[str, str | None]:
    return {cells[0]: None if cells[1] == "-" else cells[1] for _, cells in rows}


@cache
def load_lexicon() -> Lexicon:
    """The coder's data, read once per process."""
    types = parse_types(_rows("types.tsv"))
    missing = set(PLOVER_TYPES) - set(types)
    if missing:
        raise TidingsError(f"data/events/types.tsv lacks {sorted(missing)}; add a row for each")
    cues = {cells[0]: frozenset(cells[1].split()) for _, cells in _rows("cues.tsv")}
    groups = {cells[0]: (cells[1], cells[2]) for _, cells in _rows("groups.tsv")}
    refers: dict[str, set[str]] = {}
    for name, words in cues.items():
        if name == "refer_any":  # an earlier event of any type ("the move")
            for word in words:
                refers.setdefault(word, set()).update(types)
        elif name.startswith("refer_"):
            if name[6:] not in types:
                raise TidingsError(
                    f"data/events/cues.tsv: {name} names no PLOVER type; fix the row"
                )
            for word in words:
                refers.setdefault(word, set()).add(name[6:])
    frozen = {word: frozenset(kinds) for word, kinds in refers.items()}
    cameo = load_cameo()
    scores = parse_scores(_rows("scores.tsv"))
    return Lexicon(
        patterns=parse_patterns(_rows("patterns.tsv"), types, cameo.modes, scores),
        types=types,
        cues=cues,
        groups=groups,
        refers=frozen,
        scores=scores,
        slots=parse_slots(_rows("slots.tsv"), types),
        verbs=load_verbs(cameo, parse_overrides(_rows("verb_overrides.tsv"))),
        cameo=cameo,
    )
