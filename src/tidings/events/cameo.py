"""CAMEO codes mapped to PLOVER types, modes and contexts.

The mapping is the PLOVER project's table (`data/events/plover/CAMEO2PLOVER-2021.txt`,
CC BY-SA 4.0), corrected where the PLOVER manual says otherwise and completed
with the codes the table leaves out (`data/events/cameo_amendments.tsv`). Modes
are checked against the manual's list (`data/events/modes.tsv`): a mode the manual
does not have is dropped rather than passed on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from tidings.errors import TidingsError

ROW = re.compile(r"^(\d{2,4})\s*:\s*([A-Z]+)\s*,([^,#]*),?([^#]*)")


@dataclass(frozen=True)
class Plover:
    """What a CAMEO code means in PLOVER."""

    type: str
    mode: str | None
    context: tuple[str, ...] = ()


class CameoMap:
    """CAMEO code -> PLOVER (or None: not a PLOVER event)."""

    def __init__(self, codes: dict[str, Plover | None], modes: dict[str, frozenset[str]]) -> None:
        self.codes = codes
        self.modes = modes

    def get(self, code: str | None) -> Plover | None:
        """The PLOVER meaning of a code, trying its shorter parents ("0243" -> "024" ->
        "02") when the code itself is not listed."""
        if not code or code.startswith("-"):
            return None
        for length in range(len(code), 1, -1):
            if code[:length] in self.codes:
                return self.codes[code[:length]]
        return None

    def valid_mode(self, kind: str, mode: str | None) -> bool:
        return mode is None or mode in self.modes.get(kind, frozenset())


def _text(*parts: str) -> str:
    return resources.files("tidings").joinpath("data", "events", *parts).read_text("utf-8")


def parse_modes(text: str) -> dict[str, frozenset[str]]:
    modes = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, words = line.partition("\t")
        modes[kind.strip()] = frozenset(words.split())
    return modes


def parse_contexts(text: str) -> dict[str, str]:
    """Context or alias -> the manual's context."""
    names = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, aliases = line.partition("\t")
        names[name.strip()] = name.strip()
        for alias in aliases.split():
            names[alias] = name.strip()
    return names


def parse_table(
    text: str, modes: dict[str, frozenset[str]], contexts: dict[str, str] | None = None
) -> dict[str, Plover | None]:
    """Rows like '0311: AGREE,  ,   economic # Express intent to cooperate economically'."""
    codes: dict[str, Plover | None] = {}
    for line in text.splitlines():
        found = ROW.match(line.strip())
        if not found:
            continue
        code, kind, mode, context = (g.strip() for g in found.groups())
        if kind not in modes:
            raise TidingsError(f"CAMEO2PLOVER: {kind!r} is not a PLOVER type (code {code})")
        mode = mode.replace(" ", "") or None
        if mode not in modes[kind]:
            mode = None  # the table's own words ("ease", "ban"): amended where the manual has one
        named = [c.strip() for c in context.split(";") if c.strip()]
        if contexts is not None:  # the manual's names; others dropped
            named = [contexts[c] for c in named if c in contexts]
        codes[code] = Plover(kind, mode, tuple(named))
    return codes


def parse_amendments(
    text: str, codes: dict[str, Plover | None], modes: dict[str, frozenset[str]]
) -> None:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != 4:
            raise TidingsError(
                f"data/events/cameo_amendments.tsv line {number}: expected 4 columns"
            )
        code, kind, mode, _reason = cells
        if kind == "-":
            codes[code] = None
            continue
        if kind not in modes or (mode != "-" and mode not in modes[kind]):
            raise TidingsError(
                f"data/events/cameo_amendments.tsv line {number}: {kind} {mode} is not a type "
                "and mode of the PLOVER manual (modes.tsv)"
            )
        old = codes.get(code)
        codes[code] = Plover(kind, None if mode == "-" else mode, old.context if old else ())


def load_cameo() -> CameoMap:
    modes = parse_modes(_text("modes.tsv"))
    contexts = parse_contexts(_text("contexts.tsv"))
    codes = parse_table(_text("plover", "CAMEO2PLOVER-2021.txt"), modes, contexts)
    parse_amendments(_text("cameo_amendments.tsv"), codes, modes)
    return CameoMap(codes, modes)
