"""Issue 14 in Chromium: what a delegate meets in the first hour no longer misleads or stops
them (the arrow glyph, contrast, touch targets, share fallbacks, search as you type, a server
restart under an open tab)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from services.changes import ChangeLog, diff_missions
from services.origin import normalise_origin
from services.validation import parse_mission
from tests.conftest import MISSION_BYTES, store_unit
from tests.e2e.browser import (
    TIMEOUT,
    VIEWPORT,
    app_server,
    box,
    enable_semantics,
    free_port,
    open_app,
    reveal,
    see,
    settle,
    tap,
)
from tests.e2e.conftest import NOW
from tests.e2e.pixels import Image, decode

pytestmark = pytest.mark.e2e
REFERENCE = Path(__file__).resolve().parent / "reference"
AA = 4.5


@pytest.fixture(scope="module")
def changed_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A feed that is offline now, whose last good copy moved the start-up pitch by 30 minutes."""
    data = tmp_path_factory.mktemp("e2e-changed")
    feed = normalise_origin(f"http://127.0.0.1:{free_port()}/")
    doc = json.loads(MISSION_BYTES)
    pitch = next(a for a in doc["activities"] if a["id"] == "tue-startup-pitch")
    pitch["start"], pitch["end"] = "2025-10-07T14:00:00-07:00", "2025-10-07T16:00:00-07:00"
    doc["revision"] += 1
    new = json.dumps(doc).encode()
    log = ChangeLog().merged(diff_missions(parse_mission(MISSION_BYTES), parse_mission(new)))
    store_unit(data, new, origin=feed, changes=log)
    env = {"DELEGATE_FEED_URL": feed, "DELEGATE_NOW": NOW}
    with app_server(data, env) as url:
        yield url


def test_the_change_arrow_is_drawn_not_a_missing_glyph_box(
    browser: Browser, changed_url: str
) -> None:
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    try:
        page = context.new_page()
        open_app(page, changed_url + "programme")  # a change counts when it is on one's agenda
        reveal(page, "bookmark-tue-startup-pitch")
        tap(page, "bookmark-tue-startup-pitch")
        see(page, "Added to my agenda")
        open_app(page, changed_url + "changes")
        see(page, "Belgian start-ups pitch")
        where = box(page, "diff-arrow")
        settle(page)
        crop = page.screenshot(clip=where)
        reference = REFERENCE / "change-arrow.png"
        if os.environ.get("UPDATE_REFERENCE"):
            reference.write_bytes(crop)
        assert same_shape(decode(crop), decode(reference.read_bytes()))
    finally:
        context.close()


def same_shape(a: Image, b: Image) -> bool:
    """The dark pixels of two renderings overlap almost entirely (IoU ≥ 0.9)."""
    if (a.width, a.height) != (b.width, b.height):
        return False

    def ink(img: Image) -> set[tuple[int, int]]:
        return {
            (x, y)
            for y in range(img.height)
            for x in range(img.width)
            if sum(img.pixel(x, y)) < 3 * 160
        }

    first, second = ink(a), ink(b)
    union = first | second
    return bool(union) and len(first & second) / len(union) >= 0.9


def test_touch_targets_are_at_least_48_px(page: Page, app_url: str) -> None:
    open_app(page, app_url + "activity/tue-nasa-ames")
    for identifier in ("open-maps-nasa-ames", "toggle-zone", "back", "language-menu"):
        assert box(page, identifier)["height"] >= 48, identifier
    back = page.locator("[flt-semantics-identifier='back']")
    expect(back).to_have_attribute("role", "button")
    open_app(page, app_url + "contacts")
    for identifier in ("call-pierre-steverlynck-Mobile", "mail-pierre-steverlynck"):
        page.mouse.move(195, 420)
        node = page.locator(f"[flt-semantics-identifier='{identifier}']")
        for _ in range(25):  # until it is on screen: Flutter builds rows below the fold too
            found = node.first.bounding_box() if node.count() else None
            if found and found["y"] >= 0 and found["y"] + 48 <= VIEWPORT["height"]:
                break
            page.mouse.wheel(0, 300)
            page.wait_for_timeout(250)
        found = box(page, identifier)
        assert found["height"] >= 48, (identifier, found)
    copy = page.locator("[flt-semantics-identifier='copy-pierre-steverlynck']")
    expect(copy).to_have_attribute("aria-label", "Copy the details of Pierre Steverlynck")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": 1800})  # all of it, unscrolled:
    open_app(page, app_url + "settings")  # a control half under the top bar measures less
    for identifier in ("setting-language", "setting-time", "setting-theme"):
        assert box(page, identifier)["height"] >= 48, (identifier, box(page, identifier))
    page.set_viewport_size(VIEWPORT)
    open_app(page, app_url + "directory")  # a chip without padding of its own: the theme's
    assert box(page, "chip-sector-aero")["height"] >= 48, box(page, "chip-sector-aero")


def test_add_to_calendar_downloads_where_the_browser_cannot_share(page: Page, app_url: str) -> None:
    open_app(page, app_url + "activity/tue-gala-dinner")
    assert page.evaluate("typeof navigator.canShare") != "function"  # as on most desktops
    reveal(page, "add-to-calendar")
    with page.expect_download(timeout=TIMEOUT) as download:
        tap(page, "add-to-calendar")
    assert download.value.suggested_filename == "tue-gala-dinner.ics"
    body = Path(download.value.path()).read_bytes()
    assert b"BEGIN:VCALENDAR" in body and b"tue-gala-dinner" in body
    expect(page.get_by_text("That did not work")).to_have_count(0)


def test_search_filters_as_the_person_types(page: Page, app_url: str) -> None:
    open_app(page, app_url + "programme")
    count = page.locator("[flt-semantics-identifier='programme-count']")
    expect(count).to_be_attached(timeout=TIMEOUT)
    before = count.inner_text()
    page.locator("[flt-semantics-identifier='programme-search'] input").first.click()
    page.keyboard.type("semin", delay=40)
    page.wait_for_timeout(600)  # a pause longer than the debounce; no Enter
    page.keyboard.type("aire", delay=40)
    expect(count).not_to_have_text(before, timeout=TIMEOUT)
    see(page, "Searching all days")
    field = page.locator("[flt-semantics-identifier='programme-search'] input").first
    expect(field).to_have_value("seminaire")  # the field kept its focus and every letter
    expect(page.locator("[flt-semantics-identifier='clear-search']")).to_be_attached()


def test_an_open_tab_recovers_by_itself_after_a_server_restart(
    browser: Browser, tmp_path: Path
) -> None:
    port = free_port()
    env = {"DELEGATE_NOW": NOW}
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    try:
        page = context.new_page()
        with app_server(tmp_path, env, port=port) as url:
            open_app(page, url)
            see(page, "My agenda")
            page.evaluate("window.__before_restart = true")
        with app_server(tmp_path, env, port=port):
            # the page reloads by itself: a new document, painted, with the agenda
            page.wait_for_function(
                "!window.__before_restart && window.__firstFrame === true", timeout=60000
            )
            enable_semantics(page)
            see(page, "Demo agenda: Lotte Vermeulen")
            expect(page.get_by_text("Error running app")).to_have_count(0)
    finally:
        context.close()


def test_a_tap_on_a_small_map_opens_the_venue(page: Page, app_url: str) -> None:
    open_app(page, app_url + "activity/tue-nasa-ames")
    reveal(page, "small-map-nasa-ames")
    area = box(page, "small-map-nasa-ames")
    page.mouse.click(area["x"] + area["width"] / 2, area["y"] + min(area["height"] / 2, 40))
    page.wait_for_url("**/venue/nasa-ames", timeout=TIMEOUT)
