"""In Chromium: My agenda moves on by itself when the meeting on it ends, with no tap and no
reload (the session's clock, over the WebSocket)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.browser import TIMEOUT, VIEWPORT, app_server, open_app, see

pytestmark = pytest.mark.e2e
# The demo clock starts with the session: the B2B with Raj Patel ends 15 s after it opens.
START = "2025-10-07T15:44:45-07:00"


def test_my_agenda_moves_on_when_the_meeting_ends(browser: Browser, tmp_path: Path) -> None:
    with app_server(tmp_path / "app", {"DELEGATE_NOW": START}) as url:
        page = browser.new_context(viewport=VIEWPORT, locale="en-GB").new_page()
        try:
            open_app(page, url + "agenda")
            see(page, "Now, until 15:45")
            following = page.get_by_text("Next: in 45 min", exact=False).or_(
                page.get_by_label("Next: in 45 min", exact=False)
            )
            expect(following.first).to_be_attached(timeout=15_000 + TIMEOUT)
            now = page.get_by_text("Now, until 15:45", exact=False)
            expect(now).to_have_count(0)
        finally:
            page.context.close()
