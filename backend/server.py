"""`backend serve`: the published folder over HTTP with the same semantics as deploy/nginx.conf.

Only `/mission.json`, `/schedule.(json|xml)`, `/delegates/<token>.(json|ics)` and the pocket
agenda pages `/delegates/<token>[.<lang>].html` exist; everything else, an unknown token included,
gets the same 404. Strong ETags, If-None-Match -> 304, gzip when the client accepts it (the
pre-compressed .gz twin, else, for the pages and calendars published without one, compressed
here once per version), `Cache-Control: no-cache`, HEAD, and CORS for browsers.
Access logs show `/delegates/<token>`, never the token, whatever shape the path has.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from backend import layout
from backend.bounded import Bounded
from backend.objects import OBJECTS
from services.content_coding import accepted

log = logging.getLogger("delegate.feed")
SERVED = re.compile(
    r"^/(mission\.json|schedule\.(?:json|xml)"
    r"|delegates/[a-z2-7]{26}\.(?:json|ics|html|(?:en|fr|nl)\.html))$"
)
# Any long run of letters and digits may be a token, whatever the case, slashes or dots around it.
TOKEN_LIKE = re.compile(r"[A-Za-z0-9]{12,}")
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
CACHE_BYTES = 64 * 2**20  # file bodies kept in memory; their gzip gets a quarter of that
LEVEL = 6  # on-the-fly gzip: nearly -9's size at twice its speed (nginx.conf: gzip_comp_level)


def redact(path: str) -> str:
    """The path as logged: `/delegates/<token>.json`, and `<token>` for any other token shape."""
    return TOKEN_LIKE.sub("<token>", path)


@dataclass(frozen=True)
class Entity:
    body: bytes
    etag: str

    @classmethod
    def of(cls, body: bytes) -> Entity:
        """A strong ETag: these exact bytes."""
        return cls(body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')


def _body(entry: tuple[object, Entity]) -> int:
    return len(entry[1].body)


class Folder:
    """Reads files through the published symlink on every request, caching by (inode, mtime).
    A delegate's files are in their object folder (backend.layout: through the release's own
    link or its base's), or straight in delegates/ in a release made before objects; a file
    that resolves anywhere but inside the live release or the objects beside it is not
    served."""

    def __init__(self, root: Path, budget: int = CACHE_BYTES) -> None:
        self.root = root
        self._cache: Bounded[str, tuple[tuple[int, int, int], Entity]] = Bounded(budget, _body)
        # served path: (plain ETag, gzip)
        self._packed: Bounded[str, tuple[str, Entity]] = Bounded(budget // 4, _body)

    @property
    def held(self) -> int:
        """Bytes of file bodies (and gzip) kept in memory."""
        return self._cache.held + self._packed.held

    def get(self, relative: str) -> Entity | None:
        """The file served at `relative`, as it is."""
        path = self._find(relative)
        return None if path is None else self._read(relative, path)

    def packed(self, relative: str) -> Entity | None:
        """The gzip entity of `relative`: the pre-compressed twin beside its file (never one
        of another delegate's object: a changed delegate's calendar may have none while their
        base's older one has), else, for a page or calendar, the file compressed here once per
        version."""
        path = self._find(relative)
        if path is None:
            return None
        twin = self._inside(path.with_name(path.name + ".gz"))
        if twin is not None or not relative.endswith(layout.UNTWINNED):
            return None if twin is None else self._read(relative + ".gz", twin)
        plain = self._read(relative, path)
        cached = self._packed.get(relative)
        if plain is not None and (cached is None or cached[0] != plain.etag):
            cached = (plain.etag, Entity.of(gzip.compress(plain.body, LEVEL, mtime=0)))
            self._packed.put(relative, cached)
        return None if plain is None or cached is None else cached[1]

    def _find(self, relative: str) -> Path | None:
        """The file served at `relative` (backend.layout), resolved, if it may be served."""
        inside = (self._inside(self.root / c) for c in layout.candidates(relative))
        return next((p for p in inside if p is not None), None)

    def _read(self, relative: str, path: Path) -> Entity | None:
        try:
            stat = path.stat()
        except OSError:
            return None
        key = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        cached = self._cache.get(relative)
        if cached is not None and cached[0] == key:
            return cached[1]
        try:
            body = path.read_bytes()
        except OSError:
            return None
        entity = Entity.of(body)
        self._cache.put(relative, (key, entity))
        return entity

    def _inside(self, path: Path) -> Path | None:
        """`path` resolved, if it is a file of the release `root` points at or of an object."""
        real = Path(os.path.realpath(path))
        release = Path(os.path.realpath(self.root))
        store = release.parent / OBJECTS  # only beside a release (.OUT.releases/<id>)
        allowed = (release, store) if release.parent.name.endswith(".releases") else (release,)
        return real if any(real.is_relative_to(a) for a in allowed) and real.is_file() else None


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
