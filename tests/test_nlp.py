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
