"""Constructions that need more than one clause: the two sides, earlier events named
again ("the charge", "the measures"), envoys from two countries, amounts and packages
of an event, mediated parties, sanctions lists, crowds, datelines."""

from tidings.record import Actor

from .conftest import WORDS, codes, country

MORE = {
    **WORDS,
    "Kigali": country("RWA", "Rwanda"),
    "Somalia": country("SOM", "Somalia"),
    "Sudan": country("SDN", "Sudan"),
    "the United Arab Emirates": country("ARE", "United Arab Emirates"),
    "the African Union": Actor(id="AU", name="African Union", kind="organization", org="AU"),
    "United Nations": Actor(id="UN", name="United Nations", kind="organization", org="UN"),
    "the army": Actor(id="SDNMIL", name="Sudanese army", kind="group", country="SDN", role="MIL"),
    "the RSF": Actor(
        id="RSF", name="Rapid Support Forces", kind="group", country="SDN", role="REB"
    ),
    "Belgrade": country("SRB", "Serbia"),
    "NAIROBI": country("KEN", "Kenya"),
    "Chinese companies": Actor(id="CHNBUS", name="Chinese companies", kind="group", country="CHN"),
}


def test_officials_from_two_countries_meet_each_other(triples):
    found = triples("Senior officials from the United States and China met in Geneva on Tuesday.")
    assert {("CONSULT", "USA", "CHN"), ("CONSULT", "CHN", "USA")} <= found


def test_coordinated_demonyms_on_envoys_are_each_a_side(triples):
    found = triples(
        "U.S. and Chinese officials met in Geneva on Tuesday.",
        words={**MORE, "U.S.": country("USA", "United States"), "Chinese": country("CHN", "China")},
    )
    assert {("CONSULT", "USA", "CHN"), ("CONSULT", "CHN", "USA")} <= found


def test_the_two_sides_are_the_latest_pair(triples):
    text = [
        "Russia accused Ukraine of shelling the plant.",
        "Senior officials from the United States and China met in Geneva on Tuesday.",
        "The two sides agreed to set up a joint committee.",
    ]
    found = triples(text)
    assert {("AGREE", "USA", "CHN"), ("AGREE", "CHN", "USA")} <= found
    assert not any(t == "AGREE" and "RUS" in (s, g) for t, s, g in found)


def test_the_two_sides_are_the_pair_the_article_named(triples):
    text = [
        "Senior officials from the United States and China met in Geneva on Tuesday.",
        "The two sides agreed to hold a second round of talks in October.",
    ]
    found = triples(text)
    assert {("AGREE", "USA", "CHN"), ("AGREE", "CHN", "USA")} <= found


def test_both_sides_are_the_pair_of_the_same_kind_of_event(code):
    text = [
        "Russia attacked Ukraine overnight.",
        "Germany accused France of stalling, and France accused Germany of bad faith.",
        "The European Union called on both sides to stop fighting.",
    ]
    events = [e for e in code(text, words=MORE) if e.paragraph == 2]
    requests = {(codes(e.source), codes(e.target)) for e in events if e.type == "REQUEST"}
    assert requests == {("EU", "RUS"), ("EU", "UKR")}
    # "to stop fighting" is no fighting
    assert all(e.modality == "negated" for e in events if e.type == "ASSAULT")


def test_both_sides_only_agree_with_each_other_on_cooperation(triples):
    text = ["Russia and Ukraine exchanged 146 prisoners of war.", "Both sides denied wrongdoing."]
    found = triples(text)
    assert {("COOPERATE", "RUS", "UKR"), ("COOPERATE", "UKR", "RUS")} <= found
    # each denied wrongdoing (a rejection needs no recipient), not the other's claims
    assert {(t, s, g) for t, s, g in found if t == "REJECT"} == {
        ("REJECT", "RUS", None),
        ("REJECT", "UKR", None),
    }


def test_an_accusation_the_accused_denies(code):
    events = code("Ukraine accused Russia of shelling the plant, an accusation Moscow denies.")
    found = {(e.type, codes(e.source), codes(e.target), e.modality) for e in events}
    assert ("ACCUSE", "UKR", "RUS", "asserted") in found
    assert ("REJECT", "RUS", "UKR", "asserted") in found


def test_a_charge_named_again_points_at_the_accuser(triples):
    text = ["Ukraine accused Russia of financing the scheme.", "Moscow rejects the charge."]
    assert ("REJECT", "RUS", "UKR") in triples(text)


def test_the_measures_are_the_earlier_sanctions(triples):
    text = [
        "The European Union imposed new sanctions on Russia on Tuesday.",
        "Russia condemned the measures and vowed to retaliate.",
    ]
    found = triples(text)
    assert ("ACCUSE", "RUS", "EU") in found
    assert ("THREATEN", "RUS", "EU") in found


def test_what_it_called_sanctions(triples):
    text = [
        "The United States imposed sanctions on Chinese companies.",
        "Beijing said it firmly opposed what it called illegal unilateral sanctions.",
    ]
    assert ("REJECT", "CHN", "USA") in triples(text, words=MORE)


def test_an_earlier_event_is_needed_for_a_target(code):
    events = code("Moscow rejects the charge.")
    assert [(e.type, codes(e.source), e.target) for e in events] == [("REJECT", "RUS", None)]
    # a rejection needs no recipient (the manual): without an earlier event, none is named
    assert [(e.type, codes(e.source), e.target) for e in code("Moscow rejects the idea.")] == [
        ("REJECT", "RUS", None)
    ]


def test_a_package_of_sanctions(code):
    events = code("The European Union approved a new package of sanctions against Russia.")
    assert [(e.type, codes(e.source), codes(e.target)) for e in events] == [
        ("SANCTION", "EU", "RUS")
    ]


def test_an_amount_in_aid(triples):
    text = "The European Union pledged 120 million euros in emergency aid for Somalia."
    assert ("AID", "EU", "SOM") in triples(text, words=MORE)


def test_a_mediated_swap_is_mediation_between_the_parties(triples):
    text = "Russia and Ukraine exchanged prisoners in a swap mediated by the United Arab Emirates."
    found = triples(text, words=MORE)
    assert {("CONSULT", "ARE", "RUS"), ("CONSULT", "ARE", "UKR")} <= found


def test_mediated_negotiations_are_between_the_article_s_pair(triples):
    text = [
        "The war between the army and the RSF has driven millions from their homes.",
        "Access was agreed after negotiations mediated by the African Union.",
    ]
    found = triples(text, words=MORE)
    assert {("CONSULT", "AU", "SDN")} <= found


def test_added_to_the_sanctions_list_continues_the_sanctions(triples):
    text = [
        "The United States imposed sanctions on Chinese companies on Tuesday.",
        "The companies, along with two Russian importers, were added to the sanctions list.",
    ]
    assert ("SANCTION", "USA", "RUS") in triples(text, words=MORE)


def test_a_list_that_is_no_sanctions_list(code):
    assert code("Russia was added to the list of host countries.") == []


def test_a_crowd_gathering_is_a_protest_leaders_gathering_is_not(code):
    protest = code("Thousands of supporters gathered outside parliament in Belgrade.", words=MORE)
    assert [(e.type, codes(e.source)) for e in protest] == [("PROTEST", "SRB")]
    assert code("World leaders gathered in Brussels for a summit on Ukraine.") == []


def test_students_blocking_a_bridge_protest_an_army_blocking_a_road_does_not(code):
    events = code("Thousands of students blocked a bridge in Belgrade.", words=MORE)
    assert [(e.type, e.mode) for e in events] == [("PROTEST", "obstruct")]
    assert code("The Russian army blocked the road to the border.") == []


def test_pushing_back_demonstrators(triples):
    found = triples("Belarusian police used tear gas to push back demonstrators in Minsk.")
    assert ("COERCE", "BLR", "BLR") in found


def test_a_dateline_is_no_actor(code):
    events = code("NAIROBI (AP) — Russia rejected the proposal of Ukraine.", words=MORE)
    assert {(codes(e.source), codes(e.target)) for e in events} == {("RUS", "UKR")}


def test_aid_without_a_recipient_goes_to_the_country_of_the_story(triples):
    text = [
        "Sudan's army and the RSF have fought since April in Sudan.",
        "Hunger is spreading in Sudan, aid workers in Sudan said.",
        "A convoy reached the town on Wednesday, the first United Nations aid in months.",
    ]
    assert ("AID", "UN", "SDN") in triples(text, words=MORE)


def test_a_warning_of_what_the_source_itself_will_do_is_a_threat(code):
    events = code(
        "President Putin warned that the state would not allow the protests to continue.",
        words=MORE,
    )
    assert [(e.type, codes(e.source), e.target) for e in events] == [("THREATEN", "RUS", None)]
    assert code("Economists warned that inflation would rise.") == []


def test_a_threat_aimed_at_the_subject_of_an_if_clause(code):
    events = code("Moscow warned of serious consequences if Finland joined NATO.")
    found = [(e.type, codes(e.source), codes(e.target), e.modality) for e in events]
    assert ("THREATEN", "RUS", "FIN", "asserted") in found


def test_a_country_s_own_vote_stands_for_the_country(triples):
    text = [
        "Russia held a presidential election on Sunday, and Russia counted the votes.",
        "Russian opposition leaders rejected the result of the vote.",
    ]
    words = {
        **MORE,
        "Russian opposition leaders": Actor(
            id="RUSOPP", name="Russian opposition", kind="group", country="RUS", role="OPP"
        ),
    }
    assert ("REJECT", "RUS", "RUS") in triples(text, words=words)
    # a foreign source's view of the vote has no target
    assert not any(
        t == "REJECT" and target is not None
        for t, _, target in triples(
            [
                "Russia held a presidential election on Sunday, Russia said.",
                "France rejected the result of the vote.",
            ]
        )
    )


def test_pulled_out_of_a_country(triples):
    assert ("RETREAT", "TUR", "IRQ") in triples(
        "Turkey pulled its troops out of northern Iraq last year.",
        words={**MORE, "Turkey": country("TUR", "Turkey"), "Iraq": country("IRQ", "Iraq")},
    )


def test_a_place_named_by_its_country_s_region(triples):
    found = triples("Ukrainian drones attacked an oil refinery in Russia's Samara region.")
    assert ("ASSAULT", "UKR", "RUS") in found


def test_hundreds_of_a_people(triples):
    words = {**MORE, "Turkey": country("TUR", "Turkey"), "Syrian": country("SYR", "Syria")}
    found = triples("Turkey deported hundreds of Syrian refugees.", words=words)
    assert ("COERCE", "TUR", "SYR") in found


def test_civilians_are_of_the_place_named(triples):
    words = {
        **MORE,
        "Saudi": country("SAU", "Saudi Arabia"),
        "Yemen": country("YEM", "Yemen"),
        "civilians": Actor(id="SAUCVL", name="civilians", kind="group", country="SAU", role="CVL"),
    }
    found = triples("Saudi air strikes killed dozens of civilians in Yemen.", words=words)
    assert ("ASSAULT", "SAU", "YEM") in found


def test_denying_accusations_is_a_rejection_even_without_the_accuser(code):
    events = code("China denied accusations that it supplied weapons to Russia.")
    assert {(e.type, codes(e.source), codes(e.target)) for e in events} == {("REJECT", "CHN", None)}
    passive = code("The peace plan was rejected by Kyiv.")
    assert [(e.type, codes(e.source)) for e in passive] == [("REJECT", "UKR")]


def test_an_inherited_subject_that_would_accuse_itself_gives_way(triples):
    words = {
        **MORE,
        "Manila": country("PHL", "Philippines"),
        "the Philippine vessel": country("PHL", "Philippines"),
    }
    text = "Beijing said the Philippine vessel had intruded into its waters and accused Manila of provocation."
    found = triples(text, words=words)
    assert ("ACCUSE", "CHN", "PHL") in found
    assert ("ACCUSE", "PHL", "PHL") not in found


def test_summoning_an_ambassador_and_lodging_a_protest_are_complaints(code):
    events = code(
        "Japan summoned the Chinese ambassador and lodged a protest with Beijing.",
        words={
            **MORE,
            "Japan": country("JPN", "Japan"),
            "the Chinese ambassador": country("CHN", "China"),
        },
    )
    assert {(e.type, codes(e.source), codes(e.target)) for e in events} == {
        ("ACCUSE", "JPN", "CHN")
    }
    joined = code("Thousands joined a protest in Belgrade.", words=MORE)
    assert [e.type for e in joined] == ["PROTEST"]


def test_the_two_countries_are_the_pair_the_article_is_about(triples):
    text = [
        "Chinese vessels fired water cannon at a Philippine boat, Manila said.",
        "Beijing accused Manila of provocation, and Manila accused Beijing of aggression.",
        "Japan and Australia expressed concern.",
        "The two countries agreed last year to set up a hotline.",
    ]
    words = {
        **MORE,
        "Manila": country("PHL", "Philippines"),
        "Philippine": country("PHL", "Philippines"),
        "Chinese": country("CHN", "China"),
        "Japan": country("JPN", "Japan"),
        "Australia": country("AUS", "Australia"),
    }
    found = {t for t in triples(text, words=words) if t[0] == "AGREE"}
    assert found == {("AGREE", "CHN", "PHL"), ("AGREE", "PHL", "CHN")}


def test_export_controls_and_tariffs_then_the_move_and_the_restrictions(triples):
    text = [
        "The United States announced new export controls on China.",
        "Beijing said it firmly opposed the move.",
        'Beijing called the restrictions "technological hegemony".',
        "The United States imposed tariffs on China in 2018.",
    ]
    found = triples(text)
    assert ("SANCTION", "USA", "CHN") in found
    assert ("REJECT", "CHN", "USA") in found
    assert ("ACCUSE", "CHN", "USA") in found
    assert ("SANCTION", "CHN", "USA") not in found  # "called the restrictions …" is a judgement


def test_a_dateline_subject_gives_way_to_its_apposition(triples):
    words = {
        **MORE,
        "PARIS": country("FRA", "France"),
        "court": Actor(id="FRAJUD", name="French court", kind="group", country="FRA", role="JUD"),
    }
    text = "PARIS (AFP) – A Paris court on Wednesday sentenced Navalny to three years in prison."
    assert ("COERCE", "FRA", "RUS") in triples(text, words=words)
