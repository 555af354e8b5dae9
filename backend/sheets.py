"""Spreadsheet rows to feed-shaped dicts: one column per language, dates and times in mission time.

Conversion only: the app's contract validates the result (see backend.build), and every row
is noted in `Origins` so a problem can be reported at its file and line.
"""

from __future__ import annotations

from typing import Any, Protocol
from zoneinfo import ZoneInfo

from backend.sheet_times import mission_days, published_at, span
from backend.tables import Row, SourceError, Table
from services.models import LANGS


class Origins(Protocol):
    def add(self, key: str, row: Row) -> None: ...


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


def mission_dict(
    tables: dict[str, Table],
    fields: dict[str, Row],
    zone: ZoneInfo,
    origins: Origins,
    errors: list[SourceError],
) -> dict[str, Any]:
    """mission.json as the sheets say it, before the contract checks it."""
    contacts = []
    for row in tables["contacts.csv"]:
        if not row.get("delegates"):  # a personal contact goes to its delegates' documents
            origins.add("contacts", row)
            contacts.append(contact(row))
    return {
        "revision": _setting(fields, "revision"),
        "published_at": published_at(fields, zone),
        "mission": _mission(tables, fields, origins),
        "venues": _venues(tables["venues.csv"], origins),
        "activities": _activities(tables, fields, zone, origins, errors),
        "contacts": contacts,
    }


def _setting(fields: dict[str, Row], name: str) -> str:
    return fields[name].get("value") if name in fields else ""


def _listed(value: str) -> list[str]:
    """`EN, fr; nl` as en, fr, nl: as in every other list the sheets hold (backend.choices)."""
    return value.replace(",", " ").replace(";", " ").lower().split()


def _mission(tables: dict[str, Table], fields: dict[str, Row], origins: Origins) -> dict[str, Any]:
    """The Mission sheet's settings, with the Sectors, Cities and Facts sheets."""

    def loc(name: str) -> dict[str, str]:
        values = {lang: _setting(fields, f"{name}_{lang}") for lang in LANGS}
        return {lang: text for lang, text in values.items() if text}

    for name in ("sectors", "cities", "facts"):
        for row in tables[f"{name}.csv"]:
            origins.add(f"mission.{name}", row)
    cities = [
        {"id": r.get("id"), "name": r.per_language("name"), "start_date": r.get("start_date"),
         "end_date": r.get("end_date")}
        for r in tables["cities.csv"]
    ]  # fmt: skip
    return {
        "id": _setting(fields, "id"),
        "title": loc("title"),
        "short_title": loc("short_title"),
        "led_by": loc("led_by"),
        "start_date": _setting(fields, "start_date"),
        "end_date": _setting(fields, "end_date"),
        "time_zone": _setting(fields, "time_zone"),
        "languages": _listed(_setting(fields, "languages")),
        "sectors": [
            {"id": r.get("id"), "name": r.per_language("name")} for r in tables["sectors.csv"]
        ],
        "cities": cities,
        "facts": [
            {"id": r.get("id"), "text": r.per_language("text"), "source": _names(r, "source")}
            for r in tables["facts.csv"]
        ],
        "sample": _yes(_setting(fields, "sample")),
        "sample_note": loc("sample_note"),
    }


def _venues(table: Table, origins: Origins) -> list[dict[str, Any]]:
    venues = []
    for row in table:
        origins.add("venues", row)
        venues.append(
            {
                "id": row.get("id"),
                "name": row.get("name"),
                "address": row.get("address"),
                "address_local": row.per_language("address"),
                "city": row.get("city"),
                "lat": row.get("lat"),
                "lon": row.get("lon"),
                "access": row.per_language("access"),
            }
        )
    return venues


def _activities(
    tables: dict[str, Table], fields: dict[str, Row], zone: ZoneInfo, origins: Origins,
    errors: list[SourceError],
) -> list[dict[str, Any]]:  # fmt: skip
    """The Activities sheet, each with its people from the Participants sheet."""
    participants: dict[str, list[dict[str, Any]]] = {}
    for row in tables["participants.csv"]:
        entry = {
            "role": row.get("role"),
            "name": _names(row, "name"),
            "organisation": _names(row, "organisation"),
            "sample": flag(row),
        }
        participants.setdefault(row.get("activity"), []).append(entry)
    activities, days = [], mission_days(fields)
    for row in tables["activities.csv"]:
        origins.add("activities", row)
        activities.append(
            {
                "id": row.get("id"),
                "kind": row.get("kind"),
                "title": row.per_language("title"),
                "description": row.per_language("description"),
                "sectors": row.get("sectors").split(),
                **dict(zip(("start", "end"), span(row, zone, errors, days), strict=True)),
                "venue_id": row.get("venue"),
                "room": _names(row, "room"),
                "state": row.get("state") or "confirmed",
                "registration": row.get("registration") or "open",
                "participants": participants.get(row.get("id"), []),
                "sample": flag(row),
            }
        )
    return activities


def contact(row: Row) -> dict[str, Any]:
    contact: dict[str, Any] = {
        "id": row.get("id"),
        "category": row.get("category"),
        "name": _names(row, "name"),
        "role": row.per_language("role"),
        "organisation": _names(row, "organisation"),
        "address_local": row.per_language("address"),
        "hours": row.per_language("hours"),
        "sample": flag(row),
    }
    for column in ("phone", "mobile", "email", "website", "address"):
        if row.get(column):
            contact[column] = row.get(column)
    return contact
