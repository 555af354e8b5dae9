"""One session's syncing: the periodic sync loop with its back-off, Sync now, and the sync
state on screen (signing in is views/session_sign_in.py)."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from services.sync import interval, retry_after
from services.sync_state import STALE, SyncResult, SyncState, describe
from views import background

if TYPE_CHECKING:
    from views.shell import AppShell


log = logging.getLogger(__name__)


class SessionSync:
    def __init__(self, shell: AppShell) -> None:
        self.shell = shell
        self.loop_task: asyncio.Task[None] | None = None  # the sync running now, if any
        self._timer: asyncio.TimerHandle | None = None  # the next one (a timer, not a task)
        self.again = False  # Sync now while a sync runs: another right after it
        self.failures = 0  # syncs in a row that failed: the next comes sooner
        self.connected = True  # False while the browser is away (the session lives on)
        self.missed = False  # new data arrived while it was away
        self.asked = False  # Sync now was tapped: the next sync says how it went
        self.tapped = False  # the sync running now is one Sync now started
        self.behind = False  # new data waits for its turn to be drawn (views/background.py)
        self.brought = 0  # changes committed while this session's own sync ran

    @property
    def active(self) -> bool:
        """A sync runs, or the next one is timed."""
        return self._timer is not None or (self.loop_task is not None and not self.loop_task.done())

    def start_loop(self) -> None:
        if self.shell.account.can_sync and not self.active:
            self._sync_soon()

    def pause(self) -> None:
        """The browser went away: stop syncing for it; the store listener stays."""
        self.connected = False
        self.stop()

    def stop(self) -> None:
        """No sync runs or waits for this session any more (no timer holds it either)."""
        self._cancel_timer()
        if self.loop_task is not None:
            self.loop_task.cancel()

    def resume(self) -> None:
        """The same page is back: show what arrived meanwhile, and sync at once."""
        self.connected = True
        self.shell.routes.pushed.clear()  # the old page's route echoes will never come
        if self.missed and not self.shell.closed:
            self.missed = False
            self.shell.render()
        # a tab tapped offline: the bar showed it at once, Flet's reconnect then drew the page as
        # the server had it, and the tap came after. The next drawing sends the bar whole.
        self.shell.ctx.state.bar_key += 1
        self.shell.clock.look()  # a screen the clock made out of date meanwhile: drawn now
        self.start_loop()

    def data_changed(self, arrived: int) -> None:
        """The store committed new data: show it. Brought by this session's own sync (the
        person may be waiting for it): at once, and the sync's end says how many changes it
        brought in all (one sync commits the mission and the personal agenda one after the
        other: a toast per commit would end on the second one's count); by another's: in
        turn with every other session (views/background.py)."""
        shell = self.shell
        own = shell.ctx.sync.phase == "syncing"
        if own:
            self.brought += arrived  # told at the sync's end, even if a later step fails

        def show() -> None:
            self.behind = False
            if not self.connected:  # nothing reaches a browser that is away
                self.missed = True  # drawn when it is back
            elif not shell.closed:
                if arrived and not own:
                    self._tell_arrived(arrived)
                shell.render()

        async def at_once() -> None:
            show()

        if not shell.closed:
            self.behind = self.behind or not own
            shell.tasks.run(at_once if own else lambda: background.draw(show))

    def sync_now(self) -> None:
        if not self.shell.account.can_sync:
            self.shell.toast(
                describe(
                    self.shell.ctx.tr, SyncState.done(SyncResult("no_feed")), self.shell.repo.zone
                )
            )
            return
        running = self.loop_task is not None and not self.loop_task.done()
        if running and self.tapped:  # tapped twice (on a slow network the button stays on)
            return  # the sync it started says how it went: no second one after it
        self.asked = True  # the person tapped: say how it went, even if the line stays the same
        if running:
            self.again = True  # the one running may have asked before the change was out
        else:
            self.tapped = True
            self._sync_soon()

    def _sync_soon(self) -> None:
        self._cancel_timer()
        self.loop_task = self.shell.tasks.spawn(self._sync_round)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    async def _sync_round(self) -> None:
        """On start, then every 15 minutes on mission days (rarer before); sooner while offline
        (30 s, 1, 2, 4 ... min); at once on Sync now. Ends with the session."""
        self.again = False
        before = self.shell.ctx.sync.outcome
        try:
            result = await self._sync_once()
        except Exception:  # a defect, not the network: what was true stays, try again later
            log.exception("sync failed")
            self._set_sync(SyncState("done", before) if before else SyncState())
            self.shell.toast(self.shell.ctx.tr.gettext("That did not work. Please try again."))
            result = SyncResult("offline")  # only to back off as after a failure
        self.failures = 0 if result.ok else self.failures + 1
        normal = interval(self.shell.repo.now(), self.shell.repo.mission)
        delay = retry_after(self.failures, normal) if result.status == "offline" else normal
        if self.shell.closed or not self.connected:
            return
        wait = 0.0 if self.again else delay.total_seconds()
        self._timer = asyncio.get_running_loop().call_later(wait, self._sync_soon)

    async def _sync_once(self) -> SyncResult:
        asked, self.asked = self.asked, False
        self.tapped = asked
        self.brought = 0
        self._set_sync(self.shell.ctx.sync.syncing())
        shift = self.shell.repo.clock_correction()
        result = await self.shell.account.sync()
        drawn = self._set_sync(SyncState.done(result))
        if not drawn and self.shell.repo.clock_correction() != shift:
            drawn = True  # "now" moved (the phone's clock is off): Now/Next, and why
            self.shell.render()
        self.shell.signing.retry(result.ok)  # a sign-in kept while offline: its server may answer
        # what this whole sync brought: its merged count, or what it committed before a later
        # step failed (the mission came, the personal agenda did not), with how it failed
        brought = result.changes if result.status == "updated" else self.brought
        if brought:
            failed = "" if result.ok else f" {self.shell.ctx.status_text()}"
            self._tell_arrived(brought, failed)
        elif asked:
            if self.behind and not drawn:  # what another session's sync brought waits its turn
                self.shell.render()
            self.shell.toast(self.shell.ctx.status_text())
        return result

    def _tell_arrived(self, arrived: int, then: str = "") -> None:
        text = self.shell.ctx.tr.ngettext(
            "{n} change from the organisers", "{n} changes from the organisers", arrived
        )
        self.shell.toast(text.format(n=arrived) + then)

    def _set_sync(self, state: SyncState) -> bool:
        """New data re-renders through the repository; a new sync state re-renders only when
        the screen shows it (Settings, or My agenda's note on old data): with hundreds of
        sessions, each whole-screen render costs the server. Returns whether it drew."""
        before = self._shown_status()
        self.shell.ctx.sync = state
        if self._shown_status() == before:
            return False
        self.shell.render()
        return True

    def _shown_status(self) -> str:
        name = self.shell.ctx.state.route.name
        if name == "settings" or (name == "agenda" and self.shell.ctx.sync.status in STALE):
            return self.shell.ctx.status_text()
        return ""
