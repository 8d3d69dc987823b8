import pytest

from tidings import nlp
from tidings.errors import TidingsError


def test_the_model_is_loaded_once_per_process():
    assert nlp.load() is nlp.load()
    assert nlp.load().meta["lang"] == "en"


def test_parse_gives_one_doc_per_text_in_order():
    docs = nlp.parse(["Police detained 40 people in Belgrade.", "", "Talks resume."])
    assert [d.text for d in docs] == ["Police detained 40 people in Belgrade.", "", "Talks resume."]
    assert [e.label_ for e in docs[0].ents if e.text == "Belgrade"] == ["GPE"]


def test_the_model_name_is_a_setting(monkeypatch):
    monkeypatch.setenv("TIDINGS_MODEL", "xx_no_such_model")
    assert nlp.model_name() == "xx_no_such_model"
    with pytest.raises(TidingsError, match="not installed"):
        nlp.load()


def test_a_long_text_is_parsed_in_pieces_joined_into_one_doc_of_exactly_that_text():
    sentence = "Officials in Belgrade said on Monday that the talks with Kosovo would resume. "
    text = sentence * 400  # 31,600 characters, one paragraph
    docs = nlp.parse(["Short one.", text])
    assert [d.text for d in docs] == ["Short one.", text]
    assert sum(1 for e in docs[1].ents if e.text == "Belgrade") == 400
    assert len(list(docs[1].sents)) == 400


def test_text_pieces_cut_at_sentence_ends_then_spaces_then_anywhere():
    assert nlp.text_pieces("One two. Three four. Five", 12) == ["One two. ", "Three four. ", "Five"]
    assert nlp.text_pieces("aaaa bbbb cccc", 7) == ["aaaa ", "bbbb ", "cccc"]
    assert nlp.text_pieces("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert nlp.text_pieces("short", 10) == ["short"]


def test_an_article_too_long_to_understand_in_time_keeps_its_text_and_says_why():
    from tidings.api import parse_text

    sentences = ["The minister said on Monday that the talks would resume in Paris.",
                 "Police detained dozens of protesters outside the parliament in Belgrade.",
                 "The central bank left its main interest rate unchanged, citing inflation."]
    body = "\n\n".join(f"{sentences[n % 3]} It was the {n}th report." for n in range(1400))
    record = parse_text("Long story\n\n" + body)
    assert len(record.paragraphs) == 1400 and record.entities == [] and record.events == []
    assert record.errors == [
        f"nlp: the article is {sum(map(len, record.paragraphs)):,} characters long, more than "
        f"the {nlp.MAX_CHARS:,} the understanding steps take in time; they were skipped "
        "(the text is stored)"
    ]
