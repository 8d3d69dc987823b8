"""Repairs inside the text: each one small, each change an edit."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from tidings.clean.words import Fix, article_vocabulary, repair_words, zipf
from tidings.record import Edit

# A letter followed by a slash at the very end: a line cut off by a scraper.
# A URL or path ending in "/" is not damage: the last token must be a plain word.
_STRAY_SLASH = re.compile(r"(?:^|(?<=\s))[^\W\d_][\w’'-]*/$")


def repair_text(
    text: str, paragraph: int | None, vocabulary: Counter[str], where: str = ""
) -> tuple[str, list[Edit]]:
    """Repair one paragraph (or the title/standfirst when `paragraph` is None)."""
    edits: list[Edit] = []
    if _STRAY_SLASH.search(text):
        trimmed = text[:-1]
        edits.append(
            Edit(
                "truncation",
                text,
                trimmed,
                paragraph,
                f"stray slash at the end of a cut-off line{where}",
            )
        )
        text = trimmed
    text, split_edits = mend_split_words(text, paragraph, vocabulary, where)
    edits.extend(split_edits)
    text, fixes = repair_words(text, vocabulary)
    edits.extend(_edit(fix, paragraph, where) for fix in fixes)
    return text, edits


_WORD = re.compile(r"\b[A-Za-z][a-z]+\b")
SPLIT_PART_MAX = 3.5  # at least one half must be this rare (zipf) to be a fragment
SPLIT_MARGIN = 6.0  # joined zipf minus the pair's log-probability, in zipf units
SPLIT_WHOLE_MIN = 3.0  # the joined word must be this common


def mend_split_words(
    text: str, paragraph: int | None, vocabulary: Counter[str], where: str = ""
) -> tuple[str, list[Edit]]:
    """Join a word a space broke in two ("negoti ations", "govern ment").

    Only when the joined form is a common word, far likelier than the two halves
    side by side, and at least one half is rare and not used alone elsewhere in
    the article ("in to", "any one", "foot soldier" stay).
    """
    fragments = {w for w in set(_WORD.findall(text)) if _fragment(w, vocabulary)}
    if not fragments:  # most paragraphs: every word is a word
        return text, []
    words = list(_WORD.finditer(text))
    edits: list[Edit] = []
    pieces, last, skip = [], 0, False
    for left, right in zip(words, words[1:], strict=False):
        if skip:
            skip = False
            continue
        lw, rw = left.group(0), right.group(0)
        if lw not in fragments and rw not in fragments:
            continue
        if right.start() != left.end() + 1 or text[left.end()] != " ":
            continue
        if not rw.islower() or not _broken(lw, rw):
            continue
        joined = left.group(0) + right.group(0)
        pieces += [text[last : left.start()], joined]
        last, skip = right.end(), True
        edits.append(Edit("split_word", f"{left.group(0)} {right.group(0)}", joined, paragraph,
                          f"word broken by a space mended{where}"))  # fmt: skip
    return "".join([*pieces, text[last:]]), edits


def _fragment(word: str, vocabulary: Counter[str]) -> bool:
    """A rare lowercase form the article does not use elsewhere: maybe half of a
    broken word. (Capitalised rare words are names far more often than halves.)"""
    return word.islower() and _rare(word) and vocabulary[word] <= 1


@lru_cache(maxsize=1 << 16)
def _rare(word: str) -> bool:
    return zipf(word) < SPLIT_PART_MAX


def _broken(left: str, right: str) -> bool:
    """The joined form is common and far likelier than the two halves side by side."""
    whole = zipf((left + right).lower())
    halves = zipf(left.lower()) + zipf(right.lower())
    return whole >= SPLIT_WHOLE_MIN and whole - (halves - 9) >= SPLIT_MARGIN


def vocabulary_of(texts: list[str]) -> Counter[str]:
    """Counts of the article's tokens: evidence of which forms are its own words."""
    return article_vocabulary(texts)


def _edit(fix: Fix, paragraph: int | None, where: str) -> Edit:
    return Edit(fix.kind, fix.before, fix.after, paragraph, fix.reason + where)
