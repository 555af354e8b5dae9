"""One session's clock: the screen on show is drawn again when time makes it out of date.

A screen says when that is (`Screen.changes_at`: My agenda's Now/Next card, its countdown,
its dimmed past items), and every screen is out of date when the mission day turns. One
sleeping task per session wakes then, and only then: no tick every second or minute, and
nothing while the tab is hidden or the browser away.
Back in view, an out-of-date screen is drawn at once.

Every delegate's 'Now, until 15:45' ends at 15:45:00, and every countdown turns at the same
second: a hosted server would draw all the visible sessions at once (~40 ms each). Each
session wakes up to `SPREAD` seconds late, its own fixed share, so they come one by one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from services.agenda import next_change
from views import background

if TYPE_CHECKING:
    from views.shell import AppShell


log = logging.getLogger(__name__)
SPREAD = 3.0  # seconds


class SessionClock:
    def __init__(self, shell: AppShell) -> None:
        self.shell = shell
        self.late = random.uniform(0, SPREAD)  # this session's place in a crowded second
        self.due: datetime | None = None  # when the screen on show goes out of date
        self.wake = asyncio.Event()  # a new drawing, or the page shown or back

    def start_loop(self) -> None:
        self.shell._spawn(self._clock_loop)

    def drawn(self, changes_at: datetime | None) -> None:
        repo = self.shell.repo
        # every screen at the day's turn too: a day chosen yesterday gives way to today (the
        # map, the Programme), also in a session left open overnight on them
        turn = next_change([], repo.now(), {repo.zone, repo.display_zone()}, countdown=False)
        self.due = min(changes_at, turn) if changes_at is not None else turn
        self.wake.set()

    def _draw_if_shown(self, due: datetime | None) -> None:
        if self.shell.closed:
            return
        if self._showing():  # still so after waiting its turn
            self.shell.render()
        elif self.due is None:  # hidden or away meanwhile: drawn when back in view
            self.due = due

    def _showing(self) -> bool:
        return self.shell.page.app_visible and self.shell.syncing.connected

    async def _clock_loop(self) -> None:
        while not self.shell.closed:
            self.wake.clear()
            due, now = self.due, self.shell.repo.now()
            if due is not None:
                due += timedelta(seconds=self.late)
            if due is not None and due <= now and self._showing():
                planned, self.due = self.due, None  # a drawing that fails sets no new due: no loop
                try:
                    await background.draw(partial(self._draw_if_shown, planned))
                except Exception:  # the next drawing (a tap, new data) sets a new due
                    log.exception("the clock's drawing failed")
                continue
            wait = None if due is None or not self._showing() else (due - now).total_seconds()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), wait)
