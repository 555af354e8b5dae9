"""Each delegate's live calendar (delegates/<token>.ics), remembering what subscribers saw.

A calendar app keeps an event it has seen unless its SEQUENCE rises, so each publish reads the
calendar it published last time for that person (the current release) and raises an item's
SEQUENCE only when its content changed. The same input on top of the same release gives the
same bytes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from backend.tokens import token_for
from services.agenda import personal_items
from services.calendar import EventCache, agenda_ics
from services.calendar_sequence import stamps
from services.models import DelegateDoc, MissionDoc

log = logging.getLogger(__name__)


def calendar_path(token: str) -> str:
    return f"delegates/{token}.ics"


def previous_stamps(previous: Path | None, relative: str) -> dict[str, tuple[int, str]]:
    """What the last release published at `relative`; nothing when there was none or it is
    unreadable (then every SEQUENCE starts again at 0, which calendar apps accept)."""
    if previous is None:
        return {}
    try:
        return stamps((previous / relative).read_bytes())
    except (OSError, ValueError) as exc:
        if not isinstance(exc, FileNotFoundError):
            log.warning("previous calendar %s unreadable: %s", relative.split("/")[0], exc)
        return {}


def personal_calendars(
    mission: MissionDoc, delegates: dict[str, DelegateDoc], secret: bytes, previous: Path | None
) -> dict[str, bytes]:
    """delegates/<token>.ics for every delegate: registered activities and B2B meetings."""
    files, cache = {}, EventCache()
    for delegate_id, doc in sorted(delegates.items()):
        relative = calendar_path(token_for(delegate_id, secret))
        items = personal_items(mission, doc, [])
        before = previous_stamps(previous, relative)
        files[relative] = agenda_ics(mission, items, doc.delegate.language, before, cache)
    return files
