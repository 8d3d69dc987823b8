"""Story-linking settings, read from data/stories/linking.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from tidings.data import data_text


@dataclass(frozen=True)
class CopySettings:
    shingle_words: int
    num_perm: int
    bands: int
    rows: int
    lead_words: int
    min_paragraph_words: int
    seed: int
    min_containment: float
    min_shared_shingles: int
    version_min_containment: float
    max_characters: int


@dataclass(frozen=True)
class RelatedSettings:
    window_days: int
    max_span_days: int
    key_lead_words: int
    key_max_zipf: float
    word_weight: float
    name_weight: float
    min_shared: float
    embed_words: int
    untitled_words: int
    min_similarity: float


@dataclass(frozen=True)
class Settings:
    copies: CopySettings
    related: RelatedSettings


@cache
def settings() -> Settings:
    data = tomllib.loads(data_text("stories/linking.toml"))
    copies = CopySettings(**data["copies"])
    if copies.bands * copies.rows != copies.num_perm:
        raise ValueError("stories/linking.toml: bands * rows must equal num_perm")
    return Settings(copies=copies, related=RelatedSettings(**data["related"]))
