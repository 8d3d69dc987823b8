from collections import Counter

import pytest

from tidings.clean.repair import repair_text


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("at odds over Russia’s role in Ukraine/", "at odds over Russia’s role in Ukraine"),
        ("Details: http://example.com/path/", None),
        ("see example.com/news/", None),
        ("prices rose 3/", None),
    ],
)
def test_stray_slash_only_after_a_plain_word(text, fixed):
    out, edits = repair_text(text, 0, Counter())
    if fixed is None:
        assert (out, edits) == (text, [])
    else:
        assert out == fixed
        assert [(e.kind, e.paragraph) for e in edits] == [("truncation", 0)]


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("refused to join arms control negoti ations with them", "negotiations"),
        ("the govern ment said", "government"),
    ],
)
def test_split_words_are_mended(text, fixed):
    out, edits = repair_text(text, 2, Counter(text.split()))
    assert fixed in out
    assert [(e.kind, e.after, e.paragraph) for e in edits] == [("split_word", fixed, 2)]


@pytest.mark.parametrize(
    "text",
    [
        "they went in to the building",  # both halves are words
        "a de facto ban",
        "the Al Jazeera network",
        "he is a foot soldier",
        "Xi Jinping met Narendra Modi",
        "the rapist was caught",
    ],
)
def test_split_word_leaves_real_pairs_alone(text):
    assert repair_text(text, 0, Counter(text.split())) == (text, [])
