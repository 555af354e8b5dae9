"""Where the organisers' tables come from: a folder of CSV exports or one .xlsx (.xlsm) workbook.

Both give the same `Table`s (one per entry of backend.build.COLUMNS/OPTIONAL), so a table or
column added there flows through both without this module changing. In a workbook, table
`activities.csv` is the sheet `Activities`.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from backend.choices import as_listed, as_spaced
from backend.tables import SourceError, Table, read_table
from services.said import Said, said

WORKBOOKS = (".xlsx", ".xlsm")  # .xlsm: the same workbook with room for macros (never run)


def is_workbook(source: PurePath) -> bool:
    """Whether `source` is read as a workbook: the command line and the console take the same."""
    return source.suffix.lower() in WORKBOOKS


def not_a_workbook(name: str) -> Said | None:
    """Why a file called `name` is no workbook this reads, and how to save it so that it is, in
    the same words on the command line and in the console; None for what is no spreadsheet."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".ods":  # LibreOffice's own format, what its Save writes unless told
        return said(
            "is a LibreOffice spreadsheet (.ods), not an Excel workbook: in LibreOffice Calc,"
            " choose File, Save As, and the type Excel 2007-365 (.xlsx); then use that file"
        )
    if suffix in (".xls", ".xlsb"):
        return said(
            "is an older or binary Excel file, not an Excel workbook (.xlsx): in Excel, choose"
            " File, Save As, and the type Excel Workbook (.xlsx); then use that file"
        )
    return None


def sheet_name(table: str) -> str:
    """`activities.csv` -> `Activities`: the sheet a person sees in the workbook."""
    return table.removesuffix(".csv").replace("_", " ").capitalize()


def read_tables(
    source: Path,
    columns: dict[str, list[str]],
    optional: dict[str, list[str]],
    errors: list[SourceError],
) -> dict[str, Table]:
    """Every table, required and optional; every problem goes to `errors`."""
    if is_workbook(source):
        from backend.workbook import read_workbook  # openpyxl only when a workbook is given

        tables = read_workbook(source, columns, optional, errors)
    elif not source.is_dir():
        other = not_a_workbook(source.name) or said("is neither a folder of CSV files nor .xlsx")
        errors.append(SourceError(source.name, 0, other))
        return {name: Table(name, unreadable=True) for name in {**columns, **optional}}
    else:
        tables = {name: read_table(source, name, cols, errors) for name, cols in columns.items()}
        for name, cols in optional.items():
            tables[name] = read_table(source, name, cols, errors, optional=True)
    for table in tables.values():  # a missing column is reported once, not once per row
        for row in table.rows:
            for column in table.missing:
                row.cells.setdefault(column, "")
        as_listed(table)
        as_spaced(table)
    return tables
