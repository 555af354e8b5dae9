"""What one person reads from one feed origin's local documents, and their saved settings.

Reads never touch the network and never fail: a damaged store falls back to the embedded
mission (the library's job). `services.repository.Repository` builds on this.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from services.agenda import AgendaItem, default_day, mission_days, shown_days
from services.changes import ChangeLog
from services.clock import Clock, correction, system_clock
from services.i18n import BRUSSELS
from services.library import Library, Loaded
from services.models import Activity, Contact, DelegateDoc, Lang, MissionDoc, Venue
from services.per_process import PerProcess
from services.search import SHARED_KEPT, shared_index
from services.settings import Settings, SettingsStore
from services.store import MISSION, namespace_for

NO_CHANGES = ChangeLog()  # the log of a person with no document: read, never changed
# Per parsed mission, its activities by id: a list card asks for its activity's marks, and a
# search through every activity for each card cost ~1% of a tab switch to the Programme.
_BY_ID: PerProcess[dict[str, Activity]] = PerProcess(SHARED_KEPT)
_DAYS: PerProcess[list[date]] = PerProcess(SHARED_KEPT)


def activities_by_id(mission: MissionDoc) -> dict[str, Activity]:
    """Each activity of `mission` by its id (the first, were one id used twice), made once per
    parsed document per process and shared by every session; callers only read it. A newly
    committed mission is another object: its activities are never looked up in an older one."""

    def make() -> dict[str, Activity]:
        found: dict[str, Activity] = {}
        for activity in mission.activities:
            found.setdefault(activity.id, activity)
        return found

    return _BY_ID.get(id(mission), mission, make)


class MissionReader:
    """The documents of one origin as this person sees them, and the settings that shape that
    (language, time display, bookmarks). Any change of either drops the built agenda."""

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
        self._agenda: list[AgendaItem] | None = None  # built from all of the above, on demand
        self.demo_allowed = True  # the demo agenda, for a visitor who has not signed in
        self._mission, self._delegate = self._read()
        self._documents_read()

    def _documents_read(self) -> None:
        """Called once the documents are read: what a subclass sets up on top of them."""

    def _read(self) -> tuple[Loaded[MissionDoc], Loaded[DelegateDoc] | None]:
        mission = self.library.mission(self.namespace)
        code = self.settings.personal_code
        delegate = self.library.delegate(self.namespace, code) if code else None
        if delegate is not None and delegate.doc.mission_id != mission.doc.mission.id:
            # Half of a move to another mission (a crash between its two writes): an agenda is
            # never read against another mission (its items would all look cancelled). The
            # next sync brings the agenda that belongs to the mission.
            delegate = None
        return mission, delegate

    @property
    def version(self) -> tuple[object, object]:
        """Identifies the data on screen: it changes with every commit this person sees."""
        return (self._mission.stamp, self._delegate.stamp if self._delegate else None)

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
        return self._delegate.changes if self._delegate else NO_CHANGES

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
    def own_language(self) -> Lang | None:
        """The language chosen on this device; else, for a person signed in, their own from the
        organisers' sheet. A session that ended between the sign-in and saving their language
        (a reload, a phone that slept) must not greet them in the browser's language."""
        if self.settings.language is not None:
            return self.settings.language
        delegate = None if self.is_demo else self.delegate
        return delegate.delegate.language if delegate is not None else None

    @property
    def shows_demo(self) -> bool:
        """A visitor is looking at the demo agenda (no live feed, no failed sign-in)."""
        return self.is_demo and self.delegate is not None

    def now(self) -> datetime:
        """The one "now" of every screen: the device's time, or the organisers' server's when
        the device's is off by services.clock.SKEW or more (a demo clock is never moved)."""
        shift, now = self.clock_correction(), self.clock()
        return now + shift if shift is not None else now

    def clock_correction(self) -> timedelta | None:
        """How far now() moves the device's time; None: not at all."""
        return correction(self.clock, self.settings.clock_offset)

    def days(self, zone: ZoneInfo | None = None) -> list[date]:
        """The days listed in `zone`, by default the zone times are shown in: in Brussels time
        the mission's last afternoon in California is a Saturday."""
        zone, mission = zone or self.display_zone(), self.mission
        if zone.key == mission.mission.time_zone:
            return mission_days(mission)
        shared = _DAYS.get(  # the programme's: once per mission and zone, for every session
            (id(mission), zone.key),
            mission,
            lambda: shown_days(mission_days(mission), zone, (a.start for a in mission.activities)),
        )
        meetings = self.delegate.meetings if self.delegate else []
        return shown_days(shared, zone, (m.start for m in meetings))

    def day_shown(self, chosen: date | None, zone: ZoneInfo | None = None) -> date:
        """The day a screen lists: the one chosen, within the days listed in `zone` (Saturday
        in Brussels time is Friday in mission time), else today's (`default_day`)."""
        days = self.days(zone)
        return min(max(chosen, days[0]), days[-1]) if chosen else self.default_day(zone)

    def default_day(self, zone: ZoneInfo | None = None) -> date:
        """The day to show first: today in `zone`, by default in the zone times are shown in
        (My agenda and the Programme list Brussels time by the Brussels day)."""
        zone = zone or self.display_zone()
        return default_day(self.mission, self.now(), zone, self.days(zone))

    def activities_on(self, day: date) -> list[Activity]:
        """The activities that start on `day` in the zone times are shown in."""
        zone = self.display_zone()
        return [a for a in self.mission.activities if a.start.astimezone(zone).date() == day]

    def display_zone(self) -> ZoneInfo:
        """Mission time, or Brussels time when the person chose it."""
        return BRUSSELS if self.settings.time_display == "brussels" else self.zone

    def search_index(self) -> dict[str, str]:
        """Folded search text per activity, shared by every session reading this mission."""
        return shared_index(self.mission)

    def activity(self, activity_id: str) -> Activity | None:
        return activities_by_id(self.mission).get(activity_id)

    def tombstone(self, activity_id: str) -> Activity | None:
        """The last known copy of an activity that is no longer in the mission."""
        graves = {**self.mission_changes.tombstones(), **self.personal_changes.tombstones()}
        return graves.get(activity_id)

    def venue(self, venue_id: str | None) -> Venue | None:
        return next((v for v in self.mission.venues if v.id == venue_id), None)

    def contacts(self) -> list[Contact]:
        personal = self.delegate.contacts if self.delegate else []
        return [*self.mission.contacts, *personal]

    def is_bookmarked(self, activity_id: str) -> bool:
        return activity_id in self.settings.bookmarks

    def is_registered(self, activity_id: str) -> bool:
        return self.delegate is not None and activity_id in self.delegate.registered

    # -- settings ------------------------------------------------------------------------

    async def toggle_bookmark(self, activity_id: str) -> bool:
        """Add or remove an open activity from My agenda; returns whether it is now in it."""
        marks = list(self.settings.bookmarks)
        if activity_id in marks:
            marks.remove(activity_id)
        else:
            marks.append(activity_id)
        await self.update_settings(bookmarks=marks)
        return activity_id in marks

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
