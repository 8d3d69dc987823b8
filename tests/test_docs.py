"""The README documents every command and every option (as sqlite-utils' test_docs.py does)."""

import re
from pathlib import Path

import pytest
import typer.main

from tidings.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = typer.main.get_command(app).commands
OPTIONS = [
    (name, option)
    for name, command in COMMANDS.items()
    for param in command.params
    if param.param_type_name == "option" and not param.hidden and param.name != "help"
    for option in param.opts
    if option.startswith("--")
]


def _reference(command: str) -> str:
    """The README's reference entry of one command: its heading and the text under it."""
    match = re.search(rf"^#### `tidings {command}\b.*?(?=^####? |\Z)", README, re.M | re.S)
    assert match, f"the README has no `#### tidings {command}` entry"
    return match.group(0)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_is_in_the_readme(command):
    assert _reference(command)


@pytest.mark.parametrize(("command", "option"), OPTIONS)
def test_every_option_is_in_the_readme(command, option):
    assert re.search(rf"{re.escape(option)}\b", _reference(command)), (
        f"`tidings {command}` option {option} is not in its README entry"
    )
