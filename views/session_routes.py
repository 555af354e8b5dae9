"""One session's place in the app: the route on show, Back, and the client's route echoes.

The client reports every route: a deep link, the browser's Back, and the echo of each route we
pushed. An echo can arrive after the person already moved on; applying it would pull them
back, so echoes of routes we pushed are dropped (`pushed`). Our own Back follows `history`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import flet as ft

from views.routes import TABS, parse

if TYPE_CHECKING:
    from views.shell import AppShell


class SessionRoutes:
    def __init__(self, shell: AppShell) -> None:
        self.shell = shell
        self.history: list[str] = []
        self.pushed: list[str] = []  # routes sent to the client whose echo has not come back

    def changed(self, e: ft.RouteChangeEvent) -> None:
        """The client reports a route: a deep link, Back, or the echo of our own navigate."""
        if e.route in self.pushed:
            del self.pushed[: self.pushed.index(e.route) + 1]
            # the screen was drawn when the route was pushed: nothing to compare again (Flet's
            # update after a handler would diff the whole page on every tab switch)
            ft.context.disable_auto_update()  # type: ignore[no-untyped-call]
            return
        current = self.shell.ctx.state.route.path()
        if e.route != current:
            if self.history and self.history[-1] == e.route:
                self.history.pop()  # the browser's Back: our last step undone
            else:  # a link opened in this tab: Back returns to where it was opened, not older
                self.history[:] = [current]
            self.show(e.route)

    def navigate(self, path: str) -> None:
        current = self.shell.ctx.state.route.path()
        if path != current:
            self.history.append(current)
        self._push(path)

    def back(self) -> None:
        target = self.history.pop() if self.history else f"/{self.shell.ctx.state.route.tab}"
        self._push(target)

    def _push(self, path: str) -> None:
        self.show(path, keep_tab=True)  # opened from a tab: that tab stays selected
        self.pushed.append(self.shell.ctx.state.route.path())  # its echo will be ignored
        self.shell.tasks.run(lambda: self.shell.page.push_route(path))

    def show(self, path: str | None, keep_tab: bool = False) -> None:
        shell, route = self.shell, parse(path)
        if route.name == "join" and route.arg:
            # a personal link (/join/<code>, e.g. from the welcome QR code) signs in
            shell.sign_in(route.arg)
            route = parse("/agenda")
            # the code leaves the address bar at once, valid or not (Flutter can only push: the
            # /join/ entry stays in the history, and rewriting Flutter's history broke reloads)
            self.pushed.append(route.path())
            shell.tasks.run(lambda: shell.page.push_route("/agenda"))
        state = shell.ctx.state
        if route.name in ("agenda", "map") and route.arg:
            state.day = date.fromisoformat(route.arg)
        state.route = route
        if route.name in TABS or not (keep_tab and state.tab):
            state.tab = route.tab  # a deep link selects the tab the screen belongs to
        shell.arrived(route)
        shell.render()
