"""Announcements from the organisers: who they reach, which are unread, which make a banner."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from services.agenda import AgendaItem
from services.directory import company_of
from services.models import Activity, Announcement, DelegateDoc, MissionDoc


def reaches(
    note: Announcement,
    mission: MissionDoc,
    delegate: DelegateDoc | None,
    items: Sequence[AgendaItem],
) -> bool:
    """Everyone; a city: an item of this person's agenda is there; a sector: their company is
    in it, or an agenda item is one of that sector's own (an activity open to every sector,
    such as the gala or the signing, makes nobody a member of each, nor does a coach several
    sectors share); an activity: they are registered for it (or bookmarked it)."""
    audience = note.audience
    live = [item for item in items if not item.cancelled]
    if audience.kind == "everyone":
        return True
    if audience.kind == "city":
        return any(item.venue is not None and item.venue.city == audience.id for item in live)
    if audience.kind == "activity":
        return any(item.id == audience.id and item.activity is not None for item in live)
    company = company_of(mission, delegate)
    if company is not None and audience.id in company.sectors:
        return True
    every = {sector.id for sector in mission.mission.sectors}
    open_to_all = len(every) > 1  # with one sector, its activities are that sector's own

    def own(activity: Activity) -> bool:
        if activity.kind == "transfer":
            return False
        sectors = set(activity.sectors)
        return audience.id in sectors and not (open_to_all and every <= sectors)

    # An aerospace delegate on the coach to Silicon Valley got the life sciences B2B's room
    # change as a banner above her own visit: riding along is not taking part.
    return any(item.activity is not None and own(item.activity) for item in live)


def for_person(
    mission: MissionDoc,
    delegate: DelegateDoc | None,
    items: Sequence[AgendaItem],
    now: datetime,
) -> list[Announcement]:
    """Announcements already sent that reach this person, newest first."""
    sent = [
        n for n in mission.announcements if n.at <= now and reaches(n, mission, delegate, items)
    ]
    return sorted(sent, key=lambda n: (n.at, n.id), reverse=True)


def unread(notes: Sequence[Announcement], read: Collection[str]) -> list[Announcement]:
    return [n for n in notes if n.id not in read]


def banner(
    notes: Sequence[Announcement], read: Collection[str], dismissed: Collection[str]
) -> list[Announcement]:
    """What My agenda shows on top: unread ones, and urgent ones until they are dismissed."""
    return [
        n for n in notes if n.id not in dismissed and (n.urgency == "urgent" or n.id not in read)
    ]
