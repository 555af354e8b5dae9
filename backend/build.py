"""Spreadsheets to feed documents: CSV rows become `MissionDoc` and `DelegateDoc`, or errors.

The CSV tables are read by backend.tables and shaped by backend.sheets.

Every check runs through the app's own contract (`services.validation`); a problem found there
is mapped back to the CSV file and line it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from backend.sheets import by_delegate, delegate_dict, mission_dict
from backend.tables import Row, SourceError, read_table
from services.errors import Problem
from services.models import DelegateDoc, MissionDoc
from services.validation import (
    cross_problems,
    delegate_problems,
    mission_problems,
    pydantic_problems,
)

COLUMNS = {
    "mission.csv": ["field", "value"],
    "sectors.csv": ["id", "name_en", "name_fr", "name_nl"],
    "cities.csv": ["id", "name_en", "name_fr", "name_nl", "start_date", "end_date"],
    "venues.csv": ["id", "name", "address", "city", "lat", "lon"],
    "activities.csv": ["id", "kind", "date", "start", "end", "venue", "title_en"],
    "contacts.csv": ["id", "category", "name"],
    "delegates.csv": ["id", "name", "company"],
    "registrations.csv": ["delegate", "activity"],
    "meetings.csv": ["id", "delegate", "counterpart", "company", "date", "start", "end"],
}
OPTIONAL = {
    "facts.csv": ["id", "text_en", "source"],
    "participants.csv": ["activity", "role", "name"],
}
# Model field name -> the CSV column organisers see.
COLUMN_OF = {"venue_id": "venue", "registered": "activity", "lat": "lat"}


@dataclass
class Built:
    mission: MissionDoc | None = None
    delegates: dict[str, DelegateDoc] = field(default_factory=dict)
    errors: list[SourceError] = field(default_factory=list)


@dataclass
class _Origins:
    """Where each list item of a document came from, to point errors at CSV lines."""

    places: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def add(self, key: str, row: Row) -> None:
        self.places.setdefault(key, []).append((row.file, row.line))

    def locate(self, problem: Problem, fallback: str) -> SourceError:
        match = re.match(r"^([a-z_.]+)\[(\d+)\]\.?(.*)$", problem.path)
        if match and match.group(1) in self.places:
            items = self.places[match.group(1)]
            index = int(match.group(2))
            if index < len(items):
                file, line = items[index]
                column = match.group(3).split(".")[0].split("[")[0] or match.group(1)
                column = COLUMN_OF.get(column, column)
                return SourceError(file, line, f"{column}: {problem.message}")
        return SourceError(fallback, 0, str(problem))


def build(folder: Path) -> Built:
    """Read every CSV in `folder` and build the documents; any error means nothing to publish."""
    out = Built()
    tables = {name: read_table(folder, name, cols, out.errors) for name, cols in COLUMNS.items()}
    for name, cols in OPTIONAL.items():
        tables[name] = read_table(folder, name, cols, out.errors, optional=True)
    if out.errors:
        return out
    fields = {row.get("field"): row for row in tables["mission.csv"]}
    zone = _zone(fields, out.errors)
    if zone is None:
        return out
    origins = _Origins()
    raw = mission_dict(tables, fields, zone, origins, out.errors)
    mission = _validate(MissionDoc, raw, mission_problems, origins, "mission.csv", out.errors)
    per_delegate = by_delegate(tables)
    for row in tables["delegates.csv"]:  # checked even when the mission has errors
        d_origins = _Origins()
        rows = per_delegate.get(row.get("id"), {})
        d_raw = delegate_dict(row, rows, fields, zone, d_origins, out.errors)
        doc = _validate(
            DelegateDoc, d_raw, delegate_problems, d_origins, "delegates.csv", out.errors
        )
        if isinstance(doc, DelegateDoc) and isinstance(mission, MissionDoc):
            for problem in cross_problems(doc, mission):
                out.errors.append(d_origins.locate(problem, f"delegates.csv:{row.line}"))
            out.delegates[doc.delegate.id] = doc
    out.mission = mission if isinstance(mission, MissionDoc) else None
    if out.errors:
        out.mission, out.delegates = None, {}
    return out


def _validate(
    model: type[MissionDoc] | type[DelegateDoc],
    raw: dict[str, Any],
    rules: Any,
    origins: _Origins,
    fallback: str,
    errors: list[SourceError],
) -> MissionDoc | DelegateDoc | None:
    # A row already reported by the CSV reader (e.g. a bad date) is not reported again.
    reported = {(e.file, e.line) for e in errors}
    try:
        doc = model.model_validate(raw)
    except ValidationError as exc:
        located = (origins.locate(p, fallback) for p in pydantic_problems(exc))
        errors.extend(e for e in located if (e.file, e.line) not in reported)
        return None
    problems: list[Problem] = rules(doc)
    errors.extend(origins.locate(p, fallback) for p in problems)
    return None if problems else doc


def _zone(fields: dict[str, Row], errors: list[SourceError]) -> ZoneInfo | None:
    name = fields["time_zone"].get("value") if "time_zone" in fields else ""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        errors.append(SourceError("mission.csv", 0, f"time_zone {name!r} is not a known zone"))
        return None
