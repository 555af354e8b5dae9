"""Spreadsheet rows to feed-shaped dicts: one column per language, dates and times in mission time.

Conversion only: the app's contract validates the result (see backend.build), and every row
is noted in `Origins` so a problem can be reported at its file and line.
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import lru_cache
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from backend.tables import Row, SourceError, Table
from services.models import LANGS
from services.said import said


class Origins(Protocol):
    def add(self, key: str, row: Row) -> None: ...


def _loc(row: Row, column: str) -> dict[str, str]:
    return {lang: row.get(f"{column}_{lang}") for lang in LANGS if row.get(f"{column}_{lang}")}


def _names(row: Row, column: str) -> dict[str, str]:
    """`name` alone is the same in every language (a person's name); `name_fr` etc. override it."""
    plain = row.get(column)
    return {
        lang: row.get(f"{column}_{lang}") or plain
        for lang in LANGS
        if row.get(f"{column}_{lang}") or plain
    }


def flag(row: Row, column: str = "sample") -> bool:
    return _yes(row.get(column))


def _yes(value: str) -> bool:
    return value.lower() in ("yes", "true", "1", "ja", "oui", "x")


def _instant(row: Row, column: str, zone: ZoneInfo, errors: list[SourceError]) -> str | None:
    day, clock = row.get("date"), row.get(column)
    instant, bad = _combined(day, clock, zone)
    typed = row.letters is not None  # a workbook: the Belgian ways its help row shows, too
    if bad == "date":
        hint = said("e.g. 2025-10-06 or 6/10/2025") if typed else "YYYY-MM-DD"
        errors.append(
            row.error("date", said("{value} is not a date ({hint})", value=repr(day), hint=hint))
        )
    elif bad:
        hint = said("e.g. 09:30 or 9u30") if typed else "HH:MM"
        errors.append(
            row.error(column, said("{value} is not a time ({hint})", value=repr(clock), hint=hint))
        )
    return instant


@lru_cache(maxsize=4096)  # thousands of meetings share a few dozen slots
def _combined(day: str, clock: str, zone: ZoneInfo) -> tuple[str | None, str]:
    """(the ISO instant, "") or (None, "date" or "time": which one is wrong)."""
    try:
        parsed_day = date.fromisoformat(day)
    except ValueError:
        return None, "date"
    try:
        parsed_time = time.fromisoformat(clock)
    except ValueError:
        return None, "time"
    return datetime.combine(parsed_day, parsed_time, zone).isoformat(), ""


def mission_dict(
    tables: dict[str, Table],
    fields: dict[str, Row],
    zone: ZoneInfo,
    origins: Origins,
    errors: list[SourceError],
) -> dict[str, Any]:
    def value(name: str) -> str:
        return fields[name].get("value") if name in fields else ""

    def loc(name: str) -> dict[str, str]:
        return {lang: value(f"{name}_{lang}") for lang in LANGS if value(f"{name}_{lang}")}

    participants: dict[str, list[dict[str, Any]]] = {}
    for row in tables["participants.csv"]:
        entry = {
            "role": row.get("role"),
            "name": _names(row, "name"),
            "organisation": _names(row, "organisation"),
            "sample": flag(row),
        }
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
        "short_title": loc("short_title"),
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
            {"id": r.get("id"), "text": _loc(r, "text"), "source": _names(r, "source")}
            for r in tables["facts.csv"]
        ],
        "sample": _yes(value("sample")),
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
                "address_local": _loc(row, "address"),
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
            "room": _names(row, "room"),
            "state": row.get("state") or "confirmed",
            "registration": row.get("registration") or "open",
            "participants": participants.get(row.get("id"), []),
            "sample": flag(row),
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
        "name": _names(row, "name"),
        "role": _loc(row, "role"),
        "organisation": _names(row, "organisation"),
        "address_local": _loc(row, "address"),
        "hours": _loc(row, "hours"),
        "sample": flag(row),
    }
    for column in ("phone", "mobile", "email", "website", "address"):
        if row.get(column):
            contact[column] = row.get(column)
    return contact


def by_delegate(tables: dict[str, Table]) -> dict[str, dict[str, list[Row]]]:
    """Rows of each per-delegate table grouped by delegate id, in file order (one pass each)."""
    index: dict[str, dict[str, list[Row]]] = {}
    for name in ("registrations.csv", "meetings.csv"):
        for row in tables[name]:
            index.setdefault(row.get("delegate"), {}).setdefault(name, []).append(row)
    for row in tables["contacts.csv"]:
        for pid in row.get("delegates").split():
            index.setdefault(pid, {}).setdefault("contacts.csv", []).append(row)
    return index


def delegate_dict(
    person: Row,
    rows: dict[str, list[Row]],
    fields: dict[str, Row],
    zone: ZoneInfo,
    origins: Origins,
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
            "sample": flag(row),
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
            "sample": flag(person),
        },
        "registered": registered,
        "meetings": meetings,
        "contacts": contacts,
    }
