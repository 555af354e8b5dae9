"""Each delegate's live calendar (delegates/<token>.ics), remembering what subscribers saw.

A calendar app keeps an event it has seen unless its SEQUENCE rises, so each publish reads the
calendar it published last time for that person (the current release) and raises an item's
SEQUENCE only when its content changed. The same input on top of the same release gives the
same bytes.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from backend import layout
from backend.tokens import token_for
from services.agenda import AgendaItem, personal_items
from services.calendar import EventCache, agenda_ics
from services.calendar_sequence import stamps, withdrawn
from services.models import DelegateDoc, MissionDoc

log = logging.getLogger(__name__)


def calendar_path(token: str) -> str:
    return f"delegates/{token}.ics"


def personal_calendar(
    mission: MissionDoc,
    doc: DelegateDoc,
    before: bytes | None,
    cache: EventCache,
    items: Sequence[AgendaItem] | None = None,
) -> bytes:
    """One delegate's calendar, continuing the one published `before` (`items`: their
    `personal_items`, if known), stamped (DTSTAMP) with the document's publish time. A
    calendar that cannot be read (damaged by hand) is ignored: every SEQUENCE starts again at
    0, which calendar apps accept."""
    items = personal_items(mission, doc, []) if items is None else items
    kept = {f"{item.id}@{mission.mission.id}" for item in items}
    try:
        seen = stamps(before) if before else {}
        # parsing whole events is slow: only when something left the agenda
        gone = withdrawn(before, kept) if before and set(seen) - kept else []
    except ValueError as exc:  # UnicodeDecodeError or an unparsable calendar
        log.warning("previous calendar unreadable, sequences restart: %s", type(exc).__name__)
        seen, gone = {}, []
    return agenda_ics(mission, items, doc.delegate.language, seen, cache, gone, doc.published_at)


def personal_calendars(
    mission: MissionDoc, delegates: dict[str, DelegateDoc], secret: bytes, previous: Path | None
) -> dict[str, bytes]:
    """delegates/<token>.ics for every delegate: registered activities and B2B meetings, and
    what was on it before and is not any more, as cancelled."""
    files, cache = {}, EventCache()
    for delegate_id, doc in sorted(delegates.items()):
        relative = calendar_path(token_for(delegate_id, secret))
        before = layout.published(previous, relative)
        files[relative] = personal_calendar(mission, doc, before, cache)
    return files
