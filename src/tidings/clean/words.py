"""Word-level repairs: glued words, doubled letters, missing spaces.

Owned by the word-repair work; see tests/clean/test_words.py.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Fix:
    """One word-level repair inside a text: text[start:start+len(before)] -> after."""

    kind: str  # glued_words | doubled_letter | spacing
    before: str
    after: str
    start: int
    reason: str


def repair_words(text: str, vocabulary: Counter[str] | None = None) -> tuple[str, list[Fix]]:
    """Return the repaired text and the fixes made (none yet: to be built)."""
    return text, []
