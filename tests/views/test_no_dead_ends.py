"""Issue 14, the clumsy parts: tabs that stay, day chips that clear, chips that wrap, directions
between stops, named contact buttons (maps: test_maps_view.py)."""

from __future__ import annotations

import asyncio

import flet as ft

from tests.views.harness import App, walk
from views.programme import SEARCH_PAUSE


def selected_tab(app: App) -> int | None:
    bar = app.page.views[-1].navigation_bar
    assert isinstance(bar, ft.NavigationBar)
    return bar.selected_index


async def test_programme_day_chip_can_be_cleared_and_chip_rows_wrap(app: App) -> None:
    await app.tab(1)
    one_day = count(app)
    await app.tap("chip-day-2025-10-07")  # the chosen day again: every day
    assert app.shell is not None and app.shell.ctx.state.programme.days == set()
    assert count(app) == len(app.repo.mission.activities) > one_day
    rows = [c for c in app.controls() if isinstance(c, ft.Row) and c.scroll is not None]
    assert not rows, "no chip row scrolls sideways and cuts its chips"


async def test_search_filters_after_a_pause_and_can_be_cleared(app: App) -> None:
    await app.tab(1)
    await app.type_into("programme-search", "nasa ames", event="change")  # typed, no Enter
    await asyncio.sleep(SEARCH_PAUSE * 2)
    await app.settle()
    assert count(app) == 1 and app.has("row-tue-nasa-ames")
    await app.tap("clear-search")
    assert app.shell is not None and app.shell.ctx.state.programme.query == ""
    assert count(app) > 1


def count(app: App) -> int:
    """The number in the Programme's 'N activities' heading."""
    texts = [str(c.value) for c in walk(app.find("programme-count")) if isinstance(c, ft.Text)]
    return int(texts[0].split()[0])


async def test_a_detail_opened_from_my_agenda_keeps_my_agenda_selected(app: App) -> None:
    await app.tap("row-tue-nasa-ames")
    assert app.route == "/activity/tue-nasa-ames" and selected_tab(app) == 0
    await app.go("/activity/thu-jpl")  # a deep link: the tab the screen belongs to
    assert selected_tab(app) == 1


async def test_map_deep_link_opens_that_day(app: App) -> None:
    await app.go("/map/2025-10-09")
    assert "Thursday 9 October" in app.text()


async def test_consecutive_stops_have_directions(app: App) -> None:
    await app.go("/map/2025-10-07")
    await app.tap("directions-2")
    assert app.platform.opened[-1].startswith("https://www.google.com/maps/dir/?api=1&origin=")


async def test_my_contacts_first_and_icon_buttons_named(app: App) -> None:
    await app.tab(3)
    assert app.identifiers("contacts-")[0] == "contacts-mine"
    copy = app.find("copy-pierre-steverlynck").content
    assert isinstance(copy, ft.IconButton)
    assert copy.tooltip == "Copy the details of Pierre Steverlynck"
    await app.tap("vcard-pierre-steverlynck")
    assert app.platform.files[-1][0] == "pierre-steverlynck.vcf"


async def test_back_button_is_a_button(app: App) -> None:
    await app.go("/venue/jpl")
    back = app.find("back")
    assert isinstance(back, ft.Semantics) and back.button


async def test_tablet_width_puts_the_list_beside_the_item(app: App) -> None:
    app.page.width = 1024
    await app.go("/agenda/2025-10-07")
    assert app.has("pane-list") and app.has("pane-detail")
    await app.tap("row-tue-nasa-ames")
    assert app.has("pane-list") and app.has("row-m-patel") and app.has("activity-title")
    app.page.width = 390
    await app.go("/agenda/2025-10-07")
    assert not app.has("pane-list")


async def test_consular_help_without_a_number_calls_the_duty_phone(app: App) -> None:
    """Contacts' consular card says 'ask the mission duty phone for the consulate's details'
    but had no button to it (only Copy and vCard of a name): the Safety screen has one."""
    await app.tab(3)
    assert app.has("contact-consular-la")
    await app.tap("call-consular-la-duty")
    assert app.platform.opened[-1] == "tel:+14155550199"
    assert not app.has("call-pierre-steverlynck-duty")  # a contact with numbers keeps its own
