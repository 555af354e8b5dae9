"""Panes: another screen is sent whole, the same screen drawn again is compared in place."""

from __future__ import annotations

import re
from pathlib import Path

import flet as ft
import msgpack

from tests.views.harness import App
from views.components.panes import READABLE, fold_least


def pane_id(app: App, identifier: str = "pane-main") -> int:
    return app.find(identifier)._i


async def test_tab_switch_sends_the_new_screen_whole(app: App) -> None:
    agenda = pane_id(app)
    await app.tab(1)
    # a new control, not the agenda's pane reconciled field by field into the Programme's
    assert app.route == "/programme" and pane_id(app) != agenda


async def test_same_screen_drawn_again_keeps_its_pane(app: App) -> None:
    await app.tab(1)
    programme = pane_id(app)
    await app.tap("chip-day-2025-10-09")
    await app.type_into("programme-search", "visit")
    assert pane_id(app) == programme  # compared in place: the search field keeps its focus


async def test_wide_list_pane_stays_while_items_open_beside_it(app: App) -> None:
    app.page.width = 1000
    await app.go("/agenda")
    listed = pane_id(app, "pane-list")
    await app.tap("row-m-patel")
    assert app.has("pane-detail") and pane_id(app, "pane-list") == listed


async def test_wide_list_keeps_its_place_while_items_open_beside_it(app: App) -> None:
    """On a laptop, the Programme scrolled to the afternoon jumped back to its top at each item
    opened beside it: Flet's client builds a new page for a view whose route changed. The view
    keeps one route while two panes show; a phone's screens keep their own."""
    app.page.width = 1000
    await app.go("/programme")
    routes = {app.page.views[0].route}
    for row in ("row-tue-b2b-lifesci", "row-tue-chm-reception"):
        await app.tap(row)
        routes.add(app.page.views[0].route)
    assert app.route == "/activity/tue-chm-reception" and len(routes) == 1
    app.page.width = 390
    await app.go("/programme")
    phone = app.page.views[0].route
    await app.go("/activity/tue-b2b-lifesci")
    assert (phone, app.page.views[0].route) == ("/programme", "/activity/tue-b2b-lifesci")


def rows_sent(app: App) -> list[list[str]]:
    """The list rows each message the server sent carries, in order, message by message."""
    assert app.conn.sent is not None
    found = []
    for packed in app.conn.sent:
        text = msgpack.unpackb(packed, strict_map_key=False)
        found.append(re.findall(r"'(row-[^']+)'", str(text)))
    return [rows for rows in found if rows]


async def phone(tmp_path: Path) -> App:
    app = App(tmp_path)
    app.page.width, app.page.height = 390, 844
    return await app.start("/agenda")


async def test_a_new_screen_sends_first_what_fills_a_phone_then_the_rest(tmp_path: Path) -> None:
    app = await phone(tmp_path)
    try:
        app.conn.sent = []
        await app.tab(1)
        first, rest = rows_sent(app)
        # 3.2 cards show on a 390x844 phone: 6 of 17 go first, the 11 others right after
        assert 3 < len(first) < 8 and len(first) + len(rest) == 17
        assert app.identifiers("row-") == first + rest  # one list, in order
        app.conn.sent = []
        await app.tap("chip-day-2025-10-09")  # the same screen drawn again: compared, whole
        assert len(rows_sent(app)) == 1
    finally:
        await app.close()


async def test_a_screen_drawn_again_before_its_rest_is_drawn_whole(tmp_path: Path) -> None:
    """A tap (or new data) between the first part and the rest: that drawing is the whole
    screen, and the rest of the earlier one is dropped, not added after it."""
    app = await phone(tmp_path)
    try:
        assert app.shell is not None
        app.shell.routes.show("/programme")
        app.conn.sent = []
        app.shell.routes.show("/programme/")  # drawn again before the loop came round to the rest
        await app.settle()
        # the 6 cards drawn first are found in place: the drawing adds the 11 others, once
        assert [len(rows) for rows in rows_sent(app)] == [11] and not app.toasts()
        assert len(app.identifiers("row-")) == 17
    finally:
        await app.close()


async def test_an_unknown_window_height_sends_the_screen_whole(app: App) -> None:
    app.conn.sent = []
    await app.tab(1)
    assert [len(rows) for rows in rows_sent(app)] == [17]


def contacts_sent(app: App) -> list[list[str]]:
    """The contact cards each message the server sent carries, message by message."""
    assert app.conn.sent is not None
    found = []
    for packed in app.conn.sent:
        text = str(msgpack.unpackb(packed, strict_map_key=False))
        found.append(re.findall(r"'(contact-[^']+)'", text))
    return [cards for cards in found if cards]


async def test_contacts_shown_anew_send_first_what_fills_a_phone_then_the_rest(
    tmp_path: Path,
) -> None:
    app = await phone(tmp_path)
    try:
        app.conn.sent = []
        await app.tab(3)
        first, rest = contacts_sent(app)
        # ~2.5 contacts show on a 390x844 phone (~200 px a card; a card's least is 96 px)
        assert 2 < len(first) <= 7 and len(rest) >= 3
        assert app.identifiers("contact-") == first + rest  # one list, in order
        app.conn.sent = []
        await app.tab(3)  # the same screen drawn again: compared, whole
        assert len(contacts_sent(app)) <= 1
    finally:
        await app.close()


def test_fold_least_counts_controls_until_a_phone_is_full() -> None:
    # 844 - 136 px of bars leaves 708: 48 + 32 + 6 x 96 = 656, and a 7th card shows in part
    assert fold_least(844, [48, 32, *[96] * 10]) == 9
    assert fold_least(844, [48, 32, 96]) == 3  # all of it fits: the screen is sent whole
    assert fold_least(0, [48, 32, 96]) is None  # the height is not known yet


def readable_width(app: App) -> float | None:
    """The width the single pane is held to, or None: the window's."""
    view = app.page.views[-1]
    row = view.controls[0]
    if isinstance(row, ft.Row) and isinstance(row.controls[0], ft.Container):
        return row.controls[0].width
    return None


async def test_one_pane_on_a_laptop_keeps_a_tablets_width_but_the_map_fills_it(app: App) -> None:
    """Settings on a 1280 px laptop: three language buttons of 420 px, lines of 150 letters.
    A single pane is centred at READABLE wide; the map (a picture) and a phone keep theirs."""
    app.page.width = 1280
    for route in ("/settings", "/contacts", "/safety", "/about"):
        await app.go(route)
        assert readable_width(app) == READABLE, route
    await app.go("/map")
    assert readable_width(app) is None
    await app.go("/programme")
    assert app.has("pane-list") and readable_width(app) is None  # two panes: the whole window
    app.page.width = 390
    await app.go("/settings")
    assert readable_width(app) is None
