"""The app frame: routes -> screens, NavigationBar, app bar, theme, language, toasts."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import date, datetime

import flet as ft

from services.account import Account
from services.i18n import LANGUAGE_NAMES, Translator
from services.models import LANGS, Lang
from services.repository import Repository
from services.sync import Synchronizer, SyncResult, interval
from views import agenda
from views.context import Actions, Ctx, Screen, UiState
from views.platform import Platform
from views.routes import TABS, Route, parse

log = logging.getLogger(__name__)
ScreenBuilder = Callable[[Ctx], Screen]
SEED_COLOR = "#1E3A8A"


def _platform_name(page: ft.Page) -> str:
    value = getattr(page.platform, "value", page.platform)
    return str(value or "web")


class AppShell:
    def __init__(
        self,
        page: ft.Page,
        repo: Repository,
        lang: Lang,
        platform: Platform,
        screens: dict[str, ScreenBuilder] | None = None,
        syncer: Synchronizer | None = None,
        make_syncer: Callable[[str], Synchronizer] | None = None,
    ) -> None:
        self.page = page
        self.repo = repo
        self.platform = platform
        self.screens = screens or {"agenda": agenda.build}
        self.account = Account(repo, syncer, make_syncer)
        self.history: list[str] = []
        self.pushed: list[str] = []  # routes sent to the client whose echo has not come back
        self.tasks: set[asyncio.Task[None]] = set()
        self.closed = False
        actions = Actions(
            navigate=self.navigate,
            back=self.back,
            refresh=self.render,
            run=self.run,
            open_url=lambda url: self.run(lambda: platform.open_url(url)),
            copy=self._copy,
            share=lambda text, subject: self.run(lambda: platform.share(text, subject)),
            toast=self.toast,
            set_language=self.set_language,
            sync_now=self.sync_now,
            share_file=lambda name, data, mime: self.run(
                lambda: platform.share_file(name, data, mime)
            ),
            sign_in=self.sign_in,
            apply_theme=self.apply_theme,
        )
        state = UiState(platform="web" if page.web else _platform_name(page))
        status = (
            SyncResult("no_feed") if syncer is None else SyncResult("offline", self._data_time())
        )
        self.ctx = Ctx(repo, Translator(lang), state, actions, status)

    # -- lifecycle -----------------------------------------------------------------------

    def start(self) -> None:
        self.page.on_route_change = self._route_changed
        self.page.on_close = lambda _e: self.stop()
        self.page.on_disconnect = lambda _e: self.stop()
        self.apply_theme()
        self.apply_locale()
        self.show(self.page.route)
        if self.account.syncer is not None:
            self.run(self._sync_loop)

    def _route_changed(self, e: ft.RouteChangeEvent) -> None:
        """The client reports a route: a deep link, Back, or the echo of our own navigate.

        An echo can arrive after the person already moved on; applying it would pull them
        back, so echoes of routes we pushed are dropped.
        """
        if e.route in self.pushed:
            del self.pushed[: self.pushed.index(e.route) + 1]
            return
        if e.route != self.ctx.state.route.path():
            self.show(e.route)

    def stop(self) -> None:
        self.closed = True
        for task in list(self.tasks):
            task.cancel()

    def _data_time(self) -> datetime | None:
        stored = self.repo.store.load("mission")
        return stored.fetched_at if stored else None

    def run(self, work: Callable[[], Awaitable[None]]) -> None:
        """Run async work without blocking the UI; errors become a toast, never a crash."""

        async def guarded() -> None:
            try:
                await work()
            except Exception:
                log.exception("action failed")
                self.toast(self.ctx.tr.gettext("That did not work. Please try again."))

        task = asyncio.get_running_loop().create_task(guarded())
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    # -- navigation ----------------------------------------------------------------------

    def navigate(self, path: str) -> None:
        current = self.ctx.state.route.path()
        if path != current:
            self.history.append(current)
        self._push(path)

    def back(self) -> None:
        target = self.history.pop() if self.history else f"/{self.ctx.state.route.tab}"
        self._push(target)

    def _push(self, path: str) -> None:
        self.show(path)
        self.pushed.append(self.ctx.state.route.path())
        self.run(lambda: self.page.push_route(path))

    def show(self, path: str | None) -> None:
        route = parse(path)
        if route.name == "join" and route.arg:
            # a personal link (/join/<code>, e.g. from the welcome QR code) signs in
            self.sign_in(route.arg)
            route = parse("/agenda")
        state = self.ctx.state
        if route.name == "agenda" and route.arg:
            state.day = date.fromisoformat(route.arg)
        state.route = route
        self.render()

    # -- rendering -----------------------------------------------------------------------

    def render(self) -> None:
        route = self.ctx.state.route
        builder = self.screens.get(route.name) or self.screens["agenda"]
        screen = builder(self.ctx)
        self.page.title = f"{screen.title} · Delegate Companion"
        self.page.views.clear()
        self.page.views.append(
            ft.View(
                route=route.path(),
                appbar=self._appbar(screen, route),
                controls=[
                    ft.ListView(
                        list(screen.controls), expand=True, padding=ft.Padding.only(bottom=16)
                    )
                ],
                navigation_bar=self._navigation(route),
                padding=0,
                spacing=0,
            )
        )
        self.page.update()

    def _appbar(self, screen: Screen, route: Route) -> ft.AppBar:
        title: list[ft.Control] = [ft.Text(screen.title, size=20, weight=ft.FontWeight.W_600)]
        if screen.subtitle:
            title.append(ft.Text(screen.subtitle, size=12, color=ft.Colors.ON_SURFACE_VARIANT))
        leading = None
        if route.name not in TABS or screen.show_back:
            leading = ft.IconButton(
                ft.Icons.ARROW_BACK,
                tooltip=self.ctx.tr.gettext("Back"),
                on_click=lambda _e: self.back(),
            )
        return ft.AppBar(
            title=ft.Column(title, spacing=0),
            leading=leading,
            automatically_imply_leading=False,
            actions=[*screen.actions, self._language_menu()],
            bgcolor=ft.Colors.SURFACE_CONTAINER,
        )

    def _language_menu(self) -> ft.Control:
        """NL / FR / EN from any screen: the screen, its day, filters and search stay put."""
        current = self.ctx.tr.lang
        items = [
            ft.PopupMenuItem(
                content=LANGUAGE_NAMES[lang],
                checked=lang == current,
                on_click=lambda _e, lang=lang: self.set_language(lang),
            )
            for lang in LANGS
        ]
        menu = ft.PopupMenuButton(
            icon=ft.Icons.TRANSLATE, tooltip=self.ctx.tr.gettext("Language"), items=items
        )
        return ft.Semantics(container=True, content=menu, identifier="language-menu", button=True)

    def _navigation(self, route: Route) -> ft.NavigationBar | None:
        _ = self.ctx.tr.gettext
        labels = {
            "agenda": (_("My agenda"), ft.Icons.TODAY_OUTLINED, ft.Icons.TODAY),
            "programme": (_("Programme"), ft.Icons.EVENT_NOTE_OUTLINED, ft.Icons.EVENT_NOTE),
            "map": (_("Map"), ft.Icons.MAP_OUTLINED, ft.Icons.MAP),
            "contacts": (_("Contacts"), ft.Icons.CONTACT_PHONE_OUTLINED, ft.Icons.CONTACT_PHONE),
            "settings": (_("Settings"), ft.Icons.SETTINGS_OUTLINED, ft.Icons.SETTINGS),
        }
        tabs = [t for t in TABS if t in self.screens]
        if len(tabs) < 2:
            return None
        destinations = [
            ft.NavigationBarDestination(
                label=labels[t][0], icon=labels[t][1], selected_icon=labels[t][2]
            )
            for t in tabs
        ]
        selected = tabs.index(route.tab) if route.tab in tabs else 0

        def changed(e: ft.Event[ft.NavigationBar]) -> None:
            tab = tabs[e.control.selected_index]
            self.navigate(f"/{tab}")

        return ft.NavigationBar(
            destinations=destinations, selected_index=selected, on_change=changed
        )

    # -- settings that change the whole app ------------------------------------------------

    def set_language(self, lang: str) -> None:
        if lang not in LANGS:
            return
        language: Lang = lang

        async def apply() -> None:
            await self.repo.set_language(language)
            self.ctx.tr = Translator(language)
            self.apply_locale()
            self.render()

        self.run(apply)

    def apply_locale(self) -> None:
        supported = [ft.Locale("nl", "BE"), ft.Locale("fr", "BE"), ft.Locale("en", "GB")]
        current = {"nl": supported[0], "fr": supported[1], "en": supported[2]}[self.ctx.tr.lang]
        self.page.locale_configuration = ft.LocaleConfiguration(supported, current_locale=current)

    def apply_theme(self) -> None:
        self.page.theme = ft.Theme(color_scheme_seed=SEED_COLOR)
        self.page.dark_theme = ft.Theme(color_scheme_seed=SEED_COLOR)
        modes = {"light": ft.ThemeMode.LIGHT, "dark": ft.ThemeMode.DARK}
        self.page.theme_mode = modes.get(self.repo.settings.theme, ft.ThemeMode.SYSTEM)

    def toast(self, message: str) -> None:
        self.page.show_dialog(ft.SnackBar(ft.Text(message)))

    def _copy(self, text: str) -> None:
        async def copy() -> None:
            await self.platform.copy(text)
            self.toast(self.ctx.tr.gettext("Copied"))

        self.run(copy)

    # -- sync and sign-in -------------------------------------------------------------------

    def sync_now(self) -> None:
        self.run(self._sync_once)

    async def _sync_loop(self) -> None:
        """On start, then every 15 minutes on mission days (rarer before); ends with the session."""
        while not self.closed:
            await self._sync_once()
            await asyncio.sleep(interval(self.repo.now(), self.repo.mission).total_seconds())

    async def _sync_once(self) -> None:
        result = await self.account.sync()
        self.ctx.status = result
        if result.status == "updated" and result.changes:
            n = result.changes
            text = self.ctx.tr.ngettext(
                "{n} change from the organisers", "{n} changes from the organisers", n
            )
            self.toast(text.format(n=n))
        self.render()

    def sign_in(self, text: str | None) -> None:
        _ = self.ctx.tr.gettext

        async def sign_out() -> None:
            await self.account.sign_out()
            self.toast(_("Signed out: showing the demo agenda"))
            self.render()

        async def check(code: str) -> None:
            outcome = await self.account.sign_in(code)
            messages = {
                "not_a_code": _("That is not a personal code: it has 26 letters and digits."),
                "no_feed": _("Updates are not set up, so the code cannot be checked."),
                "not_found": _("No agenda was found for this code. Please check it."),
                "offline": _("You seem to be offline. Try again when you have a connection."),
                "invalid": _("The server sent an invalid agenda. Please try again later."),
                "storage": _("Your agenda could not be saved: the storage is full."),
            }
            if outcome.status in messages:
                self.toast(messages[outcome.status])
                return
            self.ctx.status = outcome.result or self.ctx.status
            self.toast(_("Welcome, {name}").format(name=outcome.name))
            self.navigate("/agenda")

        if text is None:
            self.run(sign_out)
        else:
            self.run(lambda: check(text))
