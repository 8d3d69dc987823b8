"""Near-duplicate sketches: word shingles, MinHash (datasketch) and LSH bucket keys.

Each article gets two MinHash signatures: one over the shingles of its whole
repaired body, one over its first words (a copy cut to its lead shares little
of the whole, but nearly all of the lead). Each signature is cut into bands;
a band's rows hash to one 64-bit bucket key. Two articles that share a bucket
key are candidates, checked directly on their shingles (`overlap`). The keys
live in the store, so finding candidates costs a few index look-ups whatever
the store's size.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache

import numpy as np
from datasketch import MinHash

from tidings.stories.config import CopySettings, settings

WORD = re.compile(r"\w+")
SCHEME = "affine32"  # datasketch's MinHash hashing scheme: fixed, since bucket keys are stored


# Shingles hashed at once: datasketch makes a (shingles x permutations) array of them,
# which for a 10 MB article would take gigabytes.
_BATCH = 10_000


@dataclass(frozen=True)
class Sketch:
    """What near-duplicate linking knows of one article's text."""

    shingles: frozenset[str]
    buckets: tuple[int, ...]  # LSH keys: the whole body's bands, then the lead's


@dataclass(frozen=True)
class Overlap:
    shared: int  # shingles in both
    containment: float  # shared over the shorter text's shingles

    def near_duplicate(self, config: CopySettings | None = None) -> bool:
        config = config or settings().copies
        return (
            self.shared >= config.min_shared_shingles and self.containment >= config.min_containment
        )


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def shingles(tokens: list[str], size: int) -> frozenset[str]:
    """Runs of `size` words; a text shorter than that is one shingle."""
    if len(tokens) <= size:
        return frozenset([" ".join(tokens)]) if tokens else frozenset()
    return frozenset(" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def sketch(body: str, config: CopySettings | None = None) -> Sketch:
    config = config or settings().copies
    tokens = words(substance(body, config.min_paragraph_words))
    whole = shingles(tokens, config.shingle_words)
    lead = shingles(tokens[: config.lead_words], config.shingle_words)
    buckets = _buckets(whole, "whole", config) + _buckets(lead, "lead", config)
    return Sketch(shingles=whole, buckets=buckets)


def copy_shingles(body: str, config: CopySettings | None = None) -> frozenset[str]:
    """The shingles the direct check compares (those of `sketch`, without the buckets)."""
    config = config or settings().copies
    return shingles(words(substance(body, config.min_paragraph_words)), config.shingle_words)


def substance(body: str, min_words: int) -> str:
    """The body without its short paragraphs (a site's lines around an article: share,
    subscribe, menus), when the long ones hold most of its words; else all of it."""
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    long = [p for p in paragraphs if len(p.split()) >= min_words]
    total = sum(len(p.split()) for p in paragraphs)
    kept = sum(len(p.split()) for p in long)
    return "\n\n".join(long) if total and kept * 2 >= total else body


def overlap(a: frozenset[str], b: frozenset[str]) -> Overlap:
    if not a or not b:
        return Overlap(0, 0.0)
    shared = len(a & b)
    return Overlap(shared, shared / min(len(a), len(b)))


def _buckets(items: frozenset[str], kind: str, config: CopySettings) -> tuple[int, ...]:
    if not items:
        return ()
    signature = MinHash(
        num_perm=config.num_perm,
        seed=config.seed,
        permutations=_permutations(config),
        scheme=SCHEME,
    )
    ordered = list(items)
    for start in range(0, len(ordered), _BATCH):  # the same minimum, in bounded memory
        signature.update_batch([s.encode("utf-8") for s in ordered[start : start + _BATCH]])
    values = np.asarray(signature.hashvalues, dtype=np.uint64)
    keys = []
    for band in range(config.bands):
        rows = values[band * config.rows : (band + 1) * config.rows].tobytes()
        digest = hashlib.blake2b(rows, digest_size=8, person=f"{kind}{band}".encode()).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return tuple(keys)


@cache
def _permutations(config: CopySettings) -> object:
    return MinHash(num_perm=config.num_perm, seed=config.seed, scheme=SCHEME).permutations
