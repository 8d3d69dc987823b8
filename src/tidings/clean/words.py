"""Word-level repairs: glued words, doubled letters, missing spaces.

`repair_words(text, vocabulary)` mends one paragraph (or a title) and returns
the new text with one `Fix` per change. Every repair needs evidence:

* word frequencies from wordfreq (the numbers of `wordfreq.zipf_frequency`,
  read from its frequency table and cached),
* the article's own vocabulary (`article_vocabulary`): a form the article uses
  elsewhere, as itself, is a word of the article and is not repaired (only a
  glue of function words like "inthe" still is); a name the article uses
  alone is evidence for splitting it off ("Navalnyand"); two words the
  article writes side by side elsewhere are evidence for splitting their glue
  ("HongKong", "airquality", `Vocabulary.pair`),
* capitalisation and position: a camel-case join after a lowercase word
  ("byInterfax", "saidAvinoam"), a capitalised join at the start of a
  sentence ("Thedialogue"), a paragraph in title case ("QualitySeems") or in
  capitals ("UPFOR"),
* word shapes names do not have: a capitalised word before a verb form
  ("Unionstressed", "Doctorsays") or after a month, a nationality or a
  participle ("Octoberonward", "Chinesecounterpart", "Limitedseating"),
* grammar that wordfreq cannot see: "a" before a vowel, "an" before a
  consonant, a prefix cut off its word ("anti government"), a suffix that is
  also a word ("ear tips" is fine, "screen less" is not),
* knowledge in data files under `tidings/data/`: `function_words.txt`,
  `abbreviations.txt`, `web_suffixes.txt`, `units.txt`, `bound_morphemes.txt`,
  `word_exceptions.txt`, `glued_phrases.txt` ("alot", "aswell"),
  `given_names.txt` and `titles.txt` ("MarcBenioff", "PresidentDonald"),
  `name_ends.txt` ("SupremeCourt") and `names_in_words.txt` ("NewYork").

Repairs:

* `glued_words`: an unknown lowercase token is split into two or three known
  words when the split is likely enough (a token wordfreq knows must be beaten
  by a margin; a common one only splits into function words, "ofthe", "isa"),
  or into more when function words peel off its ends ("ofdiplomacyledby");
  capitalised, camel-case, acronym, hyphenated and apostrophe joins each have
  their own stricter rule. Names, hyphenated words, numbers, URLs, e-mail
  addresses, hashtags and text that is not English are left alone.
* `doubled_letter`: an unknown token that becomes a known word (or a word of
  the article) when one letter of a doubled pair is removed ("Sundayy’s").
* `spacing`: a missing space after a closing quote (`dialogue,”Kremlin`),
  between sentences (`end.The`), after an abbreviation or an initial
  (`Mr.Putin`, `U.S.elections`, `M.Ford`), after a comma, colon or bracket,
  next to a dash the paragraph otherwise spaces, and between numbers and
  words (`3,000people`, `in2019`).

A clean paragraph comes back unchanged, with no fixes. Fixes never overlap and
are sorted; replacing `before` by `after` at each `start` (offsets in the
input), in order, turns the input into the output (`apply_fixes`). When it is
the only change in its whitespace-separated token, a fix covers that whole
token (without surrounding quotes and brackets), so that its `before` reads
as a word and can be found in the text again.

Known limits, measured by benchmarks/repair.py: two capitalised words glued
together are split only with evidence (a given name, a title, the end of an
institution's name, both words alone or side by side in the article, a
headline), because brands are written that way ("SunExpress", "ParkMobile");
a capitalised word glued to a lowercase noun ("Amazongift", "Citymansion")
stays, because names are made so ("Lightcloud", "Northwell"); a glue that
makes a real word ("a long" -> "along", "are a" -> "area") is left as it is;
an unseen compound ("eartips", "smallcaps") looks like two glued words and is
split unless the article uses it twice.
"""

from __future__ import annotations

import contextlib
import math
import re
import weakref
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from itertools import chain

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
PART_MIN = 3.0  # each part of a split (three or four letters) must be this frequent
LONG_PART_MIN = 2.5  # ... five or six letters
LONGER_PART_MIN = 2.0  # ... seven letters or more
RARE = 2.0  # below this a token seen by wordfreq is most likely a web typo ("thisweek")
RARE_MARGIN = 2.0  # a token between RARE and KNOWN splits if the split beats it by this
TYPO_MARGIN = 0.5  # a token below RARE splits if the split beats it by this
FUNCTION_MARGIN = 2.5  # a known token made of function words ("ofthe") splits by this margin
ARTICLE_MARGIN = 1.5  # ... a two-letter function word and "a" ("isa", "ina") by this one
SPLIT_FLOOR = -2.5  # an unseen token splits only if the split scores at least this
LONG_WORD = 6  # ... two words this long or longer ("roboticlanders")
LONG_FLOOR_BONUS = 1.0  # ... need this much less
UNSEEN = 1.5  # a token rarer than this in wordfreq counts as unseen
THREE_PART_PENALTY = 2.0  # a split in three parts pays this on top of its probability
THREE_PART_MIN = 3.5  # ... and its parts that are not function words must be this frequent
DOUBLED_MIN = 2.5  # the word left after removing a doubled letter must be this frequent
DOUBLED_LONG_MIN = 1.5  # ... or this frequent when six letters or longer
DOUBLED_GLUED_MARGIN = 1.5  # a doubled letter in a glued word: the split must score this more
DOUBLED_MARGIN = 2.5  # ... and this much more frequent than the token (when wordfreq knows it)
DOUBLED_PENALTY = 1.0  # a doubled letter is weighed against a split with this handicap
GRAMMAR_VETO = 100.0  # the penalty of a split that is not English ("a dun its")
COMMON = 4.0  # a common word: "5years" and "including12" split around it
CONTENT_PREFIX_MIN = 3.5  # "saidPutin": a lowercase prefix this common may be split off
NAME_MAX = 4.0  # "Mayersaid": a name this rare as a word may be split from a common word
SENTENCE_SPLIT_MIN = 0.5  # "Pricesdropped" at a sentence start splits if the split scores this
FLOOR_PER_PART = 2.5  # each part beyond two lowers SPLIT_FLOOR by this
ENGLISH_MIN = 0.1  # share of very common English words for a text to count as English
ENGLISH_LIST_MIN = 0.03  # ... or this share, when LIST_KNOWN_MIN of the tokens are known words
LIST_KNOWN_MIN = 0.85
CASE_SHARE = 0.8  # share of capitalised words that makes a headline ("title case")
UPPER_SPLIT_MIN = -1.5  # a token in a line of capitals splits if the split scores this

_MARKERS = frozenset(
    {"the", "and", "of", "to", "is", "was", "that", "with", "for", "are", "this"}
    | {"have", "from", "be", "it", "on", "by", "as", "at", "an", "or", "not"}
)
_CONTRACTIONS = frozenset({"s", "t", "re", "ve", "ll", "d", "m"})
_CONTRACTION_STARTS = tuple(_CONTRACTIONS)
# Function words that do not follow a name glued to them ("Augme" is not "Aug me")
_PRONOUNS = frozenset({"me", "him", "her", "us", "them", "my", "your", "our", "you"})
_ARTICLES = frozenset({"the", "a", "an"})
# Function words that do not follow "a" ("athis" is "at his", not "a this")
_NOT_AFTER_A = frozenset(
    {"the", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my"}
    | {"your", "he", "she", "it", "we", "they", "you", "is", "are", "was", "were", "be"}
    | {"has", "have", "had", "of", "in", "on", "at", "to", "by", "for", "from", "with"}
)


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
def _glued_phrases() -> dict[str, tuple[str, ...]]:
    """ "alot" -> ("a", "lot"): phrases web text writes as one word."""
    return {item.replace(" ", ""): tuple(item.split()) for item in lines("glued_phrases.txt")}


@cache
def _names_in_words() -> dict[str, str]:
    """ "NewYork" -> "New York": names of two or three words, and their first two words."""
    out = {}
    for item in lines("names_in_words.txt"):
        words = item.split()
        if all(word[0].isupper() for word in words):
            out["".join(words)] = item
        if len(words) > 2 and words[0][0].isupper() and words[1][0].isupper():
            out.setdefault(words[0] + words[1], f"{words[0]} {words[1]}")
    return out


@cache
def _given_names() -> frozenset[str]:
    return frozenset(lines("given_names.txt"))


@cache
def _titles() -> frozenset[str]:
    return frozenset(lines("titles.txt"))


@cache
def _name_ends() -> frozenset[str]:
    return frozenset(lines("name_ends.txt"))


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


class Vocabulary(Counter):
    """Counts of an article's tokens; `pair` tells how often it writes two words side by side."""

    def __init__(self, texts: Iterable[str] | Mapping[str, int] = ()) -> None:
        if isinstance(texts, Mapping):  # a copy (Counter.copy, pickling)
            super().__init__(texts)
            self.texts: tuple[str, ...] = getattr(texts, "texts", ())
        else:
            self.texts = tuple(texts)
            super().__init__(chain.from_iterable(map(_TOKEN.findall, self.texts)))
        self._lowered: str | None = None
        self._pairs: dict[tuple[str, str], int] = {}
        self._words: frozenset[str] | None = None

    @property
    def words(self) -> frozenset[str]:
        """Its tokens in lowercase, also without a final period or possessive."""
        words = self._words
        if words is None:
            lowered = set(map(str.lower, self))
            lowered.update([w[:-1] for w in lowered if w[-1] == "."])
            lowered.update([w[:-2] for w in lowered if w.endswith(("’s", "'s"))])
            words = self._words = frozenset(lowered)
        return words

    def __reduce__(self):  # type: ignore[override]
        return _restored, (dict(self), self.texts)

    def pair(self, first: str, second: str) -> int:
        """How often lowercase `first` and `second` stand side by side, one space apart.

        The first word has no punctuation after it (no sentence ends between
        them); the second may have some, and a possessive ("Court’s,").
        """
        key = (first, second)
        found = self._pairs.get(key)
        if found is None:
            if self._lowered is None:
                self._lowered = "\n".join(self.texts).lower()
            found = _occurrences(self._lowered, f"{first} {second}")
            self._pairs[key] = found
        return found


def _restored(counts: dict[str, int], texts: tuple[str, ...]) -> Vocabulary:
    vocabulary = Vocabulary(counts)
    vocabulary.texts = texts
    return vocabulary


def _word_ends(text: str, end: int) -> bool:
    """Whether a word ends at `end` ("court." and "court’s" do, "courts" does not)."""
    after = text[end : end + 2]
    if not after or not (after[0].isalnum() or after[0] in "'’-."):
        return True
    if after[0] == ".":
        return not after[1:2].isalnum()
    return after[0] in "'’" and after[1:2] == "s" and not text[end + 2 : end + 3].isalnum()


def _occurrences(text: str, words: str) -> int:
    """How often `words` stands in `text` as whole words (a possessive may follow)."""
    count, at = 0, text.find(words)
    while at >= 0:
        end = at + len(words)
        before = text[at - 1] if at else " "
        if not (before.isalnum() or before in ".'’-") and _word_ends(text, end):
            count += 1
        at = text.find(words, end)
    return count


def article_vocabulary(texts: Iterable[str]) -> Vocabulary:
    """Counts of the tokens of an article (title, standfirst, paragraphs).

    Tokens are runs of word characters joined by periods, apostrophes or
    hyphens, with a final period kept ("U.S.", "Sunday’s", "end."). Pass the
    whole article, including the text being repaired: a form counted twice
    occurs somewhere else too.

    Its `pair` method counts two words side by side ("Hong Kong," for "hong",
    "kong"): the evidence for splitting "HongKong" or "airquality" in the same
    article.
    """
    return Vocabulary(texts)


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


@lru_cache(maxsize=1 << 18)
def _part(part: str, first: bool, last: bool) -> float | None:
    """The zipf score of `part` as a word of a split, or None if it cannot be one.

    A bound suffix that is not a word ("ness") is never a last part; one that
    is also a word ("less", "like") is checked against the part before it in
    `_grammar`.
    """
    if last and part in _bound()[1] and zipf(part) < COMMON:
        return None
    if len(part) == 1:
        return zipf(part) if part == "a" else None
    if len(part) == 2:
        return zipf(part) if part in function_words() else None
    score = zipf(part)
    least = LONGER_PART_MIN if len(part) >= 7 else LONG_PART_MIN if len(part) >= 5 else PART_MIN
    if score >= least:
        return score
    if len(part) >= 5 and part[-1] == "s" and score >= UNSEEN and _part(part[:-1], first, last):
        return score  # "bleeps": the plural of a word that is one
    return None


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
            parts = (word[:i], word[i:])
            score = head + tail - 9 - _grammar(parts)
            if best is None or score > best[1]:
                best = (parts, score)
    for i, head in heads:
        for j in range(i + 1, n):
            middle = _part(word[i:j], False, False)
            if middle is None:
                continue
            tail = _part(word[j:], False, True)
            if tail is None:
                continue
            parts = (word[:i], word[i:j], word[j:])
            score = head + middle + tail - 18 - THREE_PART_PENALTY - _grammar(parts)
            if best is None or score > best[1]:
                best = (parts, score)
    return best


def _grammar(parts: tuple[str, ...]) -> float:
    """A penalty for splits that make poor English.

    "a" before a vowel ("a ability"), a bound prefix ("anti", "over") cut off
    before anything but function words ("overdrew" stays, "overthe" splits),
    and a suffix that is also a word ("less", "like") after a plain stem.
    """
    penalty = 0.0
    for left, right in zip(parts, parts[1:], strict=False):
        if left == "a" and right[0] in "aeio":
            penalty += 6.0  # "a ability"
        elif left == "a" and right in _NOT_AFTER_A:
            penalty += 3.0  # "a this"
        elif left == "an" and right[0] not in "aeiouh":
            penalty += 3.0  # "an date"
    if len(parts) == 3 and any(
        part not in function_words() and zipf(part) < THREE_PART_MIN for part in parts
    ):
        penalty += GRAMMAR_VETO  # "a dun its": three parts need common words
    if len(set(parts)) < len(parts):
        penalty += GRAMMAR_VETO  # "toto", "bonbon": reduplication is a word
    if len(parts) == 3 and parts[1] == "a" and parts[0] not in function_words():
        penalty += GRAMMAR_VETO  # "meg a banks": two glues around "a" after a content word
    head, last = parts[-2], parts[-1]
    if last in _bound()[1] and not (
        head in function_words() or head.endswith(("ed", "s", "ing", "ly"))
    ):
        penalty += GRAMMAR_VETO  # "screenless", "humanlike"; but "seemedlike", "getless"
    if parts[0] in _bound()[0] and not all(part in function_words() for part in parts[1:]):
        penalty += GRAMMAR_VETO
    return penalty


@lru_cache(maxsize=1 << 16)
def _function_split(word: str) -> tuple[str, ...] | None:
    """A split of a known token into function words only, by a wide margin ("ofthe")."""
    if not _function_words_only(word, 3):
        return None  # cheap: most known words cannot be cut into function words
    split = best_split(word)
    if split is None:
        return None
    parts, score = split
    words = function_words()
    margin = ARTICLE_MARGIN if len(word) == 3 and parts[-1] == "a" else FUNCTION_MARGIN
    if all(part in words for part in parts) and score >= zipf(word) + margin:
        return parts
    return None


def _function_words_only(word: str, parts: int) -> bool:
    """Whether `word` can be cut into two to `parts` function words."""
    words = function_words()
    for i in range(1, min(len(word), 9)):
        if word[:i] in words:
            rest = word[i:]
            if rest in words or (parts > 2 and _function_words_only(rest, parts - 1)):
                return True
    return False


def _split_lower(word: str) -> tuple[tuple[str, ...], float] | None:
    """The split of a lowercase token, when the evidence allows one."""
    if word in _exceptions():
        return None
    phrase = _glued_phrases().get(word)
    if phrase is not None:
        return phrase, zipf(word)
    whole = zipf(word)
    if whole >= KNOWN:
        parts = _function_split(word)
        return (parts, best_split(word)[1]) if parts else None  # type: ignore[index]
    split = best_split(word)
    if split is None:
        return _peeled(word) if whole == 0 and len(word) >= 8 and not _derived(word) else None
    if _derived(word):
        return None
    if whole == 0 and split[1] < _floor(split[0]):
        return _peeled(word)
    floor = _floor(split[0])
    if whole >= RARE:
        return split if split[1] >= whole + RARE_MARGIN else None
    if whole > 0:
        return split if split[1] >= max(whole + TYPO_MARGIN, floor) else None
    if split[1] < floor:
        return None
    return _expanded(split)


def _expanded(split: tuple[tuple[str, ...], float]) -> tuple[tuple[str, ...], float]:
    """A split whose parts are glues themselves, opened up ("waterproof upto",
    "isa practice")."""
    phrases = _glued_phrases()
    if not any(part in phrases or _function_split(part) for part in split[0]):
        return split
    parts: list[str] = []
    for part in split[0]:
        parts.extend(phrases.get(part) or _function_split(part) or (part,))
    return tuple(parts), split[1]


@lru_cache(maxsize=1 << 14)
def _peeled(word: str) -> tuple[tuple[str, ...], float] | None:
    """ "ofdiplomacyledby", "thebordercheckpoint": function words around a glue.

    A function word at either end is peeled off when what is left splits by
    the usual rules (or, peeled again, does): four words and more, or three
    with a rare one, which `best_split` does not try.
    """
    if len(word) < 8:
        return None
    words = function_words()
    prefixes = _bound()[0]
    for size in range(1, min(6, len(word) - 5)):
        head, rest = word[:size], word[size:]
        if head in words and head not in prefixes and _article_fits(head, rest):
            split = _split_lower(rest)
            if split is not None and _no_short_rare(split[0]):
                return (head, *split[0]), split[1] + zipf(head) - 9
    for size in range(2, min(6, len(word) - 5)):
        head, tail = word[:-size], word[-size:]
        if tail in words and tail not in _PRONOUNS:
            split = _split_lower(head)
            if split is not None and _no_short_rare(split[0]):
                return (*split[0], tail), split[1] + zipf(tail) - 9
    return None


def _no_short_rare(parts: tuple[str, ...]) -> bool:
    """No part of three letters or fewer that is neither a function word nor common:
    short words turn up inside any string by chance ("incubaction" is not "in cub action")."""
    words = function_words()
    return all(len(part) > 3 or part in words or zipf(part) >= COMMON for part in parts)


def _article_fits(article: str, rest: str) -> bool:
    """ "a" before a consonant, "an" before a vowel: what else is peeled fits anything."""
    if article == "a":
        return rest[0] not in "aeiou"
    if article == "an":
        return rest[0] in "aeiouh"
    return True


def _floor(parts: tuple[str, ...]) -> float:
    """The least score a split of an unseen token needs: lower for more parts,
    and for two long words ("roboticlanders"), which are rarer by nature."""
    floor = SPLIT_FLOOR - FLOOR_PER_PART * (len(parts) - 2)
    if len(parts) == 2 and min(map(len, parts)) >= LONG_WORD:
        floor -= LONG_FLOOR_BONUS
    return floor


@lru_cache(maxsize=1 << 14)
def _derived(word: str) -> bool:
    """A prefix and a known word ("antigovernment", "upsample"): a word, not a glue.

    Only a bound prefix before function words ("overthe") is still a glue.
    """
    words = function_words()
    for prefix in _bound()[0]:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            rest = word[len(prefix) :]
            if rest not in words and zipf(rest) >= KNOWN:
                return True
    return False


def _undouble(word: str, vocabulary: Counter[str]) -> tuple[str, float] | None:
    """`word` with one letter of a doubled pair removed, when that makes a word."""
    whole = zipf(word.lower())
    if len(word) < 4 or whole >= RARE:
        return None
    best: tuple[str, float] | None = None
    for i in range(len(word) - 1):
        if word[i].lower() != word[i + 1].lower():
            continue
        candidate = word[:i] + word[i + 1 :]
        score = zipf(candidate.lower())
        least = DOUBLED_MIN if len(candidate) < 6 else DOUBLED_LONG_MIN
        if score < least:
            if _count(vocabulary, candidate) == 0:
                continue
            score = max(score, least)
        if whole > 0 and score < whole + DOUBLED_MARGIN:
            continue
        if best is None or score > best[1]:
            best = (candidate, score)
    return best


# --------------------------------------------------------------------------
# Plain chunks: the fast path

_PLAIN = re.compile(r"[(\[“‘\"']*([A-Za-z]+)(?:[’']([a-z]{1,2}))?[)\]”’\"'.,;:!?]*")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_DOUBLE = re.compile(r"([A-Za-z])\1")


@lru_cache(maxsize=1 << 17)
def _plain(chunk: str) -> bool:
    """True when a whitespace-separated chunk can need no repair at all."""
    if not _ASCII_LETTER.search(chunk):
        # a closing quote or a dash may have lost its space ("17–")
        return not ("”" in chunk or "“" in chunk or (len(chunk) > 1 and chunk[-1] in "—–"))
    match = _PLAIN.fullmatch(chunk)
    if match is None:
        return False
    word, tail = match.groups()
    if tail and tail not in _CONTRACTIONS:
        return False
    if not (word.islower() or word.isupper() or word[1:].islower()):
        return False  # camel case
    lower = word.lower()
    if word.isupper() and len(word) > 1:
        # "PLLAN", "UPFOR" may be damage; "WLTP" is an acronym
        return (
            len(word) < 4 or zipf(lower) >= UNSEEN or (len(word) < 5 and not _DOUBLE.search(word))
        )
    if tail:
        return zipf(lower + "'" + tail) >= KNOWN
    return zipf(lower) >= KNOWN and _function_split(lower) is None and lower not in _glued_phrases()


# --------------------------------------------------------------------------
# Spacing
#
# Each rule looks at one whitespace-separated chunk and returns the offsets
# where a space is missing, with the reason. They only fire between things
# that are words or numbers on both sides, never inside URLs, e-mail addresses
# or hashtags (`_chunk_edits` skips those chunks).

_CLOSE_DOUBLE = re.compile(r"”(?=[A-Za-z0-9])")
_CLOSE_SINGLE = re.compile(r"(?<=[.,!?;:])’(?=[A-Za-z0-9])(?!(?:s|t|d|ll|re|ve|m)(?![A-Za-z]))")
_CLOSE_SINGLE_WORD = re.compile(r"(?<=[a-z])’(?=([a-z]{2,})(?![A-Za-z]))")
_OPEN_QUOTE = re.compile(r"(?<=[A-Za-z.,;:!?])[“‘](?=[A-Za-z0-9])")
_SENTENCE = re.compile(r"[.!?…]+(?=[A-Z][a-z]|[A-Z]{2,}(?![A-Za-z])|[IA](?![A-Za-z]))")
_INITIAL = re.compile(r"(?<![A-Za-z.])[A-Z]\.(?=[A-Z][a-z]{2,})")
_MONTH_DOT_NUMBER = re.compile(
    r"(?<![A-Za-z])(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.(?=\d)"
)
_COMMA = re.compile(r",(?=[A-Za-z])")
_COMMA_NUMBER = re.compile(r"(?<=[a-z]{2}),(?=\d)|(?<=\d\d),(?=[A-Z][a-z]{2})")
_NUMBER_COMMA_WORD = re.compile(r"(?<=\d),(?=([a-z]{2,})(?![A-Za-z\d]))")
_COLON = re.compile(r"(?<=[a-z]{2})[:;](?=([A-Za-z][a-z]+)(?![A-Za-z]))")
_CLOSE_PAREN = re.compile(r"[)\]](?=[A-Za-z]{2})")
_OPEN_PAREN = re.compile(r"(?<=[A-Za-z]{2})[(\[](?=[“‘]?([A-Za-z]{2,}))")
_AMPERSAND = re.compile(r"(?<=[a-z]{2})&$")
_DOLLAR = re.compile(r"(?<![A-Za-z])([a-z]+|[A-Z][a-z]+)(?=\$\d)")
_MONTH_NUMBER = re.compile(
    r"(?<![A-Za-z])(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)(?=\d)"
)
_NUMBER_NAME = re.compile(
    r"(?<![\dA-Z.,])\d{2,}(?:[.,]\d+)*(?=([A-Z][a-z]{2,}(?:[A-Z][a-z]+)?)(?![A-Za-z]))"
)
_NUMBER_CLOCK = re.compile(r"\d(?=[ap]\.m\.)")
_PERCENT_WORD = re.compile(r"\d%(?=([a-z]{2,})(?![A-Za-z]))")
_NUMBER_WORD = re.compile(r"(?<![A-Za-z\d.,])(\d[\d,.]*\d|\d)([a-z]+)(?![A-Za-z\d])")
_WORD_NUMBER = re.compile(r"(?<![A-Za-z\d])([a-z]{2,})(?=\d)")
_WORD_BACK = re.compile(r"[A-Za-z]+(?:[’'][A-Za-z]+)*$")
_DIGITS_THEN = re.compile(r"[\d,.]*\d([A-Z][a-z]+|[A-Za-z]*)")
_LETTERS_BACK = re.compile(r"[A-Za-z]+$")
_LETTERS = re.compile(r"[A-Za-z]+")
_CONTRACTION_END = re.compile(r"(?:[’'](?:s|t|d|ll|re|ve|m))?")
_OPENERS = "([{“‘\"'"
_CLOSERS = ")]}”’\"'.,;:!?…"

_Gaps = dict[int, str]


def _spacing(
    chunk: str,
    closing: frozenset[int],
    opening: frozenset[int],
    dashes: _Dashes,
    context: _Context,
) -> _Gaps:
    """Positions inside `chunk` where a space is missing, with the reason."""
    found: _Gaps = {}
    if "—" in chunk or "–" in chunk:
        found.update(_dash_gaps(chunk, dashes))
    _quote_gaps(chunk, closing, opening, context.single_quoted, found)
    if "." in chunk or "!" in chunk or "?" in chunk or "…" in chunk:
        _sentence_gaps(chunk, found)
    if "," in chunk or ":" in chunk or ";" in chunk:
        _comma_gaps(chunk, found)
    if "(" in chunk or ")" in chunk or "[" in chunk or "]" in chunk or "&" in chunk:
        _bracket_gaps(chunk, found)
    if _DIGIT.search(chunk) and chunk not in _exceptions():
        _number_gaps(chunk, found, context)
    return found


def _quote_gaps(
    chunk: str,
    closing: frozenset[int],
    opening: frozenset[int],
    single_quoted: bool,
    found: _Gaps,
) -> None:
    """`dialogue,”Kremlin`, `the“harsh`, `said,"we`, `‘tactics’used`."""
    if "”" in chunk:
        for m in _CLOSE_DOUBLE.finditer(chunk):
            if m.start() > 0:
                found[m.end()] = "missing space after a closing quote"
    if "’" in chunk:
        for m in _CLOSE_SINGLE.finditer(chunk):
            found[m.end()] = "missing space after a closing quote"
        if single_quoted:
            # a word in single quotes glued to the next: ‘tactics’used
            for m in _CLOSE_SINGLE_WORD.finditer(chunk):
                word = m.group(1)
                if not word.startswith(_CONTRACTION_STARTS) and zipf(word) >= KNOWN:
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


def _sentence_gaps(chunk: str, found: _Gaps) -> None:
    """`end.The`, `Mr.Putin`, `U.S.elections`, `M.Ford`, `Nov.18`."""
    for m in _SENTENCE.finditer(chunk):
        reason = _sentence_gap(chunk, m.start(), m.end())
        if reason:
            found[m.end()] = reason
    abbreviation = _abbreviation_gap(chunk)
    if abbreviation is not None:
        found[abbreviation] = "missing space after an abbreviation"
    for m in _INITIAL.finditer(chunk):
        if chunk not in _exceptions() and not chunk.startswith(tuple(_exceptions_dotted())):
            found[m.end()] = "missing space after an initial"
    for m in _MONTH_DOT_NUMBER.finditer(chunk):
        found[m.end()] = "missing space after an abbreviation"


def _comma_gaps(chunk: str, found: _Gaps) -> None:
    """`said,he`, `week),featuring`, `Webb,51`, `mainland:the`."""
    for m in _COMMA.finditer(chunk):
        before = chunk[: m.start()]
        stem = before.rstrip(')]”’"')
        closed = stem != before and stem[-1:].isalnum()  # "week),featuring"
        word = len(stem) >= 2 and stem[-1].isalpha() and stem[-2].isalnum()  # "said,he"
        if closed or word:
            found[m.end()] = "missing space after a comma"
    for m in _COMMA_NUMBER.finditer(chunk):
        found[m.end()] = "missing space after a comma"
    for m in _NUMBER_COMMA_WORD.finditer(chunk):
        if zipf(m.group(1)) >= KNOWN:
            found[m.end()] = "missing space after a comma"  # "29,however"
    for m in _COLON.finditer(chunk):
        word = m.group(1)
        if word[0].isupper() or zipf(word) >= KNOWN:
            found[m.end()] = "missing space after a colon"


def _bracket_gaps(chunk: str, found: _Gaps) -> None:
    """`(AP)The`, `Ministry(MOFA)`, `the[Syrian]`, `love&`."""
    for m in _CLOSE_PAREN.finditer(chunk):
        word = _LETTERS.match(chunk, m.end())
        if (
            word
            and m.start() > 0
            and (word.group(0)[0].isupper() or word.group(0) in function_words())
        ):
            found[m.end()] = "missing space after a bracket"
    for m in _OPEN_PAREN.finditer(chunk):
        inside = m.group(1)
        if m.group(0) == "[" and not inside[0].isupper():
            continue  # "min[ute]": an editor's completion
        before = _LETTERS_BACK.search(chunk, 0, m.start())
        if before and _is_word(before.group(0)) and _is_word(inside) and inside not in {"TM", "SM"}:
            found[m.start()] = "missing space before a bracket"
    m = _AMPERSAND.search(chunk)
    if m:
        found[m.start()] = "missing space before an ampersand"


def _number_gaps(chunk: str, found: _Gaps, context: _Context) -> None:
    """`3,000people`, `in2019`, `earned$2.8`, `October2018`, `4:14p.m.`, `5%higher`."""
    if "$" in chunk:
        for m in _DOLLAR.finditer(chunk):
            if zipf(m.group(1).lower()) >= KNOWN:
                found[m.end()] = "missing space before an amount"
    for m in _MONTH_NUMBER.finditer(chunk):
        found[m.end()] = "missing space before a number"
    for m in _NUMBER_NAME.finditer(chunk):
        name = m.group(1)
        if (
            zipf(name.lower()) >= KNOWN
            or name in _exceptions()
            or _count(context.vocabulary, name) > 0
        ):  # "3,000People", "2016MacBook", "2020Sentra" (a name of the article)
            found[m.end()] = "missing space between a number and a word"
    if "m." in chunk:
        for m in _NUMBER_CLOCK.finditer(chunk):
            found[m.end()] = "missing space before a.m. or p.m."
    if "%" in chunk:
        for m in _PERCENT_WORD.finditer(chunk):
            if zipf(m.group(1)) >= KNOWN:
                found[m.end()] = "missing space after a percentage"
    for m in _NUMBER_WORD.finditer(chunk):
        number, word = m.groups()
        if (
            len(word) >= 2
            and word not in _units()
            and (word in function_words() or len(word) >= 3)
            and zipf(word) >= (KNOWN if len(number) >= 2 else COMMON)
        ):
            found[m.start(2)] = "missing space between a number and a word"
    for m in _WORD_NUMBER.finditer(chunk):
        after = _DIGITS_THEN.match(chunk, m.end())
        assert after is not None
        letters = after.group(1)
        word = m.group(1)
        if (word in function_words() or (len(word) >= 3 and zipf(word) >= COMMON)) and (
            not letters
            or letters.lower() in _units()
            or (letters[0].isupper() and zipf(letters.lower()) >= KNOWN)
        ):
            found[m.end()] = "missing space between a word and a number"


def _domain_like(word: str) -> bool:
    """ "com" in "Amazon.Com": a web suffix that is not also a common English word."""
    lower = word.lower()
    return lower in _web_suffixes() and (
        word.islower() or (lower not in function_words() and zipf(lower) < 5.0)
    )


@cache
def _exceptions_dotted() -> frozenset[str]:
    """Exceptions with a period inside ("J.Crew"): never split after their period."""
    return frozenset(word for word in _exceptions() if "." in word)


@dataclass(frozen=True)
class _Dashes:
    """Where a chunk stands, and whether its paragraph spaces its em dashes."""

    first: bool
    last: bool
    spaced: bool  # an em dash with spaces on both sides
    unspaced: bool  # an em dash between two letters
    spaced_en: bool = False  # an en dash with spaces on both sides


_DASH_AFTER_WORD = re.compile(r"(?<=[A-Za-z0-9.,;:!?”’)])[—–]$")
_DASH_BEFORE_WORD = re.compile(r"^[—–](?=[A-Za-z0-9“‘(])")
_DASH_BETWEEN = re.compile(r"(?<=[A-Za-z])—(?=[A-Za-z])")


def _dash_gaps(chunk: str, dashes: _Dashes) -> dict[int, str]:
    """Spaces missing next to a dash ("Beshear— who", "table —that", "table—that").

    Only in a paragraph that spaces its em dashes (" — "): there a dash spaced
    on one side only, or an em dash between two words, has lost a space. The
    same for en dashes in a paragraph that spaces them (" – ", "June 24
    –Bristow"); an en dash between two words or numbers is a range and stays.
    Authors who never space their dashes, or space them carelessly, are left
    alone.
    """
    found = {}
    em = dashes.spaced and not dashes.unspaced
    if em or dashes.spaced_en:
        m = _DASH_AFTER_WORD.search(chunk)
        spaced = em if m and m.group(0) == "—" else dashes.spaced_en
        if m and spaced and not dashes.last and m.start() > 0:
            found[m.start()] = "missing space before a dash"
        m = _DASH_BEFORE_WORD.search(chunk)
        spaced = em if m and m.group(0) == "—" else dashes.spaced_en
        if m and spaced and not dashes.first and len(chunk) > 1:
            found[m.end()] = "missing space after a dash"
    if dashes.spaced:
        for m in _DASH_BETWEEN.finditer(chunk):
            found[m.start()] = "missing spaces around a dash"
            found[m.end()] = "missing spaces around a dash"
    return found


def _is_word(word: str) -> bool:
    return word[0].isupper() or zipf(word.lower()) >= KNOWN


def _sentence_gap(chunk: str, start: int, end: int) -> str | None:
    """Why `chunk[start:end]` (sentence punctuation before a capital) needs a space."""
    right = _LETTERS.match(chunk, end)
    assert right is not None
    if _domain_like(right.group(0)):
        return None
    if len(right.group(0)) == 1:
        # "list.I", "Pro.I’ve", "offer.A": the pronoun, or "A" ending the chunk
        left_word = _WORD_BACK.search(chunk, 0, start)
        if not left_word or len(left_word.group(0)) < 2 or left_word.group(0).isupper():
            return None
        if right.group(0) == "A" and (
            chunk[start:end] != "." or not left_word.group(0).islower() or chunk[right.end() :]
        ):
            return None
        return "missing space between sentences"
    if right.group(0).isupper():
        # "information.VW": only after a lowercase word, before a known acronym
        left_word = _LETTERS_BACK.search(chunk, 0, start)
        if not (left_word and len(left_word.group(0)) >= 2 and left_word.group(0).islower()):
            return None
        if chunk[start:end] != "." or zipf(right.group(0).lower()) < KNOWN:
            return None
    left = chunk[start - 1] if start > 0 else ""
    if left.isdigit():
        if chunk[start:end] == "." and zipf(right.group(0).lower()) >= KNOWN:
            return "missing space between sentences"
        return None
    if left in ')]”’"':
        return "missing space between sentences" if start > 1 else None
    word = _WORD_BACK.search(chunk, 0, start)
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
    rest = chunk[_CONTRACTION_END.match(chunk, word.end()).end() :]  # type: ignore[union-attr]
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
        self.single_quoted = "‘" in text  # an opening single quote: ’ may close it

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

    @cached_property
    def case(self) -> str:
        """ "title" when nearly every word is capitalised (a headline), "upper" when
        nearly every word is in capitals, "" otherwise."""
        words = [w for w in (_LETTERS.search(m.group(0)) for m in self.chunks) if w]
        if len(words) < 3:
            return ""
        upper = sum(w.group(0).isupper() and len(w.group(0)) > 1 for w in words)
        if upper >= CASE_SHARE * len(words):
            return "upper"
        content = [w.group(0) for w in words if w.group(0).lower() not in function_words()]
        capitalised = sum(w[0].isupper() for w in content)
        return "title" if len(content) >= 3 and capitalised >= CASE_SHARE * len(content) else ""


def _is_english(chunks: list[re.Match[str]], vocabulary: Counter[str]) -> bool:
    """Whether the article reads as English.

    Very common English words ("the", "of", "and", ...) make at least
    ENGLISH_MIN of its tokens, or a few percent when nearly all its tokens are
    English words (a recipe, a list of exercises). A long paragraph with none
    of them is not English, whatever the rest of the article is.
    """
    strip = _OPENERS + _CLOSERS
    words = [w for w in (m.group(0).strip(strip).lower() for m in chunks) if w[:1].isalpha()]
    if len(words) >= 30 and _MARKERS.isdisjoint(words):
        return False
    article = _article_english(vocabulary)
    if article is not None:
        return article
    return bool(words) and sum(w in _MARKERS for w in words) / len(words) >= ENGLISH_MIN


# id(vocabulary) -> (a weak reference to it, its size, the answer): the same
# article vocabulary comes back for every paragraph of the article
_ENGLISH_CACHE: dict[int, tuple[weakref.ref, int, bool | None]] = {}


def _article_english(vocabulary: Counter[str]) -> bool | None:
    """Whether an article vocabulary reads as English (None: too few words to tell)."""
    key = id(vocabulary)
    cached = _ENGLISH_CACHE.get(key)
    if cached is not None and cached[0]() is vocabulary and cached[1] == len(vocabulary):
        return cached[2]
    answer = _vocabulary_english(vocabulary)
    if len(_ENGLISH_CACHE) > 256:
        _ENGLISH_CACHE.clear()
    with contextlib.suppress(TypeError):  # a mapping without weak references: no cache
        _ENGLISH_CACHE[key] = (weakref.ref(vocabulary), len(vocabulary), answer)
    return answer


def _vocabulary_english(vocabulary: Counter[str]) -> bool | None:
    total = markers = 0
    words: list[tuple[str, int]] = []
    for token, count in vocabulary.items():
        if token[0].isalpha():
            total += count
            word = token.lower().rstrip(".")
            words.append((word, count))
            if word in _MARKERS:
                markers += count
    if total < 20:
        return None
    share = markers / total
    if share >= ENGLISH_MIN:
        return True
    if share < ENGLISH_LIST_MIN:
        return False
    known = sum(count for word, count in words if zipf(word) >= KNOWN)
    return known / total >= LIST_KNOWN_MIN


def _straight_quotes(text: str) -> tuple[set[int], set[int]]:
    """Offsets of opening and closing straight double quotes, when they pair up."""
    positions = [i for i, c in enumerate(text) if c == '"' and not (i and text[i - 1].isdigit())]
    if len(positions) % 2 or text.count('"') != len(positions):
        return set(), set()
    return set(positions[0::2]), set(positions[1::2])


_CHUNK = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[.!?…][)\]”’\"']*$")


def repair_words(text: str, vocabulary: Counter[str] | None = None) -> tuple[str, list[Fix]]:
    """Repair glued words, doubled letters and missing spaces in one paragraph.

    `vocabulary` is `article_vocabulary` of the whole article (this text
    included); without it the paragraph is its own evidence. Returns the
    repaired text and the fixes, in order; a clean text comes back as it is.
    """
    if all(map(_plain, text.split())):
        return text, []
    chunks = list(_CHUNK.finditer(text))
    context = _Context(text, chunks, vocabulary)
    opening: set[int] = set()
    closing: set[int] = set()
    if '"' in text:
        opening, closing = _straight_quotes(text)
    spaced = " — " in text
    spaced_en = " – " in text
    unspaced = "—" in text and _DASH_BETWEEN.search(text) is not None
    fixes: list[Fix] = []
    for index, m in enumerate(chunks):
        chunk = m.group(0)
        if _plain(chunk):
            continue
        start = m.start()
        sentence_start = index == 0 or bool(_SENTENCE_END.search(chunks[index - 1].group(0)))
        chunk_closing = frozenset(i - start for i in closing if start <= i < m.end())
        chunk_opening = frozenset(i - start for i in opening if start <= i < m.end())
        dashes = _Dashes(index == 0, index == len(chunks) - 1, spaced, unspaced, spaced_en)
        edits = _chunk_edits(chunk, context, sentence_start, chunk_closing, chunk_opening, dashes)
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
    dashes: _Dashes,
) -> list[_Edit]:
    """Edits inside one whitespace-separated chunk, in chunk offsets."""
    if _url_re().search(chunk) or chunk in _exceptions():
        return []
    gaps = _spacing(chunk, closing, opening, dashes, context)
    if gaps and not context.english:
        gaps = {}
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


_HYPHENATED = re.compile(r"([A-Za-z0-9]+)(?:-[A-Za-z0-9]+)*-([A-Za-z]+)(?:[’'][a-z]{1,2})?")


def _piece_edits(piece: str, context: _Context, sentence_start: bool) -> list[_Edit]:
    """Glued-word and doubled-letter edits in a piece of a chunk (no spaces inside)."""
    lead = len(piece) - len(piece.lstrip(_OPENERS))
    if lead and piece[lead - 1] in '“"':
        sentence_start = True  # an opening quote mostly opens a sentence
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
    if match is not None:
        edits = _word_edits(core, match, context, sentence_start)
    else:
        hyphenated = _HYPHENATED.fullmatch(core)
        if hyphenated is None:
            return []
        edits = _hyphenated_edits(core, hyphenated, context)
    return [(lead + a, lead + b, after, kind, reason) for a, b, after, kind, reason in edits]


def _glued_abbreviation(piece: str, glued: re.Match[str], context: _Context) -> list[_Edit] | None:
    """'inU.S.' -> 'in U.S.': a function word glued to an abbreviation."""
    abbreviation = _abbreviation_re().match(piece, glued.end())
    if abbreviation is None or not abbreviation.group(0).endswith("."):
        return None
    if piece[abbreviation.end() :].strip(_CLOSERS):
        return None
    word = glued.group(1)
    dotted = abbreviation.group(0).count(".") >= 2
    if word not in function_words() and not (dotted and len(word) >= 3 and zipf(word) >= KNOWN):
        return None
    if not context.english:
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
    # a form the article uses elsewhere is a word of the article, unless it is a
    # plain glue of function words ("inthe", "ableto")
    repeated = _count(context.vocabulary, core) >= 2
    if tail and tail.lower() not in _CONTRACTIONS:
        return [] if repeated else _tail_edits(base, apostrophe, tail, context)
    if tail and zipf((base + "'" + tail).lower()) >= KNOWN:
        return []  # "don't", "Russia's"
    if (
        tail
        and base[0] == "I"
        and base[1:].islower()
        and not repeated
        and zipf((base[1:] + "'" + tail).lower()) >= KNOWN
        and context.english
    ):
        return [(1, 1, " ", "glued_words", "the pronoun I glued to a word")]  # "Icouldn't"
    edit = _base_edit(base, context, sentence_start, repeated)
    return [edit] if edit else []


def _hyphenated_edits(core: str, match: re.Match[str], context: _Context) -> list[_Edit]:
    """Glues at the ends of a hyphenated word: "five-yearextension", "theplug-in".

    The hyphenated word itself is never cut: only its first or last part, when
    that part is unknown and splits (or loses a doubled letter) by the usual rules.
    """
    if core in _exceptions() or _count(context.vocabulary, core) >= 2:
        return []
    edits = []
    last = match.group(2)
    camel = _CAMEL.fullmatch(last)
    if camel and zipf(camel.group(1)) >= KNOWN and context.english:
        rest = camel.group(2)
        if rest in _exceptions() or _count(context.vocabulary, rest) > 0:
            # "15-inchMacBook": a word of the article glued after a hyphenated word
            at = match.start(2) + len(camel.group(1))
            return [(at, at, " ", "glued_words", "a word glued after a hyphenated word")]
    for group in (1, 2):
        part = match.group(group)
        if not part.islower() or zipf(part) >= RARE:
            continue
        edit = _lower_edit(part, context, repeated=False)
        if edit is not None:
            lo, hi, after, kind, reason = edit
            edits.append((match.start(group) + lo, match.start(group) + hi, after, kind, reason))
    return edits


def _tail_edits(base: str, apostrophe: str, tail: str, context: _Context) -> list[_Edit]:
    """ "Russia’srole", "NASA’sOffice": a word glued after an apostrophe ending."""
    if zipf((base + "'" + tail).lower()) > 0:
        return []
    for size in (2, 1):
        head, rest = tail[:size], tail[size:]
        if head not in _CONTRACTIONS or (len(rest) < 2 and rest != "a"):
            continue
        if rest.islower():
            word = _part(rest, False, True) is not None or rest in function_words()
        else:  # a capitalised word: known, or a word of the article
            word = (rest[0].isupper() and rest[1:].islower()) and (
                zipf(rest.lower()) > 0 or _count(context.vocabulary, rest) > 0
            )
        if not word:
            continue
        if zipf((base + "'" + head).lower()) < KNOWN and _count(context.vocabulary, base) == 0:
            continue
        if not context.english:
            return []
        at = len(base) + len(apostrophe) + size
        return [(at, at, " ", "glued_words", "a word glued after an apostrophe")]
    return []


def _base_edit(base: str, context: _Context, sentence_start: bool, repeated: bool) -> _Edit | None:
    """The one edit (glued or doubled) of a letters-only token, if any."""
    vocabulary = context.vocabulary
    name = _names_in_words().get(base)
    if name is not None and context.english:
        return (0, len(base), name, "glued_words", "a name of several words glued together")
    if not base.islower() and not base[1:].islower() and context.english:
        # "SoftBBank", "MacBoook": a listed name with a letter typed twice
        for i in range(1, len(base) - 1):
            single = base[:i] + base[i + 1 :]
            if base[i] == base[i + 1] and single in _exceptions():
                return (0, len(base), single, "doubled_letter", "a letter typed twice")
    parts = _pair_split(base, vocabulary)
    # a glue the article repeats still splits when it writes the pair as often
    if parts is not None and (
        not repeated or _count(vocabulary, base) <= vocabulary.pair(*parts)  # type: ignore[attr-defined]
    ):
        return _choose(base, (parts, 0.0), None, context)
    if base.islower():
        return _lower_edit(base, context, repeated)
    if repeated:
        return None
    if base[0].isupper() and base[1:].islower():
        return _capitalised_edit(base, context, sentence_start)
    if len(base) > 2 and base[0] == base[1] and base[2:].islower():
        # "TThat": a doubled capital
        if zipf(base[1:].lower()) >= KNOWN or _count(context.vocabulary, base[1:]) > 0:
            return _choose(base, None, (base[1:], zipf(base[1:].lower())), context)
        return None
    camel = _CAMEL.fullmatch(base)
    if camel:
        return _camel_edit(base, camel.group(1), camel.group(2), context)
    acronym = _ACRONYM_WORD.fullmatch(base)
    if acronym:
        return _acronym_edit(base, acronym.group(1), acronym.group(2), context)
    initial = _NAME_INITIAL.fullmatch(base)
    if initial and initial.group(1) in _given_names() and context.english:
        # "ChristopherD.", "JayZ": a given name glued to an initial
        return (len(base) - 1, len(base) - 1, " ", "glued_words", "a name glued to an initial")
    caps = _TWO_CAPITALS.fullmatch(base)
    if caps:
        return _two_capitals_edit(base, caps.group(1), caps.group(2), context, sentence_start)
    if base.isupper() and len(base) >= 4:
        return _upper_edit(base, context)
    return None


def _headline_word(word: str) -> bool:
    """A function word or a verb form: what follows a word in a headline, not in a brand.

    Brands end in nouns ("ParkMobile", "SunExpress"); a glue in a headline
    often ends in a verb ("ManShot", "QualitySeems", "OrderExtended") or a
    function word ("PlayingOn").
    """
    if word in function_words():
        return True
    if zipf(word) < KNOWN:
        return False
    if len(word) >= 5 and word.endswith(("ed", "ing")):
        return True
    return word.endswith("s") and zipf(word[:-1]) >= KNOWN


def _upper_edit(base: str, context: _Context) -> _Edit | None:
    """ "PLLAN", "ESSPN": a doubled letter; "UPFOR" in a line of capitals: a glue.

    An acronym is left alone unless removing a letter makes a known word or a
    word of the article, or the whole line is in capitals and it splits as a
    lowercase word would.
    """
    lower = base.lower()
    if zipf(lower) >= UNSEEN:
        return None
    split = _split_lower(lower) if context.case == "upper" else None
    if split is not None and split[1] < UPPER_SPLIT_MIN:
        split = None  # "VIZZION" is a name, not "VIZ ZION"
    doubled = None
    for i in range(len(base) - 1):
        if base[i] != base[i + 1]:
            continue
        candidate = base[:i] + base[i + 1 :]
        score = zipf(candidate.lower())
        if score >= KNOWN or _count(context.vocabulary, candidate) > 0:
            doubled = (candidate, max(score, KNOWN))
            break
    return _choose(base, split, doubled, context)


def _pair_split(base: str, vocabulary: Counter[str]) -> tuple[str, ...] | None:
    """ "HongKong", "airquality": two words the article writes side by side elsewhere.

    The token must be unknown as a word (or rare, in camel case: "hongkong" is
    a web spelling), and the pair must hold a word that is not a function
    word, each part two letters or more ("in a" is everywhere; "Ina" is a name).
    """
    if len(base) < 5 or not isinstance(vocabulary, Vocabulary):
        return None
    lower = base.lower()
    camel = not base.isupper() and not base[1:].islower()
    if zipf(lower) >= (KNOWN if camel else UNSEEN):
        return None
    words = function_words()
    tokens = vocabulary.words
    best: tuple[str, ...] | None = None
    most = 0
    for i in range(2, len(lower) - 1):
        rest = lower[i:]
        if rest not in tokens:
            continue  # cheap: both words must be tokens of the article
        head = lower[:i]
        if head not in tokens or (head in words and rest in words):
            continue
        count = vocabulary.pair(head, rest)
        if count > most:
            best, most = (head, rest), count
    return best


_CAMEL = re.compile(r"([a-z]+)([A-Z][A-Za-z]*)")
_ACRONYM_WORD = re.compile(r"([A-Z]{2,})([a-z]{2,})")
_TWO_CAPITALS = re.compile(r"([A-Z][a-z]+)([A-Z][a-z]+)")
_NAME_INITIAL = re.compile(r"([A-Z][a-z]{2,})[A-Z]")


def _split_edit(base: str, parts: tuple[str, ...], reason: str) -> _Edit:
    pieces, at = [], 0
    for part in parts:
        pieces.append(base[at : at + len(part)])
        at += len(part)
    return (0, len(base), " ".join(pieces), "glued_words", reason)


def _choose(
    base: str,
    split: tuple[tuple[str, ...], float] | None,
    doubled: tuple[str, float] | None,
    context: _Context,
) -> _Edit | None:
    """The better of a split and a doubled-letter repair, if any (English only)."""
    if split is None and doubled is None:
        return None
    if not context.english:
        return None
    if doubled and (split is None or doubled[1] - DOUBLED_PENALTY > split[1]):
        return (0, len(base), doubled[0], "doubled_letter", "a letter typed twice")
    assert split is not None
    return _split_edit(base, split[0], "words glued together")


def _lower_edit(base: str, context: _Context, repeated: bool) -> _Edit | None:
    split = _split_lower(base)
    if repeated:
        words = function_words()
        if split and sum(part not in words for part in split[0]) > 1:
            split = None
        return _choose(base, split, None, context)
    doubled = _undouble(base, context.vocabulary)
    if split is None and doubled is None and zipf(base) == 0:
        return _doubled_and_glued(base, context)
    return _choose(base, split, doubled, context)


def _doubled_and_glued(base: str, context: _Context) -> _Edit | None:
    """ "attractbiids" -> "attract bids": a doubled letter inside a glued word.

    Two repairs at once need more evidence than one: the split must score
    DOUBLED_GLUED_MARGIN above the usual floor.
    """
    split = best_split(base)
    if split is not None and split[1] + GRAMMAR_VETO >= _floor(split[0]):
        # it splits as it is ("slightlyless" is not "slightly les"), or only
        # grammar stops it ("getless")
        return None
    best: tuple[str, tuple[str, ...], float] | None = None
    for i in range(len(base) - 1):
        if base[i] != base[i + 1]:
            continue
        candidate = base[:i] + base[i + 1 :]
        if zipf(candidate) >= UNSEEN or _derived(candidate):
            continue  # a word ("overtime"): the doubled-letter repair's to make
        split = best_split(candidate)
        if split is None:
            continue
        floor = _floor(split[0]) + DOUBLED_GLUED_MARGIN
        if split[1] >= floor and (best is None or split[1] > best[2]):
            best = (candidate, split[0], split[1])
    if best is None or not context.english:
        return None
    candidate, parts, _ = best
    return (
        0,
        len(base),
        " ".join(parts),
        "glued_words",
        "words glued together, a letter typed twice",
    )


def _capitalised_edit(base: str, context: _Context, sentence_start: bool) -> _Edit | None:
    """ "Thedialogue", "Pricesare", "Navalnyand", "Idon’t", "Washingtton"."""
    lower = base.lower()
    vocabulary = context.vocabulary
    words = function_words()
    whole = zipf(lower)
    unseen = whole < UNSEEN
    split = None
    candidate = _split_lower(lower)
    if candidate is not None:
        parts, score = candidate
        rest_function = all(part in words and part not in _PRONOUNS for part in parts[1:])
        if lower in _glued_phrases():
            allowed = True  # "Afew", "Ofcourse"
        elif parts[0] in words:
            # "Thedialogue", "Inthe", "Ifyou": a function word opening a sentence;
            # "Theprevious" anywhere
            allowed = (
                sentence_start and (whole < RARE or all(part in words for part in parts))
            ) or (unseen and parts[0] in _ARTICLES and zipf(parts[1]) >= COMMON)
        elif sentence_start:
            # "Pricesare", "Usingweed": a word opening a sentence
            allowed = unseen and (
                rest_function
                or score >= SENTENCE_SPLIT_MIN
                or (len(parts) == 2 and _name_then_word(parts))
            )
        else:
            # "Moscowand", "Leaderof": a known word or a word of the article
            # before function words
            allowed = (
                unseen
                and len(parts[0]) >= 3
                and rest_function
                and (zipf(parts[0]) >= COMMON or _count(vocabulary, base[: len(parts[0])]) > 0)
            ) or (unseen and len(parts) == 2 and _name_then_word(parts))
        if allowed:
            split = candidate
    if split is None and unseen:
        split = _name_split(base, vocabulary)
    if (
        split is None
        and whole < KNOWN
        and base[0] == "I"
        and zipf(lower[1:]) >= max(KNOWN, whole + DOUBLED_MARGIN)
    ):
        split = (("i", lower[1:]), zipf(lower[1:]) - 2)  # "Idon’t", "Ihave"
    return _choose(base, split, _undouble(base, vocabulary), context)


_MONTHS_AND_DAYS = frozenset(
    {"january", "february", "march", "april", "june", "july", "august", "september"}
    | {"october", "november", "december", "monday", "tuesday", "wednesday", "thursday"}
    | {"friday", "saturday", "sunday"}
)
_DEMONYM_ENDS = ("ese", "ian", "ish", "can")
_SPEECH = frozenset({"said", "says", "told", "tells", "added", "asked", "wrote", "writes"})
_QUARTERS = frozenset({"eastern", "western", "northern", "southern"})


def _name_then_word(parts: tuple[str, ...]) -> bool:
    """A capitalised word glued to a lowercase one, where names are not made so.

    Names and brands join two nouns ("Lightcloud", "Northwell", "Riveredge");
    they rarely end in a verb form ("Unionstressed", "Londonbelonging",
    "Doctorsays") or start with a month, a day ("Octoberonward"), a
    nationality ("Chinesecounterpart", "Westernintelligence") or a participle
    ("Limitedseating").
    """
    head, rest = parts
    if len(head) < 3 or len(rest) < 3 or zipf(rest) < KNOWN or rest in _bound()[1]:
        return False
    if head in _MONTHS_AND_DAYS:
        return True
    if zipf(head) < KNOWN:
        return False
    if len(rest) >= 5 and rest.endswith(("ed", "ing")) and zipf(rest) >= KNOWN:
        return True
    if rest in _SPEECH:
        return True  # "Preventionsaid", "Doctorsays"
    if len(head) >= 6 and head.endswith(("ed", "ing")) and zipf(rest) >= CONTENT_PREFIX_MIN:
        return True  # "Limitedseating", "Danglingropes": a participle before a noun
    return (head.endswith(_DEMONYM_ENDS) or head in _QUARTERS) and zipf(rest) >= CONTENT_PREFIX_MIN


def _name_split(base: str, vocabulary: Counter[str]) -> tuple[tuple[str, ...], float] | None:
    """ "Navalnyand", "Mayersaid": a name of the article before a word.

    The name must stand alone elsewhere in the article. The word after it must
    be a function word, or a common word when the name is rare as a word
    ("Mayersaid", but not "Lightcloud").
    """
    lower = base.lower()
    words = function_words()
    best: tuple[tuple[str, ...], float] | None = None
    for i in range(3, len(base) - 1):
        if _count(vocabulary, base[:i]) == 0:
            continue
        rest = lower[i:]
        score = zipf(rest)
        if rest in _PRONOUNS or rest in _bound()[1]:
            continue
        if rest not in words and (
            len(rest) < 3 or score < CONTENT_PREFIX_MIN or zipf(lower[:i]) >= NAME_MAX
        ):
            continue
        if best is None or score > best[1]:
            best = ((lower[:i], rest), score)
    return best


def _camel_edit(base: str, head: str, rest: str, context: _Context) -> _Edit | None:
    """ "byInterfax" -> "by Interfax", "saidAvinoam", "toldCNN", "talkingtoUkraine".

    A lowercase head of three letters or more glued to a capitalised word is
    a glue (brands in lowercase-first camel case have short heads: "eBay",
    "iPhone", "xCloud"). The head may itself be a glue ("talkingto"), and so
    may the capitalised rest ("thatApplecancelled").
    """
    vocabulary = context.vocabulary
    words = function_words()
    name = (rest[1:].islower() and len(rest) >= 3) or rest == "I"
    # an acronym, not a word in capitals ("fatFIRE")
    acronym = _ACRONYM.fullmatch(rest) is not None and (
        len(rest.rstrip("s")) <= 3 or zipf(rest.lower()) < COMMON
    )
    known = zipf(rest.lower()) > 0 or _count(vocabulary, rest) > 0
    if not (known or name or acronym):
        return None
    head_parts: tuple[str, ...] = (head,)
    if head in words:
        reason = "a function word glued to a capitalised word"
    elif (
        len(head) >= 3
        and zipf(head) >= KNOWN
        and head not in _bound()[0]
        and (name or (acronym and known) or (_count(vocabulary, rest) > 0 and not rest.isupper()))
    ):
        reason = "a word glued to a capitalised word"
    else:
        split = _split_lower(head) if zipf(head) < UNSEEN else None
        if split is None or split[0][-1] not in words or not (known or name):
            return None
        head_parts = split[0]  # "talkingto|Ukraine"
        reason = "words glued to a capitalised word"
    rest_edit = None
    if name and zipf(rest.lower()) < RARE and _count(vocabulary, rest) == 0:
        rest_edit = _capitalised_edit(rest, context, False)  # "that|Applecancelled"
    if not context.english:
        return None
    if len(head_parts) == 1 and rest_edit is None:
        return (len(head), len(head), " ", "glued_words", reason)
    pieces, at = [], 0
    for part in head_parts:
        pieces.append(base[at : at + len(part)])
        at += len(part)
    pieces.append(rest_edit[2] if rest_edit is not None else rest)
    return (0, len(base), " ".join(pieces), "glued_words", reason)


_ACRONYM = re.compile(r"[A-Z]{2,}s?")


def _acronym_edit(base: str, head: str, rest: str, context: _Context) -> _Edit | None:
    """ "USon" -> "US on", "NATOdefense", "VWsaays": a known acronym glued to a word.

    The word must be a function word or a known word of four letters or more
    (or become one without a letter typed twice): "CEOs" and "VMware" stay.
    """
    if rest in _PRONOUNS or zipf(base.lower()) >= RARE:
        return None
    if zipf(head.lower()) == 0 and _count(context.vocabulary, head) == 0:
        return None
    word = rest
    if rest not in function_words():
        if len(rest) < 4:
            return None
        if zipf(rest) < KNOWN:
            doubled = _undouble(rest, context.vocabulary)
            if doubled is None or zipf(doubled[0]) < KNOWN:
                return None
            word = doubled[0]
    if not context.english:
        return None
    if word != rest:
        return (0, len(base), f"{head} {word}", "glued_words", "an acronym glued to a word")
    return (len(head), len(head), " ", "glued_words", "an acronym glued to a word")


def _two_capitals_edit(
    base: str, head: str, rest: str, context: _Context, sentence_start: bool
) -> _Edit | None:
    """ "VladimirPutin" when both stand alone in the article; "TheKremlin" opening a sentence.

    Two common words are not enough: "SunExpress" and "StackAdapt" are names.
    A part that is no word but one with a letter typed twice is mended too
    ("DevinNuunes").
    """
    if zipf(base.lower()) >= UNSEEN:
        return None
    vocabulary = context.vocabulary
    fixed_head, fixed_rest = _undoubled_part(head, vocabulary), _undoubled_part(rest, vocabulary)
    if fixed_head != head or fixed_rest != rest:
        joined = fixed_head + fixed_rest
        if joined in _exceptions() or _count(vocabulary, joined) > 0:
            return None  # "MacBoook" is "MacBook": the doubled-letter repair's to make
        allowed = _two_capitals_allowed(fixed_head, fixed_rest, context, sentence_start)
        if not allowed or not context.english:
            return None
        after = f"{fixed_head} {fixed_rest}"
        return (
            0,
            len(base),
            after,
            "glued_words",
            "two capitalised words glued, a letter typed twice",
        )
    if _two_capitals_allowed(head, rest, context, sentence_start):
        if not context.english:
            return None
        return (len(head), len(head), " ", "glued_words", "two capitalised words glued together")
    if zipf(rest.lower()) >= UNSEEN or _count(vocabulary, rest) > 0:
        return None
    # "HomeDepotreported": the rest is itself a glue ("Depot reported")
    rest_edit = _capitalised_edit(rest, context, False)
    if rest_edit is None or rest_edit[3] != "glued_words":
        return None
    name = rest_edit[2].split(" ", 1)[0]
    if not _two_capitals_allowed(head, name, context, sentence_start):
        return None
    return (0, len(base), f"{head} {rest_edit[2]}", "glued_words", "words glued together")


def _undoubled_part(part: str, vocabulary: Counter[str]) -> str:
    """`part` without a letter typed twice, when it is no word and that makes one."""
    if zipf(part.lower()) >= RARE or _count(vocabulary, part) > 0 or part in _exceptions():
        return part
    doubled = _undouble(part, vocabulary)
    return doubled[0] if doubled else part


def _two_capitals_allowed(head: str, rest: str, context: _Context, sentence_start: bool) -> bool:
    vocabulary = context.vocabulary
    if head.lower() in function_words():
        allowed = sentence_start and (zipf(rest.lower()) > 0 or _count(vocabulary, rest) > 0)
    elif isinstance(vocabulary, Vocabulary) and vocabulary.pair(head.lower(), rest.lower()):
        allowed = True  # the article writes them apart elsewhere ("Home Depot")
    elif context.case == "title" and zipf(head.lower()) >= KNOWN and _headline_word(rest.lower()):
        allowed = True  # "QualitySeems Fine", "PlayingOn": a headline
    elif len(head) < 3 or len(rest) < 3:
        allowed = False
    elif head in _given_names() or head in _titles():
        allowed = True  # "MarcBenioff", "PresidentDonald": a given name or a title
    elif rest in _name_ends():
        # "SupremeCourt", "HopkinsUniversity": a word before the end of a name
        allowed = zipf(head.lower()) >= RARE or _count(vocabulary, head) > 0
    else:
        allowed = _count(vocabulary, head) > 0 and _count(vocabulary, rest) > 0
    return allowed


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
