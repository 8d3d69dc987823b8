"""Near-duplicate sketches: hashed word shingles, MinHash (datasketch) and LSH bucket keys.

An article's text is read as tokens that damage does not change: lowercased
words with doubled letters squeezed ("sebelumm" and "sebelum" are one token),
and each character of a script written without spaces (Chinese, Japanese,
Thai...) a token of its own. Runs of tokens (shingles) are hashed to 64 bits,
kept with the paragraph they start in.

Each article gets MinHash signatures: one over the shingles of its whole
text, and two over its lead (its first words, and its first words after its
first paragraph, since a copy's first line may be its republisher's). A copy
cut to its lead shares little of the whole, but nearly all of a lead. Each
signature is cut into bands; a band's rows hash to one 64-bit bucket key. Two
articles that share a key are candidates, checked directly on their shingles
(`overlap`). The keys live in the store, so finding candidates costs a few
index look-ups whatever the store's size.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
from datasketch import MinHash

from tidings.stories.config import CopySettings, settings

WORD = re.compile(r"\w+")
# a character of a script written without spaces between words: each is a token
UNSPACED = (
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
)
TOKEN = re.compile(rf"[{UNSPACED}]|[^\W{UNSPACED}]+")
DOUBLED = re.compile(r"([^\W\d_])\1+")  # a letter repeated: damage often doubles one
SCHEME = "affine32"  # datasketch's MinHash hashing scheme: fixed, since bucket keys are stored
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd: each token's place in a shingle counts
_EMPTY = np.empty(0, dtype=np.uint64)

# Shingles hashed at once: datasketch makes a (shingles x permutations) array of them,
# which for a 10 MB article would take gigabytes.
_BATCH = 10_000


@dataclass(frozen=True)
class Shingles:
    """A text's shingles: their hashes (sorted, each once) and, for each, the words of
    the paragraph it starts in, and whether that paragraph is a short line."""

    hashes: np.ndarray  # uint64, sorted, unique
    short: np.ndarray  # bool: the shingle's paragraph has fewer than min_paragraph_words

    def __len__(self) -> int:
        return int(self.hashes.size)


@dataclass(frozen=True)
class Sketch:
    """What near-duplicate linking knows of one article's text."""

    shingles: Shingles
    buckets: tuple[int, ...]  # LSH keys: the whole body's bands, then the leads'


@dataclass(frozen=True)
class Overlap:
    shared: int  # shingles in both
    containment: float  # shared over the shingles of the text more of which is shared

    def near_duplicate(self, config: CopySettings | None = None) -> bool:
        config = config or settings().copies
        return (
            self.shared >= config.min_shared_shingles and self.containment >= config.min_containment
        )


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def tokens(text: str) -> list[str]:
    """The tokens shingles are made of: words with doubled letters squeezed, and each
    character of an unspaced script."""
    return TOKEN.findall(DOUBLED.sub(r"\1", text.lower()))


def shingles(body: str, config: CopySettings | None = None) -> Shingles:
    """Every shingle of the body, paragraph by paragraph (a short paragraph is one)."""
    config = config or settings().copies
    hashes, short = [], []
    for paragraph in _paragraphs(bounded(body, config)):
        found = shingle_hashes(tokens(paragraph), config.shingle_words)
        hashes.append(found)
        short.append(np.full(found.size, len(paragraph.split()) < config.min_paragraph_words))
    if not hashes:
        return Shingles(_EMPTY, np.empty(0, dtype=bool))
    every, first = np.unique(np.concatenate(hashes), return_index=True)
    return Shingles(every, np.concatenate(short)[first])


def shingle_hashes(found: list[str], size: int) -> np.ndarray:
    """Runs of `size` tokens as 64-bit hashes (a text shorter than that is one run)."""
    if not found:
        return _EMPTY
    ids = np.fromiter((_token_hash(t) for t in found), dtype=np.uint64, count=len(found))
    runs = max(1, ids.size - size + 1)
    hashes = np.zeros(runs, dtype=np.uint64)
    for offset in range(min(size, ids.size)):
        hashes = (hashes ^ ids[offset : offset + runs]) * _MIX
    return np.unique(hashes)


def sketch(body: str, config: CopySettings | None = None) -> Sketch:
    config = config or settings().copies
    body = bounded(body, config)
    paragraphs = substance(body, config.min_paragraph_words)
    found = [tokens(p) for p in paragraphs]
    whole = shingle_hashes([t for p in found for t in p], config.shingle_words)
    leads = [_lead(found[start:], config) for start in range(min(2, len(found)))]
    buckets = _buckets(whole, "whole", config)
    for lead in leads:
        buckets += _buckets(lead, "lead", config)
    return Sketch(shingles=shingles(body, config), buckets=tuple(dict.fromkeys(buckets)))


def substance(body: str, min_words: int) -> list[str]:
    """The body's paragraphs without the short ones (a site's lines around an article:
    share, subscribe, menus), when the long ones hold most of its words; else all."""
    paragraphs = _paragraphs(body)
    long = [p for p in paragraphs if len(p.split()) >= min_words]
    total = sum(len(p.split()) for p in paragraphs)
    kept = sum(len(p.split()) for p in long)
    return long if total and kept * 2 >= total else paragraphs


def overlap(a: Shingles, b: Shingles) -> Overlap:
    """Shingles shared, and the share of one text found in the other: of the text more of
    which is found. A short line of one text found nowhere in the other (a
    republisher's menu, share or subscribe line) is not counted as its text."""
    if not len(a) or not len(b):
        return Overlap(0, 0.0)
    in_b = np.isin(a.hashes, b.hashes, assume_unique=True)
    shared = int(in_b.sum())
    if not shared:
        return Overlap(0, 0.0)
    in_a = np.isin(b.hashes, a.hashes, assume_unique=True)
    own_a = _own_lines(a, in_b)
    own_b = _own_lines(b, in_a)
    return Overlap(shared, shared / max(1, min(len(a) - own_a, len(b) - own_b)))


def _own_lines(text: Shingles, shared: np.ndarray) -> int:
    """Shingles of the text's short lines that share nothing with the other text."""
    return int((text.short & ~shared).sum())


def _lead(paragraphs: list[list[str]], config: CopySettings) -> np.ndarray:
    lead = [t for p in paragraphs for t in p][: config.lead_words]
    return shingle_hashes(lead, config.shingle_words)


def bounded(body: str, config: CopySettings) -> str:
    """The body's first `max_characters`, ended at a paragraph's end where one is near:
    a body of megabytes is compared by its beginning, in bounded time."""
    if len(body) <= config.max_characters:
        return body
    head = body[: config.max_characters]
    end = head.rfind("\n\n")
    return head[:end] if end > config.max_characters // 2 else head


def _paragraphs(body: str) -> list[str]:
    return [p for p in body.split("\n\n") if p.strip()]


def _buckets(hashes: np.ndarray, kind: str, config: CopySettings) -> list[int]:
    if not hashes.size:
        return []
    signature = MinHash(
        num_perm=config.num_perm,
        seed=config.seed,
        hashfunc=int,  # the shingles are hashed already: their low 32 bits
        permutations=_permutations(config),
        scheme=SCHEME,
    )
    low = (hashes & np.uint64(0xFFFFFFFF)).tolist()
    for start in range(0, len(low), _BATCH):  # the same minimum, in bounded memory
        signature.update_batch(low[start : start + _BATCH])
    values = np.asarray(signature.hashvalues, dtype=np.uint64)
    keys = []
    for band in range(config.bands):
        rows = values[band * config.rows : (band + 1) * config.rows].tobytes()
        digest = hashlib.blake2b(rows, digest_size=8, person=f"{kind}{band}".encode()).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


@lru_cache(maxsize=1 << 17)
def _token_hash(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode(), digest_size=8).digest(), "little")


@cache
def _permutations(config: CopySettings) -> object:
    return MinHash(num_perm=config.num_perm, seed=config.seed, scheme=SCHEME).permutations
