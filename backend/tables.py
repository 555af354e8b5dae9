"""Reading the organisers' CSV exports: `,` or `;`, UTF-8 with or without BOM, line numbers kept."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import get_close_matches
from functools import cache
from pathlib import Path

from services.contacts import INTERNATIONAL, parse_phone
from services.models import LANGS
from services.said import Said, said


@dataclass(frozen=True)
class SourceError:
    """One problem in the source, where a person finds it: `activities.csv:14: end: end 10:00
    is not after start 11:00` in a CSV export, `Activities!E14: end 10:00 ...` in a workbook."""

    file: str
    line: int
    message: str
    column: str = ""
    cell: str = ""  # A1-style reference when the source is a workbook sheet

    def __str__(self) -> str:  # the command line's English; `sentence()` for other languages
        if self.cell:
            return f"{self.file}!{self.cell}: {self.message}"
        if self.line and self.column:
            return f"{self.file}:{self.line}: {self.column}: {self.message}"
        return (
            f"{self.file}:{self.line}: {self.message}"
            if self.line
            else f"{self.file}: {self.message}"
        )

    def sentence(self) -> Said:
        """The problem after its place, as `str()` shows it, to be said in another language
        (`services.said.say`); the place (`Delegates!C7`, `activities.csv:14`) stays as it is."""
        if self.cell:
            return _after(f"{self.file}!{self.cell}", self.message)
        if self.line and self.column:
            return _after(f"{self.file}:{self.line}", _after(self.column, self.message))
        return _after(f"{self.file}:{self.line}" if self.line else self.file, self.message)


def _after(label: str, text: str) -> Said:
    return said("{label}: {value}", label=label, value=text)


@dataclass
class Row:
    file: str
    line: int
    cells: dict[str, str]
    letters: dict[str, str] | None = None  # column -> sheet column letter, for workbooks

    def __post_init__(self) -> None:
        """Phone numbers as people type them ('+1 415 555 0100', '+32 (0)2 501 81 11') in the
        feed's form (+14155550100): the check said '+1 415 555 0100' was not like its own
        example, '+1 415 555 0100'."""
        for column in PHONE_COLUMNS & self.cells.keys():
            self.cells[column] = dial(self.cells[column])
        if self.cells.get("field") in PHONE_COLUMNS and "value" in self.cells:
            self.cells["value"] = dial(self.cells["value"])

    def get(self, column: str) -> str:
        return self.cells.get(column, "")  # the readers strip every cell once

    def per_language(self, column: str) -> dict[str, str]:
        """`<column>_en`, `_fr`, `_nl` as {lang: text}, the empty ones left out."""
        return {lang: text for lang in LANGS if (text := self.get(f"{column}_{lang}"))}

    def error(self, column: str, message: str) -> SourceError:
        """A problem in one cell of this row."""
        if self.letters is None:
            return SourceError(self.file, self.line, message, column)
        base = column.rpartition("_")[0] if column.endswith(LANG_ENDS) else column
        letter = self.letters.get(column) or next(
            (v for k, v in self.letters.items() if k.startswith(f"{base}_")), "A"
        )
        return SourceError(self.file, self.line, message, column, f"{letter}{self.line}")


LANG_ENDS = tuple(f"_{lang}" for lang in LANGS)
PHONE_COLUMNS = frozenset({"phone", "mobile", "contact_phone", "duty_phone"})


def dial(text: str) -> str:
    """An international number as people group its digits ('+1 (415) 555-0100', '+32 (0)2
    501 81 11') in the feed's form, as the app reads what a person types (services.contacts);
    anything else, or a number that cannot be, as typed: the contract then says what is wrong."""
    if not text.startswith("+") or INTERNATIONAL.fullmatch(text):
        return text
    return parse_phone(text.replace("\u202f", " ")) or text


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "bem-west-coast-2025"  # CSVs


@cache
def known_columns(name: str) -> frozenset[str]:
    """Every column table `name` may have: the example's, which the template writes."""
    path = EXAMPLE / name
    if not path.exists():
        return frozenset()
    first = path.read_text(encoding="utf-8-sig").split("\n", 1)[0]
    return frozenset(h.strip().lower() for h in first.split(","))


def misspelt(name: str, header: list[str], required: list[str]) -> list[tuple[int, str]]:
    """(index, known column) for each header no table has that spells a column this one lacks
    (`titel_nl` for `title_nl`): that column would be read as empty at every row. A required
    column's own message says so already; a column of the organisers' own is left alone."""
    known = known_columns(name)
    absent = sorted(known - set(header) - set(required))
    out = []
    for index, found in enumerate(header):
        if found and found not in known:
            close = get_close_matches(found, absent, n=1, cutoff=0.75)
            if close:
                out.append((index, close[0]))
                absent.remove(close[0])
    return out


def unknown_column(found: str, missing: str) -> Said:
    """`unknown column 'titel_nl'; the column 'title_nl' is missing`."""
    return said(
        "unknown column {found}; the column {missing} is missing",
        found=repr(found), missing=repr(missing),
    )  # fmt: skip


def missing_column(missing: str, found: str) -> Said:
    """`missing column address (found: id, name, adress)`."""
    return said("missing column {missing} (found: {found})", missing=missing, found=found)


@dataclass
class Table:
    name: str
    rows: list[Row] = field(default_factory=list)
    label: str = ""  # the file or sheet name a person sees
    missing: list[str] = field(default_factory=list)  # required columns not found (reported)
    unreadable: bool = False  # missing or undecodable (reported): its ids are not known
    unread: set[str] = field(default_factory=set)  # cells not read (a formula: reported)
    covered: set[str] = field(default_factory=set)  # cells under a merge (reported as one)

    def __post_init__(self) -> None:
        self.label = self.label or self.name

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)


def _not_utf8(name: str, data: bytes, at: int) -> SourceError:
    """The line with the first byte that is not UTF-8, and the word it is in as Windows or an
    old Mac wrote it (Excel's plain 'CSV' is Windows-1252): 'Caf\xe9' reads 'Café'."""
    line = data.count(b"\n", 0, at) + 1
    start = max(data.rfind(b"\n", 0, at), data.rfind(b",", 0, at), data.rfind(b";", 0, at)) + 1
    ends = [i for i in (data.find(sep, at) for sep in (b"\n", b",", b";")) if i >= 0]
    near = data[start : min(ends, default=len(data))].decode("cp1252", "replace").strip()[:40]
    message = said(
        "not saved as UTF-8 (near {text}): save it again as 'CSV UTF-8 (Comma delimited)'",
        text=repr(near),
    )
    return SourceError(name, line, message)


def read_table(
    folder: Path, name: str, required: list[str], errors: list[SourceError], optional: bool = False
) -> Table:
    """Read `name` from `folder`; every problem goes to `errors`, never an exception."""
    path = folder / name
    table = Table(name)
    if not path.exists():
        if not optional:
            errors.append(SourceError(name, 0, said("file is missing")))
            table.unreadable = True
        return table
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        errors.append(_not_utf8(name, data, exc.start))
        table.unreadable = True
        return table
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    table.missing = [c for c in required if c not in header]
    if table.missing:  # the other columns are still checked; this one is reported once, here
        found = ", ".join(header) or said("nothing")
        missing = ", ".join(table.missing)
        errors.append(SourceError(name, 1, missing_column(missing, found)))
        table.unreadable = "id" in table.missing
    for index, known in misspelt(name, header, required):
        errors.append(SourceError(name, 1, unknown_column(header[index], known)))
        table.missing.append(known)  # said here, not again at every row
    for cells in reader:
        line = reader.line_num
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if len(cells) > len(header):
            message = said(
                "{cells} cells but {columns} columns; check the delimiter and quotes",
                cells=len(cells), columns=len(header),
            )  # fmt: skip
            errors.append(SourceError(name, line, message))
            continue
        table.rows.append(Row(name, line, dict(zip(header, cells, strict=False))))
    return table
