"""Actors: mentions resolved to people, organisations, countries and groups.

The contract other steps rely on is `ActorIndex` (see `index.py`): given a span
of a paragraph, the actor it refers to. `resolve_actors` builds it.
"""

from tidings.actors.index import ActorIndex
from tidings.actors.resolve import resolve_actors

__all__ = ["ActorIndex", "resolve_actors"]
