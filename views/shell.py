"""The app frame: the route's screen with NavigationBar and app bar, theme, language, toasts.

Its session's other parts: routes and Back (session_routes), syncs (session_sync), signing in
(session_sign_in), the clock that redraws (session_clock), and the work it runs (session_tasks).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import flet as ft

from services import mission_day
from services.account import Account
from services.feeds import Feeds
from services.i18n import Translator
from services.models import LANGS, Lang
from services.repository import Repository
from services.sync_state import SyncResult, SyncState
from views.components.bar_title import with_title
from views.components.drafts import adopt_typed
from views.components.frame import app_bar, app_view, navigation_bar
from views.components.panes import Rest, first_part, is_wide, list_beside
from views.components.shared import frozen
from views.components.theme import DARK, LIGHT, locale_configuration, theme
from views.context import Actions, Ctx, Screen, UiState
from views.platform import PhoneServices
from views.routes import Route
from views.session_clock import SessionClock
from views.session_routes import SessionRoutes
from views.session_sign_in import SessionSignIn
from views.session_sync import SessionSync
from views.session_tasks import SessionTasks

ScreenBuilder = Callable[[Ctx], Screen]


def _platform_name(page: ft.Page) -> str:
    value = getattr(page.platform, "value", page.platform)
    return str(value or "web")


class AppShell:
    def __init__(
        self,
        page: ft.Page,
        repo: Repository,
        lang: Lang,
        platform: PhoneServices,
        screens: dict[str, ScreenBuilder],
        feeds: Feeds | None = None,
    ) -> None:
        self.page = page
        self.repo = repo
        self.platform = platform
        self.screens = screens
        self.account = Account(repo, feeds)
        self.closed = False
        self.shown = ""  # the route drawn last
        self.drawn = 0  # views drawn: a later part of one is dropped once another is drawn
        self.tasks = SessionTasks(self)
        self.routes = SessionRoutes(self)
        self.syncing = SessionSync(self)
        self.signing = SessionSignIn(self)
        self.clock = SessionClock(self)
        actions = Actions(
            navigate=self.routes.navigate,
            back=self.routes.back,
            refresh=self.render,
            run=self.tasks.run,
            open_url=lambda url: self.tasks.run(lambda: platform.open_url(url)),
            copy=self._copy,
            share=self._share,
            toast=self.toast,
            set_language=self.set_language,
            sync_now=self.sync_now,
            share_file=lambda name, data, mime: self.tasks.run(
                lambda: platform.share_file(name, data, mime)
            ),
            sign_in=self.sign_in,
            apply_theme=self.apply_theme,
        )
        state = UiState(platform="web" if page.web else _platform_name(page))
        sync = SyncState() if self.account.can_sync else SyncState.done(SyncResult("no_feed"))
        self.ctx = Ctx(repo, Translator(lang), state, actions, sync)
        self.wide = is_wide(page.width)
        state.window_width, state.window_height = page.width or 0, page.height or 0
        if self.account.can_sync:
            repo.allow_demo(False)  # a live feed: visitors sign in, they never see the demo

    # -- lifecycle -----------------------------------------------------------------------

    def start(self) -> None:
        self.page.on_route_change = self.routes.changed
        self.page.on_resize = self._resized
        self.page.on_close = lambda _e: self.stop()
        # a reload or a network blip: Flet keeps the session for an hour, the page may come back
        self.page.on_disconnect = lambda _e: self.syncing.pause()
        self.page.on_connect = lambda _e: self._reconnected()
        self.page.on_app_lifecycle_state_change = lambda _e: self.clock.look()
        # the system's theme changed: what the app draws in colours of its own follows
        self.page.on_platform_brightness_change = lambda _e: self.render()
        self.apply_theme()
        self.apply_locale()
        self.repo.listen(self.syncing.data_changed)
        self.routes.show(self.page.route)
        self.syncing.start_loop()
        self.clock.start_loop()

    def _resized(self, _e: object) -> None:
        """Phone to tablet width or back: one pane or two. The map fits the window's height;
        the bars' texts fit a phone's width (zoomed in or out, turned)."""
        wide, state = is_wide(self.page.width), self.ctx.state
        height_changed = abs((self.page.height or 0) - state.window_height) >= 1
        # a phone's width: what the bars' texts fit (views/components/fit.py)
        fitted = not wide and abs((self.page.width or 0) - state.window_width) >= 1
        state.window_width, state.window_height = self.page.width or 0, self.page.height or 0
        # the map fits a wide window's height; a phone's (its address bar coming and going) not
        if wide != self.wide or fitted or (height_changed and wide and state.route.name == "map"):
            self.wide = wide
            self.render()

    def stop(self) -> None:
        self.closed = True
        self.clock.stop()
        self.syncing.stop()
        self.repo.close()
        self.tasks.cancel()

    # -- what opening a screen does (views/session_routes.py shows it) ----------------------

    def arrived(self, route: Route) -> None:
        """Events of opening a screen, never side effects of drawing it."""
        if route.name in ("activity", "meeting") and route.arg:
            self._opened(route.arg)
        if route.name == "announcements":
            self._read_announcements()

    def _read_announcements(self) -> None:
        """Opening the list reads what it shows; the screen keeps their New marks this visit."""
        unread = mission_day.unread_ids(self.repo)
        self.ctx.state.unread_on_open = frozenset(unread)
        if unread:
            self.tasks.run(lambda: mission_day.mark_read(self.repo, unread))

    def _opened(self, item_id: str) -> None:
        """The person opened an item: remember the change it had (its screen keeps showing
        it), then mark it seen, as an event, never inside a render."""
        changes = self.repo.changes_for(item_id)
        if changes:
            self.ctx.state.opened[item_id] = changes
            self.tasks.run(lambda: self.repo.mark_seen(item_id))

    # -- rendering -----------------------------------------------------------------------

    def render(self) -> None:
        self.ctx.state.new_day(self.repo.default_day())  # back to today when the day turns
        adopt_typed(self.ctx.state)  # text typed whose change handler has not run yet
        self.ctx.state.dark = self._dark()
        route = self.ctx.state.route
        builder = self.screens.get(route.name) or self.screens["agenda"]
        screen = builder(self.ctx)
        beside = list_beside(self.ctx, route, self.screens, self.page.width)
        self.page.title = f"{screen.title} · Delegate Companion"
        first = first_part(screen, beside, self.shown, route)
        self.shown = route.name
        bar = (
            None
            if screen.full_screen
            else navigation_bar(
                self.ctx, route, list(self.screens), self.routes.navigate, self.page.width
            )
        )
        appbar = app_bar(self.ctx, screen, route, self.routes.back, self.page.width)
        shown = with_title(self.ctx, first or screen, route, self.page.width)
        view = app_view(self.ctx, beside, route, appbar, bar, shown, is_wide(self.page.width))
        self._draw(view)
        rest = first.rest if first is not None else None
        if rest is not None:  # the rest follows once the first part has left
            drawn = self.drawn
            self.tasks.run(lambda: self._draw_rest(drawn, rest))
        dues = [s.changes_at for s in (screen, beside) if s is not None and s.changes_at]
        self.clock.drawn(min(dues, default=None))  # either pane may go out of date

    def _draw(self, view: ft.View) -> None:
        # Immutable, like a declarative component's output: Flet diffs the new tree against
        # the previous one field by field and sends only what differs, keeps no per-control
        # snapshots, and the automatic update after a handler has nothing left to compare.
        self.drawn += 1
        self.page.views[:] = [frozen(view)]
        self.page.update()

    async def _draw_rest(self, drawn: int, rest: Rest) -> None:
        """The rest of a new screen after its first part (views/components/panes.py); nothing
        when it was drawn again since (that drawing was whole)."""
        await asyncio.sleep(0)  # the first part's patch leaves before this one is made
        if drawn == self.drawn and not self.closed:
            self.page.update(rest.add())

    # -- settings that change the whole app ------------------------------------------------

    def set_language(self, lang: str) -> None:
        if lang not in LANGS:
            return
        language: Lang = lang

        async def apply() -> None:
            await self.repo.update_settings(language=language)
            self._close_toasts()  # a toast in the language just left does not linger
            self.page.update()
            self.ctx.tr = Translator(language)
            self.apply_locale()
            self.render()
            self.account.changed()  # the offline copy follows the language

        self.tasks.run(apply)

    def apply_locale(self) -> None:
        self.page.locale_configuration = locale_configuration(self.ctx.tr.lang)

    def apply_theme(self) -> None:
        self.page.theme = theme(LIGHT)
        self.page.dark_theme = theme(DARK)
        modes = {"light": ft.ThemeMode.LIGHT, "dark": ft.ThemeMode.DARK}
        self.page.theme_mode = modes.get(self.repo.settings.theme, ft.ThemeMode.SYSTEM)

    def _dark(self) -> bool:
        chosen = self.repo.settings.theme
        system = self.page.platform_brightness == ft.Brightness.DARK
        return chosen == "dark" or (chosen == "system" and system)

    def _close_toasts(self) -> bool:
        """Close the toasts still showing; whether there were any. (Page._dialogs: the dialogs
        show_dialog opened; private in flet 1.0.5, which is pinned for such reads.)"""
        shown = [d for d in self.page._dialogs.controls if isinstance(d, ft.SnackBar) and d.open]
        for bar in shown:
            bar.open = False
        return bool(shown)

    def _reconnected(self) -> None:
        """The page is back (a reload, a network blip) on the session Flet kept: a toast from
        before was said already and is not shown again ('Welcome, …' came back with every
        reload in the first seconds after signing in); syncing goes on."""
        if self._close_toasts():
            self.page.update()
        self.syncing.resume()

    def toast(self, message: str) -> None:
        self.page.show_dialog(ft.SnackBar(ft.Text(message)))

    def offline_copy_not_stored(self) -> None:
        """The browser refused this person's offline agenda (its storage is full)."""
        self.toast(
            self.ctx.tr.gettext(
                "Your offline agenda could not be updated: this browser's storage is full. "
                "Offline, you will see an older copy."
            )
        )

    def _share(self, text: str, subject: str) -> None:
        async def share() -> None:
            if await self.platform.share(text, subject):  # no share sheet: copied instead
                self.toast(self.ctx.tr.gettext("Copied: paste it wherever you like"))

        self.tasks.run(share)

    def _copy(self, text: str) -> None:
        async def copy() -> None:
            await self.platform.copy(text)
            self.toast(self.ctx.tr.gettext("Copied"))

        self.tasks.run(copy)

    # -- sync and sign-in (views/session_sync.py, session_sign_in.py) ------------------------------

    def sync_now(self) -> None:
        self.syncing.sync_now()

    def sign_in(self, text: str | None, confirmed: bool = False) -> None:
        self.signing.sign_in(text, confirmed)
