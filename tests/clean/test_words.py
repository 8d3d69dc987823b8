"""Word-level repairs: glued words, doubled letters, missing spaces (tidings.clean.words)."""

from __future__ import annotations

from collections import Counter

import pytest

from tidings.clean.words import (
    Fix,
    abbreviations,
    apply_fixes,
    article_vocabulary,
    function_words,
    repair_words,
    zipf,
)

# A paragraph of ordinary English around the word under test: repairs only
# happen in text that reads as English.
LEAD = "The minister said on Sunday that the talks with the other side were going well, and "
TAIL = " was part of the plan for the rest of the year."


def repaired(word: str, vocabulary: Counter[str] | None = None) -> str:
    """The repaired form of `word` inside an ordinary English paragraph."""
    text = LEAD + word + TAIL
    out, fixes = repair_words(text, vocabulary)
    assert apply_fixes(text, fixes) == out
    assert out.startswith(LEAD) and out.endswith(TAIL), out
    return out[len(LEAD) : len(out) - len(TAIL)]


def check_fixes(text: str, out: str, fixes: list[Fix]) -> None:
    """Fixes are sorted, disjoint, located at their start, and replay to `out`."""
    end = 0
    for fix in fixes:
        assert fix.kind in {"glued_words", "doubled_letter", "spacing"}
        assert fix.start >= end
        assert text[fix.start : fix.start + len(fix.before)] == fix.before
        assert fix.before != fix.after and fix.reason
        end = fix.start + len(fix.before)
    assert apply_fixes(text, fixes) == out


# --------------------------------------------------------------------------
# Glued words


@pytest.mark.parametrize(
    ("glued", "words"),
    [
        ("adialogue", "a dialogue"),
        ("oddsover", "odds over"),
        ("usedagainst", "used against"),
        ("tobreak", "to break"),
        ("outnumberedby", "outnumbered by"),
        ("incondemning", "in condemning"),
        ("inthe", "in the"),
        ("willdisplay", "will display"),
    ],
)
def test_lowercase_glued_words_are_split(glued: str, words: str) -> None:
    assert repaired(glued) == words


@pytest.mark.parametrize(
    ("glued", "words"),
    [
        ("byInterfax", "by Interfax"),
        ("theUnited", "the United"),
        ("inU.S.", "in U.S."),
        ("theEU", "the EU"),
    ],
)
def test_function_word_glued_to_a_capitalised_word_is_split(glued: str, words: str) -> None:
    assert repaired(glued) == words


def test_glued_word_keeps_its_punctuation_and_possessive() -> None:
    assert repaired("(usedagainst)") == "(used against)"
    assert repaired("theministry’s") == "the ministry’s"
    assert repaired("Russia’srole") == "Russia’s role"


def test_capitalised_glue_at_the_start_of_a_sentence() -> None:
    out, fixes = repair_words("Thedialogue began on Sunday. Inthe end, it was the same.")
    assert out == "The dialogue began on Sunday. In the end, it was the same."
    assert [fix.kind for fix in fixes] == ["glued_words", "glued_words"]


def test_three_glued_words() -> None:
    assert repaired("twosinglesand") == "two singles and"


def test_glue_at_the_end_of_a_hyphenated_word() -> None:
    assert repaired("five-yearextension") == "five-year extension"


@pytest.mark.parametrize(
    ("glued", "words"),
    [
        ("Idon’t", "I don’t"),
        ("there’sa", "there’s a"),
        ("NASA’sOffice", "NASA’s Office"),
        ("andate", "and ate"),  # not "an date"
        ("slightlyless", "slightly less"),
    ],
)
def test_glues_around_apostrophes_and_grammar(glued: str, words: str) -> None:
    assert repaired(glued) == words


def test_a_name_of_the_article_glued_to_a_function_word() -> None:
    vocabulary = article_vocabulary(["Navalny was detained.", LEAD + "Navalnyand" + TAIL])
    assert repaired("Navalnyand", vocabulary) == "Navalny and"
    # without the article's word for it, an unknown capitalised token stays
    assert repaired("Navalnyand") == "Navalnyand"


def test_words_the_article_writes_side_by_side_are_split() -> None:
    vocabulary = article_vocabulary(
        ["It began with the Big Bang. The air quality was poor.", LEAD + "x" + TAIL]
    )
    assert repaired("BigBang", vocabulary) == "Big Bang"
    assert repaired("airquality", vocabulary) == "air quality"
    # without the pair in the article, a camel-case name stays
    assert repaired("BigBang") == "BigBang"


def test_article_vocabulary_counts_pairs_of_words() -> None:
    vocabulary = article_vocabulary(
        ["The Supreme Court’s ruling. Then U.S. officials, it’s fine; fair quality."]
    )
    assert vocabulary.pair("supreme", "court") == 1  # a possessive may follow
    assert vocabulary.pair("ruling", "then") == 0  # a sentence ends between them
    assert vocabulary.pair("s", "fine") == 0
    assert vocabulary.pair("air", "quality") == 0  # whole words only
    assert vocabulary.pair("fair", "quality") == 1
    assert vocabulary["Court’s"] == 1


def test_the_article_vocabulary_copies_and_pickles() -> None:
    import pickle

    vocabulary = article_vocabulary(["Protests in Hong Kong went on."])
    for copy in (vocabulary.copy(), pickle.loads(pickle.dumps(vocabulary))):
        assert copy == vocabulary
        assert copy.pair("hong", "kong") == 1


def test_a_pair_of_function_words_is_no_evidence() -> None:
    vocabulary = article_vocabulary(["She lives in a small town.", LEAD + "x" + TAIL])
    assert repaired("Ina", vocabulary) == "Ina"


@pytest.mark.parametrize(
    ("glued", "words"),
    [
        ("MarcBenioff", "Marc Benioff"),
        ("DylanNelson", "Dylan Nelson"),
        ("PresidentDonald", "President Donald"),
        ("GeneralMotors", "General Motors"),
        ("SupremeCourt", "Supreme Court"),
        ("HopkinsUniversity", "Hopkins University"),
        ("ElectoralCommission", "Electoral Commission"),
    ],
)
def test_a_given_name_a_title_or_the_end_of_a_name_glued(glued: str, words: str) -> None:
    assert repaired(glued) == words


@pytest.mark.parametrize(
    "name",
    ["SunExpress", "StackAdapt", "GoBank", "LiveNation", "AppleSkin", "SmartThermostat"]
    + ["TaskRabbit", "KeyBank", "ParkMobile", "WoodSpring", "JetBlue", "SoftBank"],
)
def test_brands_in_camel_case_are_not_split(name: str) -> None:
    assert repaired(name) == name


@pytest.mark.parametrize(
    ("glued", "words"),
    [
        ("Unionstressed", "Union stressed"),
        ("Londonbelonging", "London belonging"),
        ("Octoberonward", "October onward"),
        ("Wednesdaynight", "Wednesday night"),
        ("Chinesecounterpart", "Chinese counterpart"),
        ("Westernintelligence", "Western intelligence"),
    ],
)
def test_a_capitalised_word_glued_to_a_verb_form(glued: str, words: str) -> None:
    assert repaired(glued) == words


@pytest.mark.parametrize(
    ("glued", "words"),
    [
        ("Preventionsaid", "Prevention said"),
        ("Limitedseating", "Limited seating"),
        ("Danglingropes", "Dangling ropes"),
    ],
)
def test_a_capitalised_word_before_speech_or_after_a_participle(glued: str, words: str) -> None:
    assert repaired(glued) == words


@pytest.mark.parametrize(
    ("glued", "words"),
    [
        ("ofdiplomacyledby", "of diplomacy led by"),
        ("thebordercheckpoint", "the border checkpoint"),
        ("wassomehowtucked", "was somehow tucked"),
        ("Americanfarmers", "American farmers"),
    ],
)
def test_function_words_peeled_off_longer_glues(glued: str, words: str) -> None:
    assert repaired(glued) == words


def test_a_capitalised_glue_opening_a_sentence() -> None:
    out, _ = repair_words(LEAD + "they came. Danglingropes require a pull.")
    assert out.endswith("they came. Dangling ropes require a pull.")


@pytest.mark.parametrize("word", ["incubaction", "overthinker", "inefficacy", "Americana"])
def test_words_that_start_with_a_function_word_stay(word: str) -> None:
    assert repaired(word) == word


@pytest.mark.parametrize(
    ("glued", "words"),
    [
        ("ChristopherD.", "Christopher D."),
        ("JayZ", "Jay Z"),
        ("isapractice", "is a practice"),
        ("15-inchMacBook", "15-inch MacBook"),
        ("2016MacBook", "2016 MacBook"),
    ],
)
def test_names_initials_and_numbers_glued(glued: str, words: str) -> None:
    assert repaired(glued) == words


def test_a_number_glued_to_a_name_of_the_article() -> None:
    vocabulary = article_vocabulary(["The Sentra sells well.", LEAD + "2020Sentra" + TAIL])
    assert repaired("2020Sentra", vocabulary) == "2020 Sentra"
    assert repaired("2020Sentra") == "2020Sentra"


@pytest.mark.parametrize("word", ["McD", "LeBron", "10km", "A330neo", "iPhone11"])
def test_names_and_numbers_that_stay(word: str) -> None:
    assert repaired(word) == word


@pytest.mark.parametrize(
    ("glued", "words"),
    [
        ("NewYork", "New York"),
        ("SanFrancisco", "San Francisco"),
        ("UnitedArabEmirates", "United Arab Emirates"),
        ("UnitedArab", "United Arab"),
        ("PrimeMinister", "Prime Minister"),
    ],
)
def test_names_of_several_words_glued(glued: str, words: str) -> None:
    assert repaired(glued) == words


@pytest.mark.parametrize("name", ["WestJet", "SanDisk", "UnitedHealth", "NewYorker"])
def test_brands_that_start_like_a_place(name: str) -> None:
    assert repaired(name) == name


def test_three_glued_words_two_of_them_capitalised() -> None:
    vocabulary = article_vocabulary(
        ["Shares of Home Depot rose.", LEAD + "HomeDepotreported" + TAIL]
    )
    assert repaired("HomeDepotreported", vocabulary) == "Home Depot reported"
    # a brand with a function-word head stays, whatever the article writes
    vocabulary = article_vocabulary(["They walked down the street.", LEAD + "TheStreet" + TAIL])
    assert repaired("TheStreet", vocabulary) == "TheStreet"


@pytest.mark.parametrize(
    "name", ["Lightcloud", "Northwell", "Riveredge", "Homejoy", "Dashlane", "Flexport"]
)
def test_names_made_of_two_nouns_are_not_split(name: str) -> None:
    assert repaired(name) == name


@pytest.mark.parametrize(
    ("glued", "words"),
    [
        ("isa", "is a"),
        ("ina", "in a"),
        ("alot", "a lot"),
        ("aswell", "as well"),
        ("infact", "in fact"),
        ("waterproofupto", "waterproof up to"),
        ("offersanextension", "offers an extension"),
        ("talkingtoUkraine", "talking to Ukraine"),
    ],
)
def test_glues_that_wordfreq_knows_as_web_spellings(glued: str, words: str) -> None:
    assert repaired(glued) == words


def test_a_glued_phrase_opening_a_sentence() -> None:
    out, _ = repair_words("Afew of them came. Ofcourse, it was late.")
    assert out == "A few of them came. Of course, it was late."


@pytest.mark.parametrize(
    "word", ["along", "area", "upon", "tome", "todo", "ado", "pickup", "thereto", "woulda"]
)
def test_words_made_of_function_words_stay(word: str) -> None:
    assert repaired(word) == word


@pytest.mark.parametrize(
    ("glued", "words"),
    [
        ("saidAvinoam", "said Avinoam"),
        ("toldCNN", "told CNN"),
        ("byAvinoam", "by Avinoam"),
        ("thatApplecancelled", "that Apple cancelled"),
        ("lastTuesdayy", "last Tuesday"),
    ],
)
def test_a_lowercase_word_glued_to_a_capitalised_one(glued: str, words: str) -> None:
    assert repaired(glued) == words


@pytest.mark.parametrize(
    "word", ["eBay", "iPhone", "iSight", "xCloud", "sRGB", "eGPU", "kW", "fatFIRE", "iFixit"]
)
def test_lowercase_first_camel_case_brands_stay(word: str) -> None:
    assert repaired(word) == word


def test_glues_in_a_headline() -> None:
    out, _ = repair_words("Man Dies at Dallas Gas Station, QualitySeems Fine, PlayingOn Ice")
    assert out == "Man Dies at Dallas Gas Station, Quality Seems Fine, Playing On Ice"
    # a list of names reads like a headline: its brands stay
    text = "Apps: Bleacher Report, Uber Eats, and ParkMobile"
    assert repair_words(text) == (text, [])


def test_words_in_capitals() -> None:
    out, _ = repair_words("WILL SOMEONE STAND UPFOR THE ESTABLISHMENT?")
    assert out == "WILL SOMEONE STAND UP FOR THE ESTABLISHMENT?"
    assert repaired("PLLAN") == "PLAN"
    vocabulary = article_vocabulary(["He watched ESPN all day.", LEAD + "ESSPN" + TAIL])
    assert repaired("ESSPN", vocabulary) == "ESPN"
    for word in ["NASA", "ACCC", "NASSCOM", "VIZZION", "UPFOR"]:
        assert repaired(word) == word
    text = "ID. SPACE VIZZION CONCEPT CAR"
    assert repair_words(text) == (text, [])


@pytest.mark.parametrize(
    ("glued", "words"),
    [
        ("roboticlanders", "robotic landers"),
        ("bleepsand", "bleeps and"),
        ("workflowbottlenecks", "workflow bottlenecks"),
        ("nuumberof", "number of"),
        ("terrmsof", "terms of"),
        ("theleveel", "the level"),
        ("Icouldn’t", "I couldn’t"),
        ("confidentI", "confident I"),
        ("butIdid", "but I did"),
    ],
)
def test_long_glues_doubled_glues_and_the_pronoun_i(glued: str, words: str) -> None:
    assert repaired(glued) == words


@pytest.mark.parametrize("word", ["getless", "Isn’t", "Iran’s", "boomeranging", "demetrication"])
def test_words_near_those_glues_stay(word: str) -> None:
    assert repaired(word) in {word, "get less"}


@pytest.mark.parametrize(
    ("glued", "words"),
    [
        ("DevinNuunes", "Devin Nunes"),
        ("AlejandroGonzaalez", "Alejandro Gonzalez"),
        ("NATOdefense", "NATO defense"),
        ("VWsaays", "VW says"),
        ("USon", "US on"),
    ],
)
def test_glued_names_and_acronyms_with_a_doubled_letter(glued: str, words: str) -> None:
    assert repaired(glued) == words


@pytest.mark.parametrize("word", ["PresidentZelenskyy", "VMware", "CEOs", "ZDNet", "MacBoook"])
def test_names_and_acronyms_that_stay_whole(word: str) -> None:
    assert repaired(word) in {word, "President Zelenskyy", "MacBook"}


def test_doubled_letter_inside_a_glued_word() -> None:
    out, fixes = repair_words(LEAD + "attractbiids" + TAIL)
    assert out == LEAD + "attract bids" + TAIL
    assert [(fix.kind, fix.before, fix.after) for fix in fixes] == [
        ("glued_words", "attractbiids", "attract bids")
    ]


@pytest.mark.parametrize(
    "word",
    [
        "Interfax",
        "Navalny",
        "eBay",
        "iPhone",
        "PetroChina",
        "McDonald",
        "DeSantis",
        "inbound",
        "tonight",
        "nowhere",
        "therein",
        "cannot",
        "into",
        "anew",
        "easyJet",
        "YouTube",
        "antigovernment",
        "overdrew",
        "toto",
    ],
)
def test_real_words_and_names_are_never_split(word: str) -> None:
    assert repaired(word) == word


@pytest.mark.parametrize(
    "token",
    [
        "five-year",
        "anti-Kremlin",
        "well-known",
        "COVID-19",
        "U.S.",
        "Jr.",
        "p.m.",
        "1,000",
        "3.5",
        "2019.",
        "10km",
        "1990s",
        "25th",
        "£38million",
        "A330neo",
        "Amazon.com",
        "https://www.example.com/a/longpathname",
        "www.example.org",
        "press@example.com",
        "#StopTheSteal",
        "@MattBevin",
        "(s)",
    ],
)
def test_tokens_that_are_not_words_are_left_alone(token: str) -> None:
    assert repaired(token) == token


def test_a_name_in_camel_case_is_not_split() -> None:
    out, fixes = repair_words("Craig Menear said Walmart and PetroChina and JetBlue met.")
    assert fixes == []


def test_a_form_the_article_uses_elsewhere_is_a_word() -> None:
    # without evidence "smallcaps" reads as two glued words ...
    assert repaired("smallcaps") == "small caps"
    # ... but an article that writes it twice uses it as a word
    vocabulary = article_vocabulary([LEAD + "smallcaps" + TAIL, "The smallcaps look good."])
    assert repaired("smallcaps", vocabulary) == "smallcaps"


def test_function_word_glues_are_split_even_when_repeated() -> None:
    vocabulary = article_vocabulary([LEAD + "inthe" + TAIL, "We met inthe morning."])
    assert vocabulary["inthe"] == 2
    assert repaired("inthe", vocabulary) == "in the"


def test_text_that_is_not_english_is_left_alone() -> None:
    text = (
        "Die Bundesregierung hat amMittwoch beschlossen, dass die Digitalisierung im "
        "Gesundheitswesen schneller vorankommen soll, und dieÄrzte sollen mehr Zeit haben."
    )
    assert repair_words(text) == (text, [])


def test_spaced_en_dashes_and_numbers_before_a_comma() -> None:
    text = "June 24 – Virginia Beach, VA June 26 –Bristow, VA June 27– Nashville, TN"
    out, _ = repair_words(LEAD + "the dates were set. " + text)
    assert out.endswith("June 26 – Bristow, VA June 27 – Nashville, TN")
    assert repaired("29,however") == "29, however"
    # a range keeps its en dash, and an em dash between words stays when the
    # paragraph spaces only its en dashes
    text = "The 2019–2020 season – the last one – ran from May to June, with bears—we saw them."
    assert repair_words(text) == (text, [])


@pytest.mark.parametrize("word", ["abut", "inmost", "canto", "thereto", "woulda"])
def test_words_that_look_like_function_word_glues(word: str) -> None:
    assert repaired(word) == word


# --------------------------------------------------------------------------
# Doubled letters


def test_doubled_letter_is_removed() -> None:
    assert repaired("Sundayy’s") == "Sunday’s"
    assert repaired("Washingtton") == "Washington"
    assert repaired("dialoguue") == "dialogue"


def test_doubled_letter_fix_is_its_own_kind() -> None:
    out, fixes = repair_words(LEAD + "Washingtton" + TAIL)
    assert [(fix.kind, fix.before, fix.after) for fix in fixes] == [
        ("doubled_letter", "Washingtton", "Washington")
    ]


def test_doubled_capital_is_removed() -> None:
    assert repaired("TThat") == "That"


def test_doubled_letter_in_a_listed_camel_case_name() -> None:
    assert repaired("SoftBBank") == "SoftBank"
    assert repaired("MacBoook") == "MacBook"


@pytest.mark.parametrize(
    "word", ["Mississippi", "committee", "balloon", "Zelenskyy", "Abbott", "CEOs", "AAA"]
)
def test_known_words_with_double_letters_are_kept(word: str) -> None:
    assert repaired(word) == word


def test_a_name_the_article_writes_twice_keeps_its_double_letter() -> None:
    vocabulary = article_vocabulary([LEAD + "Navalnyy" + TAIL, "Navalnyy was detained."])
    assert repaired("Navalnyy", vocabulary) == "Navalnyy"
    assert repaired("Navalnyy") == "Navalny"


# --------------------------------------------------------------------------
# Spacing


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("dialogue,”Kremlin", "dialogue,” Kremlin"),
        ("end.The", "end. The"),
        ("said,he", "said, he"),
        ("Mr.Putin", "Mr. Putin"),
        ("St.Louis", "St. Louis"),
        ("whistleblower(“We", "whistleblower (“We"),
        ("U.S.elections", "U.S. elections"),
        ("the“harsh", "the “harsh"),
        ("ways:By", "ways: By"),
        ("3,000people", "3,000 people"),
        ("in2019", "in 2019"),
        ("earned$2.8", "earned $2.8"),
        ("(AP)The", "(AP) The"),
        ("M.Ford’s", "M. Ford’s"),
        ("(Nov.18)", "(Nov. 18)"),
        ("mainland:the", "mainland: the"),
        ("week),featuring", "week), featuring"),
        ("Webb,51,", "Webb, 51,"),
        ("4:14p.m.", "4:14 p.m."),
        ("0.68%higher", "0.68% higher"),
        ("October2018", "October 2018"),
        ("than600,000Israelis", "than 600,000 Israelis"),
        ("list.I", "list. I"),
        ("love&", "love &"),
    ],
)
def test_missing_spaces_are_restored(before: str, after: str) -> None:
    assert repaired(before) == after


@pytest.mark.parametrize(
    "token",
    [
        "U.S.",
        "U.S.-led",
        "p.m.",
        "e.g.",
        "Amazon.com",
        "LiveNation.com.",
        "Node.js",
        "3.5",
        "1,000",
        "2:30pm",
        "Russia’s",
        "U.K.’s",
        "(multi)media",
        "min[ute]",
        "person(s)",
        "even—heaven",
        "J.Crew",
        "AT&T",
        "S&P",
        "No.1",
        "A330neo",
        "10:30",
    ],
)
def test_punctuation_inside_words_is_left_alone(token: str) -> None:
    assert repaired(token) == token


def test_a_dash_missing_one_space_when_the_paragraph_spaces_its_dashes() -> None:
    text = "The plan — agreed on Monday — was sent to the president— who signed it."
    out, fixes = repair_words(text)
    assert out == "The plan — agreed on Monday — was sent to the president — who signed it."
    assert [fix.kind for fix in fixes] == ["spacing"]


def test_dashes_of_an_author_who_does_not_space_them_are_left_alone() -> None:
    text = "The plan—agreed on Monday—was sent to the president— who signed it."
    assert repair_words(text) == (text, [])


def test_straight_quotes_are_paired_before_spacing() -> None:
    text = 'He said "we will talk,"and left the room with the others.'
    out, _ = repair_words(text)
    assert out == 'He said "we will talk," and left the room with the others.'


# --------------------------------------------------------------------------
# The example article, and clean text


# The damaged paragraphs of the shared example kremlin-dialogue.txt (a Reuters
# story as scraped), title and standfirst included.
KREMLIN = [
    "Relations between Moscow and Washington have been at their lowest since the end of the Cold War, with the two sides at oddsover Russia’s role in Ukraine/",
    "Russia is ready to set up adialogue with the new Biden administration in which differences are expected to be aired, a Kremlin spokesman said on Sunday, adding that President Vladimir Putin would respond in kind to U.S. willingness to talk.",
    "Relations between Moscow and Washington have been at their lowest since the end of the Cold War, with the two sides at odds over Russia’s role in Ukraine and allegations of its meddling inU.S. elections, which it denies, among other issues.",
    "The United States on Saturday also called on Russian authorities to release\xa0protesters and journalists detained at demonstrations\xa0supporting detained\xa0Kremlin critic Alexei Navalny, and condemned what it called “harsh tactics” usedagainst them.",
    "Police detained more than 3,000 people and used force tobreak up rallies across Russia as tens of thousands braved bitter cold to join protests in support of Navalny.",
    "“Of course, we count on success in setting up a dialogue,”Kremlin spokesman Dmitry Peskov was quoted as saying on TV byInterfax news agency.",
    "“This will be the dialogue where, of course, differences will have to be stated to a greater extent, points of differences. But at the same time, a dialogue is a possibility to find some rational kernels, the little parts where our relations are getting closer,” he said.",
    "“And if the current U.S. administration is ready for such an approach, I have no doubts that our President will respond in kind.”",
    "Mr. Putin was one of the last global leaders to congratulate Joe Biden on his victory in the U.S. Presidential election after the Nov. 3 vote.",
    "One of the burning issues to be resolved by the two nuclear powers is the arms control treaty, known as New START, which is due to expire on Feb. 5.",
    "The White House said last week that Mr. Biden would seek a five-year extension to the deal, while the Kremlin requested concrete proposals from Washington.",
    "Mr. Peskov also appeared to be using a more conciliatory tone on Sunday than the Russian foreign ministry, which a day earlier described Washington’s public support for anti-Kremlin protesters as\xa0meddling in Russia’s domestic affairs.",
    "Mr. Peskov reiterated the point on Sunday, but softened it by using the words “indirect interference”. At the same time, he said protests were illegal and protesters were far outnumberedby voters who supported Mr. Putin.",
    "Washington was joined by the European Union and Britain incondemning the security forces’ handling of Sundayy’s protests, and France’s foreign minister on Sunday said the arrests were jeopardising the rule of law in Russia and called for sanctions.",
]


def test_the_kremlin_example() -> None:
    vocabulary = article_vocabulary(KREMLIN)
    body = []
    for paragraph in KREMLIN:
        out, fixes = repair_words(paragraph, vocabulary)
        check_fixes(paragraph, out, fixes)
        body.append(out)
    text = "\n\n".join(body)
    for good in [
        "set up a dialogue",
        "at odds over",
        "meddling in U.S. elections",
        "used against them",
        "to break up rallies",
        "a dialogue,” Kremlin spokesman",
        "on TV by Interfax",
        "outnumbered by voters",
        "Britain in condemning",
        "Sunday’s protests",
    ]:
        assert good in text
    for bad in [
        "adialogue",
        "oddsover",
        "inU.S.",
        "usedagainst",
        "tobreak",
        "byInterfax",
        "outnumberedby",
        "incondemning",
        "Sundayy",
        ",”Kremlin",
    ]:
        assert bad not in text


CLEAN = [
    "“And if the current U.S. administration is ready for such an approach, I have no "
    "doubts that our President will respond in kind.”",
    "Mr. Putin was one of the last global leaders to congratulate Joe Biden on his victory "
    "in the U.S. Presidential election after the Nov. 3 vote.",
    "One of the burning issues to be resolved by the two nuclear powers is the arms control "
    "treaty, known as New START, which is due to expire on Feb. 5.",
    "The White House said last week that Mr. Biden would seek a five-year extension to the "
    "deal, while the Kremlin requested concrete proposals from Washington.",
    "Home Depot shares are up 39 percent year-to-date while the S&P 500 is up 24.5 percent, "
    "and eBay, PetroChina and McDonald's reported at 4:30 p.m. ET (see www.example.com).",
    "Sen. Ron DeSantis, Jr. told reporters in St. Louis — without notes — that COVID-19 "
    "cases had risen 3.5% to 1,000 a day; #StayHome, he wrote to press@example.com.",
    "Kremlin says Vladimir Putin ready for dialogue if U.S. willing",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_comes_back_unchanged(text: str) -> None:
    assert repair_words(text) == (text, [])
    assert repair_words(text, article_vocabulary(CLEAN)) == (text, [])


def test_empty_and_blank_text() -> None:
    assert repair_words("") == ("", [])
    assert repair_words("  \n ") == ("  \n ", [])


def test_whitespace_and_line_breaks_are_kept() -> None:
    text = "The talks  went well,\nand the two sides usedagainst\tthem the same words."
    out, fixes = repair_words(text)
    assert out == "The talks  went well,\nand the two sides used against\tthem the same words."
    check_fixes(text, out, fixes)


# --------------------------------------------------------------------------
# Helpers and data


def test_apply_fixes_rejects_a_fix_that_does_not_match() -> None:
    with pytest.raises(ValueError):
        apply_fixes("abc", [Fix("spacing", "x", "x ", 0, "test")])


def test_article_vocabulary_counts_tokens() -> None:
    vocabulary = article_vocabulary(["The U.S. and Russia’s talks.", "The end."])
    assert vocabulary["The"] == 2
    assert vocabulary["U.S."] == 1
    assert vocabulary["Russia’s"] == 1
    assert vocabulary["end."] == 1


def test_zipf_matches_wordfreq() -> None:
    from wordfreq import zipf_frequency

    for word in ["the", "dialogue", "interfax", "sunday's", "adialogue"]:
        assert zipf(word) == zipf_frequency(word, "en")
    assert zipf("sunday’s") == zipf("sunday's") > 0


def test_data_files_are_loaded_without_comments() -> None:
    words = function_words()
    assert {"the", "of", "by", "in"} <= words
    assert "i" not in words and "e" not in words  # iPhone, eBay
    assert not any(word.startswith("#") for word in words)
    assert {"U.S.", "Mr.", "St.", "p.m.", "Jr."} <= abbreviations()
