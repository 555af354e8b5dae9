"""The single source of truth the views read: local documents + one person's settings.

Reads never touch the network and never fail: a damaged store falls back to the embedded
mission. User events are plain async methods that persist settings.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import ValidationError

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
from services.errors import FeedInvalid
from services.models import Activity, Contact, DelegateDoc, Lang, MissionDoc, Venue
from services.search import search_index
from services.settings import Settings, SettingsStore
from services.store import FeedStore
from services.validation import parse_delegate, parse_mission

log = logging.getLogger(__name__)
BUNDLED = Path(__file__).resolve().parent.parent / "assets" / "feed"
MISSION = "mission"


def changes_name(document: str) -> str:
    return f"{document}.changes"


def personal_doc_name(code: str | None) -> str:
    """Store name of a personal document; derived from the code so the code is never on disk."""
    if not code:
        return "delegate-demo"
    return "delegate-" + hashlib.sha256(code.encode()).hexdigest()[:24]


class Repository:
    def __init__(
        self,
        store: FeedStore,
        settings_store: SettingsStore,
        settings: Settings,
        clock: Clock = system_clock,
        bundled: Path = BUNDLED,
    ) -> None:
        self.store = store
        self.settings_store = settings_store
        self.settings = settings
        self.clock = clock
        self.bundled = bundled
        self._index: dict[str, str] = {}
        self._index_key: tuple[object, ...] = ()
        self.mission: MissionDoc = self._load_mission()
        self.delegate: DelegateDoc | None = self._load_delegate()
        self.mission_changes, self.personal_changes = self._load_changes()

    @classmethod
    async def open(
        cls,
        store: FeedStore,
        settings_store: SettingsStore,
        clock: Clock = system_clock,
        bundled: Path = BUNDLED,
    ) -> Repository:
        return cls(store, settings_store, await settings_store.load(), clock, bundled)

    # -- loading -------------------------------------------------------------------------

    def _load_mission(self) -> MissionDoc:
        stored = self.store.load(MISSION)
        if stored is not None:
            try:
                return parse_mission(stored.data)
            except FeedInvalid as exc:  # damaged on disk: the embedded copy still works
                log.error("stored mission unreadable, using the embedded one: %s", exc.detail)
        data = (self.bundled / "mission.json").read_bytes()
        doc = parse_mission(data, "embedded mission.json")
        try:
            self.store.save(MISSION, data, None, None)  # first launch: seed the store
        except OSError as exc:
            log.error("could not seed the store: %s", exc)
        return doc

    def _load_delegate(self) -> DelegateDoc | None:
        code = self.settings.personal_code
        stored = self.store.load(personal_doc_name(code))
        if stored is not None:
            try:
                return parse_delegate(stored.data)
            except FeedInvalid as exc:
                log.error("stored personal agenda unreadable: %s", exc.detail)
        if code:
            return None  # signed in, but nothing fetched yet: never show someone else's agenda
        demo = self.bundled / "delegates" / "demo.json"
        return parse_delegate(demo.read_bytes(), "embedded demo agenda") if demo.exists() else None

    def _load_changes(self) -> tuple[ChangeLog, ChangeLog]:
        logs = []
        for name in (
            changes_name(MISSION),
            changes_name(personal_doc_name(self.settings.personal_code)),
        ):
            try:
                logs.append(ChangeLog.model_validate(self.store.load_extra(name)))
            except ValidationError:
                logs.append(ChangeLog())
        return logs[0], logs[1]

    def data_time(self) -> datetime | None:
        """When the mission data on screen was last fetched (None: the embedded copy)."""
        stored = self.store.load(MISSION)
        return stored.fetched_at if stored else None

    def reload(self) -> None:
        """Re-read the store after a sync stored new documents."""
        self.mission = self._load_mission()
        self.delegate = self._load_delegate()
        self.mission_changes, self.personal_changes = self._load_changes()

    # -- reads ---------------------------------------------------------------------------

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.mission.mission.time_zone)

    @property
    def is_demo(self) -> bool:
        return not self.settings.personal_code

    def now(self) -> datetime:
        return self.clock()

    def days(self) -> list[date]:
        return mission_days(self.mission)

    def default_day(self) -> date:
        return default_day(self.mission, self.now())

    def agenda(self) -> list[AgendaItem]:
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
        return personal_items(
            self.mission, self.delegate, self.settings.bookmarks, tombstones, dropped
        )

    def agenda_for(self, day: date) -> list[AgendaItem]:
        return items_on(self.agenda(), day, self.zone)

    def now_next(self) -> NowNext:
        return now_and_next(self.agenda(), self.now())

    def search_index(self) -> dict[str, str]:
        """Folded search text per activity, built once per mission revision."""
        key = (self.mission.mission.id, self.mission.revision, self.mission.published_at)
        if self._index_key != key:
            self._index = search_index(self.mission)
            self._index_key = key
        return self._index

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
        """The change this person has not opened yet (personal changes win over shared ones)."""
        change = self.personal_changes.changes.get(item_id) or self.mission_changes.changes.get(
            item_id
        )
        if change is None or self.settings.seen.get(item_id, 0) >= change.revision:
            return None
        return change

    def unseen_changes(self) -> list[Change]:
        ids = {*self.mission_changes.changes, *self.personal_changes.changes}
        found = [c for c in (self.change_for(i) for i in sorted(ids)) if c is not None]
        return found

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
        await self._save(self.settings.model_copy(update={"bookmarks": marks}))
        return activity_id in marks

    async def mark_seen(self, item_id: str) -> None:
        """The person opened the item: its change marks go away."""
        change = self.change_for(item_id)
        if change is not None:
            seen = {**self.settings.seen, item_id: change.revision}
            await self._save(self.settings.model_copy(update={"seen": seen}))

    async def mark_all_seen(self) -> None:
        seen = dict(self.settings.seen)
        for change in self.unseen_changes():
            seen[change.id] = change.revision
        await self._save(self.settings.model_copy(update={"seen": seen}))

    async def set_language(self, language: Lang) -> None:
        await self._save(self.settings.model_copy(update={"language": language}))

    async def set_personal_code(self, code: str | None, feed_url: str | None = None) -> None:
        """Switch whose agenda this is (None: back to the demo); then reload what is stored."""
        update: dict[str, object] = {"personal_code": code}
        if feed_url:
            update["feed_url"] = feed_url
        await self._save(self.settings.model_copy(update=update))
        self.reload()

    async def set_time_display(self, mode: str) -> None:
        await self._save(self.settings.model_copy(update={"time_display": mode}))

    async def set_theme(self, theme: str) -> None:
        await self._save(self.settings.model_copy(update={"theme": theme}))

    async def _save(self, settings: Settings) -> None:
        validated = Settings.model_validate(settings.model_dump())
        await self.settings_store.save(validated)  # raises OSError before memory changes
        self.settings = validated
