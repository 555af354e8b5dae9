"""The app server's HTTP side: compressed client files, validators, fallbacks, pocket pages."""

from __future__ import annotations

import gzip
import logging
import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import brotli
import httpx
import pytest

from hosting.app import create_app, redact
from services.content_coding import accepted
from tests.hosting.bundled import ASSETS, embedded, never_called


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(never_called, ASSETS, tmp_path / "cache", embedded)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app") as c:
        yield c


def test_accept_encoding_prefers_brotli_and_honours_q_zero() -> None:
    assert accepted("gzip, deflate, br, zstd") == ["br", "gzip"]
    assert accepted("gzip") == ["gzip"]
    assert accepted("br;q=0, gzip;q=0.5") == ["gzip"]
    assert accepted("identity") == []
    assert accepted("*") == ["br", "gzip"]


@pytest.mark.parametrize(
    ("offer", "encoding", "unpack"),
    [("gzip, deflate, br", "br", brotli.decompress), ("gzip", "gzip", gzip.decompress)],
)
async def test_client_file_comes_precompressed_with_a_validator(
    client: httpx.AsyncClient, offer: str, encoding: str, unpack: Callable[[bytes], bytes]
) -> None:
    plain = await client.get("/flutter_bootstrap.js", headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200 and "content-encoding" not in plain.headers
    async with client.stream(
        "GET", "/flutter_bootstrap.js", headers={"Accept-Encoding": offer}
    ) as r:
        raw = b"".join([chunk async for chunk in r.aiter_raw()])
    assert r.headers["content-encoding"] == encoding
    assert unpack(raw) == plain.content
    assert len(raw) < len(plain.content) / 2
    assert r.headers["vary"] == "Accept-Encoding" and r.headers["cache-control"] == "no-cache"
    assert r.headers["etag"] != plain.headers["etag"]  # one validator per representation
    again = await client.get(
        "/flutter_bootstrap.js",
        headers={"Accept-Encoding": offer, "If-None-Match": r.headers["etag"]},
    )
    assert again.status_code == 304 and again.content == b""


async def test_index_is_ours_with_worker_manifest_and_content_policy(
    client: httpx.AsyncClient,
) -> None:
    r = await client.get("/")
    assert "<title>Delegate Companion</title>" in r.text
    assert 'data-worker="flutter_service_worker.js?v=' in r.text
    assert "Content-Security-Policy" in r.text and "connect-src 'self'" in r.text
    assert r.headers["cross-origin-opener-policy"] == "same-origin"
    manifest = (await client.get("/manifest.json")).json()
    assert manifest["name"] == "Delegate Companion" and manifest["display"] == "standalone"
    assert "join" not in manifest["start_url"]
    assert any(i["purpose"] == "maskable" for i in manifest["icons"])
    worker = (await client.get("/flutter_service_worker.js")).text
    assert "__VERSION__" not in worker and "dc-programme-" in worker


async def test_routes_fall_back_to_the_index_and_unknown_files_are_404(
    client: httpx.AsyncClient,
) -> None:
    index = (await client.get("/")).text
    assert (await client.get("/join/abcd-efgh")).text == index
    assert (await client.get("/settings")).text == index
    for path in ("/nothing.js", "/pyodide/pyodide.mjs", "/../pyproject.toml", "/x/../../main.py"):
        assert (await client.get(path)).status_code == 404, path
    assert (await client.post("/")).status_code == 405


async def test_an_address_with_doubled_slashes_redirects_to_single_ones_on_this_host(
    client: httpx.AsyncClient,
) -> None:
    for path, to in (
        ("//", "/"),
        ("//join/abcd-efgh", "/join/abcd-efgh"),
        ("/agenda//2025-10-07?x=1", "/agenda/2025-10-07?x=1"),
        ("//evil.example/x", "/evil.example/x"),  # never a protocol-relative address
    ):
        r = await client.get(f"http://app{path}")  # whole: httpx reads '//x' as a host
        assert (r.status_code, r.headers["location"]) == (308, to), path


async def test_programme_pages_exist_in_three_languages_only(client: httpx.AsyncClient) -> None:
    for lang, word in (("en", "Programme"), ("fr", "Programme"), ("nl", "Programma")):
        r = await client.get(f"/pocket/programme.{lang}.html")
        assert r.status_code == 200 and word in r.text and f'lang="{lang}"' in r.text
        # from the app's root: the worker also shows the page at any address of the app
        others = sorted({"en", "fr", "nl"} - {lang})
        assert re.findall(r'href="([^"]*)" hreflang', r.text) == [
            f"/pocket/programme.{code}.html" for code in others
        ]
    assert (await client.get("/pocket/programme.de.html")).status_code == 404


async def test_log_lines_never_carry_the_personal_code(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="delegate.app"):
        await client.get("/join/secretcode123")
    assert "/join/<code>" in caplog.text and "secretcode123" not in caplog.text
    assert redact("/join/abc?x=1") == "/join/<code>?x=1"
