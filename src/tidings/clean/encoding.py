"""Mojibake repair with ftfy, line by line, each change an edit."""

from __future__ import annotations

import re

import ftfy
from ftfy.badness import is_bad

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


# Characters clean news text is made of: ASCII and typographic punctuation. A
# line of only these has nothing for ftfy to mend (the usual case: curly quotes).
_UNUSUAL = re.compile(r"[^\x00-\x7f‘’“”–—…•·€£°×½¼¾\u00a0]")
# Other things ftfy mends: ligatures from PDFs, C0/C1 control characters.
_OTHER_DAMAGE = re.compile(r"[\ufb00-\ufb06\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def fix_encoding(line: str) -> str:
    """The line with mojibake mended; ftfy runs only where there are signs of it
    (most lines, curly quotes and all, have none)."""
    if not _UNUSUAL.search(line) or not (
        _MOJIBAKE_HINT.search(line) or _OTHER_DAMAGE.search(line) or is_bad(line)
    ):
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
