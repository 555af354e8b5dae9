"""A loopback feed server that misbehaves on purpose: http://127.0.0.1:PORT/<fault>/<document>.

`ok` serves the current revision with a proper ETag and 304s; every other name in FAULTS is one
named way a server, proxy or CDN can go wrong. A spy on 127.0.0.2 (another host) records
whatever reaches it, so a test can prove that no request, let alone a token, followed a
redirect off the feed's origin.
"""

from __future__ import annotations

import asyncio
import gzip
import zlib

from tests.conftest import MISSION_BYTES
from tests.reliability.wire import (
    CHUNKED,
    Build,
    Request,
    bomb,
    chunked,
    early_end,
    fresh,
    head,
    latin1_body,
    length,
    many_headers,
    mission_only,
    newer,
    ok,
    older,
    other_mission,
    packed,
    personal_only,
    raw_etag,
    redirect,
    reply,
    set_field,
    status,
    to_spy,
    utf16_body,
)

JSON = "application/json"
EURO = '"€-1"'.encode()
NOT_MODIFIED = "304 Not Modified"
BAD = "invalid"
# name: (what the server sends, the status the app must report, whether the stored units stay)
FAULTS: dict[str, tuple[Build, str, bool]] = {
    # ETags: odd, missing, unusable. The document itself is good and newer.
    "etag-missing": (newer(None), "updated", False),
    "etag-empty": (newer(""), "updated", False),
    "etag-unquoted": (newer("abc123"), "updated", False),
    "etag-weak": (newer('W/"weak-1"'), "updated", False),
    "etag-non-ascii-latin1": (raw_etag(b'"caf\xe9"'), "updated", False),
    "etag-non-ascii-utf8": (raw_etag(EURO), "updated", False),
    "etag-control-char": (raw_etag(b'"a\x01b"'), "updated", False),
    "etag-huge": (newer('"' + "e" * 8000 + '"'), "updated", False),
    "etag-list": (newer('"a", "b"'), "updated", False),
    "etag-star": (newer("*"), "updated", False),
    "etag-reused-for-new-body": (newer('"ok-5"'), "updated", False),
    # 304s that do not mean what they say.
    "not-modified-other-etag": (status(NOT_MODIFIED, ETag='"zzz"'), "up_to_date", True),
    "not-modified-with-body": (lambda r: status(NOT_MODIFIED)(r) + b'{"x": 1}', "up_to_date", True),
    # Revisions only go forward; a document of another mission is not ours.
    "older-revision": (older, "older", True),
    "older-personal-revision": (personal_only(older), "older", True),
    "mission-id-changes": (mission_only(other_mission), "invalid", True),
    "personal-of-another-mission": (personal_only(newer(change=other_mission)), "invalid", True),
    "whole-feed-moves-to-another-mission": (newer('"o"', other_mission), "updated", False),
    # Redirects: same origin is followed; another host or port never is.
    "redirect-same-origin": (redirect(lambda r: f"/ok/{r.path}", "301 Moved"), "up_to_date", True),
    "redirect-other-host": (redirect(to_spy()), "offline", True),
    "redirect-other-host-token": (personal_only(redirect(to_spy(), "307 Temp")), "offline", True),
    "redirect-other-host-308": (redirect(to_spy("?code=x"), "308 Permanent"), "offline", True),
    "redirect-protocol-relative": (redirect(to_spy(scheme="")), "offline", True),
    "redirect-userinfo": (redirect(to_spy(userinfo="user:pw@")), "offline", True),
    "redirect-no-location": (status("302 Found"), "offline", True),
    "redirect-chain-too-long": (redirect(lambda r: f"/{r.fault}/{r.path}"), "offline", True),
    # Headers out of bounds; statuses that are not a document.
    "huge-header": (newer(X_Padding="p" * 200_000), "offline", True),
    "many-headers": (many_headers, "offline", True),
    "no-content-type": (lambda r: reply(r.doc(r.revision + 1), kind=""), "invalid", True),
    "status-line-garbage": (lambda r: b"HTTP/1.1 two hundred\r\n\r\n" + r.doc(), "offline", True),
    "http-0.9-no-head": (lambda r: r.doc(r.revision + 1), "offline", True),
    "http-204": (status("204 No Content"), "offline", True),
    "http-206-partial": (status("206 Partial", b"{}", Content_Type=JSON), "offline", True),
    "http-410-gone": (status("410 Gone"), "not_found", True),
    # Bodies: wrong charset, cut short, bombs, bad framing.
    "wrong-charset-latin1": (latin1_body, "invalid", True),
    "wrong-charset-utf16": (utf16_body, "invalid", True),
    "early-end-under-content-length": (early_end, "offline", True),
    "body-longer-than-length": (length(100), "invalid", True),
    "gzip-bomb": (packed(lambda r: bomb()), "invalid", True),
    "gzip-bomb-chunked": (packed(lambda r: bomb(), chunks=65536), "invalid", True),
    "gzip-good": (packed(lambda r: gzip.compress(fresh(r))), "updated", False),
    "deflate-good": (packed(lambda r: zlib.compress(fresh(r)), "deflate"), "updated", False),
    "gzip-twice": (packed(lambda r: gzip.compress(gzip.compress(fresh(r)))), "invalid", True),
    "unknown-encoding": (packed(lambda r: b"\x00garbage" * 10, "x-unknown"), "invalid", True),
    "chunked-tiny-chunks": (chunked(fresh, 7), "updated", False),
    "chunked-bad-size": (lambda r: head("200 OK", CHUNKED) + b"zz\r\n{}\r\n0\r\n", "offline", True),
    # Contract breakers that once escaped the parser through sync.
    "zone-folder": (mission_only(set_field(("mission", "time_zone"), "Europe")), "invalid", True),
    "end-date-9999": (mission_only(set_field(("mission", "end_date"), "9999-12-31")), BAD, True),
    "nan-latitude": (mission_only(set_field(("venues", 0, "lat"), float("nan"))), "invalid", True),
    "huge-revision": (lambda r: reply(r.doc(10**30)), "invalid", True),
    "json-array": (lambda r: reply(b"[]"), "invalid", True),
    "deep-nesting": (lambda r: reply(b"[" * 100_000 + b"]" * 100_000), "invalid", True),
    "lone-surrogate": (mission_only(set_field(("mission", "title", "en"), "\ud800")), BAD, True),
}  # fmt: skip


class FaultServer:
    """Serves FAULTS on 127.0.0.1; `spy` (127.0.0.2) records every request that reaches it."""

    def __init__(self) -> None:
        self.revision = 5
        self.requests: list[tuple[str, str]] = []  # (fault, If-None-Match)
        self.spied: list[bytes] = []
        self.port = self.spy_port = 0
        self._servers: list[asyncio.Server] = []

    async def __aenter__(self) -> FaultServer:
        main = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        spy = await asyncio.start_server(self._spy, "127.0.0.2", 0)
        self._servers = [main, spy]
        self.port = main.sockets[0].getsockname()[1]
        self.spy_port = spy.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        for server in self._servers:
            server.close()
            await server.wait_closed()

    def url(self, fault: str) -> str:
        return f"http://127.0.0.1:{self.port}/{fault}/"

    async def _spy(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.spied.append(await reader.read(65536))
        writer.write(reply(MISSION_BYTES, '"spy"'))
        await writer.drain()
        writer.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            top = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
            line, *lines = top.split("\r\n")
            headers = {k.lower(): v.strip() for k, _, v in (h.partition(":") for h in lines if h)}
            fault, _, path = line.split(" ")[1].lstrip("/").partition("/")
            self.requests.append((fault, headers.get("if-none-match", "")))
            spy = f"http://127.0.0.2:{self.spy_port}/"
            request = Request(fault, path.split("?")[0], headers, self.revision, spy)
            build = ok if fault == "ok" else FAULTS[fault][0]
            writer.write(build(request))
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, KeyError):
            pass
        finally:
            writer.close()
