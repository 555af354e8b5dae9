"""The screen registry: route name -> the module that builds it."""

from __future__ import annotations

from views import (
    about,
    activity,
    agenda,
    announcements,
    changes,
    company,
    contacts,
    directory,
    map,
    meeting,
    mycard,
    mycard_qr,
    programme,
    safety,
    settings,
    venue,
)
from views.shell import ScreenBuilder

SCREENS: dict[str, ScreenBuilder] = {
    "agenda": agenda.build,
    "programme": programme.build,
    "map": map.build,
    "contacts": contacts.build,
    "settings": settings.build,
    "activity": activity.build,
    "venue": venue.build,
    "meeting": meeting.build,
    "changes": changes.build,
    "about": about.build,
    "mycard": mycard.build,
    "myqr": mycard_qr.build,
    "announcements": announcements.build,
    "safety": safety.build,
    "directory": directory.build,
    "company": company.build,
}
