"""Sentences that must produce no event."""

import pytest

NO_EVENT = [
    # background
    "Relations between Moscow and Washington have been at their lowest since the end of the Cold War.",
    "Putin has ruled Russia for more than two decades.",
    "Sanctions against Iran have been in place since 1979.",
    "The history of protests in Russia goes back centuries.",
    # without actors
    "Talks are possible someday.",
    "The summit will be held in a neutral country.",
    "It is unclear whether a meeting between the two leaders will ever take place.",
    "Whether China will agree to the deal depends on Washington.",
    "Analysts said whether Russia will attack Ukraine depends on the weather.",
    # opinion
    "Analysts believe the sanctions will hurt Russia's economy.",
    "Many experts think China could attack Taiwan within the decade.",
    "In my view, the West should impose tougher sanctions on Moscow.",
    "Observers say a deal between the two sides remains unlikely.",
    # called off: the meeting did not take place
    "The meeting between Putin and Biden in Geneva was cancelled.",
    "Talks between Russia and Ukraine were postponed.",
    # the reporter's formula: asking for one's own anonymity is no request
    "A Ukrainian official, who asked not to be identified, spoke from Kyiv.",
    "A Russian diplomat asked not to be named because the talks are private.",
    # no trigger
    "The price of wheat rose sharply after the announcement.",
    "Washington is about 7,800 kilometres from Moscow.",
]


@pytest.mark.parametrize("text", NO_EVENT)
def test_no_event(code, text):
    assert code(text) == []


def test_reported_obligation_is_a_request_not_an_opinion(code):
    events = code("Russia must withdraw its troops from Ukraine, France said.")
    assert [(e.type, e.modality) for e in events] == [("RETREAT", "requested")]


@pytest.mark.parametrize(
    "text",
    [
        "Russia beat Croatia on Monday.",  # a match: a country is beaten, no one is hurt
        "Third-quarter production beat forecasts.",
        "The space probe landed on Mars.",
        "The captain handed over the trophy to the mayor.",
        "A fallen tree blocked the road to the airport.",
        "A storm derailed a train in Poland.",
        "Voters in Ohio want change.",
        "The price of wheat dropped sharply on Monday.",
        "\"We talk about it all the time,\" the Russian president said.",
        "Speaking of the detained families, the Ukrainian minister said they were safe.",
        "Scientists in Germany investigated how long hibernation would affect a crew.",
        "Russian doctors warned that migrants are not the only people at risk of illness.",
        "Beijing wants to let supply and demand dictate deals.",
        "This lets you charge an iPhone while charging a MacBook Pro.",  # a device, not a suspect
    ],
)
def test_a_match_a_forecast_a_device_and_a_space_probe_are_no_events(code, text):
    assert code(text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Police beat the protesters outside parliament.", "ASSAULT"),
        ("Russian police beat him in custody, his lawyer said.", "ASSAULT"),
        ("Prosecutors charged three men with treason.", "ACCUSE"),
    ],
)
def test_a_beating_or_a_charge_of_people_is_still_coded(code, text, kind):
    assert kind in [e.type for e in code(text)]
