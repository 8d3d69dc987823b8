"""Knowledge as data: dictionaries and patterns, loaded once and cached."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


def data_text(name: str) -> str:
    return resources.files("tidings.data").joinpath(name).read_text(encoding="utf-8")


@cache
def lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a data file."""
    out = []
    for line in data_text(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@cache
def patterns(name: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """`pattern<TAB>reason` lines compiled to whole-line, case-insensitive regexes."""
    out = []
    for line in lines(name):
        pattern, _, reason = line.partition("\t")
        out.append((re.compile(rf"(?:{pattern})", re.IGNORECASE), reason.strip() or "pattern"))
    return tuple(out)
