"""Time expressions: find them in the paragraphs and resolve them against `published`.

`find_times(paragraphs, published, docs=None)` returns one `Time` per expression,
in reading order, with TIMEX3-style values (`2021-01-24`, `2021-01`, `2021`,
`2021-W03`, `2021-W03-WE`, `199` for a decade, `2021-01-19TEV` for a part of a
day, `2021-01-24T15:00` for a clock time, `2020-SP`, `2022-H1`, and durations
`P3D`, `P18Y`, `PT2H`) or null when it cannot be resolved. Numeric dates follow
the article's own convention where one of them shows it (24/1/2021 is day
first), else month first; a clock time belongs to the date named before it in
its sentence, else to the publication day.

The words (months, weekdays, numbers, relative phrases, context and tense cues)
live in `data/times/`; this module holds the patterns built from them and the
resolution rules of SPEC.md:

* a weekday names the publication day when it is that weekday, else the most
  recent past one, unless the tense of its clause points forward;
* a day without a year ("Feb. 5") and a month alone take the year that makes the
  clause's tense true (forward: on or after publication; past: on or before; no
  tense: the nearest);
* "last week", "yesterday", "five years ago", "April last year" count from the
  publication date; "a day earlier", "the next day" from the last date mentioned
  before them (or from publication);
* without a publication date nothing relative to it is guessed (value null).

Tense comes from the spaCy parse when `docs` are given: the verb the expression
modifies, its auxiliaries, and a governor that points its complement ahead ("is
due to", "vowed to" — through the complement only, so "pledged on Monday to
extend" is past); a date naming a thing ("the July 25 call") takes no forward
pointer; "as soon as" points ahead. Without a parse, lexical cues in the
expression's clause.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

from tidings.record import Time

PAST, FUTURE, PRESENT, OPEN = "past", "future", "present", "open"


# --------------------------------------------------------------------------- data


def _lines(name: str) -> list[list[str]]:
    """Rows of a data file under data/times/: tab-separated, '#' comments skipped."""
    text = resources.files("tidings").joinpath("data", "times", name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def _alternation(words: Sequence[str], flexible_space: bool = True) -> str:
    """A regex alternation of literal phrases, longest first."""
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        escaped = re.escape(word)
        if flexible_space:
            escaped = escaped.replace(r"\ ", r"\s+")
        parts.append(escaped)
    return "(?:" + "|".join(parts) + ")"


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]  # every form (full and abbreviated) -> month number
    month_full: tuple[str, ...]
    weekdays: dict[str, int]  # name -> ISO weekday
    numbers: dict[str, int]
    units: dict[str, tuple[str, int]]  # word -> (unit, count)
    deictic: dict[str, tuple[str, int]]  # phrase -> (unit, offset)
    deictic_part: dict[str, str]  # phrase -> part of the day ("last night" -> NI)
    parts_of_day: dict[str, str]  # "evening" -> "EV"
    durations: dict[str, tuple[str, int]]  # "years" -> ("Y", 1), "hours" -> ("TH", 1)
    seasons: dict[str, tuple[str, int]]  # "spring" -> ("SP", 3)
    anaphoric: dict[str, tuple[str, int, bool]]  # phrase -> (unit, offset, needs clause end)
    directions: dict[str, tuple[int, bool]]  # word -> (sign, needs clause end)
    modifiers: dict[str, int]
    parts: tuple[str, ...]
    context: dict[str, frozenset[str]]
    tense_cues: tuple[tuple[str, str], ...]
    blockers: tuple[str, ...]
    abbreviations: tuple[str, ...]

    def words(self, kind: str) -> frozenset[str]:
        return self.context.get(kind, frozenset())


@cache
def _lexicon() -> _Lexicon:
    months: dict[str, int] = {}
    full = []
    for row in _lines("months.tsv"):
        number = int(row[1])
        months[row[0]] = number
        full.append(row[0])
        for abbr in row[2].split() if len(row) > 2 else []:
            months[abbr] = number
    context: dict[str, set[str]] = {}
    for kind, word in _lines("context.tsv"):
        context.setdefault(kind, set()).add(word.lower())
    return _Lexicon(
        months=months,
        month_full=tuple(full),
        weekdays={row[0]: int(row[1]) for row in _lines("weekdays.tsv")},
        numbers={row[0].lower(): int(row[1]) for row in _lines("numbers.tsv")},
        units={row[0].lower(): (row[1], int(row[2])) for row in _lines("units.tsv")},
        deictic={row[0].lower(): (row[1], int(row[2])) for row in _lines("deictic.tsv")},
        deictic_part={row[0].lower(): row[3] for row in _lines("deictic.tsv") if len(row) > 3},
        parts_of_day={row[0].lower(): row[1] for row in _lines("parts_of_day.tsv")},
        durations={row[0].lower(): (row[1], int(row[2])) for row in _lines("durations.tsv")},
        seasons={row[0].lower(): (row[1], int(row[2])) for row in _lines("seasons.tsv")},
        anaphoric={
            row[0].lower(): (row[1], int(row[2]), len(row) > 3 and row[3] == "end")
            for row in _lines("anaphoric.tsv")
        },
        directions={
            row[0].lower(): (int(row[1]), len(row) > 2 and row[2] == "end")
            for row in _lines("directions.tsv")
        },
        modifiers={row[0].lower(): int(row[1]) for row in _lines("modifiers.tsv")},
        parts=tuple(row[0] for row in _lines("month_parts.txt")),
        context={kind: frozenset(words) for kind, words in context.items()},
        tense_cues=tuple((row[0], row[1]) for row in _lines("tense_cues.tsv")),
        blockers=tuple(row[0] for row in _lines("blockers.txt")),
        abbreviations=tuple(row[0] for row in _lines("abbreviations.txt")),
    )


# ------------------------------------------------------------------------ patterns


@dataclass(frozen=True)
class _Patterns:
    rules: tuple[tuple[str, re.Pattern[str]], ...]  # (kind, pattern), in priority order
    blockers: re.Pattern[str] | None
    tense: re.Pattern[str]
    clause_end: re.Pattern[str]
    sentence_end: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    lex = _lexicon()
    month_any = _alternation(list(lex.months)) + r"(?![A-Za-z])"
    month_full = _alternation(lex.month_full) + r"(?![A-Za-z])"
    weekday = _alternation(list(lex.weekdays)) + r"(?![A-Za-z])"
    number = "(?:" + _alternation(list(lex.numbers)) + r"|\d{1,3})"
    unit = _alternation(list(lex.units))
    modifier = _alternation(list(lex.modifiers))
    # "early March", "the end of March", "mid-March" (no space after a hyphen).
    part_re = rf"(?P<part>(?i:{_alternation(lex.parts)}))(?:(?<=-)|\s+)"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d)(?!,\d{3})"
    year = r"(?P<year>1\d{3}|20\d\d)(?![\d])"
    end = r"(?=\s*(?:[,.;:!?)\]—–]|$))"
    directions_free = [w for w, (_, needs_end) in lex.directions.items() if not needs_end]
    directions_end = [w for w, (_, needs_end) in lex.directions.items() if needs_end]
    anaphoric_free = [p for p, (_, _, needs_end) in lex.anaphoric.items() if not needs_end]
    anaphoric_end = [p for p, (_, _, needs_end) in lex.anaphoric.items() if needs_end]
    i = "(?i:"
    part_of_day = _alternation(list(lex.parts_of_day))
    duration_unit = _alternation(list(lex.durations))
    season = _alternation(list(lex.seasons))
    counted = "(?:" + _alternation([n for n in lex.numbers if n not in ("a", "an")]) + r"|\d{1,3})"
    rules = [
        ("iso", r"\b(?P<year>\d{4})-(?P<mon>\d\d)-(?P<day>\d\d)\b"),
        (
            "numeric",
            r"(?<![\d/.])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>\d{4})\b",
        ),
        (
            "clock",
            r"\b(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))?\s?"
            r"(?P<ampm>[ap]\.m\.|[ap]m\b|[AP]M\b)",
        ),
        (
            "clock",
            r"\b(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)"
            r"(?=\s?(?:GMT|UTC|BST|CET|CEST|local time|[ECMP][SD]?T)\b)",
        ),
        (
            "duration",
            rf"\b(?:{i}the\s+(?:past|last|next|previous|coming|first)\s+))?"
            rf"(?P<num>{i}{counted}))[\s-]+(?P<unit>{i}{duration_unit}))\b"
            r"(?![-\s]+(?:old|ago|earlier|later|previously)\b)",
        ),
        (
            "season",
            rf"\b(?P<rel>{i}{modifier}))\s+(?P<season>{i}{season}))\b",
        ),
        ("season", rf"\b(?P<season>{i}{season}))\s+(?:of\s+)?{year}"),
        (
            "half",
            rf"\b{i}the\s+(?P<which>first|second)\s+half\s+of\s+)"
            rf"(?:{year}|(?P<rel>{i}{modifier}))\s+{i}year))",
        ),
        ("date", rf"\b(?P<month>{month_any})\s+{day}(?:,?\s+{year})?"),
        ("date", rf"\b{day}\s+(?:of\s+)?(?P<month>{month_any})(?:,?\s+{year})?"),
        ("month_year", rf"\b(?:{part_re})?(?P<month>{month_any})\s+(?:of\s+)?{year}"),
        (
            "month_rel",
            rf"\b(?:{part_re})?(?P<month>{month_full})\s+(?:{i}of)\s+)?"
            rf"(?P<rel>{i}{modifier}))\s+{i}year)\b",
        ),
        ("month_mod", rf"\b(?P<rel>{i}{modifier}))\s+(?P<month>{month_full})"),
        ("month", rf"\b(?:{part_re})?(?P<month>{month_full})"),
        (
            "weekday",
            rf"\b(?:{i}(?:early|late))\s+)?(?:(?P<rel>{i}{modifier}))\s+)?(?P<weekday>{weekday})"
            rf"(?:\s+(?P<daypart>{i}{part_of_day}))\b)?",
        ),
        ("deictic", rf"\b{i}(?P<phrase>{_alternation(list(lex.deictic))}))\b"),
        ("ago", rf"\b{i}(?P<num>{number})\s+(?P<unit>{unit})\s+ago)\b"),
        (
            "anaphoric",
            rf"\b{i}(?P<num>{number})\s+(?P<unit>{unit})\s+"
            rf"(?P<dir>{_alternation(directions_free)}))\b",
        ),
        (
            "anaphoric",
            rf"\b{i}(?P<num>{number})\s+(?P<unit>{unit})\s+"
            rf"(?P<dir>{_alternation(directions_end)})){end}",
        ),
        ("anaphoric", rf"\b{i}(?P<phrase>{_alternation(anaphoric_free)}))\b"),
        ("anaphoric", rf"\b{i}(?P<phrase>{_alternation(anaphoric_end)})){end}"),
        (
            "decade",
            rf"(?:\b(?P<the>{i}the))\s+)?(?:\b{part_re})?"
            r"(?:\b(?P<century>1[89]|20)(?P<decade>\d)0|['’](?P<short>\d)0)s\b",
        ),
        (
            "year",
            r"(?<![\d,.$€£#/])\b(?P<year>1[5-9]\d\d|20\d\d)\b(?![\d%/]|[,.]\d|-\d{1,2}\b|['’]?s\b)",
        ),
    ]
    blockers = re.compile(r"\b" + _alternation(lex.blockers) + r"\b") if lex.blockers else None
    tense = re.compile(
        "|".join(f"(?P<{label}{n}>\\b(?:{rx})\\b)" for n, (label, rx) in enumerate(lex.tense_cues)),
        re.IGNORECASE,
    )
    # A sentence ends at ". " before a capital, unless the word is an abbreviation.
    not_abbreviation = "".join(
        f"(?<!\\b{re.escape(word)})"
        for word in [*lex.abbreviations, *(m for m in lex.months if m.endswith("."))]
    )
    sentence_end = rf"(?<=\w[.!?]){not_abbreviation}\s+(?=[A-Z“\"])"
    return _Patterns(
        rules=tuple((kind, re.compile(rx)) for kind, rx in rules),
        blockers=blockers,
        tense=tense,
        clause_end=re.compile(rf"[,;:()\[\]“”\"—–]|{sentence_end}"),
        sentence_end=re.compile(sentence_end),
    )


# ----------------------------------------------------------------------- candidates


@dataclass
class _Hit:
    kind: str
    paragraph: int
    start: int
    end: int
    groups: dict[str, str | None]
    core: tuple[int, int]  # the span before any absorbed preposition
    value: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _candidates(text: str, paragraph: int) -> list[_Hit]:
    hits = []
    for kind, pattern in _patterns().rules:
        for match in pattern.finditer(text):
            hits.append(
                _Hit(kind, paragraph, match.start(), match.end(), match.groupdict(), match.span())
            )
    return hits


def _choose(hits: list[_Hit]) -> list[_Hit]:
    """Longest non-overlapping hits; at equal length the earlier rule wins."""
    order = {kind: n for n, (kind, _) in enumerate(_patterns().rules)}
    ranked = sorted(hits, key=lambda h: (-(h.end - h.start), order[h.kind], h.start))
    chosen: list[_Hit] = []
    for hit in ranked:
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


@cache
def _ending(phrases: frozenset[str]) -> re.Pattern[str]:
    return re.compile(r"(?:^|(?<=\W))" + _alternation(list(phrases)) + r"\s*$", re.IGNORECASE)


def _ends_with(before: str, phrases: frozenset[str]) -> bool:
    """Whether `before` ends with one of `phrases` (as whole words)."""
    return bool(phrases) and _ending(phrases).search(before[-40:]) is not None


def _next_word(after: str) -> str:
    match = re.match(r"\s*([A-Za-z]+)", after)
    return match.group(1).lower() if match else ""


def _token_span(doc: Any, start: int, end: int) -> Any:
    if doc is None:
        return None
    return doc.char_span(start, end, alignment_mode="expand")


def _entity_label(doc: Any, start: int, end: int) -> str | None:
    """The label (lower case) of the spaCy entity overlapping text[start:end], if any."""
    if doc is None:
        return None
    for ent in doc.ents:
        if ent.start_char < end and start < ent.end_char:
            return ent.label_.lower()
    return None


def _keep(hit: _Hit, text: str, doc: Any) -> bool:
    """Context checks that drop names, verbs and counts that look like times."""
    lex = _lexicon()
    start, end = hit.core
    before, after = text[:start], text[end:]
    g = hit.groups
    if hit.kind in ("weekday", "month", "month_mod", "deictic", "date"):
        pattern = _patterns().blockers
        if pattern is not None:
            for match in pattern.finditer(text):
                if match.start() < end and start < match.end():
                    return False
    if hit.kind in ("weekday", "month", "month_mod") or (
        hit.kind == "deictic" and g["phrase"] and g["phrase"].lower() == "today"
    ):
        label = _entity_label(doc, start, end)
        if label in lex.words("veto_label"):
            return False
    if hit.kind == "month":
        cued = g.get("part") or _ends_with(before, lex.words("month_cue"))
        if not cued and _entity_label(doc, start, end) != "date":
            return False
        span = _token_span(doc, *hit.core)
        if span is not None and any(
            t.text in lex.months and t.pos_ in ("VERB", "AUX") for t in span
        ):
            return False
    if (
        hit.kind == "deictic"
        and re.match(r"(?i)(last|past|next)\b", g["phrase"] or "")
        and _ends_with(before, lex.words("duration"))
    ):
        return False
    if hit.kind == "year":
        if _ends_with(before, lex.words("quantity")):
            return False
        if _ends_with(before, lex.words("year_cue")):
            return True
        if int(g["year"]) < 1900:
            return False  # "1889" is a year only after "in", "since", "by"…
        if _next_word(after) in lex.words("count_noun"):
            return False
        if doc is not None:
            if _entity_label(doc, start, end) in lex.words("count_label"):
                return False
            span = _token_span(doc, start, end)
            if span is not None:
                token = span.root
                head = token.head
                if (
                    token.dep_ == "nummod"
                    and head.tag_ in ("NNS", "NNPS")
                    and head.lower_ not in lex.words("year_noun")
                ):
                    return False
    return True


def _absorb(hit: _Hit, text: str) -> None:
    """Take a preposition before the expression into its text ("on Sunday")."""
    kind = {"weekday": "weekday", "month": "month", "decade": "decade", "year": "year"}.get(
        hit.kind
    )
    if kind is None or (kind == "month" and hit.groups.get("part")):
        return
    if kind == "weekday" and hit.groups.get("rel"):
        return
    words = _lexicon().words(f"absorb_{kind}")
    if not words:
        return
    match = re.search(r"\b(" + _alternation(list(words)) + r")\s+$", text[: hit.start], re.I)
    if match:
        hit.start = match.start(1)


# ---------------------------------------------------------------------------- tense


def _tense_from_doc(doc: Any, start: int, end: int) -> str | None:
    """Tense of the clause governing text[start:end], from the parse; None if unknown."""
    span = _token_span(doc, start, end)
    if span is None or len(span) == 0:
        return None
    lex = _lexicon()
    governors = lex.words("forward_governor")
    future_modals = lex.words("future_modal")
    other_modals = lex.words("other_modal")
    forward = False
    by_predicate = False  # the forward pointer is "due", "set", "expected" (not a verb)
    token = span.root
    # "the July 25 call": a date naming a thing takes the tense of the verb, but no
    # forward pointer above it ("is likely to face questions about the July 25 call")
    naming = token.dep_ in NOMINAL_DEPS and token.head.pos_ in ("NOUN", "PROPN")
    child = None
    for _ in range(50):
        lower, lemma = token.lower_, token.lemma_.lower()
        infinitive_below = child is not None and any(
            c.dep_ == "aux" and c.tag_ == "TO" for c in child.children
        )
        governs = child is not None and (lower in governors or lemma in governors)
        if governs and _points_forward(token, child) and not naming:
            forward = True
            by_predicate = token.pos_ == "ADJ" or token.tag_ == "VBN"
        if infinitive_below and lemma == "be" and not any(c.dep_ == "attr" for c in token.children):
            forward = True  # "is to meet on Friday" (not "was the first to call")
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
            words = {a.lower_ for a in auxes}
            if words & future_modals or token.lower_ in future_modals:
                return PAST if "have" in words else FUTURE
            if words & other_modals:
                return PAST if "have" in words else OPEN
            finite = [t for t in [*auxes, token] if t.tag_ in ("VBD", "VBZ", "VBP")]
            if token.tag_ == "VBN" and token.dep_ == "acl" and not auxes and not forward:
                return PAST  # "goods imposed on Sept. 1": a done deed naming a thing
            if any(t.tag_ == "VBD" for t in finite):
                # "agreed to meet in October": the act is past, what it points to is ahead;
                # "was due to be released in September": a plan of the past
                return FUTURE if forward and not by_predicate else PAST
            if token.tag_ == "VBN" and words & {"has", "have", "'ve", "'s"} and not forward:
                return PAST
            if finite:
                if forward:
                    return FUTURE
                if token.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxes):
                    return FUTURE  # "are gathering on Sunday"
                return PRESENT
        if token.head is token:
            break
        child, token = token, token.head
    return None


# How a date attaches to a noun it names ("the July 25 call", "Trump's July 25 call").
NOMINAL_DEPS = frozenset({"compound", "nmod", "amod", "nummod", "poss"})


def _points_forward(governor: Any, child: Any) -> bool:
    """Whether `governor` ("vowed", "is due", "plans") points `child`'s clause ahead.

    Only through its complement ("vowed to return", "due to expire", "set for
    Friday"), not through a modifier of its own ("pledged on Monday"), and only when
    the governor is the clause's tensed predicate: a gerund ("threatening to kill")
    reports an act, it does not plan one.
    """
    through = child.dep_ in ("xcomp", "ccomp") or (
        child.dep_ == "prep" and (governor.pos_ == "ADJ" or governor.tag_ == "VBN")
    )
    if not through:
        return False
    if governor.tag_ in ("VBD", "VBZ", "VBP") or governor.pos_ == "ADJ":
        return True
    return any(c.dep_ in ("aux", "auxpass") for c in governor.children)


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int, int, int]:
    """(clause start, clause end, sentence start, sentence end) around text[start:end]."""
    boundaries = [(m.start(), m.end()) for m in _patterns().clause_end.finditer(text)]
    sentence_ends = [(m.start(), m.end()) for m in _patterns().sentence_end.finditer(text)]
    c_start = max([e for s, e in boundaries if e <= start], default=0)
    c_end = min([s for s, e in boundaries if s >= end], default=len(text))
    s_start = max([e for s, e in sentence_ends if e <= start], default=0)
    s_end = min([s for s, e in sentence_ends if s >= end], default=len(text))
    return c_start, c_end, s_start, s_end


# Up to three words between a future/modal cue and a past form of the same verb group.
_VERB_GROUP = re.compile(r"(?:\s+[\w']+){0,3}\s+")


def _cue_tense(segment: str, last: bool) -> str | None:
    """The cue nearest the expression (last of a left stretch, first of a right one).

    A past form right after a future or modal cue is part of its verb group ("will be
    held", "would be signed") and no cue of its own.
    """
    matches = []
    for match in _patterns().tense.finditer(segment):
        label = match.lastgroup or ""
        if matches and label.startswith(("past", "weak")):
            before = matches[-1]
            gap = segment[before.end() : match.start()]
            if (before.lastgroup or "").startswith((FUTURE, OPEN)) and _VERB_GROUP.fullmatch(gap):
                continue
        matches.append(match)
    strong = [m for m in matches if not (m.lastgroup or "").startswith("weak")]
    if not strong:
        return PAST if matches else None  # only "-ed" words
    label = (strong[-1] if last else strong[0]).lastgroup or ""
    return next(t for t in (PAST, FUTURE, OPEN) if label.startswith(t))


def _tense_from_text(text: str, start: int, end: int) -> str | None:
    """Tense from cue words: the clause left of the expression, then right, then the sentence."""
    c_start, c_end, s_start, s_end = _clause_bounds(text, start, end)
    for segment, last in (
        (text[c_start:start], True),
        (text[end:c_end], False),
        (text[s_start:c_start], True),
        (text[c_end:s_end], False),
    ):
        tense = _cue_tense(segment, last)
        if tense:
            return None if tense == OPEN else tense
    return None


def _tense(hit: _Hit, text: str, doc: Any) -> str | None:
    if "tense" not in hit.extra and _ends_with(
        text[: hit.core[0]], _lexicon().words("forward_phrase")
    ):
        hit.extra["tense"] = FUTURE  # "as soon as Sunday"
    if "tense" not in hit.extra:
        tense = _tense_from_doc(doc, *hit.core) if doc is not None else None
        if tense is None:
            tense = _tense_from_text(text, *hit.core)
        hit.extra["tense"] = tense
    return hit.extra["tense"]


# ------------------------------------------------------------------------ calendar


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def _shift(anchor: date, unit: str, amount: int) -> str:
    """`anchor` moved by `amount` units, as a value of that unit's precision."""
    if unit == "day":
        return (anchor + timedelta(days=amount)).isoformat()
    if unit == "week":
        return _iso_week(anchor + timedelta(weeks=amount))
    if unit == "weekend":
        return _iso_week(anchor + timedelta(weeks=amount)) + "-WE"
    if unit == "month":
        year, month = _add_months(anchor.year, anchor.month, amount)
        return f"{year:04d}-{month:02d}"
    return f"{anchor.year + amount:04d}"


def _month_year(month: int, published: date, tense: str | None, offset: int | None) -> int:
    """The year of a month named alone, by its modifier or the tense."""
    if offset == 0:
        return published.year
    if offset is not None and offset < 0:
        return published.year if month < published.month else published.year - 1
    if offset is not None and offset > 0:
        return published.year if month > published.month else published.year + 1
    if tense == PAST:
        return published.year if month <= published.month else published.year - 1
    if tense == FUTURE:
        return published.year if month >= published.month else published.year + 1
    here = published.year * 12 + published.month
    options = [published.year - 1, published.year, published.year + 1]
    return min(options, key=lambda y: (abs(y * 12 + month - here), -int(y <= published.year)))


def _day_year(month: int, day: int, published: date, tense: str | None) -> date | None:
    """The date of a day named without a year ("Feb. 5"), by the tense."""
    options = [
        d
        for y in (published.year - 1, published.year, published.year + 1)
        if (d := _safe_date(y, month, day)) is not None
    ]
    if not options:
        return None
    if tense == PAST:
        past = [d for d in options if d <= published]
        return max(past) if past else None
    if tense == FUTURE:
        future = [d for d in options if d >= published]
        return min(future) if future else None
    return min(options, key=lambda d: (abs((d - published).days), d > published))


def _weekday_date(weekday: int, published: date, tense: str | None, offset: int | None) -> date:
    today = published.isoweekday()
    back = (today - weekday) % 7 or 7  # days back to the most recent past one
    ahead = (weekday - today) % 7 or 7  # days ahead to the next one
    if offset is not None:
        if offset < 0:
            return published - timedelta(days=back)
        if offset > 0:
            return published + timedelta(days=ahead)
        # "this Friday": the coming one, unless the clause is in the past.
        if tense == PAST:
            return published - timedelta(days=(today - weekday) % 7)
        return published + timedelta(days=(weekday - today) % 7)
    if weekday == today:
        return published
    if tense == FUTURE:
        return published + timedelta(days=ahead)
    return published - timedelta(days=back)


def _parse_value(value: str) -> tuple[date, str] | None:
    """A resolved value as (a date inside it, its precision), for anaphoric anchors."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return date.fromisoformat(value), "day"
    if match := re.fullmatch(r"(\d{4})-W(\d\d)", value):
        return date.fromisocalendar(int(match[1]), int(match[2]), 1), "week"
    if match := re.fullmatch(r"(\d{4})-(\d\d)", value):
        return date(int(match[1]), int(match[2]), 1), "month"
    if re.fullmatch(r"\d{4}", value):
        return date(int(value), 1, 1), "year"
    return None


# Which precisions an anaphoric unit may count from ("a day earlier" needs a day).
_ANCHOR_PRECISIONS = {
    "day": {"day"},
    "week": {"day", "week"},
    "month": {"day", "month"},
    "year": {"day", "week", "month", "year"},
}


# ----------------------------------------------------------------------- resolution


def _part_of_day(word: str | None) -> str:
    code = _lexicon().parts_of_day.get(word.lower()) if word else None
    return f"T{code}" if code else ""


def _duration(number: str, unit_word: str) -> str:
    """ "three days" -> P3D, "18-year" -> P18Y, "two hours" -> PT2H."""
    unit, size = _lexicon().durations[unit_word.lower()]
    count = _number(number) * size
    return f"PT{count}{unit[1:]}" if unit.startswith("T") else f"P{count}{unit}"


def _numeric_date(g: dict[str, str | None], day_first: bool) -> date | None:
    """1/24/2021 (month first, as US outlets write) or 24/1/2021 and 24.1.2021 (day
    first): a number over 12 decides; else the article's convention."""
    a, b, year = int(g["a"] or 0), int(g["b"] or 0), int(g["y"] or 0)
    if a > 12 or g["sep"] == "." or (day_first and b <= 12):
        a, b = b, a
    return _safe_date(year, a, b)


def _season(g: dict[str, str | None], published: date | None) -> str | None:
    """ "last spring" (published in November) -> 2019-SP; "winter 2020" -> 2020-WI."""
    code, first_month = _lexicon().seasons[(g["season"] or "").lower()]
    if g.get("year"):
        return f"{g['year']}-{code}"
    if published is None:
        return None
    offset = _lexicon().modifiers[re.sub(r"\s+", " ", (g["rel"] or "").lower())]
    # the season's start this year; "last" is the latest one begun and ended before
    year = published.year
    started = date(year, first_month, 1) <= published
    if offset < 0:
        ends = _add_months(year, first_month, 3)
        ended = date(ends[0], ends[1], 1) <= published
        year = year if started and ended else year - 1
    elif offset > 0:
        year = year + 1 if started else year
    return f"{year:04d}-{code}"


def _number(word: str) -> int:
    word = re.sub(r"\s+", " ", word.lower())
    return int(word) if word.isdigit() else _lexicon().numbers[word]


def _resolve(
    hit: _Hit, text: str, doc: Any, published: date | None, previous: list[str]
) -> str | None:
    lex = _lexicon()
    g = hit.groups
    kind = hit.kind
    if kind == "iso":
        found = _safe_date(int(g["year"]), int(g["mon"]), int(g["day"]))
        return found.isoformat() if found else None
    if kind == "date":
        month, day = lex.months[g["month"]], int(g["day"])
        if g.get("year"):
            found = _safe_date(int(g["year"]), month, day)
        elif published is None:
            return None
        else:
            found = _day_year(month, day, published, _tense(hit, text, doc))
        return found.isoformat() if found else None
    if kind == "month_year":
        return f"{int(g['year']):04d}-{lex.months[g['month']]:02d}"
    if kind == "decade":
        if g.get("short"):
            return f"19{g['short']}"
        return f"{g['century']}{g['decade']}"
    if kind == "year":
        return g["year"]
    if kind == "duration":
        return _duration(g["num"], g["unit"])
    if kind == "numeric":
        found = _numeric_date(g, hit.extra.get("day_first", False))
        return found.isoformat() if found else None
    if kind == "half":
        if g.get("year"):
            year = int(g["year"])
        elif published is None:
            return None
        else:
            year = published.year + lex.modifiers[re.sub(r"\s+", " ", g["rel"].lower())]
        return f"{year:04d}-H{1 if g['which'].lower() == 'first' else 2}"
    if kind == "season":
        return _season(g, published)
    if kind == "clock":
        day = hit.extra.get("day") or (published.isoformat() if published else None)
        if day is None:
            return None
        hour = int(g["hour"]) % 12 if g.get("ampm") else int(g["hour"])
        if (g.get("ampm") or "").lower().startswith("p"):
            hour += 12
        return f"{day}T{hour:02d}:{int(g.get('minute') or 0):02d}"
    if published is None and kind != "anaphoric":
        return None
    if kind in ("month_rel", "month_mod", "month"):
        assert published is not None
        month = lex.months[g["month"]]
        offset = lex.modifiers[re.sub(r"\s+", " ", g["rel"].lower())] if g.get("rel") else None
        if kind == "month_rel":
            year = published.year + (offset or 0)
        else:
            year = _month_year(month, published, _tense(hit, text, doc), offset)
        return f"{year:04d}-{month:02d}"
    if kind == "weekday":
        assert published is not None
        offset = lex.modifiers[re.sub(r"\s+", " ", g["rel"].lower())] if g.get("rel") else None
        tense = None if offset else _tense(hit, text, doc)
        value = _weekday_date(lex.weekdays[g["weekday"]], published, tense, offset).isoformat()
        return value + _part_of_day(g.get("daypart"))
    if kind == "deictic":
        assert published is not None
        phrase = re.sub(r"\s+", " ", g["phrase"].lower())
        unit, offset = lex.deictic[phrase]
        part = lex.deictic_part.get(phrase)
        return _shift(published, unit, offset) + (f"T{part}" if part else "")
    if kind == "ago":
        assert published is not None
        unit, count = lex.units[g["unit"].lower()]
        return _shift(published, unit, -_number(g["num"]) * count)
    if kind == "anaphoric":
        if g.get("phrase"):
            unit, amount, _ = lex.anaphoric[re.sub(r"\s+", " ", g["phrase"].lower())]
        else:
            unit, count = lex.units[g["unit"].lower()]
            amount = lex.directions[g["dir"].lower()][0] * _number(g["num"]) * count
        anchor = published
        for value in reversed(previous):
            parsed = _parse_value(value)
            if parsed and parsed[1] in _ANCHOR_PRECISIONS[unit]:
                anchor = parsed[0]
                break
        hit.extra["anchor"] = anchor.isoformat() if anchor else None
        return _shift(anchor, unit, amount) if anchor else None
    return None


def _day_first(paragraphs: list[str]) -> bool:
    """Whether the article writes numeric dates day first (24/1/2021): known when one
    of them has a first number over 12, else month first."""
    for text in paragraphs:
        for match in re.finditer(r"\b(\d{1,2})/(\d{1,2})/\d{2,4}\b", text):
            if int(match[1]) > 12:
                return True
            if int(match[2]) > 12:
                return False
    return False


def _day_of_clock(text: str, start: int, days: list[tuple[int, str]]) -> str | None:
    """The day a clock time belongs to: a date named earlier in its sentence."""
    sentence_start = max(
        [m.end() for m in _patterns().sentence_end.finditer(text, 0, start)], default=0
    )
    same = [value for end, value in days if sentence_start <= end <= start]
    return same[-1] if same else None


def _resolve_in_calendar(
    hit: _Hit, text: str, doc: Any, anchor: date | None, previous: list[str]
) -> str | None:
    """The value of a time expression, or None where it falls outside the calendar
    Python can count (years 1 to 9999): "tomorrow" said on 9999-12-31."""
    try:
        return _resolve(hit, text, doc, anchor, previous)
    except OverflowError:  # date arithmetic past either end: "date value out of range"
        return None
    except ValueError as error:  # a date built past it: "year 10000 is out of range"
        if "out of range" not in str(error):
            raise
        return None


def _published_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def find_times(
    paragraphs: list[str], published: str | None, docs: list | None = None
) -> list[Time]:
    """Every time expression in `paragraphs`, resolved against `published` (ISO date).

    `docs` are optional spaCy Docs, one per paragraph with the same text; they give
    the tense (from tags and the parse) and entities (to drop names like "The Sunday
    Times"). Without them, lexical cues are used. Relative expressions get value
    None when there is no publication date.
    """
    anchor_day = _published_date(published)
    anchor = anchor_day.isoformat() if anchor_day else None
    times: list[Time] = []
    previous: list[str] = []  # resolved values so far, in reading order
    day_first = _day_first(paragraphs)
    for index, text in enumerate(paragraphs):
        doc = docs[index] if docs is not None and index < len(docs) else None
        if doc is not None and getattr(doc, "text", None) != text:
            doc = None  # a Doc of other text would give wrong offsets
        kept = [hit for hit in _candidates(text, index) if _keep(hit, text, doc)]
        days: list[tuple[int, str]] = []  # (end, day value) of this paragraph's dates
        for hit in _choose(kept):
            _absorb(hit, text)
            hit.extra["day_first"] = day_first
            if hit.kind == "clock":
                hit.extra["day"] = _day_of_clock(text, hit.start, days)
            value = _resolve_in_calendar(hit, text, doc, anchor_day, previous)
            if value is not None and re.match(r"\d{4}-\d\d-\d\d", value):
                days.append((hit.end, value[:10]))
            if value is not None and hit.kind not in ("decade", "duration", "clock"):
                previous.append(value)
            times.append(
                Time(
                    text=text[hit.start : hit.end],
                    value=value,
                    anchor=hit.extra.get("anchor", anchor),
                    paragraph=index,
                    start=hit.start,
                    end=hit.end,
                )
            )
    return times
