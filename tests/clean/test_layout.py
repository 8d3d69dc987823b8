from tidings.clean.layout import find_dateline, lay_out, mend_hyphen, repeats_body, section_labels


def test_title_sections_and_repeated_standfirst(damaged_text):
    layout = lay_out(damaged_text)
    assert layout.title == "Ministers agree to reopen border talks"
    assert layout.sections == ["World News", "Europe"]
    assert layout.standfirst is None  # it only repeated the first paragraph
    assert len(layout.paragraphs) == 2
    assert layout.paragraphs[0].startswith("Serbia and Kosovo agreed")
    kinds = {e.kind for e in layout.edits}
    assert {"boilerplate", "section_line", "duplicate"} <= kinds
    removed = [e.before for e in layout.edits if e.after == ""]
    assert "Share this on" in removed and "Leave a comment" in removed


def test_clean_article_paragraphs_come_out_unchanged(clean_text):
    layout = lay_out(clean_text)
    blocks = clean_text.strip().split("\n\n")
    assert layout.title == blocks[0]
    assert layout.paragraphs == blocks[1:]
    assert layout.edits == []


def test_byline_and_genuine_standfirst():
    text = (
        "Floods hit the north\n\n"
        "Thousands moved to shelters as rivers burst their banks\n\n"
        "By Jane Doe and Tom Roe\n\n"
        "LAGOS, Nigeria (Reuters) -- Floods forced 20,000 people from their homes.\n\n"
        "Rescue teams worked through the night.\n"
    )
    layout = lay_out(text)
    assert layout.standfirst == "Thousands moved to shelters as rivers burst their banks"
    assert layout.byline == "Jane Doe and Tom Roe"
    assert layout.dateline is not None and layout.dateline.place == "LAGOS, Nigeria"
    assert layout.paragraphs[0].startswith("LAGOS, Nigeria (Reuters) --")
    assert len(layout.paragraphs) == 2


def test_given_title_repeated_in_text_is_removed():
    layout = lay_out("Talks resume\n\nTalks resumed on Monday.", title="Talks resume")
    assert layout.title == "Talks resume"
    assert layout.paragraphs == ["Talks resumed on Monday."]
    assert layout.edits[0].kind == "duplicate"


def test_hard_wrapped_paragraphs_are_joined_and_hyphens_mended():
    text = (
        "Budget passes\n\n"
        "The parliament approved the budget on Friday after a long\n"
        "debate in which the opposition accused the ruling govern-\n"
        "ment of hiding a deficit that several auditors called well-\n"
        "known to everyone who had read the annual reports.\n\n"
        "The vote was 120 to 80, with eleven members of the house\n"
        "abstaining, the speaker said after the session.\n"
    )
    layout = lay_out(text)
    assert layout.paragraphs[0] == (
        "The parliament approved the budget on Friday after a long debate in which the "
        "opposition accused the ruling government of hiding a deficit that several auditors "
        "called well-known to everyone who had read the annual reports."
    )
    assert layout.paragraphs[1].startswith("The vote was 120 to 80, with eleven members")
    kinds = [e.kind for e in layout.edits]
    assert kinds.count("hyphenation") == 1 and kinds.count("line_wrap") == 2


def test_lists_and_tables_keep_their_lines():
    text = (
        "Gift ideas\n\nWhat to buy this year:\n\nbottled water\nbaby carrier\nsnack bars\n\n"
        "Pos. Driver Points\n1 Kyle Busch 5040\n2 Martin Truex Jr. 5035\n"
    )
    layout = lay_out(text)
    assert "baby carrier" in layout.paragraphs and "1 Kyle Busch 5040" in layout.paragraphs
    assert not [e for e in layout.edits if e.kind == "line_wrap"]


def test_one_paragraph_per_line_without_blank_lines():
    text = "Title here\nFirst paragraph ends here.\nSecond paragraph ends here.\n"
    assert lay_out(text).paragraphs == ["First paragraph ends here.", "Second paragraph ends here."]


def test_mojibake_is_repaired_with_an_encoding_edit():
    layout = lay_out("Title\n\nRussiaâ€™s role, he said: â€œno.â€ The daylightâ€ and more.")
    assert layout.paragraphs == ["Russia’s role, he said: “no.” The daylight” and more."]
    assert layout.edits[0].kind == "encoding"


def test_repeated_paragraph_is_dropped_once():
    para = "The ministry said the convoy reached the city before dawn on Saturday morning."
    layout = lay_out(f"T\n\n{para}\n\n{para}\n\nEnd of story here.")
    assert layout.paragraphs == [para, "End of story here."]


def test_section_labels():
    assert section_labels("Europe International International News") == [
        "Europe", "International", "International News"]  # fmt: skip
    assert section_labels("Home > World > Africa") == ["Home", "World", "Africa"]
    assert section_labels("Police detained protesters") == []
    assert section_labels("World leaders meet.") == []


def test_datelines():
    assert find_dateline("BELGRADE, Dec. 18 — Police").place == "BELGRADE"
    assert find_dateline("PORT SUDAN, Sudan (Reuters) -- The army").place == "PORT SUDAN, Sudan"
    assert find_dateline("NAIROBI (AP) — Kenya").place == "NAIROBI"
    assert find_dateline("Police said — nothing") is None


def test_repeats_body_tolerates_truncation_and_glued_words():
    body = ["Relations between Moscow and Washington have been at their lowest, with the two"
            " sides at odds over Russia’s role in Ukraine and more."]  # fmt: skip
    assert repeats_body("Relations between Moscow and Washington have been at their lowest, "
                        "with the two sides at oddsover Russia’s role in Ukraine/", body)  # fmt: skip
    assert not repeats_body("A different summary of what happened in the talks today", body)


def test_mend_hyphen():
    assert mend_hyphen("govern", "ment")
    assert not mend_hyphen("well", "known")
    assert not mend_hyphen("COVID", "19")


def test_furniture_wrapped_over_lines_is_removed_whole_and_splits_blocks():
    text = (
        "Aid arrives\n\n"
        "The convoy reached the town on Wednesday, officials said.\n"
        "Advertisement\n"
        "More trucks are expected next week, the agency said.\n\n"
        "Reporting by Khalid Osman in Port Sudan; Additional reporting by Emma\n"
        "Farrow in Geneva; Editing by Peter Lindqvist\n"
    )
    layout = lay_out(text)
    assert layout.paragraphs == [
        "The convoy reached the town on Wednesday, officials said.",
        "More trucks are expected next week, the agency said.",
    ]
    removed = [e.before for e in layout.edits if e.kind == "boilerplate"]
    assert removed[0] == "Advertisement"
    assert removed[1].startswith("Reporting by Khalid") and removed[1].endswith("Lindqvist")


def test_standfirst_without_final_punctuation_after_a_byline():
    text = (
        "Talks in Geneva\n\nBy Hannah Whitfield\n\n"
        "Envoys agree to meet again in October but make no progress\n\n"
        "GENEVA — Envoys met for the first time in years.\n\nThey will meet again.\n"
    )
    layout = lay_out(text)
    assert layout.standfirst == "Envoys agree to meet again in October but make no progress"
    assert layout.byline == "Hannah Whitfield"
    assert layout.paragraphs[0].startswith("GENEVA")


def test_updated_stamp_line_is_not_body():
    layout = lay_out("T\n\nUpdated 4:12 PM EAT, June 12, 2025\n\nNAIROBI (AP) — Body.\n\nMore.")
    assert layout.paragraphs == ["NAIROBI (AP) — Body.", "More."]
    assert layout.date_text == "Updated 4:12 PM EAT, June 12, 2025"


def test_page_date_line_gives_the_publication_date():
    from tidings.api import parse_text

    record = parse_text(
        "T\n\nUpdated 4:12 PM EAT, June 12, 2025\n\nNAIROBI (AP) — Body.", nlp=False
    )
    assert record.published == "2025-06-12"
    given = parse_text("T\n\nUpdated June 12, 2025\n\nBody text.", date="2025-06-13", nlp=False)
    assert given.published == "2025-06-12"  # the page's own date beats the default
    undated = parse_text("T\n\nBody text.", date="2025-06-13", nlp=False)
    assert undated.published == "2025-06-13"


def test_only_a_paragraph_doubled_in_place_is_dropped():
    para = "The ministry said the convoy reached the city before dawn on Saturday morning."
    other = "A spokesman declined to comment on the route the trucks had taken."
    lead = "Aid trucks entered the besieged city on Saturday, the United Nations said."
    layout = lay_out(f"T\n\n{lead}\n\n{para}\n\n{other}\n\n{para}")
    assert layout.paragraphs == [lead, para, other, para]  # a refrain the author chose


def test_a_single_line_is_the_text_not_a_title():
    """A document of one sentence (a wire sentence to code) keeps it as its body."""
    out = lay_out("Russian forces seized the town of Bakhmut on Sunday, the ministry said.\n")
    assert out.title == ""
    assert out.paragraphs == [
        "Russian forces seized the town of Bakhmut on Sunday, the ministry said."
    ]


LEAD = (
    "In a joint statement published Oct. 25, the Russian and Syrian defense ministries "
    "accused U.S. forces in southern Syria of controlling bandit formations and disrupting "
    "a United Nations plan."
)


def test_a_body_without_its_headline_keeps_its_lead_as_text():
    out = lay_out(LEAD + "\n\nThe Pentagon rejected these accusations as false.")
    assert out.title == ""
    assert out.paragraphs[0] == LEAD


def test_a_long_headline_without_a_full_stop_is_still_the_title():
    headline = ("Russia and Syria accuse U.S. forces in southern Syria of controlling bandit "
                "formations and disrupting a United Nations plan for the Rukban camp")
    out = lay_out(headline + "\n\n" + LEAD)
    assert out.title == headline
    assert out.paragraphs == [LEAD]
