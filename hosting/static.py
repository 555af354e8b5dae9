"""Serve the client files: brotli where the browser accepts it, else gzip, with strong ETags."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import secrets
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.types import Receive, Scope, Send

from hosting.client import ClientFiles
from services.content_coding import accepted

mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("application/manifest+json", ".webmanifest")
# Must never be served stale: they name everything else.
REVALIDATE = "no-cache"


def single_slashes(request: Request) -> str:
    """The same address with each run of slashes made one: relative, so `//host` can never
    send the browser to another host."""
    query = request.scope.get("query_string", b"").decode("latin-1")
    path = re.sub("/{2,}", "/", request.scope["path"])
    return f"{path}?{query}" if query else path


class ClientApp:
    """ASGI app for GET/HEAD of client files; route-like paths fall back to index.html."""

    def __init__(self, files: ClientFiles) -> None:
        self.files = files
        self._etags: dict[tuple[str, int, int], str] = {}
        self._started = secrets.token_hex(4)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        response = self.respond(request)
        await response(scope, receive, send)

    def respond(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            return Response(status_code=405, headers={"Allow": "GET, HEAD"})
        if "//" in request.scope["path"]:  # the client builds its URLs from the address
            return RedirectResponse(single_slashes(request), 308)
        path = request.url.path.lstrip("/")
        file = self.files.find(path)
        if file is None and os.path.splitext(path)[1] in ("", ".html"):
            file = self.files.find("index.html")  # a client route such as /join/<code>
        if file is None:
            return Response(b"not found\n", 404, media_type="text/plain")
        media = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        served, encoding = file, None
        for candidate in accepted(request.headers.get("accept-encoding", "")):
            twin = self.files.twin(file, candidate)
            if twin is not None:
                served, encoding = twin, candidate
                break
        etag = self._etag(file, encoding)
        headers = {"ETag": etag, "Cache-Control": REVALIDATE, "Vary": "Accept-Encoding"}
        if encoding:
            headers["Content-Encoding"] = encoding
        if etag in {
            t.strip().removeprefix("W/")
            for t in request.headers.get("if-none-match", "").split(",")
        }:
            return Response(status_code=304, headers=headers)
        return FileResponse(served, headers=headers, media_type=media, stat_result=served.stat())

    def _etag(self, file: Path, encoding: str | None) -> str:
        stat = file.stat()
        key = (str(file), stat.st_mtime_ns, stat.st_size)
        if key not in self._etags:
            self._etags[key] = hashlib.sha256(file.read_bytes()).hexdigest()[:24]
        suffix = f"-{encoding}" if encoding else ""
        if file.name == "index.html":  # recover.js tells a restarted server by this ETag
            suffix += f"-{self._started}"
        return f'"{self._etags[key]}{suffix}"'
