"""Routes the browser reports: Back after a link opened in the tab, and personal links that
leave no code in the address bar (walk-through finding 10 and the minor list)."""

from __future__ import annotations

from pathlib import Path

import flet as ft
import pytest
from flet.controls.object_patch import ObjectPatch

from tests.views.harness import App


def client_route(app: App, route: str) -> None:
    """The browser reports a route: a link opened in this tab, a reload, or its Back button."""
    assert app.shell is not None
    app.shell.routes.changed(
        ft.RouteChangeEvent(name="route_change", control=app.page, route=route)
    )


def pushed(app: App) -> list[str]:
    return [args["route"] for name, args in app.conn.invocations if name == "push_route"]


async def test_back_after_a_link_opened_in_the_tab_returns_where_it_was_opened(app: App) -> None:
    await app.tab(4)  # Settings, then My agenda, an activity and Back: an old trail
    await app.tab(0)
    await app.tap("row-tue-nasa-ames")
    await app.tap("back")
    assert app.route == "/agenda"
    client_route(app, "/activity/tue-gala-dinner")  # a link opened in this tab
    await app.settle()
    assert app.route == "/activity/tue-gala-dinner"
    await app.tap("back")
    assert app.route == "/agenda"  # where the link was opened; it was Settings


async def test_the_browsers_back_steps_back_through_the_apps_own_trail(app: App) -> None:
    await app.tab(1)
    await app.tap("row-tue-nasa-ames")
    assert app.shell is not None
    for echo in list(app.shell.routes.pushed):  # the browser confirms each push
        client_route(app, echo)
    client_route(app, "/programme")  # the browser's Back: the app's last step undone
    await app.settle()
    assert app.route == "/programme" and app.shell.routes.history == ["/agenda"]  # not /programme


async def test_a_personal_link_leaves_the_address_bar_at_once_even_when_unknown(
    tmp_path: Path,
) -> None:
    app = await App(tmp_path).start("/join/" + "z" * 26)  # no such delegate here
    try:
        assert app.route == "/agenda"
        assert pushed(app)[:1] == ["/agenda"]  # at once: before any answer about the code
        assert not any("/join/" in route for route in pushed(app))
    finally:
        await app.close()


async def test_the_echo_of_a_pushed_route_draws_nothing_again(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.conn.page_url = "http://127.0.0.1:8550"  # as the browser registered
    await app.tab(1)
    diffs: list[object] = []
    flets = ObjectPatch.from_diff.__func__  # type: ignore[attr-defined]

    def counted(cls: type[ObjectPatch], /, *args: object, **kwargs: object) -> object:
        diffs.append(args[1])
        return flets(cls, *args, **kwargs)

    monkeypatch.setattr(ObjectPatch, "from_diff", classmethod(counted))
    app.client_sets(app.page, route="/programme")  # what the browser sends after push_route
    await app.fire(app.page, "route_change", {"route": "/programme"})
    assert app.route == "/programme" and diffs == []
    await app.fire(app.page, "route_change", {"route": "/map"})  # Back, or a link: drawn
    assert app.route == "/map" and diffs
