"""Writing a workbook from the contract: one sheet per table, header and help rows frozen,
drop-down lists (data validation) for ids other sheets hold and for the contract's choices.

Without rows it is the empty template organisers start from; with `source` (a CSV folder) it
is that mission as a workbook, with dates, times and coordinates as real Excel values.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from backend.build import COLUMNS, OPTIONAL
from backend.cells import kind_of
from backend.choices import choices
from backend.row_checks import REFERENCES
from backend.sources import sheet_name
from backend.tables import EXAMPLE, SourceError, read_table
from backend.template_help import HELP
from backend.workbook import HELP_MARK
from services import models
from services.atomic import write_atomically

_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
LAST_ROW = 5000  # how far the drop-down lists reach
FIXED_TIME = datetime(2025, 1, 1)  # same rows, same bytes: no "saved at" inside the file


def write_workbook(out: Path, source: Path | None = None) -> list[SourceError]:
    """The template (no `source`) or the mission in `source` as one workbook, atomically; when
    `source` has errors, nothing is written (they are returned)."""
    data, errors = workbook_bytes(source)
    if errors:
        return errors
    write_atomically(out, data)
    return errors


def workbook_bytes(source: Path | None = None) -> tuple[bytes, list[SourceError]]:
    """The template (no `source`) or the mission in `source` as one workbook's bytes."""
    errors: list[SourceError] = []
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    tables = {**COLUMNS, **OPTIONAL}
    for name, required in tables.items():
        header, rows = _table(source, name, required, errors)
        _sheet(book.create_sheet(sheet_name(name)), name, header, rows)
    for name in tables:
        _drop_downs(book, name)
    book.properties.created = book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_times(buffer.getvalue()), errors


def _table(
    source: Path | None, name: str, required: list[str], errors: list[SourceError]
) -> tuple[list[str], list[dict[str, str]]]:
    example = read_table(EXAMPLE, name, [], [], optional=True)
    header = list(example.rows[0].cells) if example.rows else list(required)
    if source is None:
        fields = [{"field": r.get("field")} for r in example] if name == "mission.csv" else []
        return header, fields
    table = read_table(source, name, required, errors, optional=name in OPTIONAL)
    return (list(table.rows[0].cells) if table.rows else header), [r.cells for r in table]


def _sheet(sheet: Worksheet, name: str, header: list[str], rows: list[dict[str, str]]) -> None:
    sheet.append(header)
    sheet.append([f"{HELP_MARK} {_help(column, name)}" for column in header])
    for row in rows:
        field = row.get("field", "")
        sheet.append([_typed(row.get(c, ""), _kind(c, field)) for c in header])
    bold, grey = Font(bold=True), Font(italic=True, color="666666")
    for index, column in enumerate(header, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 14 if kind_of(column) != "text" else 24
        sheet[f"{letter}1"].font = bold
        sheet[f"{letter}1"].fill = PatternFill("solid", fgColor="DDE6F0")
        sheet[f"{letter}2"].font = grey
        for cells in sheet.iter_rows(min_row=3, min_col=index, max_col=index):
            cells[0].number_format = _format(column, rows, cells[0].value)
    sheet.freeze_panes = "A3"


def _kind(column: str, field: str) -> str:
    return kind_of(field) if column == "value" and field else kind_of(column)


def _typed(text: str, kind: str) -> Any:
    """Dates, times and coordinates as Excel values, like an organiser would type them."""
    try:
        if kind == "date" and text:
            return date.fromisoformat(text)
        if kind == "time" and text:
            return time.fromisoformat(text)
        if kind == "number" and text:
            return float(text)
    except ValueError:
        pass
    return text


def _format(column: str, rows: list[dict[str, str]], value: object) -> str:
    if isinstance(value, date):
        return "yyyy-mm-dd"
    if isinstance(value, time):
        return "hh:mm"
    return "General" if kind_of(column) == "number" else "@"


def _help(column: str, name: str) -> str:
    if column in HELP:
        return HELP[column]
    base, _, lang = column.rpartition("_")
    if lang in models.LANGS and base:
        return f"{base.replace('_', ' ')} in {dict(en='English', fr='French', nl='Dutch')[lang]}"
    listed = choices(name).get(column)
    return f"one of: {', '.join(listed)}" if listed else column.replace("_", " ")


def _drop_downs(book: Workbook, name: str) -> None:
    sheet = book[sheet_name(name)]
    header = [str(c.value) for c in sheet[1]]
    lists = {column: f'"{",".join(values)}"' for column, values in choices(name).items()}
    for table, column, target in REFERENCES:
        if table == name and target in {**COLUMNS, **OPTIONAL}:
            ids = book[sheet_name(target)]
            letter = get_column_letter([str(c.value) for c in ids[1]].index("id") + 1)
            lists[column] = f"'{ids.title}'!${letter}$3:${letter}${LAST_ROW}"
    for index, column in enumerate(header, start=1):
        if column in lists:
            many = column in ("sectors", "delegates")  # several ids: the list only suggests
            check = DataValidation(type="list", formula1=lists[column], allow_blank=True)
            check.showErrorMessage = not many
            check.error = f"Pick a value from the list ({column})."
            letter = get_column_letter(index)
            check.add(f"{letter}3:{letter}{LAST_ROW}")
            sheet.add_data_validation(check)


def _fixed_times(data: bytes) -> bytes:
    """The same workbook gives the same file: zip entries carry no time of writing."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                data = _MODIFIED.sub(rb"\g<1>2025-01-01T00:00:00Z\g<2>", data)
            dst.writestr(fixed, data)
    return out.getvalue()
