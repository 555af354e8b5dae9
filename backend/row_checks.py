"""Checks on the rows themselves, before any document is built: a reference to an id no row
has, and an id that repeats, each at the cell a person can find."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from difflib import get_close_matches
from math import asin, cos, radians, sin, sqrt
from statistics import median

from backend.checks import TABLE_OF
from backend.tables import Row, SourceError, Table
from backend.validation_words import ID_PATTERN, not_an_id
from services.models import LANGS
from services.said import said, unknown

_ID = re.compile(ID_PATTERN)

# (table, column, table whose ids it names): checked on the rows themselves, so that a
# reference is checked even when the document around it cannot be built.
REFERENCES = [
    ("activities.csv", "venue", "venues.csv"),
    ("activities.csv", "sectors", "sectors.csv"),
    ("venues.csv", "city", "cities.csv"),
    ("registrations.csv", "delegate", "delegates.csv"),
    ("registrations.csv", "activity", "activities.csv"),
    ("meetings.csv", "delegate", "delegates.csv"),
    ("meetings.csv", "venue", "venues.csv"),
    ("contacts.csv", "delegates", "delegates.csv"),
    ("participants.csv", "activity", "activities.csv"),
]


# The cell that says whose row it is: left empty, the row was silently left out (a meeting,
# Princess Astrid among an activity's guests).
OWNERS = [
    ("registrations.csv", "delegate"),
    ("meetings.csv", "delegate"),
    ("participants.csv", "activity"),
]


def references(tables: dict[str, Table], empty: Collection[str] = ()) -> list[SourceError]:
    """Rows that name an id no row has (`ghost,mon-lunch`), or no one at all where the row is
    someone's: never published without a word. A table that could not be read, or is `empty`
    (said so), is not echoed at every row."""
    out: list[SourceError] = []
    for name, column in OWNERS:
        if name in tables and not tables[name].unreadable and column not in tables[name].missing:
            rows = [row for row in tables[name] if not row.get(column)]
            out += [row.error(column, said("empty: fill it in")) for row in rows]
    out += _no_language(tables.get("delegates.csv"))
    lost = lost_ids(tables, empty)
    thing = {table: name for name, table in TABLE_OF.items()}
    for name, column, target in REFERENCES:
        if name not in tables or target not in tables or tables[target].unreadable:
            continue
        if target in empty:
            continue
        known = {row.get("id") for row in tables[target]}
        for row in tables[name]:
            for value in row.get(column).split():
                if not _ID.match(value):  # in the words the contract uses, so said once
                    out.append(row.error(column, not_an_id(value)))
                elif value in lost.get(target, {}):
                    continue  # said once, at the emptied id cell
                elif value not in known:
                    out.append(row.error(column, _unknown(thing[target], value, known)))
    out += _lost(tables, lost)
    return out + _far(tables)


def lost_ids(
    tables: dict[str, Table], empty: Collection[str] = ()
) -> dict[str, dict[str, set[str]]]:
    """The ids other sheets name that no row has, in a table where a row's id cell is empty
    (and not close to an id it has: that is a typo, said with 'did you mean'): by table, each
    id with the tables that name it."""
    lost: dict[str, dict[str, set[str]]] = {}
    for name, column, target in REFERENCES:
        if name not in tables or target not in tables or tables[target].unreadable:
            continue
        if target in empty or "id" in tables[target].missing:
            continue
        known = {row.get("id") for row in tables[target]}
        if "" not in known:
            continue
        for row in tables[name]:
            for value in row.get(column).split():
                if _ID.match(value) and value not in known and not _close(value, known):
                    lost.setdefault(target, {}).setdefault(value, set()).add(name)
    return lost


def _lost(tables: dict[str, Table], lost: dict[str, dict[str, set[str]]]) -> list[SourceError]:
    """An id cell emptied (Activities!A5): the rows that name that activity are not each said
    to name an unknown one (five echoes of one mistake); the emptied cell says which ids the
    other sheets name, so that the organiser can type it back."""
    out = []
    for target, values in lost.items():
        names = sorted({name for named in values.values() for name in named})
        sheets = ", ".join(tables[name].label for name in names)
        ids = ", ".join(repr(value) for value in sorted(values))
        for row in tables[target]:
            if not row.get("id"):
                message = said(
                    "{problem}; {ids} is named in {sheets}, and no row here has it: was that"
                    " this row's id?",
                    problem=said("empty: fill it in"), sheets=sheets, ids=ids,
                )  # fmt: skip
                out.append(row.error("id", message))
    return out


PLACES = ("venues.csv", "hotels.csv", "hospitals.csv")  # each row: a city, lat and lon
FAR_KM = 300  # Mountain View is 50 km from San Francisco; a slip is thousands away


def _far(tables: dict[str, Table]) -> list[SourceError]:
    """A place thousands of kilometres from the other places of its city (a latitude typed
    for another venue, Brussels' coordinates left in): published, it framed the map of the
    Bay Area around Europe. Measured from the middle (median) of the city's other places."""
    places: dict[str, list[tuple[Row, float, float]]] = {}
    for name in PLACES:
        for row in tables.get(name) or ():
            try:
                lat, lon = float(row.get("lat")), float(row.get("lon"))
            except ValueError:
                continue  # said as it is
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                places.setdefault(row.get("city"), []).append((row, lat, lon))
    out = []
    for city, found in places.items():
        for i, (row, lat, lon) in enumerate(found):
            others = found[:i] + found[i + 1 :]
            if len(others) < 2:
                continue
            middle = (median(o[1] for o in others), median(o[2] for o in others))
            km = _km((lat, lon), middle)
            if km > FAR_KM:
                message = said(
                    "{lat}, {lon} is {km} km from the other places of city {city}: check the"
                    " latitude and longitude",
                    lat=row.get("lat"), lon=row.get("lon"), km=round(km), city=repr(city),
                )  # fmt: skip
                out.append(row.error("lat", message))
    return out


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The great-circle distance between two (lat, lon), in km."""
    (lat1, lon1), (lat2, lon2) = (tuple(map(radians, p)) for p in (a, b))
    h = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * asin(min(1.0, sqrt(h)))


def _no_language(table: Table | None) -> list[SourceError]:
    """A delegate whose language cell is empty: they were sent English invites and pages,
    without a word. (A sheet without the column at all keeps English for everyone.)"""
    if table is None or table.unreadable or not table.rows:
        return []
    if "language" not in table.rows[0].cells:
        return []
    words = said("empty: fill in one of {choices}", choices=", ".join(LANGS))
    return [row.error("language", words) for row in table if not row.get("language")]


def _unknown(kind: str, value: str, known: Collection[str]) -> str:
    """`unknown venue 'hilton-union-sqare': did you mean 'hilton-union-square'?` when one id is
    that close to it (a letter left out, two swapped), else `unknown venue '...'`."""
    close = _close(value, known)
    said_unknown = unknown(kind, repr(value))
    if not close:
        return said_unknown
    return said("{problem}: did you mean {id}?", problem=said_unknown, id=repr(close[0]))


def _close(value: str, known: Collection[str]) -> list[str]:
    return get_close_matches(value, [k for k in known if k], n=1, cutoff=0.85)


def duplicates(rows: Iterable[Row], column: str = "id") -> list[SourceError]:
    first: dict[str, int] = {}
    out = []
    for row in rows:
        key = row.get(column)
        if key in first:
            where = said("row {line}", line=first[key])
            out.append(
                row.error(
                    column, said("duplicate id {id} (also {where})", id=repr(key), where=where)
                )
            )
        else:
            first[key] = row.line
    return out
