"""Both feed servers (`backend serve`, deploy/nginx.conf) against hostile requests over a raw
socket: nothing outside the two document URLs is served, an unknown token looks exactly like
a missing file, and no token shape reaches the access log."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest

from backend import layout
from backend.tokens import token_for
from tests.backend.servers import SECRET, backend_server, nginx_server, publish_example
from tests.reliability.rawhttp import RawResponse, exchange, port_of

TOKEN = token_for("demo", SECRET)
UNKNOWN = token_for("nobody", SECRET)
CANARY = b"CANARY-c4e1"  # planted beside and inside the served folder, never to be served
PASSWD = b"root:x:0:0"
TRICKS = [
    "/../canary.txt", "/../../canary.txt", "/%2e%2e/canary.txt", "/%2E%2E/canary.txt",
    "/..%2fcanary.txt", "/..%2Fcanary.txt", "/%2e%2e%2fcanary.txt", "/%252e%252e/canary.txt",
    "/..\\canary.txt", "/..%5ccanary.txt", "/%c0%ae%c0%ae/canary.txt", "/%c0%af../canary.txt",
    "/delegates/../../canary.txt", "/delegates/%2e%2e/%2e%2e/canary.txt",
    "/delegates/..%2f..%2fcanary.txt", "/./../canary.txt", "/.../canary.txt",
    "/../../../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "//etc/passwd", "/etc/passwd", "../canary.txt", "canary.txt", "*",
    "http://127.0.0.1/../canary.txt", "/../invites/invites.csv", "/%2e%2e/invites/invites.csv",
    "/../.feed.releases/canary.txt", "/private.txt", "/./private.txt", "/private.txt%00.json",
    "/mission.json%00", "/mission.json%00.txt", "/mission.json/", "/mission.json/..",
    "/mission.json.gz", "/mission.json;.txt", "/delegates/", "/delegates", "/", "//",
    "/delegates/.", "/.feed.releases/", "/delegates/%2e", "/%2e/delegates/", "/.git/config",
    "/delegates/*.json", "/delegates/" + TOKEN + ".json.gz", "/delegates/" + TOKEN + ".json/..",
    "/delegates/" + TOKEN + "%00.json", "/delegates/" + TOKEN.upper() + ".json/../../canary.txt",
]  # fmt: skip
LISTING = (b"Index of", b"<a href", b"<pre>", b".json\n")
LOGGED_SHAPES = [
    "/delegates/{t}.json", "/Delegates/{t}.json", "/DELEGATES/{t}.json", "/delegates//{t}.json",
    "/delegates/./{t}.json", "/delegates/{T}.json", "/{t}.json", "/{t}", "/delegates/{t}",
    "/delegates/{t}/", "/delegates/{t}.ics", "/delegates/{t}.json.gz", "/x/../delegates/{t}.json",
    "/delegates/%2e/{t}.json", "/delegates/{pct}.json", "/delegates/{t}.json?code={t}",
    "/mission.json/{t}", "/a/b/c/{T}.JSON", "//delegates///{t}.json", "/delegates/.{t}.json",
]  # fmt: skip


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("secure")
    feed = publish_example(base)
    for place in (base, base / ".feed.releases"):
        (place / "canary.txt").write_bytes(CANARY + b" outside\n")
    (feed / "private.txt").write_bytes(CANARY + b" inside\n")
    return feed


@pytest.fixture(scope="module", params=["backend", "nginx"])
def server(
    request: pytest.FixtureRequest, folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[int, Path]]:
    log = tmp_path_factory.mktemp("logs") / f"{request.param}.log"
    start = backend_server if request.param == "backend" else nginx_server
    with start(folder, access_log=log) as url:
        yield port_of(url), log


def served_bodies(folder: Path) -> set[bytes]:
    own = layout.where(folder, f"delegates/{TOKEN}.json").parent
    docs = [folder / "mission.json", *own.glob(f"{TOKEN}.*")]
    return {d.read_bytes() for d in docs} | {
        gzip.decompress(d.read_bytes()) for d in docs if d.suffix == ".gz"
    }


def escaped(response: RawResponse, allowed: set[bytes]) -> bool:
    """Anything but a refusal or one of the documents, or any listing, is an escape."""
    if CANARY in response.body or PASSWD in response.body:
        return True
    if any(mark in response.body for mark in LISTING):
        return True
    return response.status < 300 and response.body not in allowed


@pytest.mark.parametrize("target", TRICKS)
def test_traversal_trick_never_escapes_the_folder(
    server: tuple[int, Path], folder: Path, target: str
) -> None:
    port, _ = server
    for extra in ("", "Accept-Encoding: gzip\r\n"):
        response = exchange(port, target, extra=extra)
        assert not escaped(response, served_bodies(folder)), (target, response)


def test_traversal_tricks_are_at_least_thirty() -> None:
    assert len(set(TRICKS)) >= 30


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
@pytest.mark.parametrize("extra", ["", "Accept-Encoding: gzip\r\nIf-None-Match: *\r\n"])
def test_unknown_token_is_indistinguishable_from_a_missing_file(
    server: tuple[int, Path], method: str, extra: str
) -> None:
    port, _ = server
    unknown = exchange(port, f"/delegates/{UNKNOWN}.json", method, extra)
    missing = [
        exchange(port, path, method, extra)
        for path in ("/missing.json", f"/delegates/{'q' * 26}.json", f"/delegates/{UNKNOWN}.ics")
    ]
    assert all(other == unknown for other in missing), (unknown, missing)
    if method == "OPTIONS":  # a preflight must not tell a real token from a made-up one
        assert exchange(port, f"/delegates/{TOKEN}.json", method, extra) == unknown
    else:
        assert unknown.status == 404


def test_no_token_shape_reaches_the_access_log(server: tuple[int, Path]) -> None:
    port, log = server
    pct = "".join(f"%{ord(c):02x}" for c in TOKEN)
    sent = 0
    for shape in LOGGED_SHAPES:
        target = shape.format(t=TOKEN, T=TOKEN.upper(), pct=pct)
        for method in ("GET", "HEAD", "OPTIONS"):
            exchange(port, target, method)
            sent += 1
    exchange(port, "/mission.json")  # nginx writes its log per request; this one comes last
    text = log.read_text("utf-8", "replace")
    lines = [
        line for line in text.splitlines() if '"GET' in line or '"HEAD' in line or '"OPT' in line
    ]
    assert len(lines) >= sent, text[-2000:]
    flat = unquote(text).lower()
    assert TOKEN not in flat and TOKEN[:16] not in flat, [
        line for line in text.splitlines() if TOKEN[:16] in unquote(line).lower()
    ]


def test_backend_serves_links_into_the_objects_only(tmp_path: Path) -> None:
    """A delegate's folder is a symlink into the releases' objects: `backend serve` follows
    exactly those; a link planted to anywhere else, in either layout, is a missing file.
    (nginx follows every symlink in the folder it serves: whoever can plant one there can
    also replace the files.)"""
    feed = publish_example(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    folder_link, file_link = "a" * 26, "c" * 26
    for name in (folder_link, "d" * 26):
        (outside / f"{name}.json").write_bytes(CANARY + b" planted\n")
    delegates = feed.resolve() / "delegates"
    (delegates / folder_link).symlink_to(outside)  # shaped like a link to an object
    (delegates / f"{file_link}.json").symlink_to(outside / f"{'d' * 26}.json")  # the old layout
    with backend_server(feed) as url:
        port = port_of(url)
        assert exchange(port, f"/delegates/{TOKEN}.json").status == 200
        for token in (folder_link, file_link):
            response = exchange(port, f"/delegates/{token}.json")
            assert response.status == 404 and CANARY not in response.body, token
