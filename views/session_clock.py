"""One session's clock: the screen on show is drawn again when time makes it out of date.

A screen says when that is (`Screen.changes_at`: My agenda's Now/Next card, its countdown,
its dimmed past items), and every screen is out of date when the mission day turns. One timer
per session fires then, and only then: no tick every second or minute, and nothing while the
tab is hidden or the browser away. Back in view, an out-of-date screen is drawn at once.
A timer, not a sleeping task: a hosted server holds hundreds of sessions, and a task asleep
in `wait_for` on an `asyncio.Event` kept ~2 KB of each (its frames, future and waiters).

Every delegate's 'Now, until 15:45' ends at 15:45:00, and every countdown turns at the same
second: a hosted server would draw all the visible sessions at once (~40 ms each). Each
session wakes up to `SPREAD` seconds late, its own fixed share, so they come one by one.
"""

from __future__ import annotations

import asyncio
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
        self._timer: asyncio.TimerHandle | None = None
        self._drawing = False  # a drawing waits for its turn or runs

    def start_loop(self) -> None:
        self.look()

    def stop(self) -> None:
        """The session ended: no timer keeps it alive until its next due instant."""
        self._cancel()

    def drawn(self, changes_at: datetime | None) -> None:
        repo = self.shell.repo
        # every screen at the day's turn too: a day chosen yesterday gives way to today (the
        # map, the Programme), also in a session left open overnight on them
        turn = next_change([], repo.now(), {repo.zone, repo.display_zone()}, countdown=False)
        self.due = min(changes_at, turn) if changes_at is not None else turn
        self.look()

    def look(self) -> None:
        """Draw now if the screen on show is out of date, else set the one timer for when it
        will be (none while hidden or away: shown again, the page calls this)."""
        self._cancel()
        if self.shell.closed or self._drawing or self.due is None or not self._showing():
            return
        due, now = self.due + timedelta(seconds=self.late), self.shell.repo.now()
        if due > now:
            loop = asyncio.get_running_loop()
            self._timer = loop.call_later((due - now).total_seconds(), self.look)
            return
        planned, self.due = self.due, None  # a drawing that fails sets no new due: no loop
        self._drawing = True
        self.shell.tasks.spawn(partial(self._draw, planned))

    async def _draw(self, planned: datetime) -> None:
        try:
            await background.draw(partial(self._draw_if_shown, planned))
        except Exception:  # the next drawing (a tap, new data) sets a new due
            log.exception("the clock's drawing failed")
        finally:
            self._drawing = False
            self.look()  # what the drawing set, or what came meanwhile

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _draw_if_shown(self, due: datetime | None) -> None:
        if self.shell.closed:
            return
        if self._showing():  # still so after waiting its turn
            self.shell.render()
        elif self.due is None:  # hidden or away meanwhile: drawn when back in view
            self.due = due

    def _showing(self) -> bool:
        return self.shell.page.app_visible and self.shell.syncing.connected
