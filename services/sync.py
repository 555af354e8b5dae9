"""Sync: keeps one feed origin's documents current. The only code that uses client and store.

Per document, one line a step: fetch → parse once → diff → commit → notify (the commit tells
every session). The mission comes first, then the personal document. Any failure leaves the
committed unit (document, ETag and change log) as it was. Concurrent syncs of one document
share a single download.
"""

from __future__ import annotations

import errno
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from services.clock import Clock, is_demo, system_clock
from services.errors import FeedError, FeedInvalid, FeedNotFound, FeedUnavailable, Problem
from services.feed_client import FeedClient, Fetched
from services.going import Going
from services.library import Library, Loaded, Prepared
from services.models import DelegateDoc, MissionDoc
from services.staging import Fresh, MissionMoved, OlderRevision, clean_etag, prepare, same_mission
from services.store import MISSION, personal_name
from services.sync_state import SyncResult
from services.validation import parse_delegate, parse_mission

log = logging.getLogger(__name__)


class Synchronizer:
    def __init__(
        self, client: FeedClient, library: Library, namespace: str, clock: Clock = system_clock
    ) -> None:
        self.client = client
        self.library = library
        self.namespace = namespace
        self.clock = clock
        # seconds the server's clock is ahead of `clock` (behind: negative), at the last answer
        # with a readable Date header; None until then
        self.server_offset: int | None = None
        self._inflight: Going[SyncResult] = Going()

    async def aclose(self) -> None:
        """Close the client once the downloads in flight (shared, shielded) have ended."""
        await self._inflight.settle()
        await self.client.aclose()

    async def sync(self, code: str | None) -> SyncResult:
        """Refresh mission.json, then the personal document of `code` (if any)."""
        try:
            mission = await self._single(MISSION, self._refresh_mission)
        except MissionMoved:
            return await self._move(code)
        if not code or not mission.ok:
            return mission
        personal = await self._single(personal_name(code), lambda: self._refresh_personal(code))
        return _combine(mission, personal)

    async def sign_in(self, code: str) -> SyncResult:
        """Stage the mission and the personal document of `code`, check them together, and
        commit both, or change nothing (a wrong code, another mission, any error)."""
        now, name, label = self.clock(), personal_name(code), "personal agenda"
        try:
            mission = await self._fetch(MISSION, "mission.json", "mission.json")
            personal = await self._fetch(name, f"delegates/{code}.json", label)
            mission_doc = mission.doc if mission else self._stored(MISSION).doc
            person = personal.doc if personal else self._stored(name).doc
            assert isinstance(mission_doc, MissionDoc) and isinstance(person, DelegateDoc)
            same_mission(person, mission_doc, label)
            prepared: dict[str, Prepared] = {}
            if mission is not None:
                prepared[MISSION] = self._prepare(mission, None, now, move=True)[0]
            if personal is not None:
                prepared[name] = self._prepare(personal, mission_doc, now)[0]
            if prepared:
                self.library.commit(self.namespace, prepared)  # both land, then sessions hear
        except (FeedInvalid, FeedNotFound, FeedUnavailable, OlderRevision, OSError) as exc:
            # a missing or broken mission.json is no wrong code: say which document failed
            programme = isinstance(exc, FeedError) and exc.document == "mission.json"
            return _failed(exc, "mission.json" if programme else label, None)
        return SyncResult("signed_in", now, document=label, name=person.delegate.name)

    async def _single(self, name: str, work: Callable[[], Awaitable[SyncResult]]) -> SyncResult:
        """One download per document at a time; sessions that ask meanwhile share its result."""
        return await self._inflight.once(name, work)

    async def _move(self, code: str | None) -> SyncResult:
        """Another mission on this feed: staged with the personal document, as at sign-in."""
        if code is None:
            moved = await self._single(MISSION, lambda: self._refresh_mission(move=True))
            return replace(moved, new_mission=True) if moved.status == "updated" else moved
        moved = await self.sign_in(code)
        if not moved.ok:
            return moved
        return SyncResult("updated", moved.at, document=moved.document, new_mission=True)

    async def _refresh_mission(self, move: bool = False) -> SyncResult:
        return await self._refresh(MISSION, "mission.json", "mission.json", None, move)

    async def _refresh_personal(self, code: str) -> SyncResult:
        mission = self.library.mission(self.namespace).doc
        return await self._refresh(
            personal_name(code), f"delegates/{code}.json", "personal agenda", mission
        )

    async def _refresh(
        self, name: str, path: str, label: str, mission: MissionDoc | None, move: bool = False
    ) -> SyncResult:
        now = self.clock()
        try:
            fresh = await self._fetch(name, path, label)  # fetch (conditional), parse once
            if fresh is None:
                self.library.store.checked(self.namespace, name, now)
                return SyncResult("up_to_date", now, document=label)
            prepared, count = self._prepare(fresh, mission, now, move)  # diff, merge changes
            self.library.commit(self.namespace, {name: prepared})  # commit, then notify
            return SyncResult("updated", now, count, label)
        except (FeedInvalid, FeedNotFound, FeedUnavailable, OlderRevision, OSError) as exc:
            return _failed(exc, label, self._data_time(name))

    async def _fetch(self, name: str, path: str, label: str) -> Fresh | None:
        """The parsed document, or None when the server confirms the stored copy (304)."""
        stored = self.library.unit(self.namespace, name)
        etag = clean_etag(stored.etag) if stored else None
        fetched = await self.client.fetch(path, etag, label)
        self._measure(fetched)
        if fetched.data is None:
            if stored is None:
                problem = Problem("", "the server answered 304 Not Modified, but nothing is stored")
                raise FeedInvalid(label, [problem])
            return None
        parse = parse_mission if name == MISSION else parse_delegate
        return Fresh(name, fetched.data, fetched.etag, parse(fetched.data, label))

    def _measure(self, fetched: Fetched) -> None:
        """How far the server's clock is from the device's, both read halfway through the
        request. A demo clock is set on purpose: nothing to measure."""
        if fetched.date is None or is_demo(self.clock):
            return
        device = self.clock() - timedelta(seconds=time.monotonic() - fetched.midway)
        self.server_offset = round((fetched.date - device).total_seconds())

    def _stored(self, name: str) -> Loaded[Any]:
        loaded = self.library.document(self.namespace, name)
        if loaded is None:  # a 304 for a copy that is damaged on disk
            raise FeedInvalid(name, [Problem("", "the stored copy is unreadable")])
        return loaded

    def _prepare(
        self, fresh: Fresh, mission: MissionDoc | None, now: datetime, move: bool = False
    ) -> tuple[Prepared, int]:
        """The diff step (services.staging) against the stored copy."""
        return prepare(fresh, self.library.document(self.namespace, fresh.name), mission, now, move)

    def _data_time(self, name: str) -> datetime | None:
        stored = self.library.unit(self.namespace, name)
        checked = self.library.store.checked_at(self.namespace, name)
        times = [t for t in (checked, stored.fetched_at if stored else None) if t is not None]
        return max(times) if times else None


def _failed(exc: Exception, label: str, at: datetime | None) -> SyncResult:
    """A failed step: the committed unit stays; say which kind of failure."""
    if isinstance(exc, FeedInvalid):
        log.warning("%s rejected, keeping the previous copy: %s", label, exc.detail)
        problems = tuple(str(p) for p in exc.problems[:20])
        return SyncResult("invalid", at, document=label, problems=problems)
    if isinstance(exc, FeedNotFound):
        log.warning("%s not found (%s)", label, exc.detail)
        return SyncResult("not_found", at, document=label)
    if isinstance(exc, FeedUnavailable):
        log.info("%s unavailable: %s", label, exc.detail)
        answered = exc.detail.startswith("HTTP ")  # e.g. 'HTTP 503': the network is not at fault
        return SyncResult("offline", at, document=label, problems=(exc.detail,) if answered else ())
    if isinstance(exc, OlderRevision):
        log.warning("%s: the server sent an older version (%s); keeping ours", label, exc)
        return SyncResult("older", at, document=label)
    log.error("could not store %s: %s", label, exc)  # disk full or read-only
    return SyncResult("storage", at, document=label, problems=storage_problem(exc))


def storage_problem(exc: BaseException) -> tuple[str, ...]:
    """('unwritable',) when storing failed for another reason than a full disk or quota (a
    read-only or misconfigured data folder): 'storage full' would send someone the wrong way."""
    full = not isinstance(exc, OSError) or exc.errno in (errno.ENOSPC, errno.EDQUOT, None)
    return () if full else ("unwritable",)


def _combine(mission: SyncResult, personal: SyncResult) -> SyncResult:
    if not personal.ok:
        return personal
    updated = "updated" in (mission.status, personal.status)
    at = personal.at or mission.at
    return SyncResult(
        "updated" if updated else "up_to_date", at, mission.changes + personal.changes
    )


def interval(now: datetime, mission: MissionDoc) -> timedelta:
    """How long until the next automatic sync: 15 min around mission days, rarer otherwise."""
    first, last = mission.mission.start_date, mission.mission.end_date
    today = now.date()
    if first - timedelta(days=1) <= today <= last:
        return timedelta(minutes=15)
    if today < first:
        return timedelta(hours=2) if (first - today).days <= 7 else timedelta(hours=12)
    return timedelta(hours=24)


def retry_after(failures: int, normal: timedelta) -> timedelta:
    """While offline, try again sooner: 30 s, 1, 2, 4 ... minutes, never later than usual."""
    return min(normal, timedelta(seconds=30 * 2 ** max(0, failures - 1)))
