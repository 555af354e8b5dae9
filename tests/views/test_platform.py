"""The phone services a session holds: made on first use, then kept."""

from __future__ import annotations

import flet as ft

from tests.views.harness import App
from views.platform import Platform


def services(app: App) -> list[object]:
    registry: ft.BaseControl = app.page._services
    return list(registry._services)  # type: ignore[attr-defined]


async def test_platform_services_are_made_on_first_use(app: App) -> None:
    before = services(app)
    platform = Platform()
    assert services(app) == before  # a visit that opens no link holds no launcher
    await platform.open_url("https://example.org/")
    launchers = [s for s in services(app) if isinstance(s, ft.UrlLauncher)]
    calls = [(name, args.get("url")) for name, args in app.conn.invocations]
    assert len(launchers) == 1 and ("launch_url", "https://example.org/") in calls
    await platform.open_url("https://example.org/again")
    assert [s for s in services(app) if isinstance(s, ft.UrlLauncher)] == launchers
    assert not any(isinstance(s, ft.Clipboard | ft.Share | ft.FilePicker) for s in services(app))
