"""Dates and times that do not read: each hint's example is one its own source reads, so an
organiser who types it gets it right (a CSV file reads ISO only; a workbook the Belgian way
too)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from backend.build import build
from backend.commands import EXAMPLE_WORKBOOK
from tests.backend.sources import copy_example, edit
from tests.backend.workbook_mistakes import row_of

L, C = "mon-lunch", "monday-coaches"  # an activity and an announcement of Monday 6 October
EXAMPLE = re.compile(r"e\.g\. ([^)]+?)(?:\)|$)")

# (file, row id, column, what the organiser typed, what the hint says)
CSV_CASES = [
    ("activities.csv", L, "date", "monday", "date: 'monday' is not a date (e.g. 2025-10-06)"),
    ("activities.csv", L, "date", "6/10/2025", "is not a date (e.g. 2025-10-06)"),
    ("activities.csv", L, "date", "1900-01-06", "type the date, e.g. 2025-10-06"),
    ("activities.csv", L, "start", "9u30", "start: '9u30' is not a time (e.g. 09:30)"),
    ("activities.csv", L, "start", "", "start: empty: fill it in (e.g. 09:30)"),
    ("announcements.csv", C, "date", "5/10/2025", "'5/10/2025' is not a date (e.g. 2025-10-06)"),
    ("announcements.csv", C, "time", "9u", "time: '9u' is not a time (e.g. 09:30)"),
    ("mission.csv", "published_at", "value", "soon", "not a date and time (e.g. 2025-10-01 09:00)"),
    ("hotels.csv", "hilton-union-square", "check_out", "6/10/2025", "not a date (e.g. 2025-10-06)"),
]  # fmt: skip


def _set(source: Path, file: str, row_id: str, column: str, value: str) -> None:
    if file == "mission.csv":  # one setting a line: field,value
        lines = (source / file).read_text("utf-8").splitlines()
        kept = [line if line.split(",")[0] != row_id else f"{row_id},{value}" for line in lines]
        (source / file).write_text("\n".join(kept) + "\n", "utf-8")
    else:
        edit(source / file, row_id, **{column: value})


@pytest.mark.parametrize(("file", "row_id", "column", "typed", "hint"), CSV_CASES)
def test_csv_hint_gives_an_example_the_csv_reads(
    tmp_path: Path, file: str, row_id: str, column: str, typed: str, hint: str
) -> None:
    source = copy_example(tmp_path)
    _set(source, file, row_id, column, typed)
    said = [str(e) for e in build(source).errors]
    assert len(said) == 1 and hint in said[0], said
    found = EXAMPLE.search(said[0])
    assert found is not None and " or " not in found[1], said
    _set(source, file, row_id, column, found[1])  # the hint, followed
    assert [str(e) for e in build(source).errors] == []


# (sheet, row id, column, what the organiser typed, what the hint says)
WORKBOOK_CASES = [
    ("Activities", L, "date", "monday", "'monday' is not a date (e.g. 2025-10-06 or 6/10/2025)"),
    ("Activities", L, "start", "noon", "'noon' is not a time (e.g. 09:30 or 9u30)"),
    ("Announcements", C, "date", "sun", "'sun' is not a date (e.g. 2025-10-06 or 6/10/2025)"),
    ("Announcements", C, "time", "evening", "'evening' is not a time (e.g. 09:30 or 9u30)"),
]  # fmt: skip


@pytest.mark.parametrize(("sheet", "row_id", "column", "typed", "hint"), WORKBOOK_CASES)
def test_workbook_hint_gives_examples_the_workbook_reads(
    tmp_path: Path, sheet: str, row_id: str, column: str, typed: str, hint: str
) -> None:
    """Each of the forms it shows reads; an announcement's date is said at the date, not as
    'time: sunday '21:00' is not a time'."""
    book = load_workbook(EXAMPLE_WORKBOOK)
    rows = book[sheet]
    header = [c.value for c in rows[1]]
    cell = rows.cell(row_of(rows, row_id), header.index(column) + 1)
    cell.value = typed
    book.save(tmp_path / "mistake.xlsx")
    said = [str(e) for e in build(tmp_path / "mistake.xlsx").errors]
    assert said == [f"{sheet}!{cell.coordinate}: {hint}"]
    found = EXAMPLE.search(said[0])
    assert found is not None
    for example in found[1].split(" or "):  # the hint, followed: each way it shows
        cell.value = example
        book.save(tmp_path / "followed.xlsx")
        assert [str(e) for e in build(tmp_path / "followed.xlsx").errors] == [], example
