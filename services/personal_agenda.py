"""One person's agenda, and the change marks on it that they have not opened yet."""

from __future__ import annotations

from datetime import date

from services.agenda import AgendaItem, NowNext, items_on, now_and_next, personal_items
from services.changes import Change
from services.models import Activity
from services.reader import MissionReader


class PersonalAgenda(MissionReader):
    """Registered, bookmarked and private items, built once per data or settings version, and
    what changed on them since this person last looked (`settings.seen`: id -> revision)."""

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

    # -- change marks --------------------------------------------------------------------

    def change_for(self, item_id: str) -> Change | None:
        """The change this person has not opened yet: their own document's first, then the
        programme's (an opened registration must not hide a room change published later)."""
        return next(iter(self.changes_for(item_id)), None)

    def changes_for(self, item_id: str) -> list[Change]:
        """Every change of the item not opened yet, their own document's first: opening the
        item reads them all, so its screen shows them all. Each document's changes are held
        against what was opened of that document's."""
        seen = self.settings.seen.get(item_id, 0)
        own = self.personal_changes.changes.get(item_id)
        shared = self.mission_changes.changes.get(item_id)
        found = []
        own_seen = self.settings.seen_own.get(item_id, seen)
        if own is not None and own.revision > own_seen:
            found.append(own.since(own_seen))
        if shared is not None and shared.revision > seen:
            found.append(shared.since(seen))
        return found

    def _opened(self, item_id: str) -> tuple[int, int]:
        """The read marks once the item is opened: both documents' news about it is read."""
        own, shared = (
            log.changes.get(item_id) for log in (self.personal_changes, self.mission_changes)
        )
        return (
            max(shared.revision if shared else 0, self.settings.seen.get(item_id, 0)),
            own.revision if own else 0,
        )

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

    async def mark_seen(self, item_id: str) -> None:
        """The person opened the item: its change marks go away."""
        if self.change_for(item_id) is not None:
            await self._mark([item_id])

    async def mark_all_seen(self, everywhere: bool = False) -> None:
        """What changed's list read; `everywhere`: the programme's marks too (a first sign-in)."""
        ids = {*self.mission_changes.changes, *self.personal_changes.changes}
        await self._mark(
            [i for i in (ids if everywhere else self.unseen_ids()) if self.change_for(i)]
        )

    async def _mark(self, item_ids: list[str]) -> None:
        seen, own = dict(self.settings.seen), dict(self.settings.seen_own)
        for item_id in item_ids:
            seen[item_id], own[item_id] = self._opened(item_id)
        await self.update_settings(seen=seen, seen_own=own)

    def read_marks(self) -> tuple[dict[str, int], dict[str, int]]:
        """Both kinds of read mark as they are now, for `restore_read_marks` (Undo)."""
        return dict(self.settings.seen), dict(self.settings.seen_own)

    async def restore_read_marks(self, marks: tuple[dict[str, int], dict[str, int]]) -> None:
        await self.update_settings(seen=dict(marks[0]), seen_own=dict(marks[1]))
