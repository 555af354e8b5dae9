"""Spreadsheets to feed documents: CSV rows become `MissionDoc` and `DelegateDoc`, or errors.

Every check runs through the app's own contract (`services.validation`); a problem found there
is mapped back to the CSV file and line it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from backend.tables import Row, SourceError, Table, read_table
from services.errors import Problem
from services.models import LANGS, DelegateDoc, MissionDoc
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
    raw = _mission_dict(tables, fields, zone, origins, out.errors)
    mission = _validate(MissionDoc, raw, mission_problems, origins, "mission.csv", out.errors)
    per_delegate = _by_delegate(tables)
    for row in tables["delegates.csv"]:  # checked even when the mission has errors
        d_origins = _Origins()
        rows = per_delegate.get(row.get("id"), {})
        d_raw = _delegate_dict(row, rows, fields, zone, d_origins, out.errors)
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


def _loc(row: Row, column: str) -> dict[str, str]:
    return {lang: row.get(f"{column}_{lang}") for lang in LANGS if row.get(f"{column}_{lang}")}


def _instant(row: Row, column: str, zone: ZoneInfo, errors: list[SourceError]) -> str | None:
    day, clock = row.get("date"), row.get(column)
    try:
        parsed_day = date.fromisoformat(day)
    except ValueError:
        errors.append(SourceError(row.file, row.line, f"date {day!r} is not a date (YYYY-MM-DD)"))
        return None
    try:
        parsed_time = time.fromisoformat(clock)
    except ValueError:
        errors.append(SourceError(row.file, row.line, f"{column} {clock!r} is not a time (HH:MM)"))
        return None
    return datetime.combine(parsed_day, parsed_time, zone).isoformat()


def _mission_dict(
    tables: dict[str, Table],
    fields: dict[str, Row],
    zone: ZoneInfo,
    origins: _Origins,
    errors: list[SourceError],
) -> dict[str, Any]:
    def value(name: str) -> str:
        return fields[name].get("value") if name in fields else ""

    def loc(name: str) -> dict[str, str]:
        return {lang: value(f"{name}_{lang}") for lang in LANGS if value(f"{name}_{lang}")}

    participants: dict[str, list[dict[str, str]]] = {}
    for row in tables["participants.csv"]:
        entry = {"role": row.get("role"), "name": row.get("name")}
        if row.get("organisation"):
            entry["organisation"] = row.get("organisation")
        participants.setdefault(row.get("activity"), []).append(entry)
    for row in tables["sectors.csv"]:
        origins.add("mission.sectors", row)
    for row in tables["cities.csv"]:
        origins.add("mission.cities", row)
    for row in tables["facts.csv"]:
        origins.add("mission.facts", row)
    mission = {
        "id": value("id"),
        "title": loc("title"),
        "led_by": loc("led_by"),
        "start_date": value("start_date"),
        "end_date": value("end_date"),
        "time_zone": value("time_zone"),
        "languages": value("languages").split(),
        "sectors": [{"id": r.get("id"), "name": _loc(r, "name")} for r in tables["sectors.csv"]],
        "cities": [
            {
                "id": r.get("id"),
                "name": _loc(r, "name"),
                "start_date": r.get("start_date"),
                "end_date": r.get("end_date"),
            }
            for r in tables["cities.csv"]
        ],
        "facts": [
            {"id": r.get("id"), "text": _loc(r, "text"), "source": r.get("source")}
            for r in tables["facts.csv"]
        ],
        "sample": value("sample").lower() in ("yes", "true", "1", "ja", "oui"),
        "sample_note": loc("sample_note"),
    }
    venues = []
    for row in tables["venues.csv"]:
        origins.add("venues", row)
        venues.append(
            {
                "id": row.get("id"),
                "name": row.get("name"),
                "address": row.get("address"),
                "city": row.get("city"),
                "lat": row.get("lat"),
                "lon": row.get("lon"),
                "access": _loc(row, "access"),
            }
        )
    activities = []
    for row in tables["activities.csv"]:
        origins.add("activities", row)
        activity: dict[str, Any] = {
            "id": row.get("id"),
            "kind": row.get("kind"),
            "title": _loc(row, "title"),
            "description": _loc(row, "description"),
            "sectors": row.get("sectors").split(),
            "start": _instant(row, "start", zone, errors),
            "end": _instant(row, "end", zone, errors),
            "venue_id": row.get("venue"),
            "room": row.get("room") or None,
            "state": row.get("state") or "confirmed",
            "registration": row.get("registration") or "open",
            "participants": participants.get(row.get("id"), []),
        }
        activities.append(activity)
    contacts = []
    for row in tables["contacts.csv"]:
        if not row.get("delegates"):
            origins.add("contacts", row)
            contacts.append(_contact(row))
    return {
        "revision": value("revision"),
        "published_at": value("published_at"),
        "mission": mission,
        "venues": venues,
        "activities": activities,
        "contacts": contacts,
    }


def _contact(row: Row) -> dict[str, Any]:
    contact: dict[str, Any] = {
        "id": row.get("id"),
        "category": row.get("category"),
        "name": row.get("name"),
        "role": _loc(row, "role"),
        "hours": _loc(row, "hours"),
    }
    for column in ("organisation", "phone", "mobile", "email", "website", "address"):
        if row.get(column):
            contact[column] = row.get(column)
    return contact


def _by_delegate(tables: dict[str, Table]) -> dict[str, dict[str, list[Row]]]:
    """Rows of each per-delegate table grouped by delegate id, in file order (one pass each)."""
    index: dict[str, dict[str, list[Row]]] = {}
    for name in ("registrations.csv", "meetings.csv"):
        for row in tables[name]:
            index.setdefault(row.get("delegate"), {}).setdefault(name, []).append(row)
    for row in tables["contacts.csv"]:
        for pid in row.get("delegates").split():
            index.setdefault(pid, {}).setdefault("contacts.csv", []).append(row)
    return index


def _delegate_dict(
    person: Row,
    rows: dict[str, list[Row]],
    fields: dict[str, Row],
    zone: ZoneInfo,
    origins: _Origins,
    errors: list[SourceError],
) -> dict[str, Any]:
    pid = person.get("id")
    registered = []
    for row in rows.get("registrations.csv", []):
        origins.add("registered", row)
        registered.append(row.get("activity"))
    meetings = []
    for row in rows.get("meetings.csv", []):
        origins.add("meetings", row)
        meeting: dict[str, Any] = {
            "id": row.get("id"),
            "counterpart": row.get("counterpart"),
            "company": row.get("company"),
            "start": _instant(row, "start", zone, errors),
            "end": _instant(row, "end", zone, errors),
        }
        for column, key in (("venue", "venue_id"), ("location", "location"), ("notes", "notes")):
            if row.get(column):
                meeting[key] = row.get(column)
        meetings.append(meeting)
    contacts = []
    for row in rows.get("contacts.csv", []):
        origins.add("contacts", row)
        contacts.append(_contact(row))
    origins.add("delegate", person)
    return {
        "revision": fields["revision"].get("value") if "revision" in fields else "",
        "published_at": fields["published_at"].get("value") if "published_at" in fields else "",
        "mission_id": fields["id"].get("value") if "id" in fields else "",
        "delegate": {
            "id": pid,
            "name": person.get("name"),
            "company": person.get("company"),
            "language": person.get("language") or "en",
        },
        "registered": registered,
        "meetings": meetings,
        "contacts": contacts,
    }
