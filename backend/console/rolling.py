"""The console's Rollback: a page that says what it will serve, then the confirmed rollback
(backend.undo says what; backend.rollback makes it)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from backend.console.config import ConsoleConfig
from backend.console.pages import failed, language, page
from backend.invites import after_rollback
from backend.release_times import mission_clock
from backend.releases import Entry, history, live
from backend.rollback import Damaged, Overtaken, rollback
from backend.staging import Busy
from backend.undo import brought_back, live_revision, undo
from backend.write_failure import WriteFailure, attempt, watching
from services.going import Going
from services.i18n import Translator

log = logging.getLogger(__name__)


class Rolling:
    """GET /rollback (what it would serve) and POST /rollback (the confirmed one)."""

    def __init__(
        self,
        config: ConsoleConfig,
        signed_in: Callable[[Request], bool],
        checked_form: Callable[[Request], Awaitable[Any]],
    ) -> None:
        self.config, self.signed_in, self.checked_form = config, signed_in, checked_form
        self.going: Going[Entry | WriteFailure] = Going()

    async def confirm(self, request: Request, status: int = 200, moved: bool = False) -> Response:
        """What a rollback would serve (GET /rollback, the home page's button), to confirm with
        the form that makes it; that there is nothing to go back to, when there is not."""
        if not self.signed_in(request):
            return RedirectResponse(f"/?lang={language(request)}", status_code=303)
        out = self.config.out
        going = await run_in_threadpool(undo, out)
        current = live(out)
        revision = live_revision(current, history(out))
        clock = mission_clock(current, Translator(language(request)))
        context = {"undo": going, "revision": revision, "clock": clock, "moved": moved}
        return page(request, "rollback.html", status, **context)

    async def rollback(self, request: Request) -> Response:
        form = await self.checked_form(request)
        if isinstance(form, Response):
            return form
        expected = form.get("release")
        if not isinstance(expected, str) or not expected:  # a form from before confirmation
            return await self.confirm(request)
        job = partial(run_in_threadpool, attempt, partial(self._rollback, expected))
        try:  # the same confirmation sent twice while it goes out: one rollback, one outcome
            entry = await self.going.once(expected, job)
        except LookupError as exc:
            if await run_in_threadpool(brought_back, self.config.out, expected):  # sent again
                return RedirectResponse("/?done=rolled-back", status_code=303)
            return await self._refused(request, exc)
        except Busy:  # a page, not a notice on the home page that a reload would keep
            return page(request, "result.html", 409, errors=[], busy="rollback")
        if isinstance(entry, WriteFailure):
            return failed(request, entry, "rollback", "")
        return RedirectResponse("/?done=rolled-back", status_code=303)

    async def _refused(self, request: Request, exc: LookupError) -> Response:
        """A rollback that went nowhere: the page or notice that says why."""
        if isinstance(exc, Overtaken):  # another publish or rollback since the page confirmed
            return await self.confirm(request, 409, moved=True)
        if isinstance(exc, Damaged):  # the home page names the revision, the log the file
            log.warning("rollback refused: %s", exc)
            return RedirectResponse("/?done=damaged", status_code=303)
        return RedirectResponse("/?done=nothing-to-undo", status_code=303)

    def _rollback(self, expected: str) -> Entry:
        """The rollback, then the invites of the release it brought back: the welcome pack
        lists who that release serves (a delegate dropped by the publish undone is back).
        A failure after it went live says so (backend.write_failure)."""
        c = self.config
        with watching(c.out):
            entry = rollback(c.out, None, False, expected)
            after_rollback(c.out, c.invites_dir, c.secret, c.public_url, c.app_url)
        return entry
