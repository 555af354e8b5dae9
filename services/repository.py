"""The single source of truth the views read: local documents + one person's settings.

Reads never touch the network and never fail: a damaged store falls back to the embedded
mission. User events are plain async methods that persist settings.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from services.agenda import (
    AgendaItem,
    NowNext,
    default_day,
    items_on,
    mission_days,
    now_and_next,
    personal_items,
)
from services.changes import Change, ChangeLog
from services.clock import Clock, system_clock
from services.i18n import BRUSSELS
from services.library import Library, Loaded
from services.models import Activity, Contact, DelegateDoc, MissionDoc, Venue
from services.search import shared_index
from services.settings import Settings, SettingsStore, handed_over
from services.store import MISSION, namespace_for

log = logging.getLogger(__name__)
Listener = Callable[[int], None]


class Repository:
    """One person's view of one feed origin's documents. It listens to the store: after any
    commit to its namespace it reads the new version and tells its own listeners (the screen)
    how many changes arrived that this person has not seen."""

    def __init__(
        self,
        library: Library,
        settings_store: SettingsStore,
        settings: Settings,
        origin: str | None = None,
        clock: Clock = system_clock,
    ) -> None:
        self.library = library
        self.settings_store = settings_store
        self.settings = settings
        self.clock = clock
        self.origin = origin
        self.namespace = namespace_for(origin)
        self._agenda: list[AgendaItem] | None = None
        self.demo_allowed = True  # the demo agenda, for a visitor who has not signed in
        self._listeners: list[Listener] = []
        self._mission, self._delegate = self._read()
        self._unsubscribe = library.store.subscribe(self._on_commit)

    @classmethod
    async def open(
        cls,
        library: Library,
        settings_store: SettingsStore,
        origin_for: Callable[[str | None], str | None] = lambda _saved: None,
        clock: Clock = system_clock,
    ) -> Repository:
        """`origin_for` turns the person's saved feed address into the origin to read."""
        settings = await settings_store.load()
        return cls(library, settings_store, settings, origin_for(settings.feed_url), clock)

    # -- following the store ---------------------------------------------------------------

    def _read(self) -> tuple[Loaded[MissionDoc], Loaded[DelegateDoc] | None]:
        mission = self.library.mission(self.namespace)
        code = self.settings.personal_code
        return mission, self.library.delegate(self.namespace, code) if code else None

    def _on_commit(self, namespace: str, _names: frozenset[str]) -> None:
        if namespace == self.namespace:
            self.refresh()

    def refresh(self) -> bool:
        """Read what the store holds now (also commits by another process); returns whether
        anything changed, and tells the listeners."""
        mission, delegate = self._read()
        if self.version == (mission.stamp, delegate.stamp if delegate else None):
            return False
        before = self.unseen_ids()
        self._mission, self._delegate, self._agenda = mission, delegate, None
        arrived = len(self.unseen_ids() - before)
        for listener in list(self._listeners):
            listener(arrived)
        return True

    @property
    def version(self) -> tuple[object, object]:
        """Identifies the data on screen: it changes with every commit this person sees."""
        return (self._mission.stamp, self._delegate.stamp if self._delegate else None)

    def listen(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(arrived)` whenever new data is on screen; returns the unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def close(self) -> None:
        """The session ended: stop listening to the store."""
        self._unsubscribe()
        self._listeners.clear()

    async def switch(self, origin: str | None, code: str | None) -> None:
        """Whose agenda, from which feed (a sign-in or sign-out); persisted first."""
        mine = handed_over(self.settings, code)  # bookmarks and own card: per person
        await self.update_settings(personal_code=code, feed_url=origin, **mine)
        self.origin, self.namespace = origin, namespace_for(origin)
        self._mission, self._delegate = self._read()
        self._agenda = None
        for listener in list(self._listeners):
            listener(0)

    @property
    def mission(self) -> MissionDoc:
        return self._mission.doc

    @property
    def delegate(self) -> DelegateDoc | None:
        if self._delegate is not None:
            return self._delegate.doc
        if self.settings.personal_code or not self.demo_allowed:
            return None  # signed in, nothing fetched yet: never show someone else's agenda
        return self.library.demo

    def allow_demo(self, allowed: bool) -> None:
        """With a live feed (or after a failed sign-in) a visitor sees no one's agenda, not even
        the demo's: only the programme and a way to sign in."""
        self.demo_allowed = allowed
        self._agenda = None

    @property
    def mission_changes(self) -> ChangeLog:
        return self._mission.changes

    @property
    def personal_changes(self) -> ChangeLog:
        return self._delegate.changes if self._delegate else ChangeLog()

    def data_time(self) -> datetime | None:
        """When the data on screen was last fetched or confirmed (None: the embedded copy)."""
        if self._mission.stamp is None:
            return None
        checked = self.library.store.checked_at(self.namespace, MISSION)
        times = [t for t in (checked, self._mission.fetched_at) if t is not None]
        return max(times) if times else None

    # -- reads ---------------------------------------------------------------------------

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.mission.mission.time_zone)

    @property
    def is_demo(self) -> bool:
        return not self.settings.personal_code

    @property
    def shows_demo(self) -> bool:
        """A visitor is looking at the demo agenda (no live feed, no failed sign-in)."""
        return self.is_demo and self.delegate is not None

    def now(self) -> datetime:
        return self.clock()

    def days(self) -> list[date]:
        return mission_days(self.mission)

    def default_day(self) -> date:
        return default_day(self.mission, self.now())

    def display_zone(self) -> ZoneInfo:
        """Mission time, or Brussels time when the person chose it."""
        return BRUSSELS if self.settings.time_display == "brussels" else self.zone

    def agenda(self) -> list[AgendaItem]:
        """This person's items (built once per data or settings version)."""
        if self._agenda is None:
            self._agenda = self._build_agenda()
        return self._agenda

    def _build_agenda(self) -> list[AgendaItem]:
        tombstones = {**self.mission_changes.tombstones(), **self.personal_changes.tombstones()}
        registered = set(self.delegate.registered) if self.delegate else set()
        dropped: dict[str, Activity] = {}
        for item_id, change in self.personal_changes.changes.items():
            # taken off this person's registrations: shown as cancelled until they open it
            if change.kind != "cancelled" or item_id in registered or not self.change_for(item_id):
                continue
            activity = self.activity(item_id) or tombstones.get(item_id)
            if activity is not None:
                dropped[item_id] = activity
        removed = self.personal_changes.removed_meetings() if self.delegate else {}
        return personal_items(
            self.mission, self.delegate, self.settings.bookmarks, tombstones, dropped, removed
        )

    def agenda_for(self, day: date) -> list[AgendaItem]:
        return items_on(self.agenda(), day, self.zone)

    def now_next(self) -> NowNext:
        return now_and_next(self.agenda(), self.now())

    def search_index(self) -> dict[str, str]:
        """Folded search text per activity, shared by every session reading this mission."""
        return shared_index(self.mission)

    def activity(self, activity_id: str) -> Activity | None:
        return next((a for a in self.mission.activities if a.id == activity_id), None)

    def tombstone(self, activity_id: str) -> Activity | None:
        """The last known copy of an activity that is no longer in the mission."""
        graves = {**self.mission_changes.tombstones(), **self.personal_changes.tombstones()}
        return graves.get(activity_id)

    def venue(self, venue_id: str | None) -> Venue | None:
        return next((v for v in self.mission.venues if v.id == venue_id), None)

    def contacts(self) -> list[Contact]:
        personal = self.delegate.contacts if self.delegate else []
        return [*self.mission.contacts, *personal]

    def change_for(self, item_id: str) -> Change | None:
        """The change this person has not opened yet: their own document's first, then the
        programme's (an opened registration must not hide a room change published later)."""
        seen = self.settings.seen.get(item_id, 0)
        found = (log.changes.get(item_id) for log in (self.personal_changes, self.mission_changes))
        return next((c for c in found if c is not None and c.revision > seen), None)

    def _latest(self, item_id: str) -> int:
        """The highest revision of the item's changes: opening it reads both documents' news."""
        logs = (self.personal_changes, self.mission_changes)
        return max(c.revision for log in logs if (c := log.changes.get(item_id)) is not None)

    def own_ids(self) -> set[str]:
        """What concerns this person: registered, bookmarked, meetings, and what was taken off
        their agenda. Changes elsewhere are marked in the programme only (`flags_for`)."""
        return {i.id for i in self.agenda()} | set(self.personal_changes.changes)

    def unseen_ids(self) -> set[str]:
        """Own items with a change not opened yet: what the banner counts, What changed lists."""
        return {i for i in self.own_ids() if self.change_for(i) is not None}

    def unseen_changes(self) -> list[Change]:
        return [c for c in map(self.change_for, sorted(self.unseen_ids())) if c is not None]

    def flags_for(self, item_id: str) -> tuple[str, ...]:
        """Change marks to show for an item: `new`, `changed`, `cancelled` until opened."""
        change = self.change_for(item_id)
        if change is not None:
            return (change.kind,)
        activity = self.activity(item_id)
        if activity is not None and activity.state == "changed":
            return ("changed",)
        return ()

    def is_bookmarked(self, activity_id: str) -> bool:
        return activity_id in self.settings.bookmarks

    def is_registered(self, activity_id: str) -> bool:
        return self.delegate is not None and activity_id in self.delegate.registered

    # -- user events ---------------------------------------------------------------------

    async def toggle_bookmark(self, activity_id: str) -> bool:
        """Add or remove an open activity from My agenda; returns whether it is now in it."""
        marks = list(self.settings.bookmarks)
        if activity_id in marks:
            marks.remove(activity_id)
        else:
            marks.append(activity_id)
        await self.update_settings(bookmarks=marks)
        return activity_id in marks

    async def mark_seen(self, item_id: str) -> None:
        """The person opened the item: its change marks go away."""
        if self.change_for(item_id) is not None:
            await self.update_settings(seen={**self.settings.seen, item_id: self._latest(item_id)})

    async def mark_all_seen(self, everywhere: bool = False) -> None:
        """What changed's list read; `everywhere`: the programme's marks too (a first sign-in)."""
        ids = {*self.mission_changes.changes, *self.personal_changes.changes}
        seen = dict(self.settings.seen)
        for change in filter(None, map(self.change_for, ids if everywhere else self.unseen_ids())):
            seen[change.id] = self._latest(change.id)
        await self.update_settings(seen=seen)

    async def update_settings(self, **changes: object) -> None:
        """Persist a change to this person's settings (language, read marks, notes, ...).
        An unknown setting or a bad value raises here, before anything is saved."""
        unknown = set(changes) - set(Settings.model_fields)
        if unknown:
            raise ValueError(f"no such setting: {', '.join(sorted(unknown))}")
        validated = Settings.model_validate({**self.settings.model_dump(), **changes})
        await self.settings_store.save(validated)  # raises OSError before memory changes
        self.settings = validated
        self._agenda = None
