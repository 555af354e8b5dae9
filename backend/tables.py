"""Reading the organisers' CSV exports: `,` or `;`, UTF-8 with or without BOM, line numbers kept."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SourceError:
    """One problem in the source, printed as `activities.csv:14: end 10:00 is before ...`."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}: {self.message}"
            if self.line
            else f"{self.file}: {self.message}"
        )


@dataclass
class Row:
    file: str
    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()


@dataclass
class Table:
    name: str
    rows: list[Row] = field(default_factory=list)

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)


def read_table(
    folder: Path, name: str, required: list[str], errors: list[SourceError], optional: bool = False
) -> Table:
    """Read `name` from `folder`; every problem goes to `errors`, never an exception."""
    path = folder / name
    table = Table(name)
    if not path.exists():
        if not optional:
            errors.append(SourceError(name, 0, "file is missing"))
        return table
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        errors.append(SourceError(name, 0, f"is not UTF-8 (byte {exc.start}); export as CSV UTF-8"))
        return table
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [c for c in required if c not in header]
    if missing:
        found = ", ".join(header) or "nothing"
        errors.append(SourceError(name, 1, f"missing column {', '.join(missing)} (found: {found})"))
        return table
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            errors.append(
                SourceError(
                    name,
                    line,
                    f"{len(cells)} cells but {len(header)} columns; check the delimiter and quotes",
                )
            )
            continue
        table.rows.append(Row(name, line, dict(zip(header, cells, strict=False))))
    return table
