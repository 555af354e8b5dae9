"""Sync: the only code that uses both the feed client and the store.

Per document: fetch (conditional GET), validate the whole document, compare it with the stored
one by id, store it, then its ETag. Any failure leaves the last good copy and its ETag as they
were. One sync runs at a time.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from pydantic import ValidationError

from services.changes import Change, ChangeLog, diff_delegates, diff_missions
from services.clock import Clock, system_clock
from services.errors import FeedError, FeedInvalid, FeedNotFound, FeedUnavailable, Problem
from services.feed_client import FeedClient
from services.models import DelegateDoc, MissionDoc
from services.repository import MISSION, changes_name, personal_doc_name
from services.store import FeedStore
from services.validation import parse_delegate, parse_mission

log = logging.getLogger(__name__)
Status = Literal["updated", "up_to_date", "offline", "invalid", "not_found", "storage", "no_feed"]
TOKEN = re.compile(r"^[a-z2-7]{26}$")


@dataclass(frozen=True)
class SyncResult:
    """What the app shows: up to date, updated with N changes, offline, or an invalid feed."""

    status: Status
    at: datetime | None = None
    changes: int = 0
    document: str = ""
    problems: tuple[str, ...] = field(default=())


def normalise_code(text: str) -> str | None:
    """A personal code from what a delegate pastes: the code, grouped or not, or their link."""
    value = text.strip().lower()
    if "/" in value:
        value = value.rstrip("/").rsplit("/", 1)[-1]
        value = value.split("?")[0].split("#")[0].removesuffix(".json").removesuffix(".ics")
    value = re.sub(r"[\s-]", "", value)
    return value if TOKEN.match(value) else None


def feed_url_from_link(text: str) -> str | None:
    """'https://feed.example.org/delegates/<code>.json' -> 'https://feed.example.org/'."""
    value = text.strip()
    if not value.lower().startswith(("http://", "https://")) or "/delegates/" not in value:
        return None
    return value.split("/delegates/", 1)[0] + "/"


class Synchronizer:
    def __init__(
        self, client: FeedClient | None, store: FeedStore, clock: Clock = system_clock
    ) -> None:
        self.client = client
        self.store = store
        self.clock = clock
        self._lock = asyncio.Lock()

    async def sync(self, code: str | None) -> SyncResult:
        """Refresh mission.json, then the personal document of `code` (if any)."""
        if self.client is None:
            return SyncResult("no_feed")
        async with self._lock:
            mission = await self._refresh_mission()
            if not code or mission.status not in ("updated", "up_to_date"):
                return mission
            personal = await self._refresh_personal(code)
            return _combine(mission, personal)

    async def check_code(self, code: str) -> SyncResult:
        """Fetch a personal document for a new code without touching the current one's data."""
        if self.client is None:
            return SyncResult("no_feed")
        async with self._lock:
            return await self._refresh_personal(code)

    async def _refresh_mission(self) -> SyncResult:
        return await self._refresh(MISSION, "mission.json", "mission.json", self._mission_diff)

    async def _refresh_personal(self, code: str) -> SyncResult:
        name = personal_doc_name(code)
        return await self._refresh(
            name, f"delegates/{code}.json", "personal agenda", self._personal_diff
        )

    async def _refresh(
        self, name: str, path: str, label: str, diff: Callable[[bytes | None, bytes], list[Change]]
    ) -> SyncResult:
        assert self.client is not None
        stored = self.store.load(name)
        now = self.clock()
        try:
            fetched = await self.client.fetch(path, stored.etag if stored else None, label)  # fetch
            if fetched.not_modified or fetched.data is None:
                self.store.touch(name, now)
                return SyncResult("up_to_date", now, document=label)
            changes = diff(stored.data if stored else None, fetched.data)  # validates everything
            log_ = _merged(self.store.load_extra(changes_name(name)), changes)
            self.store.save(name, fetched.data, fetched.etag, now)  # store, then record the ETag
            self.store.save_extra(changes_name(name), log_.model_dump(mode="json"))
            return SyncResult("updated", now, len(changes), label)
        except FeedInvalid as exc:
            log.warning("%s rejected, keeping the previous copy: %s", label, exc.detail)
            return SyncResult(
                "invalid",
                stored.fetched_at if stored else None,
                document=label,
                problems=tuple(str(p) for p in exc.problems[:20]),
            )
        except FeedNotFound as exc:
            log.warning("%s not found (%s)", label, exc.detail)
            return SyncResult("not_found", stored.fetched_at if stored else None, document=label)
        except FeedUnavailable as exc:
            log.info("%s unavailable: %s", label, exc.detail)
            return SyncResult("offline", stored.fetched_at if stored else None, document=label)
        except OSError as exc:  # disk full or read-only: the old copy is still whole
            log.error("could not store %s: %s", label, exc)
            return SyncResult("storage", stored.fetched_at if stored else None, document=label)

    def _mission_diff(self, old: bytes | None, new: bytes) -> list[Change]:
        doc = parse_mission(new, "mission.json")
        previous = _old_mission(old)
        if previous is None or previous.mission.id != doc.mission.id:
            return []  # first load (or another mission): nothing to flag
        return diff_missions(previous, doc)

    def _personal_diff(self, old: bytes | None, new: bytes) -> list[Change]:
        doc = parse_delegate(new, "personal agenda")
        stored = self.store.load(MISSION)
        mission = _old_mission(stored.data if stored else None)
        if mission is not None and doc.mission_id != mission.mission.id:
            problem = Problem("mission_id", f"{doc.mission_id!r} is not {mission.mission.id!r}")
            raise FeedInvalid("personal agenda", [problem])
        previous = _old_delegate(old)
        return diff_delegates(previous, doc, mission) if mission is not None else []


def _old_mission(data: bytes | None) -> MissionDoc | None:
    """The stored copy to compare against; unreadable counts as none (then nothing is flagged)."""
    try:
        return parse_mission(data) if data is not None else None
    except FeedError:
        return None


def _old_delegate(data: bytes | None) -> DelegateDoc | None:
    try:
        return parse_delegate(data) if data is not None else None
    except FeedError:
        return None


def _merged(saved: dict[str, object], changes: list[Change]) -> ChangeLog:
    try:
        previous = ChangeLog.model_validate(saved)
    except ValidationError:
        previous = ChangeLog()
    return previous.merged(changes)


def _combine(mission: SyncResult, personal: SyncResult) -> SyncResult:
    if personal.status not in ("updated", "up_to_date"):
        return personal
    status: Status = "updated" if "updated" in (mission.status, personal.status) else "up_to_date"
    return SyncResult(status, personal.at, mission.changes + personal.changes)


def interval(now: datetime, mission: MissionDoc) -> timedelta:
    """How long until the next automatic sync: 15 min around mission days, rarer otherwise."""
    first, last = mission.mission.start_date, mission.mission.end_date
    today = now.date()
    if first - timedelta(days=1) <= today <= last:
        return timedelta(minutes=15)
    if today < first:
        return timedelta(hours=2) if (first - today).days <= 7 else timedelta(hours=12)
    return timedelta(hours=24)
