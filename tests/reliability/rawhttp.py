"""HTTP/1.1 over a bare socket: requests exactly as written, no client-side normalising."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class RawResponse:
    status: int
    headers: tuple[tuple[str, str], ...]  # lower-case names, in order, Date left out
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k == name), None)


def port_of(url: str) -> int:
    return urlsplit(url).port or 80


def exchange(port: int, target: str | bytes, method: str = "GET", extra: str = "") -> RawResponse:
    """Send one request line as given (`target` unescaped, unnormalised) and read to close."""
    line = target if isinstance(target, bytes) else target.encode("latin-1")
    head = method.encode() + b" " + line + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    head += extra.encode("latin-1") + b"Connection: close\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return parse(b"".join(chunks), method == "HEAD")


def parse(raw: bytes, head_only: bool) -> RawResponse:
    top, _, body = raw.partition(b"\r\n\r\n")
    status_line, *lines = top.decode("latin-1").split("\r\n")
    headers = []
    for line in lines:
        name, _, value = line.partition(":")
        if name.lower() != "date":
            headers.append((name.strip().lower(), value.strip()))
    if dict(headers).get("transfer-encoding") == "chunked":
        body = dechunk(body)
    return RawResponse(int(status_line.split(" ")[1]), tuple(headers), b"" if head_only else body)


def dechunk(body: bytes) -> bytes:
    out = b""
    while body:
        size_line, _, body = body.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out, body = out + body[:size], body[size + 2 :]
    return out
