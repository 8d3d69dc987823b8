"""Quality gate: the bundled samples and the shared examples, scored by the shared scorer.

The floors are pinned to what tidings achieves now; a change that drops below
one fails here (as trafilatura's CI does for extraction quality).
"""

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FLOORS = {
    "structure": 1.0,
    "guard": 1.0,
    "repair": 0.98,
    "quotes": 1.0,
    "events": 0.95,
    "times": 0.95,
}


@pytest.fixture(scope="module")
def tally():
    spec = importlib.util.spec_from_file_location("score_samples", REPO / "tools/score_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score(module.default_expectations())


@pytest.mark.parametrize("area", sorted(FLOORS))
def test_area_is_at_or_above_its_floor(tally, area):
    got, total = tally.got[area]
    misses = [line for line in tally.lines if line.startswith("  MISS") and f" {area} " in line]
    assert got / total >= FLOORS[area], "\n".join(misses)
