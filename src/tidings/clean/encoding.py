"""Mojibake repair with ftfy, line by line, each change an edit."""

from __future__ import annotations

import re

import ftfy

from tidings.record import Edit

# Full-width forms are normal in CJK text, so their width is left alone.
_CONFIG = ftfy.TextFixerConfig(
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    normalization=None,
    explain=False,
)
# A right double quote is E2 80 9D in UTF-8; read as cp1252, 0x9D is undefined
# and often dropped, leaving "â€" before a space. ftfy would read the space as
# a lost 0xA0 and make a dagger; a dagger in news text is far rarer.
_LOST_CLOSING_QUOTE = re.compile(r"â€(?=[\s,.;:!?)]|$)")
_MOJIBAKE_HINT = re.compile(r"[ÃÂâ][\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ ¡-¿]|â€")


def fix_encoding(line: str) -> str:
    if not _MOJIBAKE_HINT.search(line) and line.isascii():
        return line
    line = _LOST_CLOSING_QUOTE.sub("”", line) if "â€" in line else line
    return ftfy.fix_text(line, _CONFIG)


def fix_lines(lines: list[str]) -> tuple[list[str], list[Edit]]:
    """Fix mojibake in each line; a changed line gives one `encoding` edit."""
    fixed, edits = [], []
    for line in lines:
        new = fix_encoding(line)
        if new != line:
            edits.append(
                Edit(
                    "encoding",
                    line,
                    new,
                    None,
                    "mojibake repaired (text decoded with the wrong charset)",
                )
            )
        fixed.append(new)
    return fixed, edits
