"""The events' learned-check setting (TIDINGS_EVENTS_MODEL), read without loading the
model or numpy, so that the command line can check it at start-up for free."""

from __future__ import annotations

import os
from enum import StrEnum

from tidings.errors import TidingsError


class Mode(StrEnum):
    OFF = "off"
    CHECK = "check"
    FULL = "full"


MODE_NAMES = {
    "off": Mode.OFF, "0": Mode.OFF, "no": Mode.OFF, "false": Mode.OFF,
    "check": Mode.CHECK,
    "full": Mode.FULL, "on": Mode.FULL, "1": Mode.FULL, "yes": Mode.FULL, "true": Mode.FULL,
}  # fmt: skip
DEFAULT_MODE = "check"


def mode_setting() -> Mode:
    """The mode TIDINGS_EVENTS_MODEL asks for; a value it does not know is an error."""
    setting = os.environ.get("TIDINGS_EVENTS_MODEL", DEFAULT_MODE).strip().lower()
    if setting not in MODE_NAMES:
        raise TidingsError(
            f"TIDINGS_EVENTS_MODEL={setting!r}: expected one of check, full, on or off"
        )
    return MODE_NAMES[setting]
