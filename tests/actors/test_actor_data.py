"""The actor data files: valid codes, no duplicate keys, countries.tsv up to date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pycountry
import pytest

from tidings.actors import gazetteer
from tidings.data import lines

NON_ISO = {"XKX"}  # user-assigned codes, see tools/build_actor_data.py
REPO = Path(__file__).resolve().parents[2]
CAMEO_ROLES = {"GOV", "MIL", "COP", "OPP", "JUD", "LEG", "MED", "CVL", "REB", "BUS", "NGO", "IGO"}

# file -> (column holding an alpha-3 code or "-", number of columns)
COUNTRY_COLUMNS = {
    "countries.tsv": (1, 3),
    "capitals.tsv": (1, 2),
    "demonyms.tsv": (1, 2),
    "seats.tsv": (1, 3),
    "media.tsv": (1, 3),
    "groups.tsv": (1, 4),
    "people.tsv": (1, 5),
}
ALL_FILES = [*COUNTRY_COLUMNS, "igos.tsv", "roles.tsv", "titles.tsv"]


def rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in lines(f"actors/{name}")]


@pytest.mark.parametrize("name", sorted(COUNTRY_COLUMNS))
def test_every_country_code_is_iso_alpha3(name: str) -> None:
    column, width = COUNTRY_COLUMNS[name]
    for row in rows(name):
        assert len(row) == width, row
        code = row[column]
        if code == "-" or code in NON_ISO:
            continue
        assert pycountry.countries.get(alpha_3=code) is not None, f"{name}: {row}"


def test_kosovo_has_the_code_international_bodies_use() -> None:
    assert ["Kosovo", "XKX", "Kosovo"] in rows("countries.tsv")


@pytest.mark.parametrize("name", ALL_FILES)
def test_no_duplicate_keys(name: str) -> None:
    keys = [row[0] if name != "roles.tsv" else row[0].lower() for row in rows(name)]
    duplicates = {k for k in keys if keys.count(k) > 1}
    assert not duplicates, f"{name}: {sorted(duplicates)}"


def test_roles_use_cameo_codes_kinds_and_flags() -> None:
    for phrase, role, kind, key, flags in rows("roles.tsv"):
        assert role == "-" or role in CAMEO_ROLES, phrase
        assert kind in ("person", "group", "organization"), phrase
        assert key, phrase
        options = set(flags.split(","))
        states = {o for o in options if o.startswith("state=")}
        assert options - states <= {"strong", "weak", "context"}, phrase
        assert all(o[6:] in CAMEO_ROLES for o in states), phrase
        assert ("strong" in flags) != ("weak" in flags), f"{phrase}: strong or weak"


def test_seats_and_groups_roles_are_cameo() -> None:
    for row in rows("seats.tsv"):
        assert row[2] in CAMEO_ROLES, row
    for row in rows("groups.tsv") + rows("people.tsv"):
        assert row[2] in CAMEO_ROLES, row


def test_titles_point_at_role_words() -> None:
    roles = {row[0].lower() for row in rows("roles.tsv")}
    for title, role_word, gender in rows("titles.tsv"):
        assert role_word == "-" or role_word in roles, title
        assert gender in ("m", "f", "-"), title


def test_igos_have_short_codes() -> None:
    codes = {row[1] for row in rows("igos.tsv")}
    for row in rows("igos.tsv"):
        assert len(row) in (2, 3), row
        assert len(row) == 2 or row[2] in codes, f"unknown parent: {row}"
    assert {"UN", "EU", "NATO", "G7", "G20", "AU", "ASEAN", "OPEC", "IMF", "WHO"} <= codes
    assert {"WB", "ICC", "OSCE", "INTERPOL"} <= codes


def test_newsworthy_countries_have_capitals_and_demonyms() -> None:
    capitals = {code for _, code in rows("capitals.tsv")}
    demonyms = {code for _, code in rows("demonyms.tsv")}
    assert len(capitals) >= 80
    assert len(demonyms) >= 80
    for code in ("RUS", "USA", "GBR", "FRA", "DEU", "CHN", "UKR", "IRN", "ISR", "TUR", "BRA"):
        assert code in capitals and code in demonyms, code


def test_gazetteer_knows_the_forms_news_uses() -> None:
    g = gazetteer.load()
    assert g.names["Russia’s".removesuffix("’s")].country == "RUS"
    assert g.names["Moscow"].country == "RUS" and g.names["Moscow"].kind == "capital"
    assert g.names["U.S."].country == "USA" and g.names["U.S."].kind == "country"
    assert g.names["American"].country == "USA"
    assert g.names["Britain"].country == "GBR"
    assert g.names["British"].kind == "demonym"
    assert g.names["Kremlin"].role == "GOV"
    assert g.names["Pentagon"].role == "MIL"
    assert g.names["NATO"].org == "NATO"
    # a body of the UN is its own actor, and its organisation is the UN
    assert (g.names["Security Council"].org, g.names["Security Council"].body) == ("UN", "UNSC")
    assert g.names["MONUSCO"].org == "UN"
    assert g.names["Interfax"].role == "MED"
    assert g.country_name("USA") == "United States"
    assert g.adjective_for("RUS") == "Russian"


def test_gazetteer_finds_whole_words_only() -> None:
    g = gazetteer.load()
    found = [(text, name.kind) for text, name in _find(g, "anti-Kremlin Moscow Omani Romania")]
    assert ("Moscow", "capital") in found
    assert ("Romania", "country") in found
    assert all(text != "Kremlin" for text, _ in found)  # after a hyphen: an attitude
    assert all(text != "Oman" for text, _ in found)  # inside a word


def _find(g: gazetteer.Gazetteer, text: str) -> list[tuple[str, gazetteer.Name]]:
    return [(text[s:e], name) for s, e, name in g.find(text)]


def test_countries_tsv_is_what_the_build_tool_writes() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "build_actor_data.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_places_tsv_is_what_the_build_tool_writes() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "build_places.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_places_give_the_country_of_cities_and_regions() -> None:
    assert gazetteer.place_country("Kherson") == "UKR"
    assert gazetteer.place_country("Tigray") == "ETH"  # ISO 3166-2 writes "Tigrai"
    assert gazetteer.place_country("Addison") == "USA"
    assert gazetteer.place_country("Virginia") == "USA"  # the state, not a smaller namesake
    assert gazetteer.place_country("Northern") is None  # a compass word, not a place
    assert gazetteer.place_country("Moscow") is None  # capitals.tsv knows it better


def test_place_codes_are_iso_alpha3() -> None:
    codes = {row[1] for row in rows("places.tsv")}
    assert all(pycountry.countries.get(alpha_3=code) for code in codes)


def test_org_words_say_roles_of_the_vocabulary() -> None:
    for word, role, where in rows("org_words.tsv"):
        assert role in CAMEO_ROLES and where in ("head", "head-of", "any"), word
    g = gazetteer.load()
    assert g.org_role("Swedish Prosecution Authority") == "JUD"  # "any" wins over the head
    assert g.org_role("U.S. Attorney’s Office for the Western District") == "JUD"
    assert g.org_role("British Foreign Office") == "GOV"
    assert g.org_role("Kohelet Policy Forum") == "NGO"
    assert g.org_role("National Assembly") == "LEG"
    assert g.org_role("Ministry of Health") == "GOV"  # the head word comes before "of"
    assert g.org_role("Burisma") is None


def test_org_words_name_federal_agencies_and_drug_squads() -> None:
    g = gazetteer.load()
    assert g.org_role("Bureau of Labor Statistics") == "GOV"  # a bureau of something
    assert g.org_role("Better Business Bureau") is None  # a bureau alone says nothing
    assert g.org_role("Customs and Border Protection") == "GOV"
    assert g.org_role("Citizenship and Immigration Services") == "GOV"
    assert g.org_role("Centers for Disease Control and Prevention") == "GOV"
    assert g.org_role("Regional Narcotics Task Force") == "COP"
