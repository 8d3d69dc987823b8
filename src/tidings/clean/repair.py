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
    text: str,
    paragraph: int | None,
    vocabulary: Counter[str],
    where: str = "",
    fragments: frozenset[str] | None = None,
) -> tuple[str, list[Edit]]:
    """Repair one paragraph (or the title/standfirst when `paragraph` is None).

    `fragments` are `split_fragments(vocabulary)`, worked out once per article.
    """
    edits: list[Edit] = []
    if text.endswith("/") and _STRAY_SLASH.search(text):
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
    text, split_edits = mend_split_words(text, paragraph, vocabulary, where, fragments)
    edits.extend(split_edits)
    text, fixes = repair_words(text, vocabulary)
    edits.extend(_edit(fix, paragraph, where) for fix in fixes)
    return text, edits


_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")
_LEFT_WORD = re.compile(r"(?<![\w'’.-])[A-Za-z][a-z]+$")
_RIGHT_WORD = re.compile(r"[a-z]{2,}(?![\w'’-])")
SPLIT_PART_MAX = 3.5  # at least one half must be this rare (zipf) to be a fragment
SPLIT_MARGIN = 6.0  # joined zipf minus the pair's log-probability, in zipf units
SPLIT_WHOLE_MIN = 3.0  # the joined word must be this common


def mend_split_words(
    text: str,
    paragraph: int | None,
    vocabulary: Counter[str],
    where: str = "",
    fragments: frozenset[str] | None = None,
) -> tuple[str, list[Edit]]:
    """Join a word a space broke in two ("negoti ations", "govern ment").

    Only when the joined form is a common word, far likelier than the two halves
    side by side, and at least one half is rare and not used alone elsewhere in
    the article ("in to", "any one", "foot soldier" stay). Only the neighbours of
    such rare forms are looked at, so a clean paragraph costs one scan.
    """
    if fragments is None:
        fragments = split_fragments(vocabulary)
    joins = sorted({j for f in fragments if f in text for j in _joins_around(text, f)})
    edits: list[Edit] = []
    pieces, last = [], 0
    for start, end, joined in joins:
        if start < last:
            continue  # overlaps a join already made
        pieces += [text[last:start], joined]
        last = end
        edits.append(Edit("split_word", text[start:end], joined, paragraph,
                          f"word broken by a space mended{where}"))  # fmt: skip
    return "".join([*pieces, text[last:]]), edits


def _joins_around(text: str, fragment: str) -> list[tuple[int, int, str]]:
    """(start, end, joined) for each place where `fragment` and a neighbour make a word."""
    out = []
    pos = text.find(fragment)
    while pos != -1:
        end = pos + len(fragment)
        whole = (pos == 0 or not text[pos - 1].isalnum()) and not text[end : end + 1].isalnum()
        if whole and pos >= 2 and text[pos - 1] == " ":
            left = _LEFT_WORD.search(text, max(0, pos - 41), pos - 1)
            if left and _broken(left.group(0), fragment):
                out.append((left.start(), end, left.group(0) + fragment))
        if whole and text[end : end + 1] == " ":
            right = _RIGHT_WORD.match(text, end + 1)
            if right and _broken(fragment, right.group(0)):
                out.append((pos, right.end(), fragment + right.group(0)))
        pos = text.find(fragment, end)
    return out


def split_fragments(vocabulary: Counter[str]) -> frozenset[str]:
    """The article's rare lowercase forms that could be halves of broken words."""
    return frozenset(
        w for w, n in vocabulary.items() if n <= 1 and _LOWER_WORD.fullmatch(w) and _rare(w)
    )


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
