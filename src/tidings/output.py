"""Listings in the formats every listing command shares: a table, JSON, JSON lines or CSV.

A table fits the terminal it is shown on (Rich wraps cells to the width); piped
or redirected, each row stays on one line and long cells are cut, marked with an
ellipsis, so that `tidings quotes | grep Peskov` finds whole rows. JSON, JSON
lines and CSV always carry every field, uncut.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

OUTPUT_FORMATS = ("table", "json", "jsonl", "csv")
DEFAULT_LIMIT = 50  # rows a listing shows unless --limit says otherwise (0: all)
PIPED_CELL = 60  # characters a cell keeps when the table is piped


@dataclass(frozen=True)
class Column:
    """A column of a table: which field it shows and under what heading."""

    key: str
    header: str = ""
    width: int = PIPED_CELL  # characters kept when piped
    justify: str = "left"

    @property
    def title(self) -> str:
        return self.header or self.key


def plain(value: Any) -> Any:
    """A value as JSON holds it: dates as ISO text, everything else as it is."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def flat(row: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """A row with nested objects spread into `parent_child` fields and lists as JSON
    text: what a CSV cell can hold."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flat(value, f"{name}_"))
        elif isinstance(value, list | tuple):
            out[name] = json.dumps(plain(value), ensure_ascii=False)
        else:
            out[name] = plain(value)
    return out


def csv_cells(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row as CSV cells: flattened, with None as an empty cell."""
    return {k: "" if v is None else v for k, v in flat(row).items()}


def to_csv(rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV text with a header line of every field the rows have."""
    cells = [csv_cells(row) for row in rows]
    header = list(dict.fromkeys(key for row in cells for key in row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(cells)
    return buffer.getvalue()


def to_json(rows: Iterable[Mapping[str, Any]]) -> str:
    return json.dumps([plain(row) for row in rows], ensure_ascii=False, indent=2)


def to_jsonl(rows: Iterable[Mapping[str, Any]]) -> str:
    return "".join(json.dumps(plain(row), ensure_ascii=False) + "\n" for row in rows)


def cut(text: str, width: int) -> str:
    """Text on one line, at most `width` characters, an ellipsis where it was cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def build_table(rows: Iterable[Mapping[str, Any]], columns: Sequence[Column],
                piped: bool) -> Table:  # fmt: skip
    """A Rich table of `columns`; cells are the rows' own text, never read as markup."""
    table = Table(*(c.title for c in columns))
    for column, rich_column in zip(columns, table.columns, strict=True):
        rich_column.justify = column.justify  # type: ignore[assignment]
        rich_column.no_wrap = piped
    for row in rows:
        cells = []
        for column in columns:
            value = row.get(column.key)
            text = "" if value is None else str(plain(value))
            cells.append(Text(cut(text, column.width) if piped else text))
        table.add_row(*cells)
    return table


def print_table(console: Console, table: Table) -> None:
    """On a terminal, fit the table to it; piped, print it at its natural width."""
    if console.is_terminal:
        console.print(table)
        return
    from rich.measure import Measurement

    wide = Console(file=console.file, width=10_000)
    width = Measurement.get(wide, wide.options, table).maximum
    Console(file=console.file, width=width).print(table)


def write_rows(console: Console, rows: Sequence[Mapping[str, Any]], columns: Sequence[Column],
               fmt: str) -> None:  # fmt: skip
    """Print `rows` in `fmt` (one of OUTPUT_FORMATS); a table shows `columns` only."""
    if fmt == "table":
        print_table(console, build_table(rows, columns, piped=not console.is_terminal))
        return
    text = {"json": lambda: to_json(rows) + "\n", "jsonl": lambda: to_jsonl(rows),
            "csv": lambda: to_csv(rows)}[fmt]()  # fmt: skip
    console.file.write(text)
    console.file.flush()
