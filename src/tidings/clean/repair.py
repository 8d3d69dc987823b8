"""Repairs inside the text: each one small, each change an edit."""

from __future__ import annotations

import re
from collections import Counter

from tidings.clean.words import Fix, article_vocabulary, repair_words
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
    text, fixes = repair_words(text, vocabulary)
    edits.extend(_edit(fix, paragraph, where) for fix in fixes)
    return text, edits


def _edit(fix: Fix, paragraph: int | None, where: str) -> Edit:
    return Edit(fix.kind, fix.before, fix.after, paragraph, fix.reason + where)


def vocabulary_of(texts: list[str]) -> Counter[str]:
    """Counts of the article's tokens: evidence of which forms are its own words."""
    return article_vocabulary(texts)
