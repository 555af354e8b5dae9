"""The checker: asking whether a short list is said for its sheet is a question, not a report."""

from __future__ import annotations

from backend.checks import EMPTY_TABLE, Checker


def test_checker_sheet_said_is_a_question_that_records_nothing() -> None:
    checker = Checker([], set(), {"sectors.csv": "Sectors"})
    assert checker._sheet_said(("mission", "sectors"))
    assert checker._sheet_said(("mission", "sectors"))
    assert checker.errors == []  # asked twice, nothing reported
    checker._say_empty(("mission", "sectors"))
    assert [(e.file, e.message) for e in checker.errors] == [("Sectors", EMPTY_TABLE)]


def test_checker_a_list_inside_a_row_is_not_said_for_its_sheet() -> None:
    checker = Checker([], set(), {"sectors.csv": "Sectors"})
    assert not checker._sheet_said(("companies", 3, "sectors"))
    checker._say_empty(("companies", 3, "sectors"))
    assert checker.errors == []
