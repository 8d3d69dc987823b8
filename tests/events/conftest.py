"""A small fake actor index: words mapped to actors, found in the paragraphs."""

from __future__ import annotations

import re

import pytest

from tidings import nlp
from tidings.actors.index import ActorIndex
from tidings.events import code_events
from tidings.record import Actor


def country(code: str, name: str) -> Actor:
    return Actor(id=code, name=name, kind="country", country=code)


def group(code: str, role: str, name: str) -> Actor:
    return Actor(id=f"{code}{role}", name=name, kind="group", country=code, role=role)


WORDS: dict[str, Actor] = {
    "Russia": country("RUS", "Russia"),
    "Moscow": country("RUS", "Russia"),
    "the Kremlin": group("RUS", "GOV", "Kremlin"),
    "The Kremlin": group("RUS", "GOV", "Kremlin"),
    "Polish": country("POL", "Poland"),
    "Russian authorities": group("RUS", "GOV", "Russian authorities"),
    "Russian": country("RUS", "Russia"),
    "Ukraine": country("UKR", "Ukraine"),
    "Kyiv": country("UKR", "Ukraine"),
    "Ukrainian": country("UKR", "Ukraine"),
    "The United States": country("USA", "United States"),
    "the United States": country("USA", "United States"),
    "Washington": country("USA", "United States"),
    "U.S.": country("USA", "United States"),
    "the Biden administration": group("USA", "GOV", "Biden administration"),
    "the European Union": Actor(id="EU", name="European Union", kind="organization", org="EU"),
    "The European Union": Actor(id="EU", name="European Union", kind="organization", org="EU"),
    "NATO": Actor(id="NATO", name="NATO", kind="organization", org="NATO"),
    "Britain": country("GBR", "Britain"),
    "France": country("FRA", "France"),
    "Germany": country("DEU", "Germany"),
    "China": country("CHN", "China"),
    "Beijing": country("CHN", "China"),
    "Taiwan": country("TWN", "Taiwan"),
    "Iran": country("IRN", "Iran"),
    "Israel": country("ISR", "Israel"),
    "Israeli": country("ISR", "Israel"),
    "Lebanon": country("LBN", "Lebanon"),
    "Belarus": country("BLR", "Belarus"),
    "Minsk": country("BLR", "Belarus"),
    "Belarusian police": group("BLR", "COP", "Belarusian police"),
    "Poland": country("POL", "Poland"),
    "Serbia": country("SRB", "Serbia"),
    "Kosovo": country("XKX", "Kosovo"),
    "Japan": country("JPN", "Japan"),
    "India": country("IND", "India"),
    "Turkey": country("TUR", "Turkey"),
    "Egypt": country("EGY", "Egypt"),
    "Mali": country("MLI", "Mali"),
    "Finland": country("FIN", "Finland"),
    "Navalny": Actor(id="navalny", name="Alexei Navalny", kind="person", country="RUS", role="OPP"),
    "Putin": Actor(id="putin", name="Vladimir Putin", kind="person", country="RUS", role="GOV"),
    "Biden": Actor(id="biden", name="Joe Biden", kind="person", country="USA", role="GOV"),
}


class WordIndex(ActorIndex):
    """The ActorIndex contract over a fixed word list (longest words first)."""

    def __init__(self, paragraphs: list[str], words: dict[str, Actor] | None = None) -> None:
        super().__init__()
        words = WORDS if words is None else words
        found: dict[str, Actor] = {}
        for number, text in enumerate(paragraphs):
            taken: list[tuple[int, int]] = []
            for word in sorted(words, key=len, reverse=True):
                for m in re.finditer(r"(?<![\w.])" + re.escape(word) + r"(?!\w)", text):
                    if any(s < m.end() and m.start() < e for s, e in taken):
                        continue
                    taken.append((m.start(), m.end()))
                    actor = words[word]
                    found[actor.id] = actor
                    self.mentions.append((number, m.start(), m.end(), actor.id))
        self.actors = list(found.values())


def codes(actor: Actor | None) -> str | None:
    return None if actor is None else (actor.country or actor.org)


@pytest.fixture(scope="session")
def code():
    """code(text or paragraphs, times=(), published=None, words=None, quotes=()) -> events."""

    def run(text, times=(), published=None, words=None, quotes=()):
        paragraphs = [text] if isinstance(text, str) else list(text)
        docs = nlp.parse(paragraphs)
        index = WordIndex(paragraphs, words)
        return code_events(paragraphs, docs, index, list(times), published, list(quotes))

    return run


@pytest.fixture(scope="session")
def triples(code):
    """triples(text) -> {(type, source code, target code)}."""

    def run(text, **kw):
        return {(e.type, codes(e.source), codes(e.target)) for e in code(text, **kw)}

    return run


@pytest.fixture(autouse=True)
def lexicon_only(monkeypatch):
    """The coder's rules are tested on their own: the learned check is off unless a test
    turns it on (test_learned.py)."""
    monkeypatch.setenv("TIDINGS_EVENTS_MODEL", "off")
