"""Every problem in one run, each once: validation that goes on past a bad row.

A row that breaks the contract is reported and left out, and the rest is checked again, so a
bad venue does not hide a bad phone number. A reference to a row that was left out is not
reported a second time ("unknown venue" for a venue that has its own error).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from backend.origins import Origins
from backend.tables import SourceError
from backend.validation_words import message
from services.errors import Problem
from services.models import DelegateDoc, MissionDoc
from services.said import said

Doc = TypeVar("Doc", MissionDoc, DelegateDoc)
EMPTY_TABLE = said("no rows: only the header (and help row) is filled in; add at least one row")
_UNKNOWN = re.compile(r"unknown (\w+) '([^']*)'")
# Which table an `unknown <thing>` refers to, to stay quiet when that table could not be read.
TABLE_OF = {
    "venue": "venues.csv",
    "activity": "activities.csv",
    "sector": "sectors.csv",
    "city": "cities.csv",
    "delegate": "delegates.csv",
    "contact": "contacts.csv",
}


class Checker:
    """Collects problems for one build; `quiet` ids and tables were already reported."""

    def __init__(
        self, errors: list[SourceError], unreadable: set[str], labels: dict[str, str] | None = None
    ) -> None:
        self.errors = errors
        self.labels = labels or {}  # table -> the sheet or file name a person sees
        self.dropped: set[str] = set()
        self.shrunk: set[tuple[str | int, ...]] = set()
        self.unreadable = unreadable
        self.empty: set[str] = set()  # tables said to have no rows: nothing to refer to

    def validate(
        self, model: type[Doc], raw: dict[str, Any], rules: Callable[[Doc], list[Problem]],
        origins: Origins, file: str,
    ) -> Doc | None:  # fmt: skip
        """The document without its bad rows (reported), or None when it cannot be built."""
        doc: Doc | None = None
        for _ in range(4):
            try:
                doc = model.model_validate(raw)
                break
            except ValidationError as exc:
                if not self._drop_bad_items(exc, raw, origins, file):
                    break
        # A list left empty (a whole sheet unusable) still lets the other rules run.
        checked = doc or _lenient(model, raw)
        if checked is not None:
            self.report(rules(checked), origins, file)
        return checked

    def report(self, problems: Iterable[Problem], origins: Origins, file: str) -> None:
        for problem in problems:
            if not self._is_echo(problem.message):
                self.errors.append(origins.locate(problem, file))

    def _is_echo(self, message: str) -> bool:
        unknown = _UNKNOWN.search(message)
        if unknown is None:
            return False
        table = TABLE_OF.get(unknown.group(1), "")
        return unknown.group(2) in self.dropped or table in self.unreadable | self.empty

    def _sheet_said(self, loc: tuple[str | int, ...]) -> bool:
        """Whether a list left too short at `loc` is said for its sheet: every row left out
        has its own error, the sheet could not be read (its own error), or it has no rows
        (`_say_empty` says so). A list inside a row (a company's sectors: an int in `loc`) is
        that row's own cell."""
        if loc in self.shrunk:
            return True
        table = _table_at(loc)
        return table in self.unreadable or table in self.labels

    def _say_empty(self, loc: tuple[str | int, ...]) -> None:
        """Report the sheet behind `loc` as having no rows, if that is why its list is short."""
        table = _table_at(loc)
        if loc not in self.shrunk and table in self.labels and table not in self.unreadable:
            self.errors.append(SourceError(self.labels[table], 0, EMPTY_TABLE))
            self.empty.add(table)

    def _drop_bad_items(
        self, exc: ValidationError, raw: dict[str, Any], origins: Origins, file: str
    ) -> bool:
        reported = {(e.file, e.line) for e in self.errors}
        drops: set[tuple[tuple[str | int, ...], int]] = set()
        whole = False
        for err in exc.errors(include_url=False):
            loc = err["loc"]
            if err["type"] == "too_short" and self._sheet_said(tuple(loc)):
                self._say_empty(tuple(loc))
                whole = True
                continue
            path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
            spot = origins.row_at(path)
            # None is what a cell that failed to convert became: that cell is reported already.
            if not (err.get("input") is None and spot and (spot[0].file, spot[0].line) in reported):
                self.errors.append(origins.locate(Problem(path, message(err)), file))
            index = max((i for i, p in enumerate(loc) if isinstance(p, int)), default=-1)
            if index < 0:
                whole = True
            else:
                drops.add((tuple(loc[:index]), int(loc[index])))
        for prefix, position in sorted(drops, key=lambda d: -d[1]):
            items = _at(raw, prefix)
            item = items.pop(position)
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                self.dropped.add(item["id"])
            origins.drop(".".join(str(p) for p in prefix), position)
            self.shrunk.add(prefix)
        return not whole and bool(drops)


def _table_at(loc: tuple[str | int, ...]) -> str:
    """The table whose rows make the document's list at `loc` ("" inside a row)."""
    if not loc or any(isinstance(p, int) for p in loc) or not isinstance(loc[-1], str):
        return ""
    return f"{loc[-1]}.csv"


def _lenient(model: type[Doc], raw: dict[str, Any]) -> Doc | None:
    """The document from fields checked one by one without their length limits, so that the
    rules can still run; None when a field with no default is unusable."""
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name not in raw:
            if info.is_required():
                return None
            continue
        try:
            values[name] = _adapter(model, name).validate_python(raw[name])
        except ValidationError:
            if info.is_required():
                return None
    return model.model_construct(**values)


@cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    annotation: Any = model.model_fields[name].annotation
    return TypeAdapter(annotation)


def _at(raw: Any, path: tuple[str | int, ...]) -> list[Any]:
    for part in path:
        raw = raw[part]
    assert isinstance(raw, list)
    return raw
