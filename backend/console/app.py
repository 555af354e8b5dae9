"""The console's pages (Starlette, server-side Jinja templates, no front-end build step)."""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import PurePath
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from backend import checked
from backend.console.access import Access, csrf_ok
from backend.console.config import ConfigError, ConsoleConfig, from_args
from backend.console.downloads import download_routes
from backend.console.going import live_made_from
from backend.console.pages import failed, language, not_a_workbook, page, result
from backend.console.rolling import Rolling
from backend.console.uploads import Uploads
from backend.publish import Moved, Report, publish
from backend.release_times import mission_clock
from backend.releases import history, live, restored
from backend.rollback import previous
from backend.sources import is_workbook
from backend.staging import Busy
from backend.undo import live_revision
from backend.write_failure import WriteFailure, attempt
from services.going import Going
from services.i18n import Translator

MAX_UPLOAD = 50 * 1024 * 1024
DONE = {"published", "rolled-back", "nothing-to-undo", "damaged", "gone", "no-invites"}
AGAIN = ("/upload", "/check", "/publish")  # their pages' language links: GET, checked again


class Console:
    def __init__(self, config: ConsoleConfig) -> None:
        self.config = config
        self.access = Access(config.password)
        self.uploads = Uploads(config.uploads)
        self.going: Going[Report | WriteFailure] = Going()
        self.rolling = Rolling(config, self.access.signed_in, self._checked_form)

    async def home(self, request: Request) -> Response:
        if not self.access.signed_in(request):
            return page(request, "login.html")
        current = live(self.config.out)
        entries = list(reversed(history(self.config.out)))
        done = request.query_params.get("done", "")
        clock = mission_clock(current, Translator(language(request)))
        return page(
            request,
            "home.html",
            revision=live_revision(current, entries),
            live_release=current.name if current else "",
            entries=entries,
            back=previous(self.config.out, current, entries[::-1]),
            invites=(self.config.invites_dir / "invites.csv").exists(),
            done=done if done in DONE else "",
            clock=clock,
            restored=restored,
        )

    async def login(self, request: Request) -> Response:
        form = await request.form()
        if not csrf_ok(request, form.get("csrf")):
            return page(request, "login.html", 403, error="csrf")
        if not self.access.password_ok(str(form.get("password", ""))):
            return page(request, "login.html", 403, error="password")
        response = RedirectResponse("/", status_code=303)
        self.access.sign_in(response)
        return response

    async def signing(self, request: Request) -> Response:
        """GET /login or /logout (typed, bookmarked, or a page reloaded after signing in or
        out): the console's page, the sign-in form when signed out; never signs anyone out."""
        return RedirectResponse(f"/?lang={language(request)}", status_code=303)

    async def logout(self, request: Request) -> Response:
        form = await request.form()
        response = RedirectResponse("/", status_code=303)
        if csrf_ok(request, form.get("csrf")):
            self.access.sign_out(request, response)
        return response

    async def _checked_form(self, request: Request) -> Any:
        if not self.access.signed_in(request):  # signed out since the page was drawn
            await request.close()
            return page(request, "login.html", 403, error="session")
        form = await request.form(max_part_size=MAX_UPLOAD)
        if not csrf_ok(request, form.get("csrf")):
            return page(request, "result.html", 403, stale=True)
        return form

    async def upload(self, request: Request) -> Response:
        form = await self._checked_form(request)
        if isinstance(form, Response):
            return form
        upload = form.get("workbook")
        if not isinstance(upload, UploadFile) or not upload.filename:
            await request.close()
            return page(request, "result.html", 400, missing_file=True)
        if not is_workbook(PurePath(upload.filename)):  # .xls, .ods, .csv: saved otherwise
            await request.close()
            return not_a_workbook(request, upload.filename)
        kept = attempt(partial(self.uploads.keep, await upload.read(), upload.filename or ""))
        await request.close()  # the spooled upload: closed now, not whenever it is collected
        if isinstance(kept, WriteFailure):
            return failed(request, kept, "upload", "")
        report = await run_in_threadpool(self._publish, kept, True, False)
        return result(request, report, kept, self.uploads.name(kept))

    async def _kept(self, request: Request) -> tuple[Any, str] | Response:
        """The checked form and the upload it names, one this console kept."""
        form = await self._checked_form(request)
        if isinstance(form, Response):
            return form
        upload_id = str(form.get("upload", ""))
        if not self.uploads.known(upload_id):
            return page(request, "result.html", 400, errors=[], missing_file=True)
        return form, upload_id

    async def check(self, request: Request) -> Response:
        """The kept upload checked again, e.g. after another publish went out meanwhile."""
        kept = await self._kept(request)
        if isinstance(kept, Response):
            return kept
        upload_id = kept[1]
        report = await run_in_threadpool(self._publish, upload_id, True, False)
        return result(request, report, upload_id, self.uploads.name(upload_id))

    async def again(self, request: Request) -> Response:
        """A language link of a check's or a publish's page (GET /upload, /check, /publish):
        its kept upload checked again, in that language; never a publish. The home page says
        so when no upload is kept (a week old, or never sent)."""
        upload_id = request.query_params.get("upload", "")
        if not self.access.signed_in(request) or not self.uploads.known(upload_id):
            return RedirectResponse(f"/?done=gone&lang={language(request)}", status_code=303)
        report = await run_in_threadpool(self._publish, upload_id, True, False)
        pressed = request.url.path == "/publish"  # the page of a refused publish says so again
        return result(request, report, upload_id, self.uploads.name(upload_id), pressed)

    async def publish(self, request: Request) -> Response:
        kept = await self._kept(request)
        if isinstance(kept, Response):
            return kept
        form, upload_id = kept
        name = self.uploads.name(upload_id)
        base = form.get("base")  # the live release the preview was measured against
        job = partial(self._publish, upload_id, False, form.get("force") == "yes", base)
        key = f"{upload_id} {form.get('force')} {base}"  # the same form sent again: one publish
        try:
            report = await self.going.once(key, partial(run_in_threadpool, attempt, job))
        except Busy:  # answered now: waiting minutes behind it would look like a hang
            return page(request, "result.html", 409, busy=True, upload=upload_id, filename=name)
        except Moved:  # the preview approved is no longer what this publish would change...
            path = self.uploads.path(upload_id)
            if await run_in_threadpool(live_made_from, self.config.out, path):  # ...it went out
                return RedirectResponse("/?done=published", status_code=303)
            return page(request, "result.html", 409, moved=True, upload=upload_id, filename=name)
        if isinstance(report, WriteFailure):
            return failed(request, report, "publish", upload_id, name)
        if report.errors or report.refusal:
            return result(request, report, upload_id, name, pressed=True)
        return RedirectResponse("/?done=published", status_code=303)

    def _publish(self, upload_id: str, check: bool, force: bool, base: Any = None) -> Report:
        """A check never waits; a publish raises Busy while another one of the feed (this
        console's, or the command line's) is going out, and Moved when another went out
        since the preview its `base` names."""
        c = self.config
        return publish(
            self.uploads.path(upload_id), c.out, c.secret, c.public_url, c.invites, c.app_url,
            check=check, force=force, wait=False, base=base if isinstance(base, str) else None,
        )  # fmt: skip


def create_app(config: ConsoleConfig) -> Starlette:
    console = Console(config)
    checked.enable()  # its Publish takes the build its check just made
    return Starlette(
        routes=[
            Route("/", console.home),
            Route("/login", console.login, methods=["POST"]),
            Route("/logout", console.logout, methods=["POST"]),
            *(Route(path, console.signing, methods=["GET"]) for path in ("/login", "/logout")),
            Route("/upload", console.upload, methods=["POST"]),
            Route("/check", console.check, methods=["POST"]),
            Route("/publish", console.publish, methods=["POST"]),
            *(Route(path, console.again, methods=["GET"]) for path in AGAIN),
            Route("/rollback", console.rolling.rollback, methods=["POST"]),
            Route("/rollback", console.rolling.confirm, methods=["GET"]),
            *download_routes(console.access.signed_in, config.invites_dir),
        ]
    )


def run(args: argparse.Namespace) -> int:
    import uvicorn

    try:
        config = from_args(args)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"organiser console on http://{args.host}:{args.port}/ (publishes to {config.out})")
    uvicorn.run(create_app(config), host=args.host, port=args.port, log_level="warning")
    return 0
