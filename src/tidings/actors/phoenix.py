"""The Phoenix dictionaries of the event-data field (PETRARCH2, MIT), compiled by
`tools/build_phoenix_data.py` into `data/actors/phoenix_actors.tsv` and
`phoenix_agents.tsv`.

`known_actor(name, published)` gives the country and role a dictionary entry holds
for a name on the publication date (`VLADIMIR PUTIN` `[RUSGOV >080508]`); `agent_role`
the role of a role phrase ("interior minister" GOV, "settlers" CVL). The resolver
uses them under what the article says: a description in the text wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from tidings.data import lines

# Phoenix role codes -> the record's roles; other codes (ELI, EDU, HLH, ...) give none.
ROLES = {
    "GOV": "GOV", "MIL": "MIL", "COP": "COP", "JUD": "JUD", "LEG": "LEG", "OPP": "OPP",
    "REB": "REB", "INS": "REB", "MED": "MED", "BUS": "BUS", "CVL": "CVL", "SPY": "GOV",
}  # fmt: skip
# Sector codes in the country slot: no country, the sector's role.
SECTORS = {"IGO": "IGO", "NGO": "NGO", "MNC": "BUS", "IMG": "REB"}


@dataclass(frozen=True)
class Known:
    country: str | None
    role: str | None


@cache
def _actors() -> dict[str, str]:
    out = {}
    for line in lines("actors/phoenix_actors.tsv"):
        name, _, codes = line.partition("\t")
        out[name] = codes
    return out


@cache
def _agents() -> dict[str, str]:
    out = {}
    for line in lines("actors/phoenix_agents.tsv"):
        phrase, _, role = line.partition("\t")
        out[phrase] = role
    return out


def agent_role(phrase: str) -> str | None:
    return _agents().get(phrase.lower())


def known_actor(name: str, published: str | None, countries: frozenset[str]) -> Known | None:
    """Country and role of `name` on `published` (YYYY-MM-DD; None: the default)."""
    codes = _actors().get(" ".join(name.upper().split()))
    if codes is None:
        return None
    day = (published or "")[:10].replace("-", "")
    chosen = None
    for item in codes.split(";"):
        code, _, span = item.partition(":")
        first, _, last = span.partition("-")
        if not first and not last:
            chosen = chosen or code  # the default: only when no dated range holds
            continue
        if day and (not first or first <= day) and (not last or day <= last):
            chosen = code
            break
    if chosen is None:
        return None
    return _decode(chosen, countries)


def _decode(code: str, countries: frozenset[str]) -> Known | None:
    head, rest = code[:3], code[3:]
    if head in SECTORS:
        return Known(None, SECTORS[head])
    if head not in countries:
        return None
    return Known(head, ROLES.get(rest[:3]))
