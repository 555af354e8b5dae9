"""Headless Chromium at 390x844 against the app in web mode: what a delegate sees and does."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import Browser, FloatRect, Page, expect

from tests.e2e.browser import (
    TIMEOUT,
    VIEWPORT,
    box,
    open_app,
    pick_language,
    reveal,
    see,
    settle,
    tap,
)
from tests.e2e.conftest import ARTIFACTS, DEMO, SECOND

pytestmark = pytest.mark.e2e
# the demo agenda's subtitle in any language: 'Demo agenda:', 'Demo-agenda:', 'Agenda de démo :'
DEMO_MARK = re.compile(r"demo.agenda|agenda de d[ée]mo", re.IGNORECASE)


def go(page: Page, app_url: str, route: str) -> None:
    open_app(page, app_url + route.lstrip("/"))


def follow(page: Page, route: str) -> None:
    """The address changes in the loaded app, as the browser's Back and Forward change it:
    the app shows that route without loading again."""
    page.evaluate(
        "r => { history.pushState(null, '', r); dispatchEvent(new PopStateEvent('popstate')); }",
        "/" + route.lstrip("/"),
    )


def test_a_visitor_sees_the_programme_and_a_sign_in_card(page: Page) -> None:
    see(page, "Sign in with your personal code")
    see(page, "earlier activities")  # 15:40: the morning, over, is one line above what is on
    tap(page, "agenda-earlier")  # the morning, folded into one line, opens on a tap
    see(page, "Coaches to Silicon Valley")
    expect(page.get_by_text("Lotte Vermeulen").or_(page.get_by_label("Lotte"))).to_have_count(0)
    expect(page.get_by_role("tab", name="Programme")).to_be_visible()


def test_switching_to_dutch_then_french_changes_the_texts(page: Page) -> None:
    see(page, "My agenda")
    pick_language(page, "Nederlands")
    see(page, "Mijn agenda")
    see(page, "dinsdag 7 oktober")
    pick_language(page, "Français")
    see(page, "Mon agenda")
    see(page, "mardi 7 octobre")


@pytest.mark.parametrize(
    ("locale", "width", "height"), [("fr-BE", 360, 740), ("en-GB", VIEWPORT["width"], 844)]
)
def test_the_programme_days_fit_on_one_line(
    browser: Browser, app_url: str, locale: str, width: int, height: int
) -> None:
    """The six mission days as chips above the list: one line on a phone, not two, each 48 px
    high (they were 34: the busiest taps of the Programme)."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
    try:
        page = context.new_page()
        go(page, app_url, "/programme")
        see(page, "Programme")  # the title in French and in English
        days = [f"chip-day-2025-10-{d:02d}" for d in range(5, 11)]
        tops = {round(box(page, day)["y"]) for day in days}
        assert len(tops) == 1, tops
        heights = {day: box(page, day)["height"] for day in days}
        assert min(heights.values()) >= 48, heights  # a thumb's target, as everywhere else
        assert outlines_fill_their_share(page, days) == [], "a day drawn narrower than its share"
    finally:
        context.close()


def outlines_fill_their_share(page: Page, days: list[str]) -> list[str]:
    """The days whose outline does not start at the left edge of their share of the row: a
    Chip kept its label's width, narrow pills with a dead gap around each on a phone."""
    shot = Image.open(io.BytesIO(settle(page))).convert("L")  # painted, not the frame before
    narrow = []
    for day in days:
        found = box(page, day)
        x, y = round(found["x"]), round(found["y"] + found["height"] / 2)
        edge = min(grey(shot, x + dx, y) for dx in range(3))
        outside = grey(shot, x - 2, y)  # the row's spacing, or the margin
        if not outside - edge > 15:
            narrow.append(day)
    return narrow


def grey(shot: Image.Image, x: int, y: int) -> int:
    return int(shot.getpixel((x, y)))  # type: ignore[arg-type]


def settled_box(page: Page, identifier: str) -> FloatRect:
    """Where a control is once two looks a quarter second apart agree (bounded): right after a
    tap the semantics tree can still hold a frame of the panel opening."""
    found = box(page, identifier)
    for _ in range(20):
        page.wait_for_timeout(250)
        again = box(page, identifier)
        if again == found:
            break
        found = again
    return found


def test_a_long_sector_name_wraps_inside_its_chip_at_360(browser: Browser, app_url: str) -> None:
    """Walk-through: 'Mobilité, logistique et infrastructures intelligente' was cut at the
    right edge of a 360 px phone; the chip takes a second line instead."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-BE")
    try:
        page = context.new_page()
        go(page, app_url, "/programme")
        tap(page, "programme-filters")
        first = settled_box(page, "chip-city-sf")  # right under the button, not under the bar
        assert first["height"] >= 48, first  # a thumb's target (it was 36)
        reveal(page, "chip-sector-mobility")
        long, short = box(page, "chip-sector-mobility"), box(page, "chip-sector-aero")
        assert long["x"] + long["width"] <= 360 - 12, long
        assert long["height"] > short["height"] + 10, (long, short)  # two lines, none cut
    finally:
        context.close()


def test_activity_venue_and_contacts_with_a_call_action(page: Page, app_url: str) -> None:
    go(page, app_url, "/activity/tue-nasa-ames")
    see(page, "Visit: NASA Ames Research Center")
    see(page, "Open in Maps")
    page.get_by_text("Venue details").first.click()
    see(page, "Moffett Field, CA 94035")
    page.get_by_role("tab", name="Contacts").click()
    see(page, "Mission desk San Francisco")
    reveal(page, "call-pierre-steverlynck-Mobile")
    see(page, "Pierre Steverlynck")
    call = page.locator("[flt-semantics-identifier='call-pierre-steverlynck-Mobile']")
    expect(call).to_have_attribute("aria-label", "Mobile +32 471 44 06 04 tel:+32471440604")


def test_icon_buttons_are_named_once(page: Page, app_url: str) -> None:
    """Walk-through: the announcements icon was read 'Announcements\nAnnouncements' (its
    tooltip and a label), with the badge's digits after it."""
    link = page.locator("[flt-semantics-identifier='announcements-link']")
    expect(link).to_have_attribute("aria-label", re.compile(r"^Announcements( \(\d+ unread\))?$"))
    go(page, app_url, "/programme")
    reveal(page, "bookmark-tue-startup-pitch")
    mark = page.locator("[flt-semantics-identifier='bookmark-tue-startup-pitch']")
    expect(mark).to_have_attribute("aria-label", "Add to my agenda")


def test_reload_keeps_language_and_bookmarks(page: Page, app_url: str) -> None:
    go(page, app_url, "/programme")
    see(page, "activities")
    reveal(page, "bookmark-tue-startup-pitch")
    tap(page, "bookmark-tue-startup-pitch")
    see(page, "Added to my agenda")
    pick_language(page, "Nederlands")
    see(page, "Programma")
    page.reload()
    open_app(page, app_url + "agenda/2025-10-07")
    see(page, "Mijn agenda")
    tap(page, "agenda-earlier")  # 15:40: the pitch (13:30-15:30) is over, folded with the morning
    reveal(page, "row-tue-startup-pitch")  # a visitor sees the whole day: the pitch is lower down
    see(page, "Belgische start-ups pitchen")
    see(page, "Seminarie · Bewaard")  # marked as theirs: the bookmark survived the reload


def test_two_people_never_see_each_others_agenda(browser: Browser, app_url: str) -> None:
    first = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    second = browser.new_context(viewport=VIEWPORT, locale="fr-BE")
    try:
        a, b = first.new_page(), second.new_page()
        go(a, app_url, f"/join/{DEMO}")
        go(b, app_url, f"/join/{SECOND}")
        see(b, "Jean Dupont")  # the agenda's subtitle: lasts, unlike the welcome toast
        see(a, "Lotte Vermeulen")
        demo = a.get_by_text(DEMO_MARK).or_(a.get_by_label(DEMO_MARK))
        expect(demo).to_have_count(0, timeout=TIMEOUT)  # signed in, no longer the demo
        see(a, "Mijn agenda")  # her language from the organisers' sheet: nl
        for tab, name, other in (
            (a, "Lotte Vermeulen", "Jean Dupont"),
            (b, "Jean Dupont", "Lotte Vermeulen"),
        ):
            tab.reload()
            open_app(tab, app_url + "settings")
            see(tab, name)
            expect(tab.get_by_text(other).or_(tab.get_by_label(other))).to_have_count(0)
        see(b, "Réglages")  # the French browser got French by itself
    finally:
        first.close()
        second.close()


def test_screenshots_of_every_screen_in_each_language(browser: Browser, app_url: str) -> None:
    # each screen with an element that only exists once its content is there
    routes = {
        "agenda": "sign-in-card",  # a visitor who has not signed in
        "programme": "programme-search",
        "activity/tue-gala-dinner": "activity-title",
        "map": "day-2025-10-07",
        "contacts": "contacts-organiser",
        "settings": "setting-language",
        "about": "sample-notice",
    }
    for locale in ("en-GB", "nl-BE", "fr-BE"):
        context = browser.new_context(viewport=VIEWPORT, locale=locale)
        tab = context.new_page()
        try:
            go(tab, app_url, "agenda")  # one load a language; then the app follows the address
            for route, marker in routes.items():
                follow(tab, route)
                node = tab.locator(f"[flt-semantics-identifier='{marker}']").first
                expect(node).to_be_attached(timeout=TIMEOUT)
                shot = settle(tab, ARTIFACTS / locale[:2] / f"{route.replace('/', '-')}.png")
                assert len(shot) > 10_000, route
        finally:
            context.close()
