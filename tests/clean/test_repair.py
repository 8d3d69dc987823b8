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
