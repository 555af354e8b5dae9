"""Reading one .xlsx workbook: one sheet per table, header in row 1, an optional help row.

Every problem names the sheet and cell as Excel shows them (`Activities!D14: ...`). A workbook
holds things a CSV export cannot, and each is refused with a sentence rather than guessed at:
hidden sheets, merged cells, formulas, and empty rows inside a table.
"""

from __future__ import annotations

import re
from difflib import get_close_matches
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from backend.cells import cell_text, kind_of, not_a_time
from backend.sources import sheet_name
from backend.tables import (
    Row,
    SourceError,
    Table,
    known_columns,
    missing_column,
    misspelt,
    unknown_column,
)
from backend.xlsx_cells import Cell, Sheet, read_sheets
from backend.xlsx_parts import Unsupported
from services.said import said

_COLUMN = re.compile(r"^[a-z][a-z0-9_]*$")
HELP_MARK = "ⓘ"  # the template's help row starts with it; the reader skips that row


def read_workbook(
    path: Path,
    columns: dict[str, list[str]],
    optional: dict[str, list[str]],
    errors: list[SourceError],
) -> dict[str, Table]:
    wanted = {**columns, **optional}
    try:
        found = read_sheets(path)
    except Unsupported:
        try:
            found = _openpyxl_sheets(path)
        except (OSError, BadZipFile, InvalidFileException, KeyError, ValueError):
            # what Python says ('File is not a zip file') helps nobody: what to do instead does
            message = said(
                "cannot be opened as an Excel workbook: in Excel, choose File, Save As, and the"
                " type Excel Workbook (.xlsx); then use that file"
            )
            errors.append(SourceError(path.name, 0, message))
            return {name: Table(name, unreadable=True) for name in wanted}
    sheets = {ws.title.strip().lower(): ws for ws in found}
    known = {k for n in wanted for k in (sheet_name(n).lower(), n.removesuffix(".csv"))}
    others = [ws.title for ws in found if ws.title.strip().lower() not in known]
    gone = [
        sheet_name(n)
        for n in wanted
        if not {sheet_name(n).lower(), n.removesuffix(".csv")} & set(sheets)
    ]
    renames = {label: _renamed(label, others) for label in gone}
    unclaimed = [o for o in others if o not in renames.values()]
    tables = {}
    for name, required in wanted.items():
        label = sheet_name(name)
        sheet = sheets.get(label.lower()) or sheets.get(name.removesuffix(".csv"))
        if sheet is None:
            tables[name] = Table(name, label=label, unreadable=name in columns)
            renamed = renames.get(label)
            if name in columns:
                names = ", ".join(sheet_name(n) for n in columns)
                message = said(
                    "sheet {sheet} is missing (a workbook has the sheets {names})",
                    sheet=label, names=names,
                )  # fmt: skip
                if renamed or unclaimed:
                    message = said(
                        "{missing}; this workbook also has {others}: if one of them is {sheet},"
                        " rename it {sheet}",
                        missing=message, others=renamed or ", ".join(unclaimed), sheet=label,
                    )  # fmt: skip
                errors.append(SourceError(label, 1, message, cell="A1"))
            elif renamed:  # an optional sheet renamed would be silently left out
                message = said(
                    "unknown sheet {other}: if it is {sheet}, rename it {sheet}",
                    other=renamed, sheet=label,
                )  # fmt: skip
                errors.append(SourceError(renamed, 1, message, cell="A1"))
            continue
        tables[name] = _read_sheet(sheet, name, required, errors)
    return tables


def _renamed(label: str, others: list[str]) -> str | None:
    """The sheet, not one a workbook has, whose name is close to `label`'s ('Hôtels')."""
    close = get_close_matches(label.lower(), [o.strip().lower() for o in others], n=1)
    return next(o for o in others if o.strip().lower() == close[0]) if close else None


def _openpyxl_sheets(path: Path) -> list[Sheet]:
    """The sheets as openpyxl reads them: slower, but it reads anything Excel writes."""
    book = load_workbook(path, data_only=False)
    return [_as_sheet(ws) for ws in book.worksheets]


def _as_sheet(ws: Worksheet) -> Sheet:
    merged = [(r.min_row, r.min_col, r.coord) for r in ws.merged_cells.ranges]
    rows = [
        tuple(Cell(c.value, c.data_type, row, column) for column, c in enumerate(cells, start=1))
        for row, cells in enumerate(ws.iter_rows(min_row=1, min_col=1), start=1)
    ]
    return Sheet(ws.title, ws.sheet_state, merged, rows)


def _read_sheet(sheet: Sheet, name: str, required: list[str], errors: list[SourceError]) -> Table:
    label = sheet.title
    table = Table(name, label=label)
    if sheet.sheet_state != "visible":
        message = said(
            "this sheet is hidden: unhide it (right-click a sheet tab, Unhide) or delete it"
        )
        errors.append(SourceError(label, 1, message, cell="A1"))
    for row, _, where in sorted(sheet.merged):
        message = said("merged cells: unmerge them and type the value in each cell")
        errors.append(SourceError(label, row, message, cell=where))
        table.covered.update(_cells_of(where))
    rows = sheet.rows
    header = [cell_text(c.value, "text").lower() for c in rows[0]] if rows else []
    letters = {h: get_column_letter(i + 1) for i, h in enumerate(header) if h}
    table.missing = [c for c in required if c not in letters]
    if table.missing:
        _missing_columns(table, header, rows, errors)
    for index, known in misspelt(name, header, required):
        message = unknown_column(header[index], known)
        errors.append(SourceError(label, 1, message, cell=f"{_letter(index)}1"))
        table.missing.append(known)  # said here, not again at every row
    kinds = {h: kind_of(h) for h in letters}
    read = known_columns(name)
    blank: int | None = None
    for line, cells in enumerate(rows[1:], start=2):
        if line == 2 and str(cells[0].value or "").startswith(HELP_MARK):
            continue
        values = _values(cells, header, kinds, table, errors, read)
        if not any(values.values()):
            blank = blank or line
            continue
        if blank is not None:
            message = said(
                "empty row inside the table: delete the row (rows below it are read too)"
            )
            errors.append(SourceError(label, blank, message, cell=f"A{blank}"))
            blank = None
        table.rows.append(Row(label, line, values, letters))
    return table


def _values(
    cells: tuple[Any, ...], header: list[str], kinds: dict[str, str], table: Table,
    errors: list[SourceError], read: frozenset[str],
) -> dict[str, str]:  # fmt: skip
    """`read`: the columns the table has in the contract (none known: every one is)."""
    values: dict[str, str] = {}
    field_kind = kind_of(str(cells[header.index("field")].value or "")) if "field" in kinds else ""
    for cell, column in zip(cells, header, strict=False):
        if not column:
            continue
        if cell.data_type == "f" and read and column not in read:
            continue  # a column of the organisers' own: never read, whatever it computes
        if cell.data_type == "f":
            message = said(
                "formula {formula}: type the value (Paste Special, Values)",
                formula=str(cell.value)[:40],
            )
            errors.append(SourceError(table.label, cell.row, message, column, cell.coordinate))
            table.unread.add(cell.coordinate)  # left empty: the checks must not say so again
            continue
        kind = field_kind if column == "value" and field_kind else kinds[column]
        wrong = not_a_time(cell.value) if kind == "time" else None
        if wrong is not None:
            errors.append(SourceError(table.label, cell.row, wrong, column, cell.coordinate))
            table.unread.add(cell.coordinate)  # left empty: the checks must not say so again
            continue
        values[column] = cell_text(cell.value, kind)
    return values


def _missing_columns(
    table: Table, header: list[str], rows: list[tuple[Any, ...]], errors: list[SourceError]
) -> None:
    """Point at the header that looks most like the missing one (a renamed column), else just
    past the last header."""
    names = [h for h in header if h]
    odd = [h for h in names if not _COLUMN.match(h)]  # "title (en)": renamed by a person
    close = get_close_matches(table.missing[0], odd or names, n=1, cutoff=0.0 if odd else 0.6)
    index = header.index(close[0]) if close else len(header)
    cell = rows[0][index].coordinate if rows and index < len(rows[0]) else f"{_letter(index)}1"
    found = ", ".join(names) or said("nothing")
    message = missing_column(", ".join(table.missing), found)
    errors.append(SourceError(table.label, 1, message, cell=cell))
    table.unreadable = "id" in table.missing


def _cells_of(where: str) -> list[str]:
    """The cells a merged range covers, besides its first (which holds the value)."""
    left, top, right, bottom = (int(n or 1) for n in range_boundaries(where))
    cells = [f"{_letter(c - 1)}{r}" for r in range(top, bottom + 1) for c in range(left, right + 1)]
    return cells[1:]


def _letter(index: int) -> str:
    return get_column_letter(index + 1)
