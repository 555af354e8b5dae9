"""Whole-document rules for the mission day: announcements, logistics, directory, safety, hotels."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Protocol

from services.errors import Problem
from services.models import LANGS, DelegateDoc, Lang, MissionDoc
from services.said import said, unknown

_DAY = timedelta(days=1)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


def day_problems(doc: MissionDoc) -> list[Problem]:
    """Rules of the mission-day parts of mission.json; an empty list means they are good."""
    out: list[Problem] = []
    known = {
        "city": {c.id for c in doc.mission.cities},
        "sector": {s.id for s in doc.mission.sectors},
        "activity": {a.id for a in doc.activities},
    }
    _announcements(out, doc, known)
    _logistics(out, doc)
    _companies(out, doc, known)
    unique_ids(out, "hospitals", doc.hospitals)
    for i, place in enumerate(doc.hospitals):
        if place.city not in known["city"]:
            out.append(
                Problem(f"hospitals[{i}].city", said("unknown city {id}", id=repr(place.city)))
            )
    consulate = doc.safety.consulate if doc.safety is not None else None
    if consulate is not None and consulate not in {c.id for c in doc.contacts}:
        out.append(Problem("safety.consulate", said("unknown contact {id}", id=repr(consulate))))
    return out


def _announcements(out: list[Problem], doc: MissionDoc, known: dict[str, set[str]]) -> None:
    unique_ids(out, "announcements", doc.announcements)
    for i, note in enumerate(doc.announcements):
        at = f"announcements[{i}]"
        all_languages(out, f"{at}.title", note.title)
        audience = note.audience
        if audience.kind == "everyone":
            if audience.id is not None:
                out.append(Problem(f"{at}.audience", said("'everyone' takes no target")))
        elif audience.id is None:
            out.append(
                Problem(f"{at}.audience", said("'{kind}' needs a target id", kind=audience.kind))
            )
        elif audience.id not in known[audience.kind]:
            out.append(Problem(f"{at}.audience", unknown(audience.kind, repr(audience.id))))


def _logistics(out: list[Problem], doc: MissionDoc) -> None:
    activities = {a.id: a for a in doc.activities}
    seen: dict[str, int] = {}
    for i, item in enumerate(doc.logistics):
        at = f"logistics[{i}]"
        activity = activities.get(item.activity_id)
        if item.activity_id in seen:
            out.append(
                Problem(
                    f"{at}.activity_id", said("duplicate activity {id}", id=repr(item.activity_id))
                )
            )
        seen[item.activity_id] = i
        if activity is None:
            out.append(
                Problem(
                    f"{at}.activity_id", said("unknown activity {id}", id=repr(item.activity_id))
                )
            )
            continue
        for name in ("arrive_by", "departure_time"):
            instant = getattr(item, name)
            if instant is not None and not activity.start - _DAY < instant <= activity.start:
                start = activity.start.strftime("%H:%M")
                out.append(
                    Problem(
                        f"{at}.{name}",
                        said(
                            "{time} is not before the start {start}",
                            time=f"{instant:%H:%M}",
                            start=start,
                        ),
                    )
                )


def _companies(out: list[Problem], doc: MissionDoc, known: dict[str, set[str]]) -> None:
    unique_ids(out, "companies", doc.companies)
    for i, company in enumerate(doc.companies):
        at = f"companies[{i}]"
        all_languages(out, f"{at}.profile", company.profile)
        for field, kind, ids in (
            ("sectors", "sector", company.sectors),
            ("cities", "city", company.cities),
            ("hosts", "activity", company.hosts),
        ):
            for j, ref in enumerate(ids):
                if ref not in known[kind]:
                    out.append(Problem(f"{at}.{field}[{j}]", unknown(kind, repr(ref))))


def stay_problems(delegate: DelegateDoc, mission: MissionDoc) -> list[Problem]:
    """A hotel stay must be in a known city and inside the mission's dates (give or take a day)."""
    out: list[Problem] = []
    cities = {c.id for c in mission.mission.cities}
    first, last = mission.mission.start_date - _DAY, mission.mission.end_date + _DAY
    for i, stay in enumerate(delegate.stays):
        at = f"stays[{i}]"
        if stay.city not in cities:
            out.append(Problem(f"{at}.city", said("unknown city {id}", id=repr(stay.city))))
        if stay.check_out <= stay.check_in:
            out.append(
                Problem(
                    f"{at}.check_out",
                    said(
                        "{end} is not after {start}",
                        end=str(stay.check_out),
                        start=str(stay.check_in),
                    ),
                )
            )
        if first + _DAY > last - _DAY:
            continue  # the mission's dates are wrong, and said so once
        if not first <= stay.check_in <= last or not first <= stay.check_out <= last:
            out.append(Problem(f"{at}.check_in", said("the stay is outside the mission's dates")))
    return out


def unique_ids(out: list[Problem], path: str, items: Iterable[_HasId]) -> None:
    """A problem for each id that repeats, naming where it first stood."""
    first_at: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in first_at:
            where = f"{path}[{first_at[item.id]}]"
            out.append(
                Problem(
                    f"{path}[{i}].id",
                    said("duplicate id {id} (also {where})", id=repr(item.id), where=where),
                )
            )
        else:
            first_at[item.id] = i


def all_languages(out: list[Problem], path: str, text: Mapping[Lang, str]) -> None:
    """A text the feed must carry in every language: the ones it lacks, at `path`."""
    if len(text) == len(LANGS) and all(v.strip() for v in text.values()):
        return
    missing = [lang for lang in LANGS if not text.get(lang, "").strip()]
    if missing:
        out.append(
            Problem(path, said("missing language {languages}", languages=", ".join(missing)))
        )
