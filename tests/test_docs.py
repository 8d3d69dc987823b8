"""The README documents every command and every option (as sqlite-utils' test_docs.py does)."""

import enum
import re
import typing
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


def _values(annotation) -> list[str] | None:
    """The values an option's annotation allows (a Literal or an Enum), or None."""
    if typing.get_origin(annotation) is typing.Literal:
        return [str(value) for value in typing.get_args(annotation)]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [str(member.value) for member in annotation]
    return None


def _choices(command: str) -> dict[str, list[str]]:
    return {
        option: values
        for param in COMMANDS[command].params
        if (values := _values(param.type_descriptor.annotation)) is not None
        for option in param.opts
    }


@pytest.mark.parametrize("command", list(COMMANDS))
def test_the_values_the_readme_lists_are_the_commands_own(command):
    """Where a README entry spells an option's values (`--format table|json`), they are
    exactly the ones the command takes."""
    choices = _choices(command)
    for option, listed in re.findall(r"(--[a-z-]+)\s+([a-z0-9]+(?:\|[a-z0-9]+)+)", _reference(command)):
        assert option in choices, f"`tidings {command}` has no option {option} with values"
        assert listed.split("|") == choices[option], f"`tidings {command} {option}`"
