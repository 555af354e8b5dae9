"""Large text and browser zoom in Chromium: Flutter draws text larger and tells the app only
through the frame's probe (views/components/text_scale.py); the bars then fit whole words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from tests.e2e.browser import TIMEOUT, app_server, box, open_app, pick_language, settle
from tests.e2e.conftest import NOW

pytestmark = pytest.mark.e2e
# a browser's text size is its root font size (Chrome's Settings, Android's font scale)
LARGE_TEXT = (
    "document.addEventListener('DOMContentLoaded', () => "
    "{ document.documentElement.style.fontSize = '24px'; });"
)


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with app_server(tmp_path_factory.mktemp("e2e-large-text"), {"DELEGATE_NOW": NOW}) as url:
        yield url


def phone(browser: Browser, width: int, zoom: float = 1.0, large_text: bool = False) -> Page:
    """A 844 px high phone `width` px wide, zoomed in the browser by `zoom`."""
    size: ViewportSize = {"width": round(width / zoom), "height": round(844 / zoom)}
    page = browser.new_context(viewport=size, device_scale_factor=zoom).new_page()
    if large_text:
        page.add_init_script(LARGE_TEXT)
    return page


def test_with_large_text_the_language_buttons_stack(browser: Browser, demo_url: str) -> None:
    """'Nederlan-ds' at 390 px with text at 150 %: the probe reports the size and the three
    languages stack, one a line (three 48 px rows, not one)."""
    page = phone(browser, 390, large_text=True)
    try:
        open_app(page, demo_url + "settings")
        pick_language(page, "Nederlands")
        page.get_by_text("Taal", exact=True).wait_for(timeout=TIMEOUT)
        settle(page)
        assert box(page, "setting-language")["height"] >= 3 * 48
    finally:
        page.context.close()


@pytest.mark.parametrize("width", [390, 320])
def test_at_150_percent_my_agenda_is_named_above_it_not_cut(
    browser: Browser, demo_url: str, width: int
) -> None:
    """Beside My agenda's four buttons, zoomed to 150 %, the title read 'Mij…' (390 px) or
    nothing at all (320): it is the screen's first line instead, whole."""
    page = phone(browser, width, zoom=1.5)
    try:
        open_app(page, demo_url + "agenda")
        pick_language(page, "Nederlands")
        page.get_by_role("tab", name="Mijn agenda").wait_for(timeout=TIMEOUT)
        settle(page)
        found = box(page, "screen-title")
        assert found["y"] >= 56 and found["y"] + found["height"] <= 200, found  # under the bar
        title = page.locator("[flt-semantics-identifier='screen-title']")
        assert "Mijn agenda" in (title.get_attribute("aria-label") or title.inner_text())
    finally:
        page.context.close()
