"""Work that runs beside one session without blocking it.

In the session's context, a failure said in a toast (never a crash), cancelled when it ends.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from flet.controls.context import _context_page

from services.sync import storage_problem

if TYPE_CHECKING:
    from views.shell import AppShell

log = logging.getLogger(__name__)
Work = Callable[[], Awaitable[None]]


class SessionTasks:
    def __init__(self, shell: AppShell) -> None:
        self.shell = shell
        self.running: set[asyncio.Task[None]] = set()

    def run(self, work: Work) -> None:
        self.spawn(work)

    def spawn(self, work: Work) -> asyncio.Task[None]:
        """Run async work without blocking the UI, in this session's context (even when
        another session's commit triggered it); errors become a toast, never a crash."""
        shell = self.shell

        async def guarded() -> None:
            try:
                await work()
            except (TimeoutError, ConnectionError):  # OSErrors too, but no storage's
                log.exception("action failed")
                shell.toast(shell.ctx.tr.gettext("That did not work. Please try again."))
            except OSError as exc:  # a full or read-only disk, or the browser's storage quota
                log.exception("could not store")
                _ = shell.ctx.tr.gettext
                if storage_problem(exc):  # read-only or not ours: freeing space changes nothing
                    said = _(
                        "This could not be saved: the storage on this device cannot be written. "
                        "Nothing was changed."
                    )
                else:
                    said = _(
                        "This could not be saved: the storage on this device is full. "
                        "Nothing was changed."
                    )
                shell.toast(said)
            except Exception:
                log.exception("action failed")
                shell.toast(shell.ctx.tr.gettext("That did not work. Please try again."))

        context = contextvars.copy_context()
        context.run(_context_page.set, shell.page)  # type: ignore[arg-type]
        task = asyncio.get_running_loop().create_task(guarded(), context=context)
        self.running.add(task)
        task.add_done_callback(self.running.discard)
        return task

    def cancel(self) -> None:
        """The session ended: nothing of it runs on."""
        for task in list(self.running):
            task.cancel()
