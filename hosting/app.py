"""The hosted web app as one ASGI app: Flet's WebSocket handler, the pre-compressed client, and
the programme-only pocket pages the service worker keeps for visitors who have not signed in.

Run it with uvicorn (`make run` does, on 127.0.0.1:$DELEGATE_PORT), or several processes behind
nginx with deploy/nginx-app.conf.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import brotli
from fastapi import WebSocket
from flet.app import AppCallable
from flet_web.fastapi import FastAPI
from flet_web.fastapi.flet_app import app_manager
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocketDisconnect
from uvicorn.protocols.utils import ClientDisconnected
from websockets.exceptions import InvalidState

from hosting import lean
from hosting.client import ClientFiles
from hosting.idle_gc import IdleCollector
from hosting.static import ClientApp
from hosting.transport import QuietFletApp
from services.content_coding import accepted
from services.models import LANGS, Lang, MissionDoc
from services.pocket import PocketSource, render_pocket

log = logging.getLogger("delegate.app")
PROGRAMME = re.compile(r"^/pocket/programme\.(en|fr|nl)\.html$")
SECRET_PATH = re.compile(r"/join/[^/?#]+")
GONE = (WebSocketDisconnect, ClientDisconnected, InvalidState)


def redact(path: str) -> str:
    """Invite links carry the personal code: logs show /join/<code>."""
    return SECRET_PATH.sub("/join/<code>", path)


def create_app(
    main: AppCallable,
    assets: Path,
    cache: Path,
    mission: Callable[[], MissionDoc],
    shutdown: Callable[[], Awaitable[None]] | None = None,
) -> FastAPI:
    files = ClientFiles(assets, cache)
    idle = IdleCollector()  # what settled is frozen; full collections while quiet
    app = FastAPI(
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        on_startup=[idle.start],
        on_shutdown=[idle.stop, *([shutdown] if shutdown else [])],
    )

    async def session(websocket: WebSocket) -> None:
        loop = asyncio.get_running_loop()
        with contextlib.suppress(*GONE):  # the phone left mid-message: nothing to report
            await QuietFletApp(loop, app_manager.executor, main, lean.index_reachable).handle(
                websocket
            )

    pages = ProgrammePages(mission)

    async def programme(request: Request) -> Response:
        lang = request.path_params["lang"]
        if lang not in LANGS:
            return Response(b"not found\n", 404, media_type="text/plain")
        return pages.response(lang, request.headers.get("accept-encoding", ""))

    app.add_api_websocket_route("/ws", session)
    app.add_route("/pocket/programme.{lang}.html", programme, methods=["GET", "HEAD"])
    app.mount("/", ClientApp(files))
    app.add_middleware(Headers)
    return app


class ProgrammePages:
    """The programme-only pocket pages, rendered once per mission revision."""

    def __init__(self, mission: Callable[[], MissionDoc]) -> None:
        self.mission = mission
        self._pages: dict[tuple[str, int, str], bytes] = {}

    def page(self, lang: Lang) -> bytes:
        doc = self.mission()
        key = (lang, doc.revision, doc.published_at.isoformat())
        if key not in self._pages:
            links = {code: f"pocket/programme.{code}.html" for code in LANGS}
            source = PocketSource(doc, as_of=doc.published_at)
            self._pages = {k: v for k, v in self._pages.items() if k[1:] == key[1:]}
            self._pages[key] = render_pocket(source, lang, links, base="/").encode()
        return self._pages[key]

    def response(self, lang: Lang, accept_encoding: str) -> Response:
        body = self.page(lang)
        headers = {"Cache-Control": "no-cache", "Vary": "Accept-Encoding"}
        if "br" in accepted(accept_encoding):
            body, headers["Content-Encoding"] = self._brotli(body), "br"
        return Response(body, media_type="text/html; charset=utf-8", headers=headers)

    @functools.lru_cache(maxsize=8)  # noqa: B019 - one instance per process
    def _brotli(self, body: bytes) -> bytes:
        return bytes(brotli.compress(body, quality=9))


class Headers:
    """Cross-origin isolation (Flutter's multi-threaded renderer needs it) and a log line per
    request without the personal code."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"cross-origin-opener-policy", b"same-origin"))
                headers.append((b"cross-origin-embedder-policy", b"require-corp"))
                message["headers"] = headers
                log.info('"%s %s" %d', scope["method"], redact(scope["path"]), message["status"])
            await send(message)

        await self.app(scope, receive, send_with_headers)
