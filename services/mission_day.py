"""The mission-day reads and events of one person, over the repository: announcements they get
and have read, private meeting notes, change impacts, the safety card's facts.

Plain functions so the repository stays small; every write goes through its settings store.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from services import announcements, impact
from services.models import Announcement, Stay
from services.notes import MeetingNote, note_key
from services.repository import Repository
from services.safety import Nearest, as_venue, current_venue, nearest_hospital, tonight


def my_announcements(repo: Repository) -> list[Announcement]:
    return announcements.for_person(repo.mission, repo.delegate, repo.agenda(), repo.now())


def unread_ids(repo: Repository) -> list[str]:
    notes = announcements.unread(my_announcements(repo), repo.settings.announcements_read)
    return [n.id for n in notes]


def unread_count(repo: Repository) -> int:
    return len(unread_ids(repo))


NEWS_FOR = timedelta(hours=24)  # how long an announcement stays on top of My agenda


def banner(repo: Repository) -> list[Announcement]:
    """The banner's announcements; one about an activity leaves it once that activity is over,
    and every one once it is a day old, urgent or not (all stay in the Announcements list): on
    Wednesday evening, Tuesday's urgent 'Reception now at 17:00' is no news to put on top, not
    even for someone who signs in for the first time then. Urgent ones also stay when read,
    until dismissed or a day old; others leave once read."""
    s = repo.settings
    shown = announcements.banner(
        my_announcements(repo), s.announcements_read, s.announcements_dismissed
    )
    now = repo.now()
    fresh = now - NEWS_FOR
    return [n for n in shown if not _over(repo, n, now) and n.at >= fresh]


def banner_due(repo: Repository) -> datetime | None:
    """When an announcement on the banner turns a day old, or the activity it is about ends:
    the banner changes then, so My agenda is drawn again."""
    now = repo.now()
    ends = [_leaves_at(repo, n) for n in banner(repo)]
    return min((end for end in ends if end > now), default=None)


def _leaves_at(repo: Repository, note: Announcement) -> datetime:
    aged = note.at + NEWS_FOR
    if note.audience.kind != "activity" or note.audience.id is None:
        return aged
    activity = repo.activity(note.audience.id)
    return min(aged, activity.end) if activity is not None else aged


def _over(repo: Repository, note: Announcement, now: datetime) -> bool:
    if note.audience.kind != "activity" or note.audience.id is None:
        return False
    activity = repo.activity(note.audience.id)
    return activity is not None and activity.end <= now


async def mark_read(repo: Repository, ids: list[str]) -> None:
    read = list(repo.settings.announcements_read)
    new = [i for i in ids if i not in read]
    if new:
        await repo.update_settings(announcements_read=read + new)


async def dismiss(repo: Repository, announcement_id: str) -> None:
    gone = list(repo.settings.announcements_dismissed)
    if announcement_id not in gone:
        await repo.update_settings(announcements_dismissed=[*gone, announcement_id])
    await mark_read(repo, [announcement_id])


def note_for(repo: Repository, meeting_id: str) -> MeetingNote:
    key = note_key(repo.settings.personal_code, meeting_id)
    return repo.settings.notes.get(key) or MeetingNote()


def my_notes(repo: Repository) -> dict[str, MeetingNote]:
    """This person's notes by meeting id (another code's notes on this device stay hidden)."""
    meetings = repo.delegate.meetings if repo.delegate else []
    return {m.id: note_for(repo, m.id) for m in meetings if not note_for(repo, m.id).empty}


async def save_note(repo: Repository, meeting_id: str, note: MeetingNote) -> None:
    key = note_key(repo.settings.personal_code, meeting_id)
    notes = dict(repo.settings.notes)
    if note.empty:
        notes.pop(key, None)
    else:
        notes[key] = note
    await repo.update_settings(notes=notes)


def change_impacts(repo: Repository) -> list[impact.Impact]:
    """Impacts of the changes this person has not opened yet."""
    venues = {v.id: v for v in repo.mission.venues}
    return impact.impacts(repo.unseen_changes(), repo.agenda(), venues)


def hotel_tonight(repo: Repository) -> Stay | None:
    return tonight(repo.delegate, repo.now().astimezone(repo.zone).date())


def hospital_near_me(repo: Repository) -> Nearest | None:
    here = current_venue(repo.agenda(), repo.now(), repo.zone)
    if here is None:
        stay = hotel_tonight(repo)
        if stay is not None:
            here = as_venue(stay)
    return nearest_hospital(repo.mission, here)
