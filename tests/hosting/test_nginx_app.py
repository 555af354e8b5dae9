"""deploy/nginx-app.conf for real: two app processes, sticky sessions, the client from disk."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Response

from hosting.client import ClientFiles
from hosting.serve import cache_dir
from tests.e2e.browser import VIEWPORT, app_server, chromium, open_app
from tests.hosting.servers import nginx_app

ROOT = Path(__file__).resolve().parents[2]
# What Chromium loads on a first visit; the other renderers' files are exported uncompressed here
# to keep the test quick (`python -m hosting export` compresses everything).
FIRST_VISIT = ("index.html", "main.dart.", "canvaskit/skwasm.", "assets/", ".js", ".json")

pytestmark = pytest.mark.nginx


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    base = tmp_path_factory.mktemp("nginx-app")
    files = ClientFiles(ROOT / "assets", cache_dir())
    files.export(
        base / "client",
        compress=lambda path: path.startswith(FIRST_VISIT) or path.endswith(FIRST_VISIT),
    )
    log = base / "access.log"
    with ExitStack() as stack:
        apps = [stack.enter_context(app_server(base / "data")) for _ in range(2)]
        upstreams = [url.removeprefix("http://").rstrip("/") for url in apps]
        url = stack.enter_context(nginx_app(base / "client", upstreams, log))
        yield url, log


@pytest.mark.e2e
def test_first_visit_through_nginx_is_brotli_and_the_app_runs(site: tuple[str, Path]) -> None:
    url, _log = site
    responses: list[Response] = []
    with chromium() as browser:
        context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
        page = context.new_page()
        page.on("response", lambda response: responses.append(response))
        open_app(page, url)  # the first frame needs the proxied WebSocket
        page.get_by_text("My agenda").first.wait_for(timeout=30000)
        first = [r for r in responses if r.url.endswith((".wasm", ".mjs", ".otf"))]
        context.close()
    assert first and all(r.headers.get("content-encoding") == "br" for r in first), [
        (r.url, r.headers.get("content-encoding")) for r in first
    ]


def test_gzip_for_browsers_without_brotli_with_validators(site: tuple[str, Path]) -> None:
    url, _log = site
    with httpx.Client(headers={"Accept-Encoding": "gzip"}) as client:
        r = client.get(url + "main.dart.mjs")
        assert r.headers["content-encoding"] == "gzip" and r.headers["cache-control"] == "no-cache"
        again = client.get(url + "main.dart.mjs", headers={"If-None-Match": r.headers["etag"]})
        assert again.status_code == 304
    plain = httpx.get(url + "main.dart.mjs", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers


def test_routes_misses_and_programme_pages(site: tuple[str, Path]) -> None:
    url, log = site
    index = httpx.get(url).text
    assert httpx.get(url + "join/abcd-efgh-secret").text == index
    assert httpx.get(url + "nothing.js").status_code == 404
    assert httpx.get(url + "pyodide/pyodide.mjs").status_code == 404
    doubled = (("//", "/"), ("/join//abcd", "/join/abcd"), ("//evil.example/", "/evil.example/"))
    for path, to in doubled:  # an address with a doubled slash: one slash less each time
        r = httpx.get(url.rstrip("/") + path)
        assert (r.status_code, r.headers["location"]) == (308, to), path
    programme = httpx.get(url + "pocket/programme.nl.html")
    assert programme.status_code == 200 and "Programma" in programme.text
    text = log.read_text()
    assert "/join/<code>" in text and "abcd-efgh-secret" not in text
