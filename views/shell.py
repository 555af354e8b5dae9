"""The app frame: routes -> screens, NavigationBar, app bar, theme, language, toasts."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import date

import flet as ft

from services.account import Account
from services.i18n import Translator
from services.models import LANGS, Lang
from services.repository import Repository
from services.sync import Synchronizer, SyncResult, interval
from views import agenda
from views.components.frame import app_bar, navigation_bar
from views.context import Actions, Ctx, Screen, UiState
from views.platform import Platform
from views.routes import parse

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
            SyncResult("no_feed") if syncer is None else SyncResult("offline", repo.data_time())
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
                appbar=app_bar(self.ctx, screen, route, self.back),
                controls=[
                    ft.ListView(
                        list(screen.controls), expand=True, padding=ft.Padding.only(bottom=16)
                    )
                ],
                navigation_bar=navigation_bar(self.ctx, route, list(self.screens), self.navigate),
                padding=0,
                spacing=0,
            )
        )
        self.page.update()

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
