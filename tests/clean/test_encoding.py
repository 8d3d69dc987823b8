import pytest

from tidings.clean.encoding import fix_encoding, fix_lines


@pytest.mark.parametrize(
    ("damaged", "fixed"),
    [
        ("Russiaâ€™s role", "Russia’s role"),
        ("â€œOf course,â€ he said", "“Of course,” he said"),
        ("in broad daylightâ€ and then", "in broad daylight” and then"),
        ("the lineâ€", "the line”"),
        ("cafÃ© owners", "café owners"),
        ("Ã‰lysÃ©e Palace", "Élysée Palace"),
    ],
)
def test_mojibake_is_fixed(damaged, fixed):
    assert fix_encoding(damaged) == fixed


@pytest.mark.parametrize(
    "clean",
    [
        "“Curly quotes” stay curly, and ‘single’ ones too.",
        'Straight "quotes" and it\'s apostrophes stay straight.',
        "Zürich, São Paulo, Łódź and Ελλάδα are names, not damage.",
        "Plain ASCII text with 3,000 people & an ampersand.",
        "An em dash — and an ellipsis… stay.",
        "商品の出所を表示する機能（出所表示機能）、「Ctrl＋Alt＋K」で立ち上がる。",
    ],
)
def test_clean_text_is_untouched(clean):
    assert fix_encoding(clean) == clean


def test_fix_lines_records_one_edit_per_changed_line():
    lines, edits = fix_lines(["fine line", "Russiaâ€™s role", "another fine line"])
    assert lines == ["fine line", "Russia’s role", "another fine line"]
    assert [(e.kind, e.before, e.after, e.paragraph) for e in edits] == [
        ("encoding", "Russiaâ€™s role", "Russia’s role", None)
    ]
