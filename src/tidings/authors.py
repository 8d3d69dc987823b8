"""Bylines to authors: the people who wrote an article, one name each.

A byline as pages, feeds and text dumps write it ("By Jane Roe and John Doe",
"Tim Korso, Sputnik", "JANE ROE | Staff Writer", "@jroe") becomes a list of
names: split at "and", "&", commas, semicolons, bars and slashes; without "By";
without the outlet's own name, wire services, desks and roles
(`data/metadata/not_people.txt`, `role_words.txt`); cut where a date or a time
stamp starts; without handles, addresses and e-mail; names written in capitals
get ordinary capitals. What is left must look like a name: one to five words with
letters and no digits, and a name of one word only when it is a known given name
(`data/given_names.txt`): a lone "Washington" or "Jdadmin" is a place or an account.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from tidings.data import lines

# "By", "Written by", "Analysis by", "Text and photos by": everything up to it goes.
_BY = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?by[:\s]+", re.IGNORECASE)
# Bylines split at these; a full stop only after a word of two letters or more, so that
# initials stay ("Bruce Y. Lee", but "Finian Cunningham. Sputnik International").
_SPLIT = re.compile(r"\s*(?:,|;|\||/|&|\b(?i:and|with)\b|(?<=\w\w)\.(?=\s+[A-Z]))\s*")
_NOT_NAME = re.compile(r"@|://|www\.|\d|\.(?:com|org|net)\b", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[^\W\d_][\w.'’-]*$")
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


@cache
def _not_people() -> frozenset[str]:
    return frozenset(lines("metadata/not_people.txt"))


@cache
def _role_words() -> frozenset[str]:
    return frozenset(lines("metadata/role_words.txt"))


@cache
def _stop_words() -> frozenset[str]:
    """Words from which a byline part says when, not who: dates and "published"."""
    words = [word for name in ("times/weekdays.tsv", "times/months.tsv") for line in lines(name)
             for column in line.split("\t")[::2] for word in column.split()]  # fmt: skip
    return frozenset({fold(w) for w in words if fold(w)} | {"published", "updated", "posted"})


@cache
def _given_names() -> frozenset[str]:
    return frozenset(fold(name) for name in lines("given_names.txt"))


def fold(text: str) -> str:
    """Text compared loosely: casefolded, accents and punctuation gone, one space apart."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"\w+", text))


def authors_from(bylines: Iterable[str | None], outlets: Iterable[str | None] = ()) -> list[str]:
    """The distinct people named in `bylines`, in order, leaving out `outlets`."""
    outlet_names = [fold(o) for o in outlets if o]
    not_people = _not_people() | set(outlet_names)
    not_people |= {name.removeprefix("the ") for name in not_people}
    outlet_words = {word for name in outlet_names for word in name.split()}
    found: dict[str, str] = {}
    for byline in bylines:
        for name in _names(byline or "", not_people):
            if set(fold(name).split()) <= outlet_words:  # "Sputnik" of Sputnik International
                continue
            found.setdefault(fold(name), name)
    return list(found.values())


def _names(byline: str, not_people: frozenset[str] | set[str]) -> list[str]:
    byline = " ".join(_BY.sub("", byline.strip()).split())
    out: list[str] = []
    for part in _SPLIT.split(byline):
        part = part.strip(" .:-–—()[]\"'“”")
        if not part:
            continue
        if fold(part) in _SUFFIXES and out:  # "Jane Roe, Jr."
            out[-1] += f", {part}"
            continue
        name = _person(part, not_people)
        if name:
            out.append(name)
    return out


def _person(part: str, not_people: frozenset[str] | set[str]) -> str | None:
    part = _without_trailing(_before_a_date(part), not_people)
    if _NOT_NAME.search(part):
        return None
    folded = fold(part)
    if not folded or folded in not_people or folded.removeprefix("the ") in not_people:
        return None
    if set(folded.split()) & _role_words() or "admin" in folded:
        return None
    words = part.split()
    if not 1 <= len(words) <= 5 or not all(_NAME_WORD.match(w) for w in words):
        return None
    if len(words) == 1 and folded not in _given_names():  # a handle, a place, an acronym
        return None
    if part.isupper() or part.islower():  # JANE ROE → Jane Roe
        part = " ".join(w.capitalize() if not w.isupper() or len(w) > 2 else w.title()
                        for w in words)  # fmt: skip
    return part


def _before_a_date(part: str) -> str:
    """The part up to a word that starts a date or a time stamp ("Jane Roe Monday")."""
    words = part.split()
    stops = _stop_words()
    for index, word in enumerate(words):
        if index and fold(word) in stops:  # not the first: April Ryan is a name
            return " ".join(words[:index])
    return part


def _without_trailing(part: str, not_people: frozenset[str] | set[str]) -> str:
    """The part without an outlet or agency named after the name ("Eric Tucker
    Associated Press" → "Eric Tucker")."""
    words = part.split()
    for cut in range(1, len(words)):
        if fold(" ".join(words[cut:])) in not_people:
            return " ".join(words[:cut])
    return part
