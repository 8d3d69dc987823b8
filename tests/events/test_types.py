"""One or more sentences per PLOVER type, coded with the fake word index."""

import pytest

from tidings.events import PLOVER_TYPES
from tidings.record import Actor

CASES = [
    ("Iran signed a cooperation agreement with China on Saturday.", ("AGREE", "IRN", "CHN")),
    ("Serbia accepted a Kosovo proposal to reopen the border.", ("AGREE", "SRB", "XKX")),
    ("Putin met Biden in Geneva on Wednesday.", ("CONSULT", "RUS", "USA")),
    ("China and the United States held talks in Geneva.", ("CONSULT", "CHN", "USA")),
    ("China and the United States held talks in Geneva.", ("CONSULT", "USA", "CHN")),
    ("Washington backed Kyiv's bid to join NATO.", ("SUPPORT", "USA", "UKR")),
    ("Germany praised Poland for taking in refugees.", ("SUPPORT", "DEU", "POL")),
    ("Belarus conceded to Polish demands and reopened the crossing.", ("CONCEDE", "BLR", "POL")),
    ("Serbia apologised to Kosovo for the incident.", ("CONCEDE", "SRB", "XKX")),
    ("India cooperated with Japan on maritime security.", ("COOPERATE", "IND", "JPN")),
    ("Britain handed over intelligence to France.", ("COOPERATE", "GBR", "FRA")),
    ("Iran test-fired a new missile on Sunday.", ("MOBILIZE", "IRN", None)),
    # the manual: cooperation told as intended is AGREE
    ("India will cooperate with Japan on maritime security.", ("AGREE", "IND", "JPN")),
    ("Japan sent humanitarian aid to Turkey after the earthquake.", ("AID", "JPN", "TUR")),
    ("Germany provided Ukraine with air defence systems.", ("AID", "DEU", "UKR")),
    ("Germany will provide Ukraine with air defence systems.", ("AGREE", "DEU", "UKR")),
    ("Russia withdrew its troops from Ukraine.", ("RETREAT", "RUS", "UKR")),
    ("Washington lifted sanctions on Iran.", ("RETREAT", "USA", "IRN")),
    ("Germany urged China to use its influence.", ("REQUEST", "DEU", "CHN")),
    ("Poland demanded reparations from Germany.", ("REQUEST", "POL", "DEU")),
    ("China pressured Taiwan to withdraw its ships.", ("REQUEST", "CHN", "TWN")),
    ("Washington wants Britain to extradite the suspect.", ("REQUEST", "USA", "GBR")),
    ("Ukraine accused Russia of shelling the nuclear plant.", ("ACCUSE", "UKR", "RUS")),
    ("Germany voiced concern over Poland's new judicial law.", ("ACCUSE", "DEU", "POL")),
    ("Germany expressed outrage over Poland's new judicial law.", ("ACCUSE", "DEU", "POL")),
    ("Kosovo filed a suit against Serbia at the court.", ("ACCUSE", "XKX", "SRB")),
    ("Poland drew a mix of criticism and ridicule from France.", ("ACCUSE", "FRA", "POL")),
    ("Poland opened an inquiry into Belarusian police.", ("ACCUSE", "POL", "BLR")),
    ("Serbia launched a probe into Kosovo's border guards.", ("ACCUSE", "SRB", "XKX")),
    ("Beijing condemned the U.S. decision to send warships.", ("ACCUSE", "CHN", "USA")),
    ("Russia rejected a U.S. proposal for a prisoner exchange.", ("REJECT", "RUS", "USA")),
    ("Kyiv rebuffed Moscow's offer of talks.", ("REJECT", "UKR", "RUS")),
    ("Turkey blocked the NATO aid package.", ("REJECT", "TUR", "NATO")),
    ("Turkey blocked Ukraine from joining NATO.", ("REJECT", "TUR", "UKR")),
    # agreeing to what the other side demanded is yielding to it
    ("Serbia agreed to Kosovo's demands to reopen the border.", ("CONCEDE", "SRB", "XKX")),
    ("Poland derailed the talks with Ukraine.", ("REJECT", "POL", "UKR")),
    ("Beijing balked at Washington's demand for farm purchases.", ("REJECT", "CHN", "USA")),
    ("China threatened Taiwan with economic retaliation.", ("THREATEN", "CHN", "TWN")),
    ("Iran issued an ultimatum to Israel.", ("THREATEN", "IRN", "ISR")),
    (
        "Thousands of people protested in Minsk against the election result.",
        ("PROTEST", "BLR", None),
    ),
    ("The European Union imposed new sanctions on Iran.", ("SANCTION", "EU", "IRN")),
    ("Moscow expelled ten Polish diplomats.", ("SANCTION", "RUS", "POL")),
    ("Russia has massed troops near the Ukrainian border.", ("MOBILIZE", "RUS", "UKR")),
    ("Belarusian police detained dozens of protesters in Minsk.", ("COERCE", "BLR", "BLR")),
    ("Russia annexed Crimea from Ukraine in 2014.", ("COERCE", "RUS", None)),
    ("Israeli warplanes bombed targets in Lebanon overnight.", ("ASSAULT", "ISR", "LBN")),
    ("Russia invaded Ukraine in February.", ("ASSAULT", "RUS", "UKR")),
    ("Russian troops wounded three Ukrainian soldiers.", ("ASSAULT", "RUS", "UKR")),
    ("Iran executed two Israeli nationals.", ("ASSAULT", "IRN", "ISR")),
    ("Islamist militants beheaded a Ukrainian teacher.", ("ASSAULT", None, "UKR")),
    ("A mob lynched two Israeli tourists.", ("ASSAULT", None, "ISR")),
    ("Poland cut diplomatic ties with Belarus.", ("SANCTION", "POL", "BLR")),
    ("Japan partnered with India on maritime security.", ("COOPERATE", "JPN", "IND")),
    ("Russia turned down the U.S. proposal for a prisoner exchange.", ("REJECT", "RUS", "USA")),
    ("Putin faced a corruption probe.", ("ACCUSE", None, "RUS")),
    ("Poland reopened the investigation into Belarusian police.", ("ACCUSE", "POL", "BLR")),
    ("Germany is looking into Russian interference in the election.", ("ACCUSE", "DEU", "RUS")),
    ("The Ukrainian base came under attack from Russia.", ("ASSAULT", "RUS", "UKR")),
    ("Israeli settlers set fire to a Palestinian school in Lebanon.", ("ASSAULT", "ISR", "LBN")),
    ("Iran walked out of the talks with the United States.", ("REJECT", "IRN", "USA")),
    ("Russia handed back 50 Ukrainian prisoners.", ("RETREAT", "RUS", "UKR")),
    ("Russia put the Ukrainian activist under house arrest.", ("COERCE", "RUS", "UKR")),
    ("France threw its weight behind Germany's candidate.", ("SUPPORT", "FRA", "DEU")),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentence_codes_expected_event(triples, text, expected):
    assert expected in triples(text)


def test_looking_into_a_thing_is_no_investigation(triples):
    assert triples("Putin looked into the camera.") == set()


@pytest.mark.parametrize(
    "text",
    ["Iran executed its plan to enrich uranium.", "The wounded pride of France."],
)
def test_execute_and_wound_need_people(triples, text):
    assert not {t for t, _, _ in triples(text)} & {"ASSAULT"}


def test_every_plover_type_is_exercised():
    assert {t for _, (t, _, _) in CASES} == set(PLOVER_TYPES)


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Belarusian police detained dozens of protesters in Minsk.", "arrest"),
        ("Thousands of people demonstrated in Minsk.", "demo"),
        ("Israeli warplanes bombed targets in Lebanon overnight.", "aerial"),
        ("Putin visited Beijing on Monday.", "visit"),
        ("Russia released two Ukrainian soldiers.", "release"),
    ],
)
def test_mode_comes_from_the_pattern(code, text, mode):
    assert mode in {e.mode for e in code(text)}


def test_intensity_sign_follows_cooperation_and_conflict(code):
    [help_] = code("Japan sent humanitarian aid to Turkey.")
    [attack] = code("Russia invaded Ukraine in February.")
    assert 0 < help_.intensity <= 10
    assert -10 <= attack.intensity < 0


@pytest.mark.parametrize(
    ("text", "kind", "mode"),
    [
        ("Thousands of workers went on strike in Kyiv.", "PROTEST", "strike"),
        ("Belarusian police took the two journalists into custody.", "COERCE", "arrest"),
        ("Prosecutors dropped the charges against the activist.", "CONCEDE", None),
        ("Nor has Beijing's backtracking on the law cooled the protests.", "CONCEDE", None),
        ("France gave its complete endorsement to Kyiv on Monday.", "SUPPORT", None),
        ("The Polish foreign minister resigned on Monday.", "RETREAT", "resign"),
        ("The release of the soldiers by Russia was a surprise.", "RETREAT", "release"),
        # the manual: tear gas and water cannon are ASSAULT crowd-control, live rounds firearms
        ("Belarusian police fired tear gas at protesters in Minsk.", "ASSAULT", "crowd-control"),
        ("Belarusian police used water cannon against the crowd.", "ASSAULT", "crowd-control"),
        ("Belarusian police used live ammunition against protesters.", "ASSAULT", "firearms"),
        ("Belarusian snipers shot into crowds of protesters in Minsk.", "ASSAULT", "firearms"),
        # people kept from somewhere are restricted; a state kept from a bloc is rejected
        ("Belarusian police blocked the protesters from entering the square.", "COERCE",
         "restrict"),  # fmt: skip
    ],
)
def test_everyday_phrasings_of_an_event(code, text, kind, mode):
    assert (kind, mode) in [(e.type, e.mode) for e in code(text)]


def test_unnamed_victims_stand_for_the_country_where_it_happened(triples):
    # the manual's coders code unnamed civilians by their country: the place named
    assert ("ASSAULT", None, "UKR") in triples("A man was stabbed to death in Kyiv.")
    assert ("COERCE", None, "BLR") in triples("Two women were arrested in Minsk.")
    assert ("RETREAT", None, "UKR") in triples("Two hostages were released in Kyiv on Tuesday.")


def test_an_unnamed_thing_is_no_victim(code):
    assert code("A car was destroyed in Kyiv.") == []  # "destroy" is a trigger; a car no victim


def test_an_agreement_told_as_not_made_is_a_rejection(code):
    (event,) = code("Israel did not accept Egypt's ceasefire proposal.", words={
        "Israel": Actor(id="ISR", name="Israel", kind="country", country="ISR"),
        "Egypt": Actor(id="EGY", name="Egypt", kind="country", country="EGY")})
    assert (event.type, event.modality, event.target.id) == ("REJECT", "asserted", "EGY")


def test_other_events_told_as_not_done_stay_negated(code):
    (event,) = code("Russia did not attack Ukraine.")
    assert (event.type, event.modality) == ("ASSAULT", "negated")


def test_a_plea_of_not_guilty_is_a_rejection(code):
    # "not" hangs on "guilty", the dependent that completes the trigger "plead guilty"
    words = {"Navalny": Actor(id="N", name="Alexei Navalny", kind="person", country="RUS")}
    [plea] = code("Navalny pleaded not guilty on Tuesday.", words=words)
    [guilty] = code("Navalny pleaded guilty on Tuesday.", words=words)
    assert (plea.type, plea.modality) == ("REJECT", "asserted")
    assert (guilty.type, guilty.modality) == ("CONCEDE", "asserted")


def test_a_phrase_of_ours_outranks_the_dictionary_veto_of_its_verb(code):
    # PETRARCH2 vetoes "plead … court" (an appeal to a court); "plead guilty" holds
    words = {"Navalny": Actor(id="N", name="Alexei Navalny", kind="person", country="RUS")}
    events = code("Navalny pleaded guilty to fraud in a Moscow court.", words=words)
    assert [(e.type, e.source.id) for e in events] == [("CONCEDE", "N")]
