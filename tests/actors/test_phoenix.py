"""The Phoenix dictionaries, compiled once, dated by the publication date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tidings.actors import gazetteer, phoenix
from tidings.api import parse_text

REPO = Path(__file__).resolve().parents[2]
COUNTRIES = frozenset(gazetteer.load().country_display)


def test_compiled_files_are_current():
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "build_phoenix_data.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_dated_entries():
    # [RUSELI 700101-990809] [RUSGOV ...] [RUSGOV >080508]: the date picks the range
    assert phoenix.known_actor("Vladimir Putin", "2021-01-24", COUNTRIES) == phoenix.Known(
        "RUS", "GOV"
    )
    assert phoenix.known_actor("Vladimir Putin", "1995-01-01", COUNTRIES) == phoenix.Known(
        "RUS", None
    )  # ELI (an elite out of office) is no role of the record
    # USAGOVLEG is a legislator: the branch is the role
    assert phoenix.known_actor("John McCain", "2019-11-20", COUNTRIES) == phoenix.Known(
        "USA", "LEG"
    )
    # [USAGOVLEG 850103-130201] [USAGOV >130201]: senator, then secretary of state
    assert phoenix.known_actor("John Kerry", "2010-05-01", COUNTRIES).role == "LEG"
    assert phoenix.known_actor("John Kerry", "2014-05-01", COUNTRIES).role == "GOV"
    assert phoenix.known_actor("Taliban", None, COUNTRIES) == phoenix.Known("AFG", "REB")
    assert phoenix.known_actor("Nobody Atall", "2019-01-01", COUNTRIES) is None


def test_a_former_office_holder_keeps_the_role_of_the_office():
    # [USAELI 640101-930120] [USAGOV 930120-010120] [USAELI]: out of office since 2001
    assert phoenix.known_actor("Bill Clinton", "2019-11-20", COUNTRIES) == phoenix.Known(
        "USA", "GOV"
    )
    # before he held it, the elite he was is no role
    assert phoenix.known_actor("Bill Clinton", "1985-01-01", COUNTRIES) == phoenix.Known(
        "USA", None
    )


def test_names_as_the_dictionaries_write_them():
    # AYMAN AL SAFADI; PEOPLE'S LIBERATION ARMY with a straight apostrophe
    assert phoenix.known_actor("Ayman Safadi", "2019-11-20", COUNTRIES) == phoenix.Known(
        "JOR", "GOV"
    )
    assert phoenix.known_actor("People’s Liberation Army", None, COUNTRIES) == phoenix.Known(
        "CHN", "MIL"
    )


def test_agents_give_roles_of_descriptions():
    assert phoenix.agent_role("prosecutor") == "JUD"
    assert phoenix.agent_role("settlers") == "CVL"
    assert phoenix.agent_role("foreign office") == "GOV"


def test_the_dictionary_fills_in_under_the_article():
    text = (
        "Palestinian chief negotiator Saeb Erekat said they would oppose the move.\n\n"
        "Benjamin Netanyahu said he was very moved by the announcement."
    )
    record = parse_text(text, title="Settlements", date="2019-11-20")
    found = {a.name: (a.country, a.role) for a in record.actors if a.kind == "person"}
    assert found["Benjamin Netanyahu"] == ("ISR", "GOV")
    assert found["Saeb Erekat"] == ("PSE", "GOV")
