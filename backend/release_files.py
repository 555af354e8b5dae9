"""The files of one release, by relative path: what every delegate reads (the mission, the
schedule exports) and each delegate's own (document, calendar, pocket pages). Pure rendering:
backend.publish decides what is rendered and writes it."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from backend import layout
from backend.calendars import calendar_path, personal_calendar
from backend.pocket_pages import pocket_files
from backend.schedule_export import schedule_files
from backend.stamps import render_stamped
from backend.tokens import token_for
from services.agenda import personal_items
from services.calendar import EventCache
from services.models import LANGS, DelegateDoc, MissionDoc, encode
from services.pocket_parts import PocketParts


def render(
    mission: MissionDoc,
    delegates: Mapping[str, DelegateDoc],
    secret: bytes,
    previous: Path | None = None,
    public_url: str = "",
) -> dict[str, bytes]:
    """Every served file by relative path (without .gz twins); deterministic. `previous`: the
    release now served, whose calendars tell which items changed since (their SEQUENCE) and
    whose files keep their stamp where they stay the same (backend.stamps). A publish gives
    these bytes however much of them it takes over from `previous`."""
    files = shared_files(mission, public_url)
    cache, parts = EventCache(), PocketParts()
    for delegate_id, doc in sorted(delegates.items()):

        def own(d: DelegateDoc, langs: Collection[str], i: str = delegate_id) -> dict[str, bytes]:
            return delegate_files(mission, i, d, secret, previous, cache, langs, parts)

        token = token_for(delegate_id, secret)
        changed, same, _ = render_stamped(own, doc, LANGS, previous, token)
        files.update(changed | same)
    return files


def shared_files(mission: MissionDoc, public_url: str) -> dict[str, bytes]:
    """The files every delegate (and other schedule apps) read."""
    return {"mission.json": encode(mission)} | schedule_files(mission, public_url)


def delegate_files(
    mission: MissionDoc,
    delegate_id: str,
    doc: DelegateDoc,
    secret: bytes,
    previous: Path | None,
    cache: EventCache,
    langs: Collection[str] = LANGS,
    parts: PocketParts | None = None,
) -> dict[str, bytes]:
    """One delegate's own files, all under delegates/ (`cache`, `parts`: shared events and page
    pieces rendered once); only those read in `langs` (backend.render_keys.read_in)."""
    parts = parts or PocketParts()
    parts.bind(mission)
    token = token_for(delegate_id, secret)
    items = personal_items(mission, doc, [], activities=parts.activities)
    pages = pocket_files(mission, token, doc, langs, items, parts)
    if doc.delegate.language not in langs:
        return pages
    calendar = calendar_path(token)
    before = layout.published(previous, calendar)
    return {
        f"delegates/{token}.json": encode(doc),
        calendar: personal_calendar(mission, doc, before, cache, items),
    } | pages
