"""Bytes and seconds a phone's browser spends on the hosted app, before and after issue 16.

    python -m bench.web_bytes

Real Chromium (its own Accept-Encoding), side by side in one run:
- first and repeat visit bytes on the wire (WebSocket excluded), against Flet's stock server
  (before), our app server, and nginx with deploy/nginx-app.conf;
- time to the agenda's first text under a throttled phone network (1.6 Mbit/s down, 150 ms);
- pocket agenda sizes (raw and gzip), and the time an offline reload takes to show it.
"""

from __future__ import annotations

import gzip
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page

from backend.publish import publish
from backend.tokens import token_for
from hosting.client import ClientFiles
from hosting.serve import cache_dir
from tests.backend.servers import EXAMPLE, SECRET, backend_server
from tests.e2e.browser import VIEWPORT, app_server, chromium, enable_semantics
from tests.hosting.servers import nginx_app

ROOT = Path(__file__).resolve().parent.parent
NOW = "2025-10-07T15:40:00-07:00"
PHONE = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 200_000,
    "uploadThroughput": 94_000,
}


def visit(page: Page, url: str, throttle: bool = False) -> tuple[int, float]:
    """Bytes received over HTTP (not the WebSocket) and seconds to the agenda's first text."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    if throttle:
        cdp.send("Network.emulateNetworkConditions", PHONE)
    sizes: dict[str, int] = {}
    http: set[str] = set()

    def seen(event: dict[str, Any]) -> None:
        if event.get("type") != "WebSocket":
            http.add(event["requestId"])

    def finished(event: dict[str, Any]) -> None:
        sizes[event["requestId"]] = int(event["encodedDataLength"])

    cdp.on("Network.responseReceived", seen)
    cdp.on("Network.loadingFinished", finished)
    started = time.monotonic()
    page.goto(url)
    page.wait_for_function("window.__first === true", timeout=300_000)
    enable_semantics(page)
    page.get_by_text("My agenda").first.wait_for(timeout=120_000)
    elapsed = time.monotonic() - started
    page.wait_for_timeout(1500)  # late requests (fonts, worker) count too
    cdp.detach()
    return sum(v for k, v in sizes.items() if k in http), elapsed


def first_and_repeat(browser: Browser, url: str) -> tuple[int, int]:
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    page = context.new_page()
    page.add_init_script(
        "addEventListener('flutter-first-frame', () => { window.__first = true; });"
    )
    first, _ = visit(page, url)
    repeat, _ = visit(page, url)
    context.close()
    return first, repeat


def throttled(browser: Browser, url: str) -> float:
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    page = context.new_page()
    page.add_init_script(
        "addEventListener('flutter-first-frame', () => { window.__first = true; });"
    )
    _, seconds = visit(page, url, throttle=True)
    context.close()
    return seconds


@contextmanager
def servers(base: Path) -> Iterator[dict[str, str]]:
    ClientFiles(ROOT / "assets", cache_dir()).export(base / "client")
    report = publish(EXAMPLE, base / "feed", SECRET, "http://127.0.0.1/")
    assert not report.errors
    with ExitStack() as stack:
        feed = stack.enter_context(backend_server(base / "feed"))
        env = {"DELEGATE_FEED_URL": feed, "DELEGATE_NOW": NOW}
        before = stack.enter_context(app_server(base / "before", env, "bench/stock_app.py"))
        ours = stack.enter_context(app_server(base / "ours", env))
        upstream = ours.removeprefix("http://").rstrip("/")
        proxied = stack.enter_context(nginx_app(base / "client", [upstream], base / "access.log"))
        yield {"before (Flet's server)": before, "app server": ours, "nginx": proxied}


def offline_open(browser: Browser, url: str) -> float:
    """Seconds from reload to the pocket agenda's banner, network off."""
    context = browser.new_context(viewport=VIEWPORT, locale="nl-BE")
    page = context.new_page()
    page.add_init_script(
        "addEventListener('flutter-first-frame', () => { window.__first = true; });"
    )
    page.goto(f"{url}join/{token_for('demo', SECRET)}")
    page.wait_for_function("window.__first === true", timeout=120_000)
    kept = "caches.match(new URL('pocket/mine.nl.html', location.href).href).then(Boolean)"
    while not page.evaluate(kept):
        page.wait_for_timeout(300)
    context.set_offline(True)
    started = time.monotonic()
    page.reload()
    page.get_by_text("Offline kopie, alleen lezen").wait_for()
    seconds = time.monotonic() - started
    context.close()
    return seconds


def pocket_sizes(base: Path) -> str:
    pages = sorted((base / "feed" / "delegates").glob("*.html"))
    raw = max(p.stat().st_size for p in pages)
    packed = max(len(gzip.compress(p.read_bytes(), 9)) for p in pages)
    return f"pocket agenda, largest page: {raw / 1000:.1f} KB raw, {packed / 1000:.1f} KB gzip"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, servers(Path(tmp)) as urls, chromium() as browser:
        print("first visit / repeat visit, bytes on the wire (WebSocket excluded)")
        for name, url in urls.items():
            first, repeat = first_and_repeat(browser, url)
            print(f"  {name:24} {first / 1e6:6.2f} MB   {repeat / 1e3:7.1f} KB")
        print("time to the agenda's first text, phone network 1.6 Mbit/s, 150 ms")
        for name in ("before (Flet's server)", "app server"):
            print(f"  {name:24} {throttled(browser, urls[name]):6.1f} s")
        print(pocket_sizes(Path(tmp)))
        seconds = offline_open(browser, urls["app server"])
        print(f"offline reload to the pocket agenda: {seconds:.2f} s")


if __name__ == "__main__":
    main()
