"""The frame: the parts of the bars that stay the same are the same controls in each drawing."""

from __future__ import annotations

import flet as ft

from tests.views.harness import App, walk
from views.components.text_scale import PROBE


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
    """At 320 px My agenda's four buttons leave 112 px: 'Mijn agenda' at 20 px read 'Mijn
    age…'. The title is as large as lets it whole on one line there; wider, 20."""
    await app.pick_language("nl")
    for width, size in ((320.0, 16), (390.0, 20)):
        await resize(app, width)
        assert title_size(app) == size, width
    assert title_lines(app) == ["Mijn agenda"]


async def resize(app: App, width: float) -> None:
    app.page.width = width
    await app.fire(app.page, "resize", {"width": width, "height": 700.0})


async def text_size(app: App, scale: float) -> None:
    """The text-size probe reports what Flutter measured: text drawn `scale` times larger."""
    probe = app.page.views[-1].controls[-1]
    assert isinstance(probe, ft.Stack) and probe.key == "text-scale"
    measured = next(c for c in walk(probe) if isinstance(c, ft.Container) and c.on_size_change)
    await app.fire(measured, "size_change", {"w": PROBE * 0.8 * scale, "h": PROBE * scale})


def title_lines(app: App) -> list[str]:
    bar = app.page.views[-1].appbar
    assert isinstance(bar, ft.AppBar)
    return [str(c.value) for c in walk(bar.title) if isinstance(c, ft.Text)]


def heading_of(app: App) -> str:
    """The first text of the screen's pane (its title, when it is under the bar)."""
    return next(str(c.value) for c in walk(app.find("pane-main")) if isinstance(c, ft.Text))


async def test_the_probe_measures_the_text_size_and_the_screen_is_drawn_again(app: App) -> None:
    assert app.shell is not None
    state = app.shell.ctx.state
    drawn = app.shell.drawn
    await text_size(app, 1.5)
    assert state.text_scale == 1.5 and app.shell.drawn == drawn + 1
    await text_size(app, 1.5)  # the same size: nothing to draw again
    assert app.shell.drawn == drawn + 1


async def test_at_150_percent_my_agenda_goes_under_the_bar_in_every_language(app: App) -> None:
    """390 px zoomed to 150 % is 260 px: My agenda's four buttons left its title 36 px, 'Mij…'
    (and at 320 px zoomed, 213 px, none at all). The title goes above the screen, whole."""
    for lang, title in (("en", "My agenda"), ("fr", "Mon agenda"), ("nl", "Mijn agenda")):
        await app.pick_language(lang)
        for width in (260.0, 213.0):
            await resize(app, width)
            assert title_lines(app) == [] and heading_of(app) == title, (lang, width)
        await resize(app, 390.0)
        assert title_lines(app) == [title] and heading_of(app) != title


async def test_a_long_title_beside_few_buttons_takes_two_lines_between_words(app: App) -> None:
    await app.pick_language("nl")
    await app.go("/map/2025-10-08")
    await resize(app, 260.0)
    bar = app.page.views[-1].appbar
    assert isinstance(bar, ft.AppBar) and bar.toolbar_height  # room for two lines
    title = next(c for c in walk(bar.title) if isinstance(c, ft.Text))
    assert title.value == "Locaties en kaart" and title.max_lines == 2


def segments(app: App, name: str) -> ft.SegmentedButton:
    button = app.find(f"setting-{name}").content
    assert isinstance(button, ft.SegmentedButton)
    return button


async def test_language_buttons_stack_where_a_name_would_break_inside_a_word(app: App) -> None:
    """'Nederlan-ds', 'Englis-h', 'Franç-ais' at 390 px zoomed to 150 % or with large text:
    the three stack, each on its own line; side by side where the names fit."""
    await app.go("/settings")
    for width, scale, stacked in (
        (390.0, 1.0, False),
        (320.0, 1.0, False),
        (260.0, 1.0, True),
        (213.0, 1.0, True),
        (390.0, 1.5, True),
    ):
        await text_size(app, scale)
        await resize(app, width)
        side_by_side = segments(app, "language").direction is None
        assert side_by_side != stacked, (width, scale)


async def test_tab_names_hide_where_one_would_break_inside_a_word(app: App) -> None:
    """At 260 px 'Instellingen' and 'Program-me' broke in two; with large text at 390 px the
    five names ran into each other ('My agendaProgramme')."""
    await app.pick_language("nl")
    for width, scale, behaviour in (
        (390.0, 1.0, None),
        (260.0, 1.0, ft.NavigationBarLabelBehavior.ALWAYS_HIDE),
        (390.0, 1.5, ft.NavigationBarLabelBehavior.ALWAYS_HIDE),
    ):
        await text_size(app, scale)
        await resize(app, width)
        assert bar_of(app).label_behavior == behaviour, (width, scale)
