"""The single source of truth the views read: local documents + one person's settings.

Reads never touch the network and never fail: a damaged store falls back to the embedded
mission. User events are plain async methods that persist settings.

    MissionReader (services.reader)             documents, settings, plain reads
      PersonalAgenda (services.personal_agenda) the agenda and its unopened changes
        Repository (here)                        follows the store, tells the screen
"""

from __future__ import annotations

from collections.abc import Callable

from services.clock import Clock, system_clock
from services.library import Library
from services.personal_agenda import PersonalAgenda
from services.settings import SettingsStore, handed_over
from services.store import namespace_for

Listener = Callable[[int], None]


class Repository(PersonalAgenda):
    """One person's view of one feed origin's documents. It listens to the store: after any
    commit to its namespace it reads the new version and tells its own listeners (the screen)
    how many changes arrived that this person has not seen."""

    def _documents_read(self) -> None:
        self._listeners: list[Listener] = []
        self._unsubscribe = self.library.store.subscribe(self._on_commit)

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
