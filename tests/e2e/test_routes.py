"""What the browser's address bar and Back show: personal links and links opened in the tab."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.browser import VIEWPORT, open_app, see, tap
from tests.e2e.conftest import DEMO

pytestmark = pytest.mark.e2e
UNKNOWN = "b" * 26  # a well-formed code nobody has


def test_a_personal_link_leaves_no_code_in_the_address_bar(browser: Browser, app_url: str) -> None:
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    try:
        page = context.new_page()
        for code, outcome in ((UNKNOWN, "No agenda was found"), (DEMO, "Lotte Vermeulen")):
            open_app(page, app_url + f"join/{code}")
            see(page, outcome)
            expect(page).to_have_url(app_url + "agenda")  # read, then gone, valid or not
        open_app(page, page.url)  # and the app loads again from there, still signed in
        see(page, "Lotte Vermeulen")
    finally:
        context.close()


def test_back_after_opening_a_link_returns_to_where_it_was_opened(page: Page, app_url: str) -> None:
    """Walk-through finding 10: Back went to Settings, from the session's older steps."""
    open_app(page, app_url + "settings")
    page.get_by_role("tab", name="My agenda").click()
    tap(page, "agenda-earlier")  # 15:40: the morning's coaches are folded with what is over
    tap(page, "row-tue-coach-valley")
    see(page, "Coaches leave on time")
    tap(page, "back")
    expect(page).to_have_url(re.compile(r"/agenda$"))
    open_app(page, app_url + "activity/tue-gala-dinner")  # a link, opened in this tab
    see(page, "Gala dinner hosted by the Ambassador of Belgium")
    tap(page, "back")
    # where it was opened (the reload kept the session), or the tab the activity belongs to (a
    # new session): never a screen from older steps
    expect(page).to_have_url(re.compile(r"/(agenda|programme)$"))
