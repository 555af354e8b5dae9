"""Panes: another screen is sent whole, the same screen drawn again is compared in place."""

from __future__ import annotations

from tests.views.harness import App


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
