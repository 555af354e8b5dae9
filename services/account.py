"""One person's connection to the feed: sync their documents, sign in with a code or link."""

from __future__ import annotations

import logging
from collections.abc import Callable

from services.clock import SKEW
from services.feeds import Feeds, address_of, host_of
from services.links import feed_url_from_link, normalise_code, typed_code
from services.origin import normalise_origin
from services.repository import Repository
from services.sync import Synchronizer
from services.sync_state import Status, SyncResult

log = logging.getLogger(__name__)


class Account:
    def __init__(self, repo: Repository, feeds: Feeds | None) -> None:
        self.repo = repo
        self.feeds = feeds
        # Told after a successful sync, a sign-in, a sign-out and a change of language (the
        # pocket agenda copy); a listener must return at once and work in the background.
        self.on_change: list[Callable[[], None]] = []

    def changed(self) -> None:
        for listener in self.on_change:
            listener()

    @property
    def can_sync(self) -> bool:
        return self.feeds is not None and self.repo.origin is not None

    async def sync(self) -> SyncResult:
        """Refresh this person's documents. Counts what arrived for this person, by item, as
        the banner does; the repository also picks up what another process committed."""
        if self.feeds is None or self.repo.origin is None:
            return SyncResult("no_feed")
        before, version = self.repo.unseen_ids(), self.repo.version
        mission = self.repo.mission.mission.id
        async with self.feeds.using(self.repo.origin) as syncer:
            result = await syncer.sync(self.repo.settings.personal_code)
        self.repo.refresh()  # also what another process committed meanwhile
        arrived = len(self.repo.unseen_ids() - before)
        if result.ok and self.repo.version != version:  # never "up to date" with older data
            moved = result.new_mission or self.repo.mission.mission.id != mission
            result = SyncResult("updated", result.at, arrived, result.document, new_mission=moved)
        if result.ok:
            await self._keep_offset(syncer)
            self.changed()
        return result

    async def sign_in(self, text: str, confirmed: bool = False) -> SyncResult:
        """Check a pasted code or personal link against its feed before switching to it: a
        wrong code, a refused server or any error changes nothing."""
        code = normalise_code(text)
        if code is None:
            return SyncResult("not_a_code", typed="" if "/" in text else typed_code(text))
        link = feed_url_from_link(text)
        if self.feeds is None:
            return SyncResult("no_feed")
        origin = link or self.repo.origin
        if origin is None:
            return SyncResult("no_feed")
        admission = self.feeds.admit(origin, confirmed)
        if admission != "allowed":  # decided before any request leaves
            return self._not_followed(origin, admission == "confirm")
        origin = normalise_origin(origin)  # admitted: it parses
        async with self.feeds.using(origin) as syncer:
            result = await syncer.sign_in(code)
        if result.ok:
            await self._keep_offset(syncer)  # before the switch draws their agenda
            await self.repo.switch(origin, code)
            self.changed()
        return result

    async def _keep_offset(self, syncer: Synchronizer) -> None:
        """After a sync that went through: how far the organisers' server's clock is from this
        device's, kept in the person's settings (services.clock). Hosted, this code runs on
        the operator's server, whose clock is the one to trust: nothing is kept."""
        offset = syncer.server_offset
        if self.feeds is None or self.feeds.hosted or offset is None:
            return  # no Date header: what was measured before stays
        kept = self.repo.settings.clock_offset
        if kept is not None and abs(offset - kept) < 2:  # a round trip's jitter: no disk write
            return
        changes: dict[str, object] = {"clock_offset": offset}
        if abs(offset) < SKEW.total_seconds():
            changes["clock_told"] = None  # set right: a clock set wrong again is told again
        try:
            await self.repo.update_settings(**changes)
        except OSError as exc:  # a full disk: the sync itself went through
            log.warning("could not keep the clock's offset: %s", exc)

    def _not_followed(self, origin: str, ask: bool) -> SyncResult:
        """Name the other server; or, when the link is for a server this app uses at another
        address (https for http, '/OK/' for '/ok/'), that whole address, so the sentence never
        calls the app's own server "another server"."""
        assert self.feeds is not None
        status: Status = "confirm_origin" if ask else "other_origin"
        host = host_of(origin)
        if self.feeds.serves(host):
            return SyncResult(status, host=host, address=address_of(origin))
        return SyncResult(status, host=host)

    async def sign_out(self) -> None:
        await self.repo.switch(self.repo.origin, None)
        self.changed()
