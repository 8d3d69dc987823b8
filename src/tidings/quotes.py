"""Who said what (placeholder until the quotes work lands)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tidings.actors import ActorIndex
from tidings.record import Quote


def find_quotes(paragraphs: Sequence[str], docs: Sequence[Any], actors: ActorIndex) -> list[Quote]:
    return []
