"""The frame around every screen: app bar (back, title, language menu) and navigation bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

import flet as ft

from services.i18n import LANGUAGE_NAMES
from services.models import LANGS
from views.components.bar_title import fitted_title, has_back, title_lines
from views.components.fit import bar_height, tabs_named
from views.components.panes import body
from views.components.shared import shared
from views.components.text_scale import text_scale_probe
from views.context import Ctx, Screen
from views.routes import TABS, Route

P = TypeVar("P")


def app_view(
    ctx: Ctx,
    beside: Screen | None,
    route: Route,
    appbar: ft.AppBar,
    bar: ft.NavigationBar | None,
    screen: Screen,
    wide: bool = False,
) -> ft.View:
    """The app's one view: `screen` (and the list `beside` it) between the bars."""
    return ft.View(
        key="app",
        # Flet's client keys its page by this route: a new route was a new page, and the list
        # beside the item (a wide window) went back to its top each time an item was opened
        route="/two-panes" if beside is not None else route.path(),
        appbar=appbar,
        # the probe, out of sight, measures the text size the bars are fitted to
        controls=[*body(ctx, screen, beside, route, wide), text_scale_probe(ctx)],
        navigation_bar=bar,
        bgcolor=ft.Colors.WHITE if screen.full_screen else None,
        padding=0,
        spacing=0,
    )


def kept(ctx: Ctx, name: str, make: Callable[[Ctx], P]) -> P:
    """A part of the bars that stays the same while the language does, made once a session
    and language: the very same drawn controls in each drawing, which Flet finds where they
    were and compares no further (~1 ms a tab switch went to comparing a new copy). Keyed
    where the controls before them change (a screen's own actions): Flet pairs a list's
    unkeyed controls by position, and would make a kept one take over another's place."""
    lang, part = ctx.state.frame.get(name, (None, None))
    if lang != ctx.tr.lang or part is None:
        part = make(ctx)
        ctx.state.frame[name] = (ctx.tr.lang, part)
    return cast(P, part)


def app_bar(
    ctx: Ctx, screen: Screen, route: Route, back: Callable[[], None], width: float | None
) -> ft.AppBar:
    """Back, the title (and subtitle), the screen's own buttons, Safety and the language menu;
    the title never cut inside a word (views/components/fit.py): smaller, on two lines, or
    under the bar (`with_title`)."""
    fit = fitted_title(ctx, screen, route, width)
    title: list[ft.Control] = []
    if not fit.under_bar:
        title = title_lines(screen, fit, in_bar=True)
    leading = None
    if has_back(screen, route):
        label = ctx.tr.gettext("Back")
        leading = ft.Semantics(
            container=True,
            content=ft.IconButton(ft.Icons.ARROW_BACK, tooltip=label, on_click=lambda _e: back()),
            identifier="back",
            button=True,
        )
    return ft.AppBar(
        title=ft.Column(title, spacing=0, tight=True),
        leading=leading,
        automatically_imply_leading=False,
        actions=[
            *screen.actions,
            kept(ctx, "safety", safety_button),
            kept(ctx, "language", language_menu),
        ],
        bgcolor=ft.Colors.SURFACE_CONTAINER,
        toolbar_height=bar_height(fit, ctx.state.text_scale),
    )


def safety_button(ctx: Ctx) -> ft.Control:
    """The safety card (hotel, duty phone, consulate, 911, hospital) one tap from every screen."""
    button = ft.IconButton(
        ft.Icons.HEALTH_AND_SAFETY,
        tooltip=ctx.tr.gettext("Safety"),
        on_click=lambda _e: ctx.act.navigate("/safety"),
    )
    return ft.Semantics(
        container=True, content=button, identifier="safety-button", button=True, key="safety"
    )


# 24 px icon + 2 x 12 = 48 px, as the bar's icon buttons (the theme); a PopupMenuButton pads by 8
MENU_PADDING = shared(ft.Padding.all(12))


def language_menu(ctx: Ctx) -> ft.Control:
    """NL / FR / EN from any screen: the screen, its day, filters and search stay put."""
    current = ctx.tr.lang
    items = [
        ft.PopupMenuItem(
            content=LANGUAGE_NAMES[lang],
            checked=lang == current,
            on_click=lambda _e, lang=lang: ctx.act.set_language(lang),
        )
        for lang in LANGS
    ]
    menu = ft.PopupMenuButton(
        icon=ft.Icons.TRANSLATE,
        tooltip=ctx.tr.gettext("Language"),
        items=items,
        padding=MENU_PADDING,
    )
    return ft.Semantics(
        container=True, content=menu, identifier="language-menu", button=True, key="language"
    )


def navigation_bar(
    ctx: Ctx,
    route: Route,
    screens: list[str],
    navigate: Callable[[str], None],
    width: float | None = None,
) -> ft.NavigationBar | None:
    """The five tabs; their names all, only the chosen one's (narrow: at 320 px, or 390 zoomed
    to 125 %, they ran into each other, 'Mijn agendaProgramma') or none (a word wider than its
    tab: 'Instelling-en'); each icon keeps its name as a tooltip."""
    _ = ctx.tr.gettext
    labels = {
        "agenda": (_("My agenda"), ft.Icons.TODAY_OUTLINED, ft.Icons.TODAY),
        "programme": (_("Programme"), ft.Icons.EVENT_NOTE_OUTLINED, ft.Icons.EVENT_NOTE),
        "map": (_("Map"), ft.Icons.MAP_OUTLINED, ft.Icons.MAP),
        "contacts": (_("Contacts"), ft.Icons.CONTACT_PHONE_OUTLINED, ft.Icons.CONTACT_PHONE),
        "settings": (_("Settings"), ft.Icons.SETTINGS_OUTLINED, ft.Icons.SETTINGS),
    }
    tabs = [t for t in TABS if t in screens]
    if len(tabs) < 2:
        return None  # a NavigationBar needs two destinations
    destinations = kept(
        ctx,
        f"tabs-{'-'.join(tabs)}",
        lambda _ctx: [
            ft.NavigationBarDestination(
                label=labels[t][0], icon=labels[t][1], selected_icon=labels[t][2]
            )
            for t in tabs
        ],
    )
    tab = ctx.state.tab or route.tab  # a detail keeps the tab it was opened from
    selected = tabs.index(tab) if tab in tabs else 0
    scale = ctx.state.text_scale

    def changed(e: ft.Event[ft.NavigationBar]) -> None:
        navigate(f"/{tabs[e.control.selected_index]}")

    return ft.NavigationBar(
        destinations=list(destinations),
        selected_index=selected,
        on_change=changed,
        key=f"tabs-{ctx.state.bar_key}",
        label_behavior=LABELS[tabs_named([labels[t][0] for t in tabs], width, scale)],
    )


LABELS = {
    "all": None,
    "selected": ft.NavigationBarLabelBehavior.ONLY_SHOW_SELECTED,
    "none": ft.NavigationBarLabelBehavior.ALWAYS_HIDE,
}
