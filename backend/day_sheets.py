"""The mission-day sheets to feed dicts: announcements, logistics, companies, hospitals, safety,
hotels. All optional; each row is noted in `Origins` so problems point at its file and line.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from backend.sheet_times import clock_of, hints, instant, time_problem
from backend.sheets import Origins, flag
from backend.tables import Row, SourceError, Table
from services.mission_time import is_iso_date
from services.models import LANGS

# Sheet -> required columns (every sheet here may be left out).
DAY_SHEETS = {
    "announcements.csv": ["id", "date", "time", "title_en"],
    "logistics.csv": ["activity"],
    "companies.csv": ["id", "name", "sectors", "consent"],
    "hospitals.csv": ["id", "name", "address", "city", "lat", "lon"],
    "hotels.csv": ["id", "name", "address", "city", "lat", "lon", "check_in", "check_out"],
    "safety.csv": ["field", "value"],
}
YES = ("yes", "true", "1", "ja", "oui", "y")


def _at(row: Row, day: str, column: str, zone: ZoneInfo, errors: list[SourceError]) -> str | None:
    """`day` + the HH:MM in `column` as an ISO instant in mission time; empty gives None."""
    clock = row.get(column)
    if not clock:
        return None
    try:
        return datetime.combine(date.fromisoformat(day), clock_of(clock), zone).isoformat()
    except ValueError:  # `day` is the activity's, read already: the time does not read
        errors.append(row.error(column, time_problem(clock, hints(row.letters is not None)[1])))
        return None


def day_mission(
    tables: dict[str, Table], zone: ZoneInfo, origins: Origins, errors: list[SourceError]
) -> dict[str, Any]:
    """The mission.json keys that come from the mission-day sheets."""
    out: dict[str, Any] = {
        "announcements": [
            _announcement(r, zone, origins, errors) for r in tables["announcements.csv"]
        ],
        "logistics": _logistics(tables, zone, origins, errors),
        "companies": [],
        "hospitals": [],
    }
    for row in tables["companies.csv"]:
        if row.get("consent").lower() in YES:  # no consent, no entry
            origins.add("companies", row)
            out["companies"].append(_company(row))
    for row in tables["hospitals.csv"]:
        origins.add("hospitals", row)
        place = {k: row.get(k) for k in ("id", "name", "address", "city", "lat", "lon")}
        out["hospitals"].append(
            {**place, **({"phone": row.get("phone")} if row.get("phone") else {})}
        )
    fields = {r.get("field"): r.get("value") for r in tables["safety.csv"]}
    if fields:
        out["safety"] = {
            "duty_phone": fields.get("duty_phone", ""),
            "duty_name": {
                k: fields[f"duty_name_{k}"] for k in LANGS if fields.get(f"duty_name_{k}")
            },
            "consulate": fields.get("consulate") or None,
        }
    return out


def _announcement(
    row: Row, zone: ZoneInfo, origins: Origins, errors: list[SourceError]
) -> dict[str, Any]:
    origins.add("announcements", row)
    audience: dict[str, Any] = {"kind": row.get("audience") or "everyone"}
    if row.get("target"):
        audience["id"] = row.get("target")
    return {
        "id": row.get("id"),
        "at": instant(row, "time", zone, errors),  # a date that does not read is said there
        "urgency": row.get("urgency") or "info",
        "audience": audience,
        "title": row.per_language("title"),
        "body": row.per_language("body"),
    }


def _logistics(
    tables: dict[str, Table], zone: ZoneInfo, origins: Origins, errors: list[SourceError]
) -> list[dict[str, Any]]:
    days = {r.get("id"): r.get("date") for r in tables["activities.csv"]}
    out = []
    for row in tables["logistics.csv"]:
        origins.add("logistics", row)
        day = days.get(row.get("activity"), "")
        if not is_iso_date(day):
            day = ""  # the activity's date is said at its own cell, not again here
        item: dict[str, Any] = {"activity_id": row.get("activity")}
        for key in ("dress_code", "bring", "security", "access"):
            item[key] = row.per_language(key)
        item["departure_point"] = row.per_language("coach_from")
        if day:
            item["arrive_by"] = _at(row, day, "arrive_by", zone, errors)
            item["departure_time"] = _at(row, day, "coach_time", zone, errors)
        out.append(item)
    return out


def _company(row: Row) -> dict[str, Any]:
    contact: dict[str, Any] = {
        "name": row.get("contact_name"),
        "role": row.per_language("contact_role"),
    }
    for column in ("email", "phone"):
        if row.get(f"contact_{column}"):
            contact[column] = row.get(f"contact_{column}")
    company: dict[str, Any] = {
        "id": row.get("id"),
        "name": row.get("name"),
        "kind": row.get("kind") or "company",
        "sectors": row.get("sectors").split(),
        "profile": row.per_language("profile"),
        "cities": row.get("cities").split(),
        "contact": contact,
        "hosts": row.get("hosts").split(),
        "sample": flag(row),
    }
    if row.get("website"):
        company["website"] = row.get("website")
    return company


def stays_for(delegate_id: str, table: Table, origins: Origins) -> list[dict[str, Any]]:
    """Hotel rows for one delegate: an empty `delegates` cell means the whole delegation."""
    out = []
    for row in table:
        who = row.get("delegates").split()
        if who and delegate_id not in who:
            continue
        origins.add("stays", row)
        stay = {
            k: row.get(k)
            for k in ("name", "address", "city", "lat", "lon", "check_in", "check_out")
        }
        stay["hotel_id"] = row.get("id")
        if row.get("phone"):
            stay["phone"] = row.get("phone")
        out.append(stay)
    return out
