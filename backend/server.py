"""`backend serve`: the published folder over HTTP with the same semantics as deploy/nginx.conf.

Only `/mission.json`, `/schedule.(json|xml)`, `/delegates/<token>.(json|ics)` and the pocket
agenda pages `/delegates/<token>[.<lang>].html` exist; everything else, an unknown token included,
gets the same 404. Strong ETags, If-None-Match -> 304, gzip when the client accepts it (the
pre-compressed .gz twin, else, for the pages and calendars published without one, compressed
here once per version), `Cache-Control: no-cache`, HEAD, and CORS for browsers.
Access logs show `/delegates/<token>`, never the token, whatever shape the path has.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from backend.served_files import Folder
from services.content_coding import accepted
from services.redaction import redacted

log = logging.getLogger("delegate.feed")
SERVED = re.compile(
    r"^/(mission\.json|schedule\.(?:json|xml)"
    r"|delegates/[a-z2-7]{26}\.(?:json|ics|html|(?:en|fr|nl)\.html))$"
)
TYPES = {
    ".json": "application/json; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}
COMMON = {
    "Cache-Control": "no-cache",
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag",
    "Vary": "Accept-Encoding",
}
NOT_FOUND = b"not found\n"


def redact(path: str) -> str:
    """The path as logged: `/delegates/<token>.json`, and `<token>` for any other token shape."""
    return redacted(path)


def create_app(root: Path) -> Starlette:
    folder = Folder(root)

    async def serve(request: Request) -> Response:
        started = time.perf_counter()
        response = _respond(request, folder)
        elapsed = (time.perf_counter() - started) * 1000
        log.info(
            '%s "%s %s" %d %.1fms',
            request.client.host if request.client else "-",
            request.method,
            redact(request.url.path),
            response.status_code,
            elapsed,
        )
        return response

    return Starlette(routes=[Route("/{path:path}", serve, methods=["GET", "HEAD", "OPTIONS"])])


def _respond(request: Request, folder: Folder) -> Response:
    path = request.url.path
    if request.method == "OPTIONS":
        headers = {
            **COMMON,
            "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
            "Access-Control-Allow-Headers": "If-None-Match",
            "Access-Control-Max-Age": "86400",
        }
        return Response(status_code=204, headers=headers)
    if not SERVED.match(path):
        return Response(NOT_FOUND, 404, media_type="text/plain", headers=COMMON)
    relative = path.lstrip("/")
    wants_gzip = "gzip" in accepted(request.headers.get("accept-encoding", ""))
    entity = folder.packed(relative) if wants_gzip else None
    encoding = "gzip" if entity is not None else None
    if entity is None:
        entity = folder.get(relative)
    if entity is None:
        return Response(NOT_FOUND, 404, media_type="text/plain", headers=COMMON)
    headers = {**COMMON, "ETag": entity.etag}
    if encoding:
        headers["Content-Encoding"] = encoding
    if _matches(request.headers.get("if-none-match", ""), entity.etag):
        return Response(status_code=304, headers=headers)
    media = TYPES[Path(relative).suffix]
    body = b"" if request.method == "HEAD" else entity.body
    response = Response(body, 200, headers=headers, media_type=media)
    response.headers["Content-Length"] = str(len(entity.body))
    return response


def _matches(header: str, etag: str) -> bool:
    """If-None-Match uses the weak comparison: W/ prefixes do not matter."""
    if header.strip() == "*":
        return True
    tags = {t.strip().removeprefix("W/") for t in header.split(",") if t.strip()}
    return etag in tags


def run(root: Path, host: str, port: int) -> None:
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    # The stdlib loop, not uvloop: under 200 keep-alive connections uvloop left some requests
    # unanswered for seconds (p99 3.4 s, timeouts), asyncio answers all of them (p99 ~70 ms).
    uvicorn.run(
        create_app(root),
        host=host,
        port=port,
        access_log=False,
        log_level="warning",
        loop="asyncio",
    )
