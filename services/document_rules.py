"""Whole-document rules of mission.json and of a personal document, and the rules that tie the
two together: unique ids, references, times inside the mission, all three languages. The
mission-day parts have theirs in `services.day_rules`; `services.validation` runs both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from services.day_rules import all_languages, day_problems, stay_problems, unique_ids
from services.errors import Problem
from services.mission_time import check_span, utc_seconds, window_seconds, zone_named
from services.models import LANGS, Contact, DelegateDoc, MissionDoc
from services.said import said


def mission_problems(doc: MissionDoc) -> list[Problem]:
    """Every whole-document rule of mission.json; an empty list means the document is good."""
    out: list[Problem] = []
    m = doc.mission
    if zone_named(m.time_zone) is None:
        out.append(
            Problem("mission.time_zone", said("unknown time zone {zone}", zone=repr(m.time_zone)))
        )
        return out
    if m.end_date < m.start_date:
        out.append(
            Problem(
                "mission.end_date",
                said("{end} is before {start}", end=str(m.end_date), start=str(m.start_date)),
            )
        )
    all_languages(out, "mission.title", m.title)
    if m.short_title:
        all_languages(out, "mission.short_title", m.short_title)
    unique_ids(out, "mission.sectors", m.sectors)
    unique_ids(out, "mission.cities", m.cities)
    for i, sector in enumerate(m.sectors):
        all_languages(out, f"mission.sectors[{i}].name", sector.name)
    for i, city in enumerate(m.cities):
        all_languages(out, f"mission.cities[{i}].name", city.name)
    cities = {c.id for c in m.cities}
    unique_ids(out, "venues", doc.venues)
    for i, venue in enumerate(doc.venues):
        if venue.city not in cities:
            out.append(Problem(f"venues[{i}].city", said("unknown city {id}", id=repr(venue.city))))
    _check_activities(out, doc)
    _check_contacts(out, "contacts", doc.contacts)
    out += day_problems(doc)
    return out


def _check_activities(out: list[Problem], doc: MissionDoc) -> None:
    venues = {v.id for v in doc.venues}
    sectors = {s.id for s in doc.mission.sectors}
    first, last = window_seconds(doc.mission)
    languages = len(LANGS)
    unique_ids(out, "activities", doc.activities)
    for i, a in enumerate(doc.activities):
        # The common case costs a few lookups; paths are only formatted for actual problems.
        start, end = utc_seconds(a.start), utc_seconds(a.end)
        if (
            len(a.title) == languages
            and a.venue_id in venues
            and first <= start < end <= last
            and all(s in sectors for s in a.sectors)
        ):
            continue
        at = f"activities[{i}]"
        all_languages(out, f"{at}.title", a.title)
        if a.venue_id not in venues:
            out.append(Problem(f"{at}.venue_id", said("unknown venue {id}", id=repr(a.venue_id))))
        for j, sector in enumerate(a.sectors):
            if sector not in sectors:
                out.append(
                    Problem(f"{at}.sectors[{j}]", said("unknown sector {id}", id=repr(sector)))
                )
        check_span(out, at, a.start, a.end, (first, last), doc.mission)


def _check_contacts(out: list[Problem], path: str, contacts: Sequence[Contact]) -> None:
    unique_ids(out, path, contacts)
    for i, c in enumerate(contacts):
        for field in ("phone", "mobile"):
            number = getattr(c, field)
            if number and not number.startswith("+") and c.category != "emergency":
                words = said("{number} is not in E.164 form (+32...)", number=repr(number))
                out.append(Problem(f"{path}[{i}].{field}", words))


def delegate_problems(doc: DelegateDoc) -> list[Problem]:
    """Rules of one personal document that need no mission (the publisher checks the rest)."""
    out: list[Problem] = []
    unique_ids(out, "meetings", doc.meetings)
    seen: dict[str, int] = {}
    for i, activity_id in enumerate(doc.registered):
        if activity_id in seen:  # the first one named, as the publisher says other duplicates
            words = said(
                "the same registration twice: {id} (also {where})",
                id=repr(activity_id), where=f"registered[{seen[activity_id]}]",
            )  # fmt: skip
            out.append(Problem(f"registered[{i}]", words))
        seen.setdefault(activity_id, i)
    for i, meeting in enumerate(doc.meetings):
        check_span(out, f"meetings[{i}]", meeting.start, meeting.end, None)
    _check_contacts(out, "contacts", doc.contacts)
    return out


def cross_problems(delegate: DelegateDoc, mission: MissionDoc) -> list[Problem]:
    """Rules that tie a personal document to the mission (used when publishing)."""
    return cross_checker(mission)(delegate)


def cross_checker(mission: MissionDoc) -> Callable[[DelegateDoc], list[Problem]]:
    """`cross_problems` for many delegates of one mission: the mission's ids are gathered once."""
    activities = {a.id for a in mission.activities}
    venues = {v.id for v in mission.venues}
    window = window_seconds(mission.mission)

    def check(delegate: DelegateDoc) -> list[Problem]:
        out: list[Problem] = []
        if delegate.mission_id != mission.mission.id:
            out.append(
                Problem(
                    "mission_id", said("{id} is not this mission", id=repr(delegate.mission_id))
                )
            )
        for i, activity_id in enumerate(delegate.registered):
            if activity_id not in activities:
                out.append(
                    Problem(f"registered[{i}]", said("unknown activity {id}", id=repr(activity_id)))
                )
        for i, m in enumerate(delegate.meetings):
            if m.venue_id is not None and m.venue_id not in venues:
                out.append(
                    Problem(
                        f"meetings[{i}].venue_id", said("unknown venue {id}", id=repr(m.venue_id))
                    )
                )
            check_span(out, f"meetings[{i}]", m.start, m.end, window, mission.mission)
        out += stay_problems(delegate, mission)
        return out

    return check
