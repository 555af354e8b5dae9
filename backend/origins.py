"""Where each piece of a built document came from, so a contract problem points at a cell.

A problem found in a document (`activities[9].venue_id: unknown venue 'x'`) becomes the row
and column a person can find: `activities.csv:90: venue: ...` or `Activities!H90: ...`. Paths
inside the message (`duplicate id 'a' (also activities[3])`) become rows too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from backend.tables import Row, SourceError
from services.errors import Problem
from services.models import LANGS
from services.said import Said, said

_PATH = re.compile(r"^([a-z_.]+)\[(\d+)\]\.?(.*)$")
_REF = re.compile(r"\b([a-z_.]+)\[(\d+)\]")
# a quoted value (Python's repr of what a person typed) or a document path outside one
_QUOTED_OR_REF = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|""" + _REF.pattern)
_MISSING_LANG = re.compile(r"missing language (\w+)")
# A Mission setting left empty: what to type there, as the example mission has it (in a
# workbook, dates the Belgian way its help row shows; in mission.csv, as the CSV has them).
SETTING_EXAMPLES = {
    "id": ("bem-west-coast-2025", "bem-west-coast-2025"),
    "revision": ("1", "1"),
    "published_at": ("1/10/2025 09:00", "2025-10-01 09:00"),
    "start_date": ("5/10/2025", "2025-10-05"),
    "end_date": ("10/10/2025", "2025-10-10"),
    "languages": ("en fr nl", "en fr nl"),
}
# A date the contract refuses: what to type. A workbook's text cell reads the Belgian way its
# help row shows ('6/10/2025', backend.cells); a CSV cell is read as typed: ISO only.
NOT_A_DATE = said("not a date (e.g. 2025-10-06)")
NOT_A_DATETIME = said("not a date and time (e.g. 2025-10-01 09:00)")  # backend.sheet_times
IN_A_WORKBOOK = {
    NOT_A_DATE.msgid: said("not a date (e.g. 6/10/2025)"),
    NOT_A_DATETIME.msgid: said("not a date and time (e.g. 1/10/2025 09:00)"),
}
# A delegate's document field copied from a Mission setting: its problem is the setting's.
_SETTING_OF = {"mission_id": "id"}
# Model field name -> the column organisers see.
COLUMN_OF = {
    "venue_id": "venue",
    "registered": "activity",
    # the mission-day sheets (backend.day_sheets)
    "activity_id": "activity",
    "departure_time": "coach_time",
    "departure_point": "coach_from",
    "at": "time",
    "audience": "target",
}


@dataclass
class Origins:
    """Rows behind each list of one document, in document order; `fields` are mission.csv's."""

    places: dict[str, list[Row]] = field(default_factory=dict)
    fields: dict[str, Row] = field(default_factory=dict)
    fallback: Row | None = None

    def add(self, key: str, row: Row) -> None:
        self.places.setdefault(key, []).append(row)

    def drop(self, key: str, index: int) -> None:
        rows = self.places.get(key, [])
        if index < len(rows):
            del rows[index]

    def row_at(self, path: str) -> tuple[Row, str] | None:
        """The row and column behind a document path, if it came from a row."""
        match = _PATH.match(path)
        if match and match.group(1) in self.places:
            rows, index = self.places[match.group(1)], int(match.group(2))
            if index < len(rows):
                column = match.group(3).split(".")[0].split("[")[0] or match.group(1)
                return rows[index], COLUMN_OF.get(column, column)
        key, _, rest = path.partition(".")
        if rest and len(self.places.get(key, [])) == 1:  # `delegate.language`: one row's cell
            column = rest.split(".")[0].split("[")[0]
            return self.places[key][0], COLUMN_OF.get(column, column)
        name = path.removeprefix("mission.").split(".")[0].split("[")[0]
        name = _SETTING_OF.get(name, name)
        for key in (name, f"{name}_en"):
            if key in self.fields:
                return self.fields[key], "value"
        if self.fallback is not None and path:
            return self.fallback, COLUMN_OF.get(name, name)
        return None

    def locate(self, problem: Problem, file: str) -> SourceError:
        spot = self.row_at(problem.path)
        message = self._rows_in(problem.message)
        if spot is None:
            whole = said("{label}: {value}", label=problem.path, value=message)
            return SourceError(file, 0, whole if problem.path else message)
        row, column = spot
        if row.letters is not None:
            message = _in_workbook(message)
        if column == "value" and row.get("field"):  # a setting: say which, not only where
            message = _with_example(message, row)
            message = said("{label}: {value}", label=row.get("field"), value=message)
        cell = _cell_column(row, column, message)
        missing = _MISSING_LANG.fullmatch(str(problem.message))
        if missing and cell in row.cells and not row.get(cell).strip():
            message = said("empty: fill it in")  # at `title_en`: the column says the language
        return row.error(cell, message)

    def _rows_in(self, text: str) -> str:
        """`text` with each document path in it (`activities[3]`) as the row it came from.
        What a person typed is quoted in a message (`unknown venue 'activities[2]'`) and stays
        as typed: in a `Said`, only a parameter that is a path as a whole is a location."""
        if isinstance(text, Said):
            return text.with_params(self._location_as_row)
        return _QUOTED_OR_REF.sub(self._row_ref, text)

    def _location_as_row(self, value: object) -> object:
        if isinstance(value, Said):
            return self._rows_in(value)
        whole = _REF.fullmatch(value) if isinstance(value, str) else None
        rows = self.places.get(whole.group(1), []) if whole else []
        if whole and int(whole.group(2)) < len(rows):
            return said("row {line}", line=rows[int(whole.group(2))].line)
        return value

    def _row_ref(self, match: re.Match[str]) -> str:
        if match.group(1) is None:  # a quoted value
            return match.group(0)
        rows = self.places.get(match.group(1), [])
        index = int(match.group(2))
        return f"row {rows[index].line}" if index < len(rows) else match.group(0)


def _cell_column(row: Row, column: str, message: str) -> str:
    """`title` is three columns: point at the missing language's one."""
    if column in row.cells:
        return column
    missing = _MISSING_LANG.search(message)
    if missing and missing.group(1) in LANGS:  # the language's column, even when it is absent
        return f"{column}_{missing.group(1)}"
    return f"{column}_en" if f"{column}_en" in row.cells else column


def _in_workbook(message: str) -> str:
    """The sentence with a workbook's date example ('6/10/2025', '1/10/2025 09:00'), in it or
    in one it holds ('not a date (...), got ...')."""
    if not isinstance(message, Said):
        return message
    if message.msgid in IN_A_WORKBOOK:
        return IN_A_WORKBOOK[message.msgid]
    return message.with_params(
        lambda value: _in_workbook(value) if isinstance(value, str) else value
    )


def _with_example(message: str, row: Row) -> str:
    """`empty: fill it in (e.g. 5/10/2025)` for a Mission setting left empty: the template
    shows no value to copy, and a newcomer cannot guess what `published_at` wants."""
    examples = SETTING_EXAMPLES.get(row.get("field"))
    if examples is None or not isinstance(message, Said):
        return message
    hint = said("e.g. {example}", example=examples[0 if row.letters is not None else 1])
    if message.msgid == "empty: fill it in":
        return said("empty: fill it in ({hint})", hint=hint)
    if message.msgid == "empty: fill in at least one":
        return said("empty: fill in at least one ({hint})", hint=hint)
    return message
