"""The cells of an .xlsx workbook, read straight from its XML: several times faster than
openpyxl's full load, which builds an object per cell, style and string (a 5,000-delegate
workbook took seconds before anything was checked).

What it reads is what `backend.workbook` needs, with openpyxl's meaning: each sheet's title
and visibility, merged ranges, and every cell's value (numbers, shared and inline strings,
booleans, errors, dates by their number format, formulas as "=..."). Anything it does not
know raises `Unsupported`, and the caller reads the workbook with openpyxl instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import NamedTuple
from xml.etree.ElementTree import ParseError
from zipfile import BadZipFile, ZipFile

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel, from_ISO8601

from backend.xlsx_parts import Unsupported, date_styles, plain, shared_strings, sheets_of, text

_CELL = re.compile(
    rb'<c r="([A-Z]+)(\d+)"(?: s="(\d+)")?(?: t="(\w+)")?([^>]*?)(?:/>|>(.*?)</c>)', re.DOTALL
)
_ANY_CELL = re.compile(rb"<c[\s/>]")
_F = re.compile(rb"<f\b[^>]*?(?:/>|>(.*?)</f>)", re.DOTALL)
_V = re.compile(rb"<v>(.*?)</v>", re.DOTALL)
_IS = re.compile(rb"<is>(.*?)</is>", re.DOTALL)
_MERGED = re.compile(rb'<mergeCell\b[^>]*?\bref="([^"]+)"')


class Cell(NamedTuple):
    value: object
    data_type: str  # openpyxl's: n, s, b, e, d, f
    row: int
    column: int

    @property
    def coordinate(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"


@dataclass
class Sheet:
    title: str
    sheet_state: str = "visible"
    merged: list[tuple[int, int, str]] = field(default_factory=list)  # row, column, range
    rows: list[tuple[Cell, ...]] = field(default_factory=list)  # every row, every column


def read_sheets(path: Path) -> list[Sheet]:
    """Every worksheet of the workbook at `path`, in the workbook's order. Raises
    `Unsupported` for anything unexpected (openpyxl then reads it and says what is wrong)."""
    try:
        with ZipFile(path) as book:
            names = set(book.namelist())
            strings = shared_strings(book) if "xl/sharedStrings.xml" in names else []
            dates, spans = date_styles(book) if "xl/styles.xml" in names else (set(), set())
            epoch, sheets = sheets_of(book)
            styles = (dates, spans, epoch)
            return [
                _sheet(book, title, state, part, strings, styles) for title, state, part in sheets
            ]
    except (
        OSError,
        BadZipFile,
        KeyError,
        ValueError,
        IndexError,
        OverflowError,
        ParseError,
    ) as exc:
        raise Unsupported(str(exc)) from exc


def _sheet(
    book: ZipFile,
    title: str,
    state: str,
    part: str,
    strings: list[str],
    styles: tuple[set[int], set[int], object],
) -> Sheet:
    sheet, cells = Sheet(title, state), dict[tuple[int, int], Cell]()
    data = plain(book.read(part))
    start, end = data.find(b"<sheetData"), data.find(b"</sheetData>")
    found = _CELL.findall(data, start, end) if 0 <= start < end else []
    if len(found) != len(_ANY_CELL.findall(data, max(start, 0), max(end, 0))):
        raise Unsupported("cells written another way")  # without `r` first, say
    columns: dict[bytes, int] = {}
    for letters, digits, style, kind, rest, inner in found:
        if b'="' in rest and (b" t=" in rest or b" s=" in rest):
            raise Unsupported("attributes in another order")
        column = columns.get(letters) or columns.setdefault(letters, _column(letters))
        at = (int(digits), column)
        if (
            kind == b"inlineStr"
            and inner[:7] == b"<is><t>"
            and inner[-9:] == b"</t></is>"
            and inner.count(b"<") == 4
        ):
            text = inner[7:-9].decode()  # most cells the template writes: plain text
            cells[at] = Cell(unescape(text) if "&" in text else text, "s", *at)
        else:
            cells[at] = _cell(kind.decode() or "n", int(style or 0), inner, strings, styles, at)
    for ref in _MERGED.findall(data):
        first = ref.partition(b":")[0]
        letters = first.rstrip(b"0123456789")
        sheet.merged.append((int(first[len(letters) :]), _column(letters), ref.decode()))
    height = max((r for r, _ in cells), default=1)
    width = max((c for _, c in cells), default=1)
    sheet.rows = [
        tuple(cells.get((r, c)) or Cell(None, "n", r, c) for c in range(1, width + 1))
        for r in range(1, height + 1)
    ]
    return sheet


def _column(letters: bytes) -> int:
    if not letters or len(letters) > 3 or not letters.isalpha() or not letters.isupper():
        raise Unsupported(f"cell reference {letters!r}")
    column = 0
    for letter in letters:
        column = column * 26 + letter - 64
    return column


def _cell(
    kind: str,
    style: int,
    inner: bytes,
    strings: list[str],
    styles: tuple[set[int], set[int], object],
    at: tuple[int, int],
) -> Cell:
    if inner.startswith(b"<v>") and inner.endswith(b"</v>") and inner.count(b"<") == 2:
        value = inner[3:-4]  # most cells
    elif b"<f" in inner:
        formula = _F.search(inner)
        if formula is None or not formula[1]:
            raise Unsupported("a shared formula")  # openpyxl writes it out in full
        return Cell(f"={unescape(formula[1].decode())}", "f", *at)
    elif kind == "inlineStr":
        inline = _IS.search(inner)
        return Cell(text(inline[1]), "s", *at) if inline else Cell(None, kind, *at)
    else:
        found = _V.search(inner) if inner else None
        value = found[1] if found else b""
    if not value:
        return Cell(None, "n" if kind in ("n", "str") else kind, *at)
    raw = unescape(value.decode()) if b"&" in value else value.decode()
    return Cell(*_typed(kind, raw, style, strings, styles), *at)


def _typed(
    kind: str, raw: str, style: int, strings: list[str], styles: tuple[set[int], set[int], object]
) -> tuple[object, str]:
    """A cell's value and openpyxl's data type for it."""
    if kind == "n":
        number = float(raw) if any(ch in raw for ch in ".Ee") else int(raw)
        dates, spans, epoch = styles
        if style in dates:
            return from_excel(number, epoch, timedelta=style in spans), "d"
        return number, "n"
    if kind == "s":
        return strings[int(raw)], "s"
    if kind == "str":
        return raw, "s"
    if kind == "b":
        return bool(int(raw)), "b"
    if kind == "e":
        return raw, "e"
    if kind == "d":
        return from_ISO8601(raw), "d"  # type: ignore[no-untyped-call]
    raise Unsupported(f"cell type {kind!r}")
