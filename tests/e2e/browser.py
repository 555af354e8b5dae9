"""Headless Chromium at 390x844 driving the app in web mode (the recipe in the design notes)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, FloatRect, Page, ViewportSize, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT: ViewportSize = {"width": 390, "height": 844}
BLANK_PNG_BYTES = 8_000  # an empty 390x844 page compresses to ~4 KB


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


@contextmanager
def app_server(
    data_dir: Path, env: dict[str, str] | None = None, script: str = "main.py", port: int = 0
) -> Iterator[str]:
    """Start `python main.py` in web mode on a free loopback port (or `port`: a restart on the
    same address); stop it afterwards."""
    port = port or free_port()
    environment = {
        **os.environ,
        "DELEGATE_DATA_DIR": str(data_dir),
        "DELEGATE_PORT": str(port),
        "FLET_SERVER_PORT": str(port),
        **(env or {}),
    }
    environment.pop("DISPLAY", None)
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / "app.log").open("wb") as log:  # kept for debugging a failed test
        proc = subprocess.Popen(
            [sys.executable, script], cwd=ROOT, env=environment, stdout=log, stderr=log
        )
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Terminate, wait, and kill if it will not go: never leaves a server behind."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


@contextmanager
def chromium() -> Iterator[Browser]:
    """One browser; every `new_context()` is a fresh, empty profile (storage, cookies)."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


_HOOKED: weakref.WeakSet[Page] = weakref.WeakSet()


def open_app(page: Page, url: str, timeout_ms: int = 60000) -> None:
    """Load, wait for Flutter's first frame, switch on the semantics tree."""
    if page not in _HOOKED:  # a page runs its init scripts on every document it loads
        page.add_init_script(
            "window.__firstFrame = false;"
            "window.addEventListener('flutter-first-frame', () => { window.__firstFrame = true; });"
        )
        # Once per page: added again on a page whose app was running, the call (which has no
        # timeout) twice waited on Chromium until pytest-timeout's 300 s ran out.
        _HOOKED.add(page)
    page.goto(url)
    page.wait_for_function("window.__firstFrame === true", timeout=timeout_ms)
    enable_semantics(page)


def enable_semantics(page: Page, tries: int = 3) -> None:
    """Switch on Flutter's semantics tree (tests find controls by their identifiers there).
    Tried again, a bounded number of times: on a loaded machine, right after a personal link
    has moved the app to /agenda, one wait once ran out with the tree already there."""
    placeholder = page.locator("flt-semantics-placeholder")
    placeholder.wait_for(state="attached", timeout=30000)
    placeholder.dispatch_event("click")
    for attempt in range(tries):
        try:
            page.wait_for_selector("flt-semantics", state="attached", timeout=20000)
            return
        except PlaywrightTimeout:
            if attempt == tries - 1:
                raise
            if placeholder.count():  # not switched on yet: ask again
                placeholder.dispatch_event("click")


def settle(page: Page, path: Path | None = None, tries: int = 40) -> bytes:
    """Screenshot until two in a row are identical and not blank (the canvas paints after the
    DOM, and a blank frame can repeat before the first real one)."""
    last = b""
    for _ in range(tries):
        shot = page.screenshot()
        if shot == last and len(shot) > BLANK_PNG_BYTES:
            break
        last = shot
        page.wait_for_timeout(250)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(last)
    return last


def reveal(page: Page, identifier: str, tries: int = 60) -> None:
    """Wheel down until the control is inside the viewport, above the navigation bar (bounded:
    on a loaded machine Flutter may take several wheel turns to draw the next rows).

    Flutter builds rows below the fold too: existing in the DOM is not enough to be tapped, and
    a tap outside the viewport silently reaches nothing."""
    node = page.locator(f"[flt-semantics-identifier='{identifier}']").first
    height = (page.viewport_size or VIEWPORT)["height"]
    page.mouse.move(195, 420)
    for _ in range(tries):
        box = node.bounding_box() if node.count() else None
        if box and box["y"] >= 0 and box["y"] + box["height"] <= height - 80:
            return
        page.mouse.wheel(0, 300)
        page.wait_for_timeout(250)
    raise AssertionError(f"{identifier} never came on screen")


def box(page: Page, identifier: str, timeout_ms: int = 30_000) -> FloatRect:
    """Where a control is on the page, once it is there (bounded)."""
    node = page.locator(f"[flt-semantics-identifier='{identifier}']").first
    expect(node).to_be_attached(timeout=timeout_ms)
    found = node.bounding_box()
    assert found is not None, identifier
    return found


TIMEOUT = 30_000


def see(page: Page, text: str) -> None:
    """Text on screen: its own span, or part of a merged semantics label (cards, buttons)."""
    found = page.get_by_text(text, exact=False).or_(page.get_by_label(text, exact=False))
    expect(found.first).to_be_attached(timeout=TIMEOUT)


def tap(page: Page, identifier: str) -> None:
    """Click the tappable node of a Semantics(identifier=...): itself or its first child."""
    node = f"[flt-semantics-identifier='{identifier}']"
    page.locator(f"{node}[flt-tappable], {node} [flt-tappable]").first.click()


def pick_language(page: Page, name: str) -> None:
    tap(page, "language-menu")
    page.get_by_role("menuitemcheckbox", name=name).click()
