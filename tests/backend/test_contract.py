"""One HTTP contract, checked against `backend serve` and against real nginx on the same folder."""

from __future__ import annotations

import gzip
import json
import socket
from pathlib import Path

import httpx
import pytest

from backend import layout
from backend.tokens import token_for
from tests.backend.servers import SECRET

TOKEN = token_for("demo", SECRET)
UNKNOWN = "a" * 26


class Raw:
    """A response with the body exactly as it went over the wire (httpx would gunzip it)."""

    def __init__(self, response: httpx.Response, body: bytes) -> None:
        self.status_code = response.status_code
        self.headers = response.headers
        self.content = body


def get(url: str, **headers: str) -> Raw:
    with (
        httpx.Client(headers={"Accept-Encoding": "identity", **headers}) as client,
        client.stream("GET", url) as response,
    ):
        return Raw(response, b"".join(response.iter_raw()))


def test_mission_is_json_with_strong_etag_and_no_cache(base: str, folder: Path) -> None:
    r = get(base + "mission.json")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    assert r.content == (folder / "mission.json").read_bytes()
    etag = r.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert r.headers["cache-control"] == "no-cache"
    assert r.headers["access-control-allow-origin"] == "*"


def test_if_none_match_gives_304_with_no_body(base: str) -> None:
    etag = get(base + "mission.json").headers["etag"]
    r = get(base + "mission.json", **{"If-None-Match": etag})
    assert r.status_code == 304 and r.content == b""
    assert get(base + "mission.json", **{"If-None-Match": '"other"'}).status_code == 200


@pytest.mark.parametrize("path", ["mission.json", f"delegates/{TOKEN}.json"])
def test_gzip_is_served_precompressed_when_accepted(base: str, folder: Path, path: str) -> None:
    r = get(base + path, **{"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    assert r.content == layout.read(folder, path + ".gz")  # the twin as it is on disk
    assert gzip.decompress(r.content) == layout.read(folder, path)
    assert "accept-encoding" in r.headers.get("vary", "").lower()
    etag = r.headers["etag"]
    assert not etag.startswith("W/")
    again = get(base + path, **{"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert again.status_code == 304


@pytest.mark.parametrize("suffix", ["ics", "html", "fr.html"])
def test_page_and_calendar_without_twin_are_compressed_when_accepted(
    base: str, folder: Path, suffix: str
) -> None:
    path = f"delegates/{TOKEN}.{suffix}"
    assert not layout.where(folder, path + ".gz").exists()  # published without a twin
    plain = get(base + path)
    assert plain.content == layout.read(folder, path) and "content-encoding" not in plain.headers
    r = get(base + path, **{"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    assert gzip.decompress(r.content) == plain.content and len(r.content) < len(plain.content)
    assert "accept-encoding" in r.headers.get("vary", "").lower()
    assert r.headers["etag"] != plain.headers["etag"]  # another representation, another tag
    for etag, status in ((r.headers["etag"], 304), (plain.headers["etag"] + "x", 200)):
        again = get(base + path, **{"Accept-Encoding": "gzip", "If-None-Match": etag})
        assert again.status_code == status
    with httpx.Client() as client:
        head = client.head(base + path, headers={"Accept-Encoding": "gzip"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-encoding"] == "gzip"


@pytest.mark.parametrize("path", ["mission.json", f"delegates/{TOKEN}.html"])
def test_gzip_reaches_a_cdn_or_proxy_too(base: str, folder: Path, path: str) -> None:
    r = get(base + path, **{"Accept-Encoding": "gzip", "Via": "1.1 cdn.example"})
    assert r.headers["content-encoding"] == "gzip"
    assert gzip.decompress(r.content) == layout.read(folder, path)


def test_head_has_headers_and_no_body(base: str) -> None:
    with httpx.Client() as client:
        r = client.head(base + "mission.json", headers={"Accept-Encoding": "identity"})
    assert r.status_code == 200 and r.content == b"" and r.headers["etag"]


def test_personal_document_and_calendar(base: str) -> None:
    doc = get(base + f"delegates/{TOKEN}.json")
    assert doc.status_code == 200 and json.loads(doc.content)["delegate"]["id"] == "demo"
    ics = get(base + f"delegates/{TOKEN}.ics")
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    assert ics.content.startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    ("name", "mime", "start"),
    [
        ("schedule.json", "application/json", b"{"),
        ("schedule.xml", "application/xml", b"<?xml"),
    ],
)
def test_public_schedule_for_other_apps(base: str, name: str, mime: str, start: bytes) -> None:
    r = get(base + name)
    assert r.status_code == 200 and r.headers["content-type"].startswith(mime)
    assert r.content.startswith(start) and r.headers["etag"]


@pytest.mark.parametrize(
    "path",
    [
        "schedule.csv",
        f"delegates/{UNKNOWN}.json",
        "delegates/",
        "delegates",
        "",
        "missing.json",
        "..%2fmission.json",
        f"delegates/{TOKEN}.json.gz",
        f"delegates/{TOKEN.upper()}.json",
        "invites.csv",
        "../feed-invites/invites.csv",
    ],
)
def test_everything_else_is_the_same_404(base: str, path: str) -> None:
    r = get(base + path)
    assert r.status_code in (404, 400), path
    if r.status_code == 404:
        assert r.content == b"not found\n", path


@pytest.mark.parametrize(
    "target",
    [
        "/../feed-invites/invites.csv",
        "/delegates/../../feed-invites/invites.csv",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/delegates/..%2f..%2fetc%2fpasswd",
        "/./../../etc/passwd",
    ],
)
def test_path_traversal_is_refused(base: str, target: str) -> None:
    """Sent raw: an HTTP client would normalise the dots away before they reach the server."""
    host, port = base.removeprefix("http://").rstrip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        reply = b""
        while chunk := s.recv(65536):
            reply += chunk
    status = int(reply.split(b" ", 2)[1])
    assert status in (400, 404), (target, reply[:200])
    assert b"root:" not in reply and b"delegate,name" not in reply


def test_unknown_token_answers_exactly_like_a_missing_file(base: str) -> None:
    a, b = get(base + f"delegates/{UNKNOWN}.json"), get(base + "nothing-here.json")
    assert (a.status_code, a.content) == (b.status_code, b.content) == (404, b"not found\n")


def test_cors_preflight(base: str) -> None:
    with httpx.Client() as client:
        r = client.options(
            base + "mission.json",
            headers={"Origin": "https://app.example", "Access-Control-Request-Method": "GET"},
        )
    assert r.status_code == 204
    assert r.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("path", ["mission.json", f"delegates/{TOKEN}.html"])
def test_gzip_refused_with_q0_is_not_sent(base: str, folder: Path, path: str) -> None:
    """`gzip;q=0` says "never gzip" (RFC 9110): nginx honours it, so must our server."""
    r = get(base + path, **{"Accept-Encoding": "gzip;q=0, identity"})
    assert r.status_code == 200 and "content-encoding" not in r.headers
    assert r.content == layout.read(folder, path)
