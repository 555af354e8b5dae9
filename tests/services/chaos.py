"""A misbehaving feed server on 127.0.0.1: each URL prefix is one fault, sent over real TCP.

http://127.0.0.1:PORT/<scenario>/mission.json
"""

from __future__ import annotations

import asyncio
import gzip
import json
from collections.abc import Callable
from typing import Any

from tests.conftest import DELEGATE_BYTES, MISSION_BYTES

Writer = asyncio.StreamWriter


def _head(status: str, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status}", *[f"{k}: {v}" for k, v in headers.items()], "", ""]
    return "\r\n".join(lines).encode("latin-1")


def _json(body: bytes, etag: str = '"chaos-1"', kind: str = "application/json") -> bytes:
    return (
        _head(
            "200 OK",
            {
                "Content-Type": kind,
                "Content-Length": str(len(body)),
                "ETag": etag,
                "Connection": "close",
            },
        )
        + body
    )


def _status(code: str) -> bytes:
    return _head(code, {"Content-Length": "0", "Connection": "close"})


def _mutated(change: Callable[[dict[str, Any]], None]) -> bytes:
    doc = json.loads(MISSION_BYTES)
    change(doc)
    return json.dumps(doc).encode()


def _bad_revision(doc: dict[str, Any]) -> None:
    doc["revision"] = "seven"


def _no_activities(doc: dict[str, Any]) -> None:
    doc["activities"] = []


def _dangling(doc: dict[str, Any]) -> None:
    doc["activities"][0]["venue_id"] = "nowhere"


STATIC: dict[str, bytes] = {
    "bad-json": _json(MISSION_BYTES[:4000]),
    "empty-body": _json(b""),
    "contract-wrong-type": _json(_mutated(_bad_revision)),
    "contract-no-activities": _json(_mutated(_no_activities)),
    "contract-dangling-venue": _json(_mutated(_dangling)),
    "html-200": _json(b"<html><body>Service Unavailable</body></html>", kind="text/html"),
    "wrong-content-type": _json(MISSION_BYTES, kind="application/octet-stream"),
    "http-500": _status("500 Internal Server Error"),
    "http-502": _status("502 Bad Gateway"),
    "http-503": _status("503 Service Unavailable"),
    "http-429": _status("429 Too Many Requests"),
    "http-404": _status("404 Not Found"),
    "http-401": _status("401 Unauthorized"),
    "http-403": _status("403 Forbidden"),
    "http-418": _status("418 I'm a teapot"),
    "declared-too-big": _head(
        "200 OK",
        {
            "Content-Type": "application/json",
            "Content-Length": str(50 * 1024 * 1024),
            "Connection": "close",
        },
    )
    + b"{",
    "bad-gzip": _head(
        "200 OK",
        {
            "Content-Type": "application/json",
            "Content-Encoding": "gzip",
            "Content-Length": "40",
            "Connection": "close",
        },
    )
    + b"x" * 40,
    "truncated-gzip": (
        lambda z: (
            _head(
                "200 OK",
                {
                    "Content-Type": "application/json",
                    "Content-Encoding": "gzip",
                    "Content-Length": str(len(z) // 2),
                    "Connection": "close",
                },
            )
            + z[: len(z) // 2]
        )
    )(gzip.compress(MISSION_BYTES)),
    "always-304": _status("304 Not Modified"),
    "non-ascii-etag": _json(MISSION_BYTES, '"caf\u00e9"'),
    "redirect-loop": _head(
        "302 Found",
        {"Location": "/redirect-loop/mission.json", "Content-Length": "0", "Connection": "close"},
    ),
}


class ChaosServer:
    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []  # (scenario, If-None-Match)
        self.server: asyncio.Server | None = None
        self.port = 0
        self.mission = MISSION_BYTES
        self.delegate = DELEGATE_BYTES
        self.redirect_to = ""  # where `redirect-personal` sends a personal document's request
        self.holding = asyncio.Event()  # set while `held` has sent half a document
        self.release = asyncio.Event()  # `held` sends the rest once this is set

    async def __aenter__(self) -> ChaosServer:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self.server is not None
        self.server.close()
        await self.server.wait_closed()

    def url(self, scenario: str) -> str:
        return f"http://127.0.0.1:{self.port}/{scenario}/"

    def republish_room(self, activity_id: str, room: str) -> None:
        """The organisers publish the next revision, with one activity in another room."""
        doc = json.loads(self.mission)
        doc["revision"] += 1
        next(a for a in doc["activities"] if a["id"] == activity_id)["room"] = room
        self.mission = json.dumps(doc).encode()

    async def _handle(self, reader: asyncio.StreamReader, writer: Writer) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            request_line, *header_lines = head.decode().split("\r\n")
            path = request_line.split(" ")[1]
            headers = {
                k.lower(): v.strip() for k, _, v in (h.partition(":") for h in header_lines if h)
            }
            scenario = path.strip("/").split("/")[0]
            self.requests.append((scenario, headers.get("if-none-match", "")))
            await self._respond(scenario, path, headers, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            if not writer.is_closing():
                writer.close()

    async def _respond(
        self, scenario: str, path: str, headers: dict[str, str], writer: Writer
    ) -> None:
        document = self.delegate if "/delegates/" in path else self.mission
        if scenario in STATIC:
            writer.write(STATIC[scenario])
        elif scenario == "ok":
            etag = '"ok-' + str(hash(document) & 0xFFFF) + '"'
            if headers.get("if-none-match") == etag:
                writer.write(_status("304 Not Modified"))
            else:
                writer.write(_json(document, etag))
        elif scenario == "redirect-personal" and "/delegates/" in path:  # to `redirect_to`
            target = f"{self.redirect_to}ok{path.split('/redirect-personal', 1)[1]}"
            writer.write(
                _head("307 Temporary Redirect", {"Location": target, "Content-Length": "0"})
            )
        elif scenario == "redirect-personal":
            writer.write(_json(document))
        elif scenario == "redirect-off-origin":
            target = f"http://localhost:{self.port}/ok{path.split('/redirect-off-origin', 1)[1]}"
            writer.write(_head("302 Found", {"Location": target, "Content-Length": "0"}))
        elif scenario == "held":  # a slow server: half the document, then the rest on cue
            body = _json(document)
            writer.write(body[: len(body) // 2])
            await writer.drain()
            self.holding.set()
            await self.release.wait()
            writer.write(body[len(body) // 2 :])
        elif scenario == "timeout":
            await asyncio.sleep(30)
        elif scenario == "reset-mid-body":
            body = _json(document)
            writer.write(body[: len(body) // 2])
            await writer.drain()
            writer.transport.abort()
            return
        elif scenario == "trickle":
            writer.write(_json(document)[:200])
            for byte in document[:400]:
                await writer.drain()
                await asyncio.sleep(0.05)
                writer.write(bytes([byte]))
        elif scenario == "chunked-too-big":
            writer.write(
                _head(
                    "200 OK",
                    {
                        "Content-Type": "application/json",
                        "Transfer-Encoding": "chunked",
                        "Connection": "close",
                    },
                )
            )
            chunk = b" " * 65536
            for _ in range(100):  # 6.4 MB of whitespace, never a complete document
                writer.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                await writer.drain()
            writer.write(b"0\r\n\r\n")
        else:
            writer.write(_status("404 Not Found"))
        await writer.drain()
