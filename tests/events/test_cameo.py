"""CAMEO codes in PLOVER: the PLOVER project's table, corrected by the manual."""

import pytest

from tidings.errors import TidingsError
from tidings.events.cameo import load_cameo, parse_amendments, parse_modes, parse_table


@pytest.fixture(scope="module")
def cameo():
    return load_cameo()


@pytest.mark.parametrize(
    ("code", "kind", "mode"),
    [
        ("036", "AGREE", None),  # express intent to meet
        ("042", "CONSULT", "visit"),
        ("0841", "RETREAT", "release"),
        ("173", "COERCE", "arrest"),
        ("163", "SANCTION", "discontinue"),  # manual: sanctions are SANCTION, not COERCE
        ("116", "SANCTION", "convict"),  # manual: a finding of guilt is SANCTION convict
        ("186", "ASSAULT", "targeted"),  # the table's "assassinate" is the manual's targeted
        ("1722", "COERCE", "restrict"),  # the table's "ban" is the manual's restrict
        ("0233", "REQUEST", "assist"),  # appeals: missing from the table
        ("016", "REJECT", None),
    ],
)
def test_codes_mean_what_the_manual_says(cameo, code, kind, mode):
    meaning = cameo.get(code)
    assert (meaning.type, meaning.mode) == (kind, mode)


def test_statements_are_no_event(cameo):
    assert cameo.get("010") is None
    assert cameo.get("---") is None
    assert cameo.get(None) is None


def test_an_unlisted_code_takes_its_parent(cameo):
    assert cameo.get("0249").type == "REQUEST"  # not in the table: 024's meaning
    assert cameo.get("1934") == cameo.get("193")


def test_every_mode_is_one_of_the_manual(cameo):
    for code, meaning in cameo.codes.items():
        if meaning is not None:
            assert cameo.valid_mode(meaning.type, meaning.mode), code


def test_contexts_come_from_the_table(cameo):
    assert cameo.get("0312").context == ("military",)


def test_a_mode_the_manual_lacks_is_dropped_not_passed_on():
    modes = parse_modes("RETREAT\twithdraw release\n")
    codes = parse_table("0842: RETREAT, return,   legal # Return, release property\n", modes)
    assert codes["0842"].mode is None


def test_an_amendment_with_a_mode_the_manual_lacks_fails_loudly():
    modes = parse_modes("ASSAULT\ttargeted\n")
    with pytest.raises(TidingsError, match="cameo_amendments.tsv line 1"):
        parse_amendments("186\tASSAULT\tassassinate\twhy\n", {}, modes)
