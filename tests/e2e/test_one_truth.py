"""Two browsers on one hosted server: what one session's sync brings, every session shows."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from backend.publish import publish
from tests.backend.servers import SECRET, backend_server
from tests.backend.sources import edit
from tests.e2e.browser import TIMEOUT, VIEWPORT, app_server, open_app, see, tap
from tests.e2e.conftest import NOW, two_delegates

pytestmark = pytest.mark.e2e


def test_republish_reaches_a_second_session_that_did_not_sync(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    base = tmp_path_factory.mktemp("one-truth")
    source, out = two_delegates(base), base / "feed"
    assert not publish(source, out, SECRET, "http://127.0.0.1/").errors
    with (
        backend_server(out) as feed,
        app_server(base / "app", {"DELEGATE_FEED_URL": feed, "DELEGATE_NOW": NOW}) as app,
    ):
        contexts = [browser.new_context(viewport=VIEWPORT, locale="en-GB") for _ in range(2)]
        try:
            a, b = (context.new_page() for context in contexts)
            open_app(a, app + "settings")
            open_app(b, app + "activity/tue-nasa-ames")
            see(b, "NASA")
            edit(
                source / "activities.csv",
                "tue-nasa-ames",
                room_en="Building N-200",
                room_fr="Bâtiment N-200",
                room_nl="Gebouw N-200",
            )
            mission = (source / "mission.csv").read_text(encoding="utf-8")
            (source / "mission.csv").write_text(
                mission.replace("revision,1", "revision,2"), encoding="utf-8"
            )
            assert not publish(source, out, SECRET, "http://127.0.0.1/").errors
            tap(a, "sync-now")
            see(a, "Updated")
            # B never synced: the store's commit re-rendered it with the new room
            found = b.get_by_text("Building N-200", exact=False)
            expect(found.first).to_be_attached(timeout=TIMEOUT)
        finally:
            for context in contexts:
                context.close()
