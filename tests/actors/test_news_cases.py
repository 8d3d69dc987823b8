"""The actor errors seen on real news (issue 9), each on a short text written in its
image: a failure of the same kind, not a copy of the page."""

from __future__ import annotations

import pytest

from tidings import nlp
from tidings.actors import ActorIndex, resolve_actors
from tidings.record import Actor


@pytest.fixture(scope="module")
def resolve():
    model = nlp.load()

    def run(*paragraphs: str, published: str = "2019-11-20") -> ActorIndex:
        return resolve_actors(list(paragraphs), list(model.pipe(paragraphs)), published)

    return run


def at(index: ActorIndex, paragraph: int, text: str) -> Actor | None:
    start = index.docs[paragraph].text.index(text)
    return index.actor_for_span(paragraph, start, start + len(text))


def test_an_ambassador_belongs_to_the_country_that_sends_him(resolve) -> None:
    index = resolve(
        "Beijing’s ambassador to Canada Wang Lin has said that China will not stand by.",
        "Canada summoned the envoy on Monday. Canadian officials called the remarks a threat.",
    )
    envoy = at(index, 0, "Wang Lin")
    assert (envoy.kind, envoy.country, envoy.role) == ("person", "CHN", "GOV")


def test_an_official_who_testified_about_a_country_is_not_of_that_country(resolve) -> None:
    index = resolve(
        "WASHINGTON (AP) — Former National Security Council official Daniel Reyes told "
        "lawmakers on Tuesday that he heard the call about Ukraine.",
        "Ukraine had asked for the aid. Ukraine’s leaders waited for weeks, and Ukraine’s "
        "army went without, Reyes said.",
        "President Donald Trump denied that the aid to Ukraine was held back.",
    )
    reyes = at(index, 0, "Daniel Reyes")
    assert (reyes.country, reyes.role, reyes.org) == ("USA", "GOV", None)  # not UKR, MIL or UN


def test_a_son_does_not_take_his_fathers_title(resolve) -> None:
    index = resolve(
        "WASHINGTON (AP) — A State Department official told House investigators on Tuesday "
        "that the pressure campaign was real.",
        "The inquiry looked at the gas company on whose board Hunter Biden had a seat in Kyiv.",
        "Giuliani raised the theory that Vice President Biden had been influenced by money "
        "paid to his son in Ukraine.",
    )
    son = at(index, 1, "Hunter Biden")
    assert (son.country, son.role, son.description) == ("USA", None, None)
    father = at(index, 2, "Biden")
    assert (father.name, father.role) == ("Joe Biden", "GOV")


def test_an_envoy_run_into_a_place_is_a_person(resolve) -> None:
    index = resolve(
        "WASHINGTON — Another diplomat, former special envoy to Ukraine Kurt Volker, changed "
        "his account of the meeting. Volker told the committee he had been wrong."
    )
    volker = at(index, 0, "Kurt Volker")
    assert (volker.kind, volker.role, volker.country) == ("person", "GOV", "USA")
    assert at(index, 0, "Ukraine").kind == "country"


def test_police_named_by_their_country_keep_it_on_another_countrys_page(resolve) -> None:
    index = resolve(
        "YEREVAN — Iranian police detained two Armenian truck drivers near the border, "
        "Armenia’s foreign ministry said on Monday.",
        "Armenian officials said the drivers were released. Armenia asked for an explanation.",
    )
    police = at(index, 0, "Iranian police")
    assert (police.country, police.role) == ("IRN", "COP")
    ministry = at(index, 0, "Armenia’s foreign ministry")
    assert (ministry.country, ministry.role) == ("ARM", "GOV")


def test_a_village_is_the_country_it_lies_in(resolve) -> None:
    index = resolve(
        "Mark T. Halloran, 48, of Addison, a village southwest of Ithaca, pleaded guilty."
    )
    village = at(index, 0, "Addison")
    assert (village.kind, village.country) == ("country", "USA")


def test_a_name_does_not_run_on_into_the_clause_after_it(resolve) -> None:
    index = resolve(
        "His lawyer said in an email to The Associated Press that he never meant any harm."
    )
    outlet = at(index, 0, "The Associated Press")
    assert (outlet.name, outlet.role, outlet.kind) == ("AP", "MED", "organization")


def test_one_accused_man_is_one_actor(resolve) -> None:
    index = resolve(
        "Mark T. Halloran Jr., 48, was arrested in April after the call to the senator’s office.",
        "Halloran faces up to 10 years in prison. Halloran's lawyer said he would appeal.",
    )
    full, short = at(index, 0, "Mark T. Halloran Jr."), at(index, 1, "Halloran")
    assert full is short
    assert full.role == "CVL"  # arrested: a private individual


def test_regions_and_cities_have_their_country(resolve) -> None:
    index = resolve(
        "Fighting continued in Tigray on Sunday, while shelling hit Kherson overnight."
    )
    assert at(index, 0, "Tigray").country == "ETH"
    assert at(index, 0, "Kherson").country == "UKR"


def test_a_river_is_no_actor(resolve) -> None:
    index = resolve(
        "Floods along the Sava river forced hundreds from their homes in Serbia and Croatia.",
        "The Sava burst its banks near Belgrade on Tuesday.",
    )
    assert at(index, 1, "Sava") is None
    assert all(a.name != "Sava" for a in index.actors)


def test_a_city_is_the_one_its_state_names(resolve) -> None:
    index = resolve("He abused girls at his homes in Manhattan and Palm Beach, Florida.")
    assert at(index, 0, "Palm Beach").country == "USA"  # not the Australian Palm Beach


def test_a_home_country_for_those_the_article_gives_none(resolve) -> None:
    index = resolve(
        "SAN FRANCISCO (AP) — Interim BART Police Chief Ed Alvarez told reporters that "
        "officers arrested a man on a train.",
        "Employee Steve Castro said he fought with the man.",
    )
    assert at(index, 0, "Ed Alvarez").country == "USA"  # San Francisco is in the USA
    assert (at(index, 1, "Steve Castro").country, at(index, 1, "Steve Castro").role) == (
        "USA",
        "CVL",
    )


def test_what_a_title_and_a_description_say(resolve) -> None:
    index = resolve(
        "U.S. Defense Secretary Mark Esper met Jordanian Foreign Minister Ayman Safadi.",
        "Attorney General William Barr spoke to U.S. Rep. Ilhan Omar, D-Minn.",
        "Lt. Matt Harris, Columbus Police Department spokesman, confirmed the arrests.",
    )
    assert (at(index, 0, "Mark Esper").country, at(index, 0, "Mark Esper").role) == ("USA", "GOV")
    assert (at(index, 0, "Ayman Safadi").country, at(index, 0, "Ayman Safadi").role) == (
        "JOR",
        "GOV",
    )
    assert at(index, 1, "William Barr").role == "GOV"  # attorney general, not an attorney
    assert at(index, 1, "Ilhan Omar").role == "LEG"
    assert at(index, 2, "Matt Harris").role == "COP"  # the description beats the rank


def test_a_topic_country_is_not_a_persons_own(resolve) -> None:
    index = resolve(
        "WASHINGTON — Lawmakers questioned Lt. Col. Alexander Vindman, a Ukraine specialist "
        "on the National Security Council, and Derek Scissors, a China scholar with the "
        "American Enterprise Institute in Washington.",
        "Ukraine and China were not at the hearing, but U.S. officials were.",
    )
    vindman, scissors = at(index, 0, "Alexander Vindman"), at(index, 0, "Derek Scissors")
    assert (vindman.country, vindman.role) == ("USA", "MIL")
    assert (scissors.country, scissors.role) == ("USA", "NGO")


def test_organisations_say_their_role_in_their_names(resolve) -> None:
    index = resolve(
        "Pacific Gas & Electric Co. will cut power to 375,000 people, PG&E officials said.",
        "The Swedish Prosecution Authority and the U.S. Attorney’s Office for the Western "
        "District of New York declined to comment, as did the sheriff’s office.",
    )
    assert at(index, 0, "PG&E officials").role == "BUS"
    assert at(index, 1, "Swedish Prosecution Authority").role == "JUD"
    office = at(index, 1, "U.S. Attorney’s Office for the Western District of New York")
    assert (office.kind, office.country, office.role) == ("organization", "USA", "JUD")
    assert at(index, 1, "sheriff’s office").role == "COP"


def test_the_company_is_the_company_named_before(resolve) -> None:
    index = resolve(
        "The state attorney general is investigating Brightdesk, two people said.",
        "The company confirmed on Monday that it had been contacted.",
    )
    company = at(index, 1, "The company")
    assert company is at(index, 0, "Brightdesk")
    assert company.role == "BUS"


def test_what_a_clause_says_a_person_is(resolve) -> None:
    index = resolve(
        "The letter went to Kevin Marsh, who was the acting director of the Department of "
        "Homeland Security. Chad Wells has since been named acting secretary."
    )
    assert at(index, 0, "Kevin Marsh").role == "GOV"
    assert at(index, 0, "Chad Wells").role == "GOV"


def test_a_definite_description_names_the_person_just_named(resolve) -> None:
    index = resolve(
        "No one has more riding on the debate than Ellen Warwick, who stumbled last month.",
        "Expect the policy-minded senator to have a new plan this time.",
    )
    assert at(index, 1, "senator") is at(index, 0, "Ellen Warwick")
    assert at(index, 0, "Ellen Warwick").role == "LEG"


def test_what_only_a_company_has_makes_a_business(resolve) -> None:
    index = resolve("Brightdesk’s shares fell 4% on Monday after the report.")
    assert at(index, 0, "Brightdesk").role == "BUS"


def test_a_man_who_pleaded_guilty_is_a_private_individual(resolve) -> None:
    index = resolve("Mark Halloran pleaded guilty on Monday to threatening a senator.")
    assert at(index, 0, "Mark Halloran").role == "CVL"
