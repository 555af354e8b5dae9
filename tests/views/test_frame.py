"""The frame: the parts of the bars that stay the same are the same controls in each drawing."""

from __future__ import annotations

import flet as ft

from tests.views.harness import App


def parts(app: App) -> list[ft.Control]:
    bar = app.page.views[-1].navigation_bar
    assert isinstance(bar, ft.NavigationBar)
    return [app.find("safety-button"), app.find("language-menu"), *bar.destinations]


async def test_a_tab_switch_keeps_the_bars_parts_that_did_not_change(app: App) -> None:
    before = parts(app)
    await app.tab(1)
    # the very same drawn controls: Flet finds them where they were and compares no further
    assert all(a is b for a, b in zip(parts(app), before, strict=True))
    assert app.page.views[-1].navigation_bar.selected_index == 1  # type: ignore[union-attr]


async def test_another_language_draws_the_bars_parts_anew(app: App) -> None:
    before = parts(app)
    await app.pick_language("fr")
    now = parts(app)
    assert not any(a is b for a, b in zip(now, before, strict=True))
    assert app.find("safety-button").content.tooltip == "Sécurité"  # type: ignore[union-attr]


async def test_kept_parts_keep_their_place_when_a_screens_own_actions_come_and_go(
    app: App,
) -> None:
    """My agenda has an action of its own before them, the Programme none: paired by
    position, the safety button took over the announcements button's id (and the language
    menu the safety button's)."""
    assert app.has("announcements-link")
    ids = [c._i for c in parts(app)]
    await app.tab(1)
    assert not app.has("announcements-link") and [c._i for c in parts(app)] == ids
    await app.tab(0)
    assert app.has("announcements-link") and [c._i for c in parts(app)] == ids


async def test_the_language_menu_is_a_48_px_target_like_the_other_bar_buttons(app: App) -> None:
    """A PopupMenuButton pads its 24 px icon by 8 (40 px, under the 48 px a thumb needs); the
    bar's icon buttons are padded by 12 (the theme)."""
    menu = app.find("language-menu").content
    assert isinstance(menu, ft.PopupMenuButton)
    padding = menu.padding
    assert isinstance(padding, ft.Padding), padding
    assert 24 + padding.top + padding.bottom >= 48 and 24 + padding.left + padding.right >= 48


def bar_of(app: App) -> ft.NavigationBar:
    bar = app.page.views[-1].navigation_bar
    assert isinstance(bar, ft.NavigationBar)
    return bar


async def test_a_narrow_window_names_only_the_chosen_tab(app: App) -> None:
    """At 320 px (or a 390 px phone zoomed to 125 %) the five labels ran into each other
    ('Mijn agendaProgramma'): there, only the chosen tab shows its name; wider, all five."""
    for width, behaviour in (
        (320.0, ft.NavigationBarLabelBehavior.ONLY_SHOW_SELECTED),
        (390.0, None),
        (359.0, ft.NavigationBarLabelBehavior.ONLY_SHOW_SELECTED),
        (1024.0, None),
    ):
        app.page.width = width
        await app.fire(app.page, "resize", {"width": width, "height": 700.0})
        assert bar_of(app).label_behavior == behaviour, width


def title_size(app: App) -> float | None:
    bar = app.page.views[-1].appbar
    assert isinstance(bar, ft.AppBar) and isinstance(bar.title, ft.Column)
    title = bar.title.controls[0]
    assert isinstance(title, ft.Text)
    return title.size


async def test_a_narrow_window_gives_the_title_room_beside_my_agendas_buttons(app: App) -> None:
    """At 320 px My agenda's four buttons left 112 px: 'Mijn agenda' at 20 px read 'Mijn age…'.
    Below 360 px the title is 17 px ('Mijn agenda' ~96 px); wider, 20."""
    for width, size in ((320.0, 17), (390.0, 20)):
        app.page.width = width
        await app.fire(app.page, "resize", {"width": width, "height": 700.0})
        assert title_size(app) == size, width
