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
# Branches of government: the specific part of a GOV code (USAGOVLEG is a legislator).
BRANCHES = frozenset({"LEG", "JUD", "MIL", "COP"})
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
    codes = _lookup(name)
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
            return _decode(code, countries)
    if chosen is None:
        return None
    known = _decode(chosen, countries)
    former = _former_office(codes, day, countries)
    # a former office holder (ELI today) is news as the office they held
    if known is not None and known.role is None and former and former.country == known.country:
        return former
    return known


def _former_office(codes: str, day: str, countries: frozenset[str]) -> Known | None:
    """The role of the last dated office with a role that ended before `day`: a
    former president is news as the president he was ("Bill Clinton": USAGOV until
    2001, USAELI after)."""
    latest: tuple[str, Known] | None = None
    for item in codes.split(";"):
        code, _, span = item.partition(":")
        first, _, last = span.partition("-")
        if not day or not last or last > day:
            continue
        known = _decode(code, countries)
        if known is not None and known.role is not None and (latest is None or last > latest[0]):
            latest = (last, known)
    return latest[1] if latest else None


def _lookup(name: str) -> str | None:
    """The codes of a name as the dictionaries write it: upper case, straight
    apostrophes, and without the Arabic article they often drop ("Ayman Safadi" is
    AYMAN AL SAFADI)."""
    key = " ".join(name.upper().replace("’", "'").split())
    codes = _actors().get(key)
    if codes is None and len(key.split()) == 2:
        first, last = key.split()
        codes = _actors().get(f"{first} AL {last}")
    return codes


def _decode(code: str, countries: frozenset[str]) -> Known | None:
    head, rest = code[:3], code[3:]
    if head in SECTORS:  # MNCUSA: a company of the United States
        home = rest[:3] if rest[:3] in countries else None
        return Known(home, SECTORS[head])
    if head not in countries:
        return None
    return Known(head, _role(rest))


def _role(codes: str) -> str | None:
    """The role of a code's role part: its branch where it names one (GOVLEG, a
    legislator, is LEG; GOVMIL MIL), else its first role (GOVBUS is GOV)."""
    parts = [codes[i : i + 3] for i in range(0, len(codes), 3)]
    branch = next((ROLES[c] for c in reversed(parts) if c in BRANCHES), None)
    return branch or next((ROLES[c] for c in parts if c in ROLES), None)
