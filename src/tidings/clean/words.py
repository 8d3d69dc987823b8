"""Word-level repairs: glued words, doubled letters, missing spaces.

`repair_words(text, vocabulary)` mends one paragraph (or a title) and returns
the new text with one `Fix` per change. Every repair needs evidence:

* word frequencies from wordfreq (the same numbers as `wordfreq.zipf_frequency`,
  read from its frequency table and cached),
* the article's own vocabulary (`article_vocabulary`): a form seen elsewhere in
  the article, as itself, is a word of the article and is never repaired,
* capitalisation and position (a camel-case join after a function word, a
  capitalised join at the start of a sentence),
* knowledge in data files under `tidings/data/`: `function_words.txt`,
  `abbreviations.txt`, `web_suffixes.txt`, `units.txt`, `bound_morphemes.txt`
  and `word_exceptions.txt`.

Repairs, each kept only when the evidence is clear:

* `glued_words` -- "adialogue" -> "a dialogue", "byInterfax" -> "by Interfax",
  "inU.S." -> "in U.S.", "3,000people" -> "3,000 people". An unknown lowercase
  token is split into known words when the split is far more likely than the
  token itself; a known token only when it is made of function words
  ("ofthe"). Names, hyphenated words, numbers, URLs, e-mail addresses,
  hashtags and text that is not English are left alone.
* `doubled_letter` -- "Sundayy’s" -> "Sunday’s": an unknown token that becomes
  a known word (or a word of the article) when one letter of a doubled pair
  is removed.
* `spacing` -- a missing space after a closing quote (`dialogue,”Kremlin`),
  between sentences (`end.The`, `Mr.Putin`, `U.S.elections`), after a comma
  between words (`said,he`), around brackets, and before an opening quote.

A clean paragraph comes back unchanged, with no fixes. Fixes never overlap and
are sorted; replacing `before` by `after` at each `start` (offsets in the
input), in order, turns the input into the output (`apply_fixes`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from tidings.data import lines


@dataclass(frozen=True)
class Fix:
    """One word-level repair inside a text: text[start:start+len(before)] -> after."""

    kind: str  # glued_words | doubled_letter | spacing
    before: str
    after: str
    start: int
    reason: str


# --------------------------------------------------------------------------
# Thresholds (zipf units: 3.0 is about once per million words)

KNOWN = 3.0  # a token this frequent is a word and is not split (but see FUNCTION_MARGIN)
PART_MIN = 3.0  # each part of a split (three letters or more) must be this frequent
RARE_MARGIN = 2.0  # a rare token (in wordfreq, below KNOWN) splits if the split beats it by this
FUNCTION_MARGIN = 2.5  # a known token made of function words ("ofthe") splits by this margin
SPLIT_FLOOR = -1.5  # an unseen token splits only if the split scores at least this
THREE_PART_PENALTY = 1.0  # a split in three parts pays this on top of its probability
DOUBLED_MIN = 3.0  # the word left after removing a doubled letter must be this frequent
DOUBLED_PENALTY = 2.0  # a doubled letter is weighed against a split with this handicap
CONTENT_PREFIX_MIN = 3.5  # "saidPutin": a lowercase prefix this common may be split off
ENGLISH_MIN = 0.08  # share of very common English words for a text to count as English

_MARKERS = frozenset(
    {"the", "and", "of", "to", "is", "was", "that", "with", "for", "are", "this"}
    | {"have", "from", "be", "it", "on", "by", "as", "at", "an", "or", "not"}
)
_CONTRACTIONS = frozenset({"s", "t", "re", "ve", "ll", "d", "m"})


# --------------------------------------------------------------------------
# Knowledge, loaded once


@cache
def function_words() -> frozenset[str]:
    return frozenset(lines("function_words.txt"))


@cache
def abbreviations() -> frozenset[str]:
    return frozenset(lines("abbreviations.txt"))


@cache
def _exceptions() -> frozenset[str]:
    return frozenset(lines("word_exceptions.txt"))


@cache
def _web_suffixes() -> frozenset[str]:
    return frozenset(lines("web_suffixes.txt"))


@cache
def _units() -> frozenset[str]:
    return frozenset(lines("units.txt"))


@cache
def _bound() -> tuple[frozenset[str], frozenset[str]]:
    """(prefixes, suffixes) that are never a part of a split on their own."""
    items = lines("bound_morphemes.txt")
    prefixes = frozenset(item[:-1] for item in items if item.endswith("-"))
    suffixes = frozenset(item[1:] for item in items if item.startswith("-"))
    return prefixes, suffixes


@cache
def _abbreviation_re() -> re.Pattern[str]:
    """An abbreviation at the start of a string: listed, or a dotted initialism."""
    listed = sorted(abbreviations(), key=len, reverse=True)
    alternatives = "|".join(re.escape(item) for item in listed)
    return re.compile(rf"(?:{alternatives}|(?:[A-Za-z]\.){{2,}})")


@cache
def _url_re() -> re.Pattern[str]:
    suffixes = "|".join(sorted(_web_suffixes(), key=len, reverse=True))
    return re.compile(
        rf"://|^[(\[“‘\"']*www\.|@|^#|^\$[A-Za-z]|[A-Za-z0-9]\.(?:{suffixes})(?![A-Za-z])"
    )


@cache
def _frequencies() -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict("en")


@lru_cache(maxsize=1 << 18)
def zipf(word: str) -> float:
    """wordfreq's zipf frequency of one lowercase word (0.0 when unseen).

    Equal to `wordfreq.zipf_frequency(word, "en")` for a single token, without
    its tokenizer, so it is cheap enough to call on every candidate part.
    """
    frequency = _frequencies().get(word.replace("’", "'"))
    return round(math.log10(frequency) + 9, 2) if frequency else 0.0


# --------------------------------------------------------------------------
# The article's vocabulary

_TOKEN = re.compile(r"\w+(?:[.'’-]\w+)*\.?")


def article_vocabulary(texts: Iterable[str]) -> Counter[str]:
    """Counts of the tokens of an article (title, standfirst, paragraphs).

    Tokens are runs of word characters joined by periods, apostrophes or
    hyphens, with a final period kept ("U.S.", "Sunday’s", "end."). Pass the
    whole article, including the text being repaired: a form counted twice
    occurs somewhere else too.
    """
    return Counter(match.group(0) for text in texts for match in _TOKEN.finditer(text))


def _count(vocabulary: Counter[str], word: str) -> int:
    """How often `word` stands as a token of its own (also before 's or a period)."""
    get = vocabulary.get
    return (
        get(word, 0)
        + get(word + ".", 0)
        + get(word + "’s", 0)
        + get(word + "'s", 0)
        + get(word + "’s.", 0)
        + get(word + "'s.", 0)
    )


# --------------------------------------------------------------------------
# Splitting a lowercase token into words


def _part(part: str, first: bool, last: bool) -> float | None:
    """The zipf score of `part` as a word of a split, or None if it cannot be one."""
    prefixes, suffixes = _bound()
    if (first and part in prefixes) or (last and part in suffixes):
        return None
    if len(part) == 1:
        return zipf(part) if part == "a" else None
    if len(part) == 2:
        return zipf(part) if part in function_words() else None
    score = zipf(part)
    return score if score >= PART_MIN else None


@lru_cache(maxsize=1 << 16)
def best_split(word: str) -> tuple[tuple[str, ...], float] | None:
    """The most likely way to cut a lowercase `word` into two or three words.

    The score is the log10 probability of the words side by side, in zipf
    units: sum(zipf(part)) - 9 per extra part (minus THREE_PART_PENALTY for
    three parts), comparable to `zipf(word)`.
    """
    n = len(word)
    if n < 3 or n > 40:
        return None
    best: tuple[tuple[str, ...], float] | None = None
    heads: list[tuple[int, float]] = []
    for i in range(1, n):
        head = _part(word[:i], True, False)
        if head is None:
            continue
        heads.append((i, head))
        tail = _part(word[i:], False, True)
        if tail is not None:
            score = head + tail - 9
            if best is None or score > best[1]:
                best = ((word[:i], word[i:]), score)
    for i, head in heads:
        for j in range(i + 1, n):
            middle = _part(word[i:j], False, False)
            if middle is None:
                continue
            tail = _part(word[j:], False, True)
            if tail is None:
                continue
            score = head + middle + tail - 18 - THREE_PART_PENALTY
            if best is None or score > best[1]:
                best = ((word[:i], word[i:j], word[j:]), score)
    return best


@lru_cache(maxsize=1 << 16)
def _function_split(word: str) -> tuple[str, ...] | None:
    """A split of a known token into function words only, by a wide margin ("ofthe")."""
    split = best_split(word)
    if split is None:
        return None
    parts, score = split
    words = function_words()
    if all(part in words for part in parts) and score >= zipf(word) + FUNCTION_MARGIN:
        return parts
    return None


def _split_lower(word: str) -> tuple[tuple[str, ...], float] | None:
    """The split of a lowercase token, when the evidence allows one."""
    if word in _exceptions():
        return None
    whole = zipf(word)
    if whole >= KNOWN:
        parts = _function_split(word)
        return (parts, best_split(word)[1]) if parts else None  # type: ignore[index]
    split = best_split(word)
    if split is None:
        return None
    if whole > 0:
        return split if split[1] >= whole + RARE_MARGIN else None
    return split if split[1] >= SPLIT_FLOOR else None


def _undouble(word: str, vocabulary: Counter[str]) -> tuple[str, float] | None:
    """`word` with one letter of a doubled pair removed, when that makes a word."""
    if len(word) < 4 or zipf(word.lower()) > 0:
        return None
    best: tuple[str, float] | None = None
    for i in range(len(word) - 1):
        if word[i].lower() != word[i + 1].lower():
            continue
        if i + 2 < len(word) and word[i + 2].lower() == word[i].lower():
            continue  # three in a row: not one doubled letter
        candidate = word[:i] + word[i + 1 :]
        score = zipf(candidate.lower())
        if score < DOUBLED_MIN:
            if _count(vocabulary, candidate) == 0:
                continue
            score = max(score, DOUBLED_MIN)
        if best is None or score > best[1]:
            best = (candidate, score)
    return best


# --------------------------------------------------------------------------
# Plain chunks: the fast path

_PLAIN = re.compile(r"[(\[“‘\"']*([A-Za-z]+)(?:[’']([a-z]{1,2}))?[)\]”’\"'.,;:!?]*")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=1 << 17)
def _plain(chunk: str) -> bool:
    """True when a whitespace-separated chunk can need no repair at all."""
    if not _ASCII_LETTER.search(chunk):
        return not ("”" in chunk or "“" in chunk)
    match = _PLAIN.fullmatch(chunk)
    if match is None:
        return False
    word, tail = match.groups()
    if tail and tail not in _CONTRACTIONS:
        return False
    if not (word.islower() or word.isupper() or word[1:].islower()):
        return False  # camel case
    if word.isupper() and len(word) > 1:
        return True
    lower = word.lower()
    return zipf(lower) >= KNOWN and _function_split(lower) is None


# --------------------------------------------------------------------------
# Spacing

_CLOSE_DOUBLE = re.compile(r"”(?=[^\W_])")
_CLOSE_SINGLE = re.compile(r"(?<=[.,!?;:])’(?=[^\W_])")
_OPEN_QUOTE = re.compile(r"(?<=[A-Za-z.,;:!?])[“‘](?=[^\W_])")
_SENTENCE = re.compile(r"[.!?…]+(?=[A-Z][a-z])")
_COMMA = re.compile(r"(?<=[A-Za-z]{2}),(?=[A-Za-z])|(?<=\d),(?=[a-z]{3})")
_CLOSE_PAREN = re.compile(r"[)\]](?=[A-Za-z]{2})")
_OPEN_PAREN = re.compile(r"(?<=[A-Za-z]{2})\((?=([A-Za-z]{2,}))")
_NUMBER_WORD = re.compile(r"(?<![A-Za-z])(\d[\d,.]*\d|\d)([a-z]+)(?![A-Za-z\d])")
_WORD_NUMBER = re.compile(r"(?<![A-Za-z\d])([a-z]{2,})(?=\d)")
_LETTERS_BACK = re.compile(r"[A-Za-z]+$")
_LETTERS = re.compile(r"[A-Za-z]+")
_OPENERS = "([{“‘\"'"
_CLOSERS = ")]}”’\"'.,;:!?…"


def _spacing(chunk: str, closing: frozenset[int], opening: frozenset[int]) -> dict[int, str]:
    """Positions inside `chunk` where a space is missing, with the reason."""
    found: dict[int, str] = {}
    if "”" in chunk:
        for m in _CLOSE_DOUBLE.finditer(chunk):
            if m.start() > 0:
                found[m.end()] = "missing space after a closing quote"
    if "’" in chunk:
        for m in _CLOSE_SINGLE.finditer(chunk):
            found[m.end()] = "missing space after a closing quote"
    if "“" in chunk or "‘" in chunk:
        for m in _OPEN_QUOTE.finditer(chunk):
            found[m.start()] = "missing space before an opening quote"
    for index in closing:
        if 0 < index < len(chunk) - 1 and chunk[index + 1].isalpha():
            found[index + 1] = "missing space after a closing quote"
    for index in opening:
        if (
            0 < index < len(chunk) - 1
            and chunk[index + 1].isalpha()
            and (chunk[index - 1].isalpha() or chunk[index - 1] in ".,;:!?")
        ):
            found[index] = "missing space before an opening quote"
    for m in _SENTENCE.finditer(chunk):
        reason = _sentence_gap(chunk, m.start(), m.end())
        if reason:
            found[m.end()] = reason
    abbreviation = _abbreviation_gap(chunk)
    if abbreviation is not None:
        found[abbreviation] = "missing space after an abbreviation"
    if "," in chunk:
        for m in _COMMA.finditer(chunk):
            found[m.end()] = "missing space after a comma"
    if ")" in chunk or "]" in chunk:
        for m in _CLOSE_PAREN.finditer(chunk):
            word = _LETTERS.match(chunk, m.end())
            if word and m.start() > 0 and _is_word(word.group(0)):
                found[m.end()] = "missing space after a bracket"
    if "(" in chunk:
        for m in _OPEN_PAREN.finditer(chunk):
            inside = m.group(1)
            before = _LETTERS_BACK.search(chunk, 0, m.start())
            if (
                before
                and _is_word(before.group(0))
                and _is_word(inside)
                and inside not in {"TM", "SM"}
            ):
                found[m.start()] = "missing space before a bracket"
    for m in _NUMBER_WORD.finditer(chunk):
        number, word = m.groups()
        if (
            len(word) >= 3
            and (len(number) >= 2)
            and word not in _units()
            and zipf(word) >= CONTENT_PREFIX_MIN
            and chunk not in _exceptions()
        ):
            found[m.start(2)] = "missing space between a number and a word"
    for m in _WORD_NUMBER.finditer(chunk):
        if m.group(1) in function_words():
            found[m.end()] = "missing space between a word and a number"
    return found


def _domain_like(word: str) -> bool:
    """ "com" in "Amazon.Com": a web suffix that is not also a common English word."""
    lower = word.lower()
    return lower in _web_suffixes() and (word.islower() or zipf(lower) < 4.5)


def _is_word(word: str) -> bool:
    return word[0].isupper() or zipf(word.lower()) >= KNOWN


def _sentence_gap(chunk: str, start: int, end: int) -> str | None:
    """Why `chunk[start:end]` (sentence punctuation before a capital) needs a space."""
    right = _LETTERS.match(chunk, end)
    assert right is not None
    if _domain_like(right.group(0)):
        return None
    left = chunk[start - 1] if start > 0 else ""
    if left.isdigit():
        if chunk[start:end] == "." and zipf(right.group(0).lower()) >= KNOWN:
            return "missing space between sentences"
        return None
    if left in ')]”’"':
        return "missing space between sentences" if start > 1 else None
    word = _LETTERS_BACK.search(chunk, 0, start)
    if word is None or len(word.group(0)) < 2:
        return None
    if word.start() > 0 and chunk[word.start() - 1] in ".@#/_":
        return None
    if chunk[word.start() : end] in _exceptions():
        return None
    if word.group(0) + "." in abbreviations() and chunk[start:end] == ".":
        return "missing space after an abbreviation"
    return "missing space between sentences"


def _abbreviation_gap(chunk: str) -> int | None:
    """End of an abbreviation glued to a following word at the start of `chunk`."""
    lead = len(chunk) - len(chunk.lstrip(_OPENERS))
    m = _abbreviation_re().match(chunk, lead)
    if m is None or not m.group(0).endswith("."):
        return None
    word = _LETTERS.match(chunk, m.end())
    if word is None or len(word.group(0)) < 2:
        return None
    text = word.group(0)
    if _domain_like(text) or not (text.islower() or text[1:].islower()):
        return None
    rest = chunk[word.end() :]
    if rest.strip(_CLOSERS):
        return None
    if zipf(text.lower()) < KNOWN:
        return None
    return m.end()


# --------------------------------------------------------------------------
# Repairing one paragraph


class _Context:
    """What one paragraph knows: its vocabulary and (lazily) whether it is English."""

    def __init__(self, text: str, chunks: list[re.Match[str]], vocabulary: Counter[str] | None):
        self.text = text
        self.chunks = chunks
        self._vocabulary = vocabulary
        self._english: bool | None = None

    @property
    def vocabulary(self) -> Counter[str]:
        if self._vocabulary is None:
            self._vocabulary = article_vocabulary([self.text])
        return self._vocabulary

    @property
    def english(self) -> bool:
        if self._english is None:
            self._english = _is_english(self.chunks, self.vocabulary)
        return self._english


def _is_english(chunks: list[re.Match[str]], vocabulary: Counter[str]) -> bool:
    """Whether the text reads as English: very common English words are frequent."""
    words = [m.group(0).strip(_OPENERS + _CLOSERS).lower() for m in chunks]
    words = [w for w in words if w and w[0].isalpha()]
    if len(words) >= 20:
        share = sum(w in _MARKERS for w in words) / len(words)
        if share < ENGLISH_MIN / 2:
            return False
    total = markers = 0
    for token, count in vocabulary.items():
        if token[0].isalpha():
            total += count
            if token.lower().rstrip(".") in _MARKERS:
                markers += count
    if total < 20:
        return bool(words) and sum(w in _MARKERS for w in words) / len(words) >= ENGLISH_MIN
    return markers / total >= ENGLISH_MIN


def _straight_quotes(text: str) -> tuple[set[int], set[int]]:
    """Offsets of opening and closing straight double quotes, when they pair up."""
    positions = [i for i, c in enumerate(text) if c == '"' and not (i and text[i - 1].isdigit())]
    if len(positions) % 2 or text.count('"') != len(positions):
        return set(), set()
    return set(positions[0::2]), set(positions[1::2])


_CHUNK = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?…][)\]”’\"']*$")


def repair_words(text: str, vocabulary: Counter[str] | None = None) -> tuple[str, list[Fix]]:
    """Repair glued words, doubled letters and missing spaces in one paragraph.

    `vocabulary` is `article_vocabulary` of the whole article (this text
    included); without it the paragraph is its own evidence. Returns the
    repaired text and the fixes, in order; a clean text comes back as it is.
    """
    chunks = list(_CHUNK.finditer(text))
    if all(_plain(m.group(0)) for m in chunks):
        return text, []
    context = _Context(text, chunks, vocabulary)
    opening: set[int] = set()
    closing: set[int] = set()
    if '"' in text:
        opening, closing = _straight_quotes(text)
    fixes: list[Fix] = []
    for index, m in enumerate(chunks):
        chunk = m.group(0)
        if _plain(chunk):
            continue
        start = m.start()
        sentence_start = index == 0 or bool(_SENTENCE_END.search(chunks[index - 1].group(0)))
        chunk_closing = frozenset(i - start for i in closing if start <= i < m.end())
        chunk_opening = frozenset(i - start for i in opening if start <= i < m.end())
        edits = _chunk_edits(chunk, context, sentence_start, chunk_closing, chunk_opening)
        fixes.extend(_fixes(chunk, start, edits))
    if not fixes:
        return text, []
    return apply_fixes(text, fixes), fixes


_Edit = tuple[int, int, str, str, str]  # start, end, replacement, kind, reason


def _chunk_edits(
    chunk: str,
    context: _Context,
    sentence_start: bool,
    closing: frozenset[int],
    opening: frozenset[int],
) -> list[_Edit]:
    """Edits inside one whitespace-separated chunk, in chunk offsets."""
    if _url_re().search(chunk) or chunk in _exceptions():
        return []
    gaps = _spacing(chunk, closing, opening)
    edits: list[_Edit] = [(at, at, " ", "spacing", gaps[at]) for at in sorted(gaps)]
    cuts = [0, *sorted(gaps), len(chunk)]
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        piece = chunk[lo:hi]
        starts_sentence = sentence_start if lo == 0 else gaps.get(lo, "").endswith("sentences")
        edits.extend(
            (lo + a, lo + b, after, kind, reason)
            for a, b, after, kind, reason in _piece_edits(piece, context, starts_sentence)
        )
    edits.sort(key=lambda edit: (edit[0], edit[1]))
    return edits


_WORDISH = re.compile(r"([A-Za-z]+)(?:([’'])([A-Za-z]+))?")
_GLUED_ABBREVIATION = re.compile(r"([a-z]+)(?=[A-Z])")


def _piece_edits(piece: str, context: _Context, sentence_start: bool) -> list[_Edit]:
    """Glued-word and doubled-letter edits in a piece of a chunk (no spaces inside)."""
    lead = len(piece) - len(piece.lstrip(_OPENERS))
    if lead and piece[lead - 1] in '“‘"(':
        sentence_start = sentence_start or piece[lead - 1] in '“"'
    glued = _GLUED_ABBREVIATION.match(piece, lead)
    if glued is not None:
        edits = _glued_abbreviation(piece, glued, context)
        if edits is not None:
            return edits
    core_end = len(piece.rstrip(_CLOSERS))
    if core_end <= lead:
        return []
    core = piece[lead:core_end]
    match = _WORDISH.fullmatch(core)
    if match is None:
        return []
    return [
        (lead + a, lead + b, after, kind, reason)
        for a, b, after, kind, reason in _word_edits(core, match, context, sentence_start)
    ]


def _glued_abbreviation(piece: str, glued: re.Match[str], context: _Context) -> list[_Edit] | None:
    """'inU.S.' -> 'in U.S.': a function word glued to an abbreviation."""
    abbreviation = _abbreviation_re().match(piece, glued.end())
    if abbreviation is None or not abbreviation.group(0).endswith("."):
        return None
    if piece[abbreviation.end() :].strip(_CLOSERS):
        return None
    word = glued.group(1)
    if word not in function_words() or not context.english:
        return None
    whole = piece[glued.start() : abbreviation.end()]
    if _count(context.vocabulary, whole) >= 2:
        return None
    return [(glued.end(), glued.end(), " ", "glued_words", "a word glued to an abbreviation")]


def _word_edits(
    core: str, match: re.Match[str], context: _Context, sentence_start: bool
) -> list[_Edit]:
    base, apostrophe, tail = match.groups()
    exceptions = _exceptions()
    if core in exceptions or base in exceptions:
        return []
    vocabulary = context.vocabulary
    if _count(vocabulary, core) >= 2:
        return []  # the article uses this form elsewhere: it is a word
    if tail and tail.lower() not in _CONTRACTIONS:
        return _tail_edits(base, apostrophe, tail, context)
    if tail and zipf((base + "'" + tail).lower()) >= KNOWN:
        return []  # "don't", "Russia's"
    edit = _base_edit(base, context, sentence_start)
    return [edit] if edit else []


def _tail_edits(base: str, apostrophe: str, tail: str, context: _Context) -> list[_Edit]:
    """ "Russia’srole" -> "Russia’s role": a word glued after a contraction."""
    if not tail.islower():
        return []
    for size in (2, 1):
        head, rest = tail[:size], tail[size:]
        if head not in _CONTRACTIONS or len(rest) < 2:
            continue
        if _part(rest, False, True) is None and rest not in function_words():
            continue
        if zipf(rest) < KNOWN and rest != "a":
            continue
        if zipf((base + "'" + head).lower()) < KNOWN and _count(context.vocabulary, base) == 0:
            continue
        if zipf(tail) > 0 or not context.english:
            return []
        at = len(base) + len(apostrophe) + size
        return [(at, at, " ", "glued_words", "a word glued after an apostrophe")]
    return []


def _base_edit(base: str, context: _Context, sentence_start: bool) -> _Edit | None:
    """The one edit (glued or doubled) of a letters-only token, if any."""
    if base.islower():
        return _lower_edit(base, context)
    if base[0].isupper() and base[1:].islower():
        return _capitalised_edit(base, context, sentence_start)
    camel = re.fullmatch(r"([a-z]+)([A-Z][A-Za-z]*)", base)
    if camel:
        return _camel_edit(base, camel.group(1), camel.group(2), context)
    caps = re.fullmatch(r"([A-Z][a-z]+)([A-Z][a-z]+)", base)
    if caps:
        return _two_capitals_edit(base, caps.group(1), caps.group(2), context, sentence_start)
    return None


def _split_edit(base: str, parts: tuple[str, ...], reason: str) -> _Edit:
    pieces, at = [], 0
    for part in parts:
        pieces.append(base[at : at + len(part)])
        at += len(part)
    return (0, len(base), " ".join(pieces), "glued_words", reason)


def _lower_edit(base: str, context: _Context) -> _Edit | None:
    split = _split_lower(base)
    doubled = _undouble(base, context.vocabulary) if zipf(base) == 0 else None
    if split is None and doubled is None:
        return None
    if not context.english:
        return None
    if doubled and (split is None or doubled[1] - DOUBLED_PENALTY > split[1]):
        return (0, len(base), doubled[0], "doubled_letter", "a letter typed twice")
    assert split is not None
    return _split_edit(base, split[0], "words glued together")


def _capitalised_edit(base: str, context: _Context, sentence_start: bool) -> _Edit | None:
    lower = base.lower()
    vocabulary = context.vocabulary
    whole = zipf(lower)
    split = None
    candidate = _split_lower(lower)
    if candidate is not None:
        parts = candidate[0]
        head = base[: len(parts[0])]
        if parts[0] in function_words():
            if sentence_start and (whole == 0 or _function_split(lower)):
                split = candidate
        elif whole == 0 and _count(vocabulary, head) > 0 and len(parts[0]) >= 3:
            split = candidate
    if split is None and whole == 0:
        split = _name_split(base, vocabulary)
    doubled = _undouble(base, vocabulary) if whole == 0 else None
    if split is None and doubled is None:
        return None
    if not context.english:
        return None
    if doubled and (split is None or doubled[1] - DOUBLED_PENALTY > split[1]):
        return (0, len(base), doubled[0], "doubled_letter", "a letter typed twice")
    assert split is not None
    return _split_edit(base, split[0], "words glued together")


def _name_split(base: str, vocabulary: Counter[str]) -> tuple[tuple[str, ...], float] | None:
    """ "Peskovsaid" -> ("peskov", "said"): a name of the article before a common word."""
    lower = base.lower()
    best: tuple[tuple[str, ...], float] | None = None
    for i in range(3, len(base) - 1):
        if _count(vocabulary, base[:i]) == 0:
            continue
        score = _part(lower[i:], False, True)
        if score is not None and score >= CONTENT_PREFIX_MIN and (best is None or score > best[1]):
            best = ((lower[:i], lower[i:]), score)
    return best


def _camel_edit(base: str, head: str, rest: str, context: _Context) -> _Edit | None:
    """ "byInterfax" -> "by Interfax", "theUnited" -> "the United"."""
    vocabulary = context.vocabulary
    rest_known = zipf(rest.lower()) > 0 or _count(vocabulary, rest) > 0
    if not rest_known:
        return None
    if head in function_words():
        reason = "a function word glued to a capitalised word"
    elif (
        len(head) >= 3
        and zipf(head) >= CONTENT_PREFIX_MIN
        and head not in _bound()[0]
        and _count(vocabulary, rest) > 0
    ):
        reason = "a word glued to a name of the article"
    else:
        return None
    if not context.english:
        return None
    return (len(head), len(head), " ", "glued_words", reason)


def _two_capitals_edit(
    base: str, head: str, rest: str, context: _Context, sentence_start: bool
) -> _Edit | None:
    """ "VladimirPutin" -> "Vladimir Putin" when both are words of the article."""
    if zipf(base.lower()) > 0:
        return None
    vocabulary = context.vocabulary
    if head.lower() in function_words():
        if not (sentence_start and (zipf(rest.lower()) > 0 or _count(vocabulary, rest) > 0)):
            return None
    elif not (
        len(head) >= 3
        and len(rest) >= 3
        and _count(vocabulary, head) > 0
        and _count(vocabulary, rest) > 0
    ):
        return None
    if not context.english:
        return None
    return (len(head), len(head), " ", "glued_words", "two capitalised words glued together")


def _fixes(chunk: str, start: int, edits: list[_Edit]) -> list[Fix]:
    """Fixes for the edits of one chunk: one fix for the whole word when alone."""
    if not edits:
        return []
    if len(edits) == 1:
        lo, hi, after, kind, reason = edits[0]
        left = len(chunk) - len(chunk.lstrip(_OPENERS))
        right = len(chunk.rstrip(_CLOSERS.replace(".", "")))
        left, right = min(left, lo), max(right, hi)
        before = chunk[left:right]
        fixed = chunk[left:lo] + after + chunk[hi:right]
        return [Fix(kind, before, fixed, start + left, reason)]
    fixes: list[Fix] = []
    previous = 0
    for lo, hi, after, kind, reason in edits:
        if lo == hi and lo == previous and fixes:
            # a space right after the previous fix: it joins that fix
            last = fixes[-1]
            fixes[-1] = Fix(last.kind, last.before, last.after + after, last.start, last.reason)
        elif lo == hi:
            # an inserted space: the fix shows the text up to it
            before = chunk[previous:lo]
            fixes.append(Fix(kind, before, before + after, start + previous, reason))
        else:
            fixes.append(Fix(kind, chunk[lo:hi], after, start + lo, reason))
        previous = hi
    return fixes


def apply_fixes(text: str, fixes: Iterable[Fix]) -> str:
    """Replay fixes (sorted, not overlapping, offsets in `text`) on `text`."""
    out, at = [], 0
    for fix in fixes:
        if text[fix.start : fix.start + len(fix.before)] != fix.before or fix.start < at:
            raise ValueError(f"fix does not apply at {fix.start}: {fix.before!r}")
        out.append(text[at : fix.start])
        out.append(fix.after)
        at = fix.start + len(fix.before)
    out.append(text[at:])
    return "".join(out)
