"""Raw HTTP responses for the fault corpus: status lines, headers and bodies written by hand."""

from __future__ import annotations

import functools
import json
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.conftest import DELEGATE_BYTES, MISSION_BYTES

Build = Callable[["Request"], bytes]
Change = Callable[[dict[str, Any]], None]  # a JSON document, as json.loads gives it


@dataclass(frozen=True)
class Request:
    fault: str
    path: str  # after the fault prefix: mission.json or delegates/<code>.json
    headers: dict[str, str]
    revision: int  # what `ok` serves now
    spy: str  # base URL of the other host

    @property
    def personal(self) -> bool:
        return self.path.startswith("delegates/")

    def doc(self, revision: int | None = None, change: Change | None = None) -> bytes:
        data = DELEGATE_BYTES if self.personal else MISSION_BYTES
        data = data.replace(
            b'"revision":1,', f'"revision":{revision or self.revision},'.encode(), 1
        )
        if change is None:
            return data
        parsed = json.loads(data)
        change(parsed)
        return json.dumps(parsed, allow_nan=True).encode()  # \ud800 stays an escape


def head(status: str, headers: dict[str, str] | list[tuple[str, str]], raw: bytes = b"") -> bytes:
    items = headers.items() if isinstance(headers, dict) else headers
    lines = [f"HTTP/1.1 {status}", *[f"{k}: {v}" for k, v in items]]
    return "\r\n".join(lines).encode("latin-1") + b"\r\n" + raw + b"\r\n"


def reply(
    body: bytes, etag: str | None = '"f-1"', kind: str = "application/json", **extra: str
) -> bytes:
    headers = {"Content-Type": kind, "Content-Length": str(len(body)), "Connection": "close"}
    if etag is not None:
        headers["ETag"] = etag
    headers.update({k.replace("_", "-"): v for k, v in extra.items()})
    return head("200 OK", headers) + body


def raw_etag(value: bytes) -> Build:
    """A 200 whose ETag header carries bytes no str header can (non-ASCII, control chars)."""

    def build(r: Request) -> bytes:
        body = r.doc(r.revision + 1)
        top = head("200 OK", {"Content-Type": "application/json", "Content-Length": str(len(body)),
                              "Connection": "close"}, b"ETag: " + value + b"\r\n")  # fmt: skip
        return top + body

    return build


def ok(r: Request) -> bytes:
    etag = f'"ok-{r.revision}"'
    if r.headers.get("if-none-match") == etag:
        return head("304 Not Modified", {"ETag": etag, "Connection": "close"})
    return reply(r.doc(), etag)


def redirect(where: Callable[[Request], str], status: str = "302 Found") -> Build:
    return lambda r: head(
        status, {"Location": where(r), "Content-Length": "0", "Connection": "close"}
    )


def packed(body: Callable[[Request], bytes], encoding: str = "gzip", chunks: int = 0) -> Build:
    """A compressed body, framed by Content-Length or, with `chunks`, chunked."""

    def build(r: Request) -> bytes:
        data, fields = body(r), {"Content-Type": "application/json", "Content-Encoding": encoding}
        if chunks:
            return head("200 OK", {**fields, **CHUNKED}) + chunk_body(data, chunks)
        framing = {"Content-Length": str(len(data)), "ETag": '"f-gz"', "Connection": "close"}
        return head("200 OK", {**fields, **framing}) + data

    return build


@functools.cache
def bomb(mebibytes: int = 256) -> bytes:
    """256 MiB of zeros in 260 KB of gzip: decompressing it whole would exhaust a phone. Built
    from one compressed MiB repeated (a full flush makes each copy stand alone)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = bytes(1 << 20)
    copy = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mebibytes):
        crc = zlib.crc32(block, crc)
    trailer = struct.pack("<II", crc, (mebibytes << 20) & 0xFFFFFFFF)
    return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + copy * mebibytes + packer.flush() + trailer


def set_field(path: tuple[str | int, ...], value: object) -> Change:
    def change(doc: dict[str, Any]) -> None:
        node: Any = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


def other_mission(doc: dict[str, Any]) -> None:
    if "mission" in doc:
        doc["mission"]["id"] = "another-mission"
    else:
        doc["mission_id"] = "another-mission"


def chunk_body(body: bytes, size: int) -> bytes:
    parts = [f"{len(body[i : i + size]):x}\r\n".encode() + body[i : i + size] + b"\r\n"
             for i in range(0, len(body), size)]  # fmt: skip
    return b"".join(parts) + b"0\r\n\r\n"


CHUNKED = {
    "Content-Type": "application/json",
    "Transfer-Encoding": "chunked",
    "Connection": "close",
}


def personal_only(build: Build) -> Build:
    """The fault hits the personal document; mission.json is served properly."""
    return lambda r: build(r) if r.personal else ok(r)


def early_end(r: Request) -> bytes:
    body = r.doc(r.revision + 1)
    return reply(body)[: -len(body) // 2]  # Content-Length promises twice what comes


def many_headers(r: Request) -> bytes:
    body = r.doc(r.revision + 1)
    extra = [(f"X-H{i}", "v") for i in range(20_000)]
    top = head("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body))),
                          ("Connection", "close"), *extra])  # fmt: skip
    return top + body


def latin1_body(r: Request) -> bytes:
    text = r.doc(r.revision + 1).decode()
    return reply(text.encode("latin-1", "replace"), kind="application/json; charset=iso-8859-1")


def utf16_body(r: Request) -> bytes:
    text = r.doc(r.revision + 1).decode()
    return reply(text.encode("utf-16"), kind="application/json; charset=utf-16")


def newer(etag: str | None = '"f-1"', change: Change | None = None, **extra: str) -> Build:
    """A good, newer document with the given ETag (None: no ETag header)."""
    return lambda r: reply(r.doc(r.revision + 1, change), etag, **extra)


def fresh(r: Request) -> bytes:
    return r.doc(r.revision + 1)


def older(r: Request) -> bytes:
    return reply(r.doc(r.revision - 1), '"old"')


def mission_only(change: Change) -> Build:
    """mission.json is changed as given; the personal document is served as it is."""
    return lambda r: reply(r.doc(r.revision + 1, change)) if not r.personal else ok(r)


def status(line: str, body: bytes = b"", **extra: str) -> Build:
    headers = {"Content-Length": str(len(body)), "Connection": "close", **extra}
    return lambda r: head(line, {k.replace("_", "-"): v for k, v in headers.items()}) + body


def to_spy(suffix: str = "", scheme: str = "http:", userinfo: str = "") -> Callable[[Request], str]:
    return lambda r: f"{scheme}//{userinfo}{r.spy.split('//', 1)[1]}{r.path}{suffix}"


def chunked(body: Callable[[Request], bytes], size: int) -> Build:
    return lambda r: head("200 OK", {**CHUNKED, "ETag": '"chunks"'}) + chunk_body(body(r), size)


def length(declared: int) -> Build:
    """A good document under a Content-Length that does not match it."""
    fields = {"Content-Type": "application/json", "Content-Length": str(declared)}
    return lambda r: head("200 OK", {**fields, "Connection": "close"}) + r.doc(r.revision + 1)
