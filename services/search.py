"""Programme filtering and accent-blind search ('seance' finds 'séance', 'cafe' finds 'Café')."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from services.i18n import Translator
from services.models import LANGS, Activity, MissionDoc
from services.per_process import PerProcess
from services.present import kind_label

# the apostrophes a keyboard may type, or a text be written with, are one: ' (Android, a
# desktop), U+2019 (iOS, the interface and the example's French and Dutch), U+02BC, U+2018
APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})


def fold(text: str) -> str:
    """Lower-case, accents and ligatures removed, one apostrophe: the form both query and text
    are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass
class Filter:
    """The Programme's filters; empty sets filter nothing. A search looks at every day."""

    days: set[date] = field(default_factory=set)
    cities: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    query: str = ""


def search_index(mission: MissionDoc) -> dict[str, str]:
    """Per activity, the folded text of everything a delegate might type: all languages,
    including its kind ('seminaire' finds every seminar) and its sectors."""
    venues = {v.id: v for v in mission.venues}
    sectors = {s.id: " ".join(s.name.values()) for s in mission.mission.sectors}
    translators = [Translator(lang) for lang in LANGS]
    index: dict[str, str] = {}
    for a in mission.activities:
        venue = venues.get(a.venue_id)
        parts: list[str] = [*a.title.values(), *a.description.values(), *a.room.values()]
        parts += [kind_label(tr, a.kind) for tr in translators]
        parts += [sectors.get(sector, "") for sector in a.sectors]
        if venue is not None:
            parts += [venue.name, venue.address]
        for p in a.participants:
            parts += [*p.name.values(), *p.organisation.values()]
        index[a.id] = fold(" ".join(parts))
    return index


# Parsed missions shared by every session of a process (services/library.py), and their index.
SHARED_KEPT = 8  # the embedded mission, one per feed origin, and a revision or two before
_SHARED: PerProcess[dict[str, str]] = PerProcess(SHARED_KEPT)


def shared_index(mission: MissionDoc) -> dict[str, str]:
    """`search_index` built once per parsed document per process, not once per session
    (~50 KB and tens of ms each). Callers only read it."""
    return _SHARED.get(id(mission), mission, lambda: search_index(mission))


def matches(
    activities: Iterable[Activity],
    flt: Filter,
    mission: MissionDoc,
    index: dict[str, str],
    zone: ZoneInfo | None = None,
) -> list[Activity]:
    """Activities that pass every active filter; all words of the query must occur. A day is
    a date in `zone` (mission time unless given: in Brussels time, the Brussels date)."""
    zone = zone or ZoneInfo(mission.mission.time_zone)
    venue_city = {v.id: v.city for v in mission.venues}
    words = fold(flt.query).split()
    out = []
    days = set() if words else flt.days
    for a in activities:
        if days and a.start.astimezone(zone).date() not in days:
            continue
        if flt.cities and venue_city.get(a.venue_id) not in flt.cities:
            continue
        if flt.sectors and not flt.sectors.intersection(a.sectors):
            continue
        if flt.kinds and a.kind not in flt.kinds:
            continue
        if words and not all(w in index.get(a.id, "") for w in words):
            continue
        out.append(a)
    return sorted(out, key=lambda a: (a.start, a.end, a.id))


# What the Programme lists for a filter, per parsed mission: most sessions look at the same
# day with no other filter, and each drawing of their Programme filtered every activity again.
FOUND_KEPT = 64  # (mission, filter) pairs: a few days and filters, and searches being typed
_FOUND: PerProcess[tuple[Activity, ...]] = PerProcess(FOUND_KEPT)


def found(mission: MissionDoc, flt: Filter, zone: ZoneInfo | None = None) -> list[Activity]:
    """`matches` over every activity of `mission` with its shared index, made once per parsed
    document, filter and zone per process and shared by every session; a newly committed
    mission is another object, so a filter is never answered from an older copy's list."""
    zone = zone or ZoneInfo(mission.mission.time_zone)
    key = (
        id(mission),
        zone.key,
        frozenset(flt.days),
        frozenset(flt.cities),
        frozenset(flt.sectors),
        frozenset(flt.kinds),
        flt.query,
    )
    made = _FOUND.get(
        key,
        mission,
        lambda: tuple(matches(mission.activities, flt, mission, shared_index(mission), zone)),
    )
    return list(made)
