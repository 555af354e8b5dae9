"""Spreadsheet rows to one delegate's document: their registrations, private B2B meetings and
personal contacts (liaison officer, counterparts), grouped by delegate in one pass."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from backend.sheet_times import Days, mission_days, published_at, span
from backend.sheets import Origins, contact, flag
from backend.tables import Row, SourceError, Table
from services.models import LANGS


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
    meetings, days = [], mission_days(fields) if "meetings.csv" in rows else None
    for row in rows.get("meetings.csv", []):
        origins.add("meetings", row)
        meetings.append(_meeting(row, person.get("language"), zone, errors, days))
    contacts = []
    for row in rows.get("contacts.csv", []):
        origins.add("contacts", row)
        contacts.append(contact(row))
    origins.add("delegate", person)
    return {
        "revision": fields["revision"].get("value") if "revision" in fields else "",
        "published_at": published_at(fields, zone),
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


def _meeting(
    row: Row, language: str, zone: ZoneInfo, errors: list[SourceError], days: Days | None
) -> dict[str, Any]:
    """One private B2B meeting from the Meetings sheet, for a delegate who reads `language`."""
    meeting: dict[str, Any] = {
        "id": row.get("id"),
        "counterpart": row.get("counterpart"),
        "company": row.get("company"),
        **dict(zip(("start", "end"), span(row, zone, errors, days), strict=True)),
        "sample": flag(row),
    }
    if row.get("venue"):
        meeting["venue_id"] = row.get("venue")
    for column in ("location", "notes"):
        if text := _written_in(row, column, language):
            meeting[column] = text
    return meeting


def _written_in(row: Row, column: str, language: str) -> dict[str, str]:
    """A meeting's `location` or `notes`: the plain column is in the delegate's own language (the
    app marks it "not translated" in the others); `notes_fr` etc. give it in another language."""
    text: dict[str, str] = {}
    if row.get(column):
        text[language if language in LANGS else "en"] = row.get(column)
    return text | row.per_language(column)
