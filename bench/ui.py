"""UI figures in headless Chromium at 390x844, side by side with a one-Text Flet app.

    python -m bench.ui

- time from navigation to the agenda's content (vs the minimal app's text);
- WebSocket bytes for one tab switch;
- the Programme's first content with the embedded mission and a synthetic 10x mission.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, Page

from bench.synth import mission_bytes
from tests.e2e.browser import VIEWPORT, app_server, chromium, enable_semantics

NOW = {"DELEGATE_NOW": "2025-10-07T15:40:00-07:00"}
RUNS = 5


def time_to(browser: Browser, url: str, marker: str) -> tuple[float, int]:
    """Seconds from navigation to the marker in the semantics tree, and WebSocket bytes."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    page = context.new_page()
    received = [0]
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: _count(received, f)))
    page.add_init_script("window.addEventListener('flutter-first-frame', () => window.__ff = 1)")
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function("window.__ff === 1", timeout=60_000)
    enable_semantics(page)
    page.locator(f"[flt-semantics-identifier='{marker}']").first.wait_for(state="attached")
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed, received[0]


def _count(total: list[int], frame: str | bytes) -> None:
    total[0] += len(frame)


def tab_switch_bytes(browser: Browser, url: str) -> int:
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    page = context.new_page()
    received = [0]
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: _count(received, f)))
    page.goto(url)
    page.wait_for_timeout(200)
    _wait_marker(page, "row-m-patel")
    received[0] = 0
    page.get_by_role("tab", name="Contacts").click()
    _wait_marker(page, "contacts-organiser")
    page.wait_for_timeout(500)
    context.close()
    return received[0]


def _wait_marker(page: Page, marker: str) -> None:
    if not page.locator("flt-semantics").count():
        page.wait_for_function("document.querySelector('flt-semantics-placeholder') !== null")
        enable_semantics(page)
    page.locator(f"[flt-semantics-identifier='{marker}']").first.wait_for(state="attached")


def median(browser: Browser, url: str, marker: str) -> tuple[float, int]:
    runs = [time_to(browser, url, marker) for _ in range(RUNS)]
    return statistics.median(r[0] for r in runs), int(statistics.median(r[1] for r in runs))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big"
        (big / "feed").mkdir(parents=True)
        (big / "feed" / "mission.json").write_bytes(mission_bytes(10))
        with (
            chromium() as browser,
            app_server(Path(tmp) / "minimal", script="bench/minimal_app.py") as minimal,
            app_server(Path(tmp) / "ours", NOW) as ours,
            app_server(big, NOW) as ours_10x,
        ):
            base_s, base_b = median(browser, minimal, "hello")
            agenda_s, agenda_b = median(browser, ours, "row-m-patel")
            prog_s, prog_b = median(browser, ours + "programme", "programme-count")
            prog10_s, prog10_b = median(browser, ours_10x + "programme", "programme-count")
            switch = tab_switch_bytes(browser, ours)
    print(f"median of {RUNS} runs, navigation -> content in the semantics tree")
    print(f"  minimal Flet app (one Text)   {base_s * 1000:7.0f} ms {base_b:>9} B websocket")
    print(
        f"  My agenda                     {agenda_s * 1000:7.0f} ms {agenda_b:>9} B websocket"
        f"   {agenda_s / base_s:.2f}x the minimal app (goal <= 1.25x)"
    )
    print(f"  Programme, embedded mission   {prog_s * 1000:7.0f} ms {prog_b:>9} B websocket")
    print(
        f"  Programme, 10x mission        {prog10_s * 1000:7.0f} ms {prog10_b:>9} B websocket"
        f"   {prog10_s / prog_s:.2f}x the 1x one (goal <= 2x)"
    )
    print(f"  tab switch My agenda -> Contacts: {switch} B received over the WebSocket")


if __name__ == "__main__":
    main()
