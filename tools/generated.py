"""What the tools that generate data files share: write the file, or check it is fresh."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(out: Path, text: str, check: bool) -> int:
    """Write `text` to `out`; with `check`, only compare (exit status 1 when stale)."""
    tool = Path(sys.argv[0]).name
    if check:
        current = out.read_text(encoding="utf-8") if out.exists() else ""
        if current != text:
            print(f"{out} is stale; run tools/{tool}", file=sys.stderr)
            return 1
        return 0
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} ({text.count(chr(10))} lines)")
    return 0
