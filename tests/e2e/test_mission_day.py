"""The mission day in Chromium: a republished announcement becomes a banner, the safety card
works with the feed server gone, and private notes survive a reload."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from backend.publish import publish
from services.contacts import display_phone
from tests.backend.servers import SECRET, backend_server
from tests.backend.sources import edit
from tests.e2e.browser import (
    TIMEOUT,
    VIEWPORT,
    app_server,
    open_app,
    pick_language,
    reveal,
    see,
    tap,
)
from tests.e2e.conftest import DEMO, NOW, two_delegates

pytestmark = pytest.mark.e2e
FLASH = (
    "flash-n200,2025-10-07,15:30,urgent,everyone,,Reception moved to Building N-200,"
    "Réception déplacée au bâtiment N-200,Receptie verplaatst naar gebouw N-200,,,\n"
)


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    yield context.new_page()
    context.close()


def test_republished_announcement_then_safety_card_with_the_feed_server_gone(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    base = tmp_path_factory.mktemp("mission-day")
    source, out = two_delegates(base), base / "feed"
    assert not publish(source, out, SECRET, "http://127.0.0.1/").errors
    feed_server = backend_server(out)
    feed_url = feed_server.__enter__()
    feed: str | None = feed_url
    try:
        with app_server(base / "app", {"DELEGATE_NOW": NOW, "DELEGATE_FEED_URL": feed_url}) as app:
            context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
            try:
                page = context.new_page()
                _banner_after_republish(page, app, source, out)
                feed_server.__exit__(None, None, None)  # the network is cut: no feed any more
                feed = None
                _safety_card(page, app)
            finally:
                context.close()
    finally:
        if feed is not None:
            feed_server.__exit__(None, None, None)


def _banner_after_republish(page: Page, app: str, source: Path, out: Path) -> None:
    open_app(page, app + f"join/{DEMO}")  # signed in: the demo delegate's own agenda
    see(page, "Lotte Vermeulen")
    see(page, "Mijn agenda")  # her language: saved with her link, so a reload keeps both
    open_app(page, app + "settings")  # a reload: Flet gives this browser its session back
    see(page, "Actueel")  # signed in as Lotte: Dutch; the sign-in fetched everything
    _republish_with_announcement(source, out)
    reveal(page, "sync-now")  # below the fold when signed in: a tap there reaches nothing
    tap(page, "sync-now")
    see(page, ": 1 wijziging")  # her reception ends later: the sync has committed
    open_app(page, app + "agenda")
    see(page, "Receptie verplaatst naar gebouw N-200")
    banner = page.locator("[flt-semantics-identifier='banner-flash-n200']")
    expect(banner).to_have_count(1)


def type_text(page: Page, editor: Locator, text: str, tries: int = 3) -> None:
    """Flutter listens for keys a moment after its DOM editor takes focus, and a key typed in
    between is lost (seen under load): select all and type again, a bounded number of times."""
    for _ in range(tries - 1):
        page.keyboard.press("Control+A")
        page.keyboard.type(text, delay=20)
        try:
            expect(editor).to_have_value(text, timeout=5000)
            return
        except AssertionError:
            continue
    page.keyboard.press("Control+A")
    page.keyboard.type(text, delay=20)
    expect(editor).to_have_value(text, timeout=TIMEOUT)


def _safety_card(page: Page, app: str) -> None:
    """The next visit with the feed gone: everything comes from the app's store."""
    open_app(page, app + "agenda")
    # the reconnected session tried at once and says so, in the delegate's language (nl)
    unreachable = page.get_by_text(re.compile("Could not reach the organisers|niet bereikbaar"))
    expect(unreachable.first).to_be_visible(timeout=TIMEOUT)
    pick_language(page, "Français")
    tap(page, "safety-button")
    see(page, display_phone("+14155550199"))  # the duty phone
    reveal(page, "safety-consulate")  # the example gives no number: never a made-up one
    see(page, "Les organisateurs n’ont pas communiqué de numéro pour le consulat")
    reveal(page, "safety-line-sfpd-non-emergency")  # the other lines, after 911
    reveal(page, "hotel-card")
    see(page, "Votre hôtel ce soir")
    see(page, "333 O'Farrell St, San Francisco, CA 94102")  # tonight: San Francisco
    see(page, "Please take me to this address:")  # English for the driver
    reveal(page, "safety-hospital")
    see(page, "El Camino Hospital Mountain View")  # nearest to NASA Ames at 15:40


def _republish_with_announcement(source: Path, out: Path) -> None:
    with (source / "announcements.csv").open("a", encoding="utf-8") as f:
        f.write(FLASH)
    edit(source / "activities.csv", "tue-chm-reception", end="18:30")  # one of Lotte's
    mission = (source / "mission.csv").read_text(encoding="utf-8")
    (source / "mission.csv").write_text(mission.replace("revision,1", "revision,2"), "utf-8")
    assert not publish(source, out, SECRET, "http://127.0.0.1/").errors
    assert b"flash-n200" in (out / "mission.json").read_bytes()


def test_private_notes_survive_a_reload(tab: Page, app_url: str) -> None:
    open_app(tab, app_url + f"join/{DEMO}")
    see(tab, "Lotte Vermeulen")
    see(tab, "Mijn agenda")  # the sign-in is saved: before it, a reload knows no one
    open_app(tab, app_url + "meeting/m-whitfield")
    reveal(tab, "note-text")
    tab.locator("[flt-semantics-identifier='note-text']").click()
    editor = tab.locator("[flt-semantics-identifier='note-text'] textarea").first
    expect(editor).to_be_focused(timeout=TIMEOUT)  # keys typed before focus would be lost
    type_text(tab, editor, "Samples by 20 October")
    reveal(tab, "note-save")
    tap(tab, "note-save")
    see(tab, "Notities bewaard op dit toestel")  # Lotte reads Dutch
    tab.reload()
    open_app(tab, app_url + "meeting/m-whitfield")
    reveal(tab, "note-text")
    tab.locator("[flt-semantics-identifier='note-text']").click()
    field = tab.locator("[flt-semantics-identifier='note-text'] textarea").first
    expect(field).to_be_focused(timeout=TIMEOUT)  # Flutter fills the DOM editor on focus
    expect(field).to_have_value("Samples by 20 October", timeout=TIMEOUT)
