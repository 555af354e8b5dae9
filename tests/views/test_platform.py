"""The phone services a session holds: made on first use, then kept."""

from __future__ import annotations

import asyncio
from pathlib import Path

import flet as ft
import pytest
from flet.messaging.protocol import Message, MessageAction

from tests.views.harness import App
from views import platform
from views.platform import Platform, PrefsKeyValue


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


async def test_a_read_whose_answer_was_lost_with_the_page_is_asked_again(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reload or a link opened in the same tab while the session starts: Flet drops the
    answer to its question to the browser. The session waited for ever, and the page, back in
    the same tab, stayed blank."""
    monkeypatch.setattr(platform, "PATIENCE", 0.05)
    answering = app.conn.send_message
    lost: list[Message] = []

    def page_away_once(message: Message) -> None:
        if message.action == MessageAction.INVOKE_METHOD and not lost:
            lost.append(message)  # sent while the page was away: never answered
            return
        answering(message)

    monkeypatch.setattr(app.conn, "send_message", page_away_once)
    kv = PrefsKeyValue(ft.SharedPreferences())
    assert await asyncio.wait_for(kv.get("delegate_companion.settings"), timeout=5) is None
    assert len(lost) == 1


async def test_a_read_ends_when_the_page_never_comes_back(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asked while the page is away, the question is not sent again and again (Flet drops it):
    the read waits for the page, and ends once Flet's session for it has expired."""
    monkeypatch.setattr(platform, "PATIENCE", 0.05)
    sent: list[Message] = []

    def page_gone(message: Message) -> None:
        if message.action == MessageAction.INVOKE_METHOD:
            sent.append(message)  # never answered: the page has left

    monkeypatch.setattr(app.conn, "send_message", page_gone)
    kv = PrefsKeyValue(ft.SharedPreferences())
    asks = 0
    flets = kv.prefs.get

    async def get(key: str) -> object:
        nonlocal asks
        asks += 1
        return await flets(key)

    monkeypatch.setattr(kv.prefs, "get", get)
    read = asyncio.ensure_future(kv.get("delegate_companion.settings"))
    await asyncio.sleep(0.02)
    await app.session.disconnect(session_timeout_seconds=1)  # away, for a second at most
    await asyncio.sleep(0.3)
    assert (asks, len(sent)) == (1, 1) and not read.done()  # away: nothing asked again
    done, _ = await asyncio.wait([read], timeout=5)  # it had asked every PATIENCE for ever
    assert done and isinstance(read.exception(), TimeoutError)
    assert asks == 1


async def test_a_write_the_browser_refuses_is_a_storage_error(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """localStorage full: Flet passed the browser's QuotaExceededError on as a RuntimeError,
    which no caller took for storage, so the person read 'That did not work'."""
    session = app.session

    def quota_full(message: Message) -> None:
        body = message.body
        if message.action == MessageAction.INVOKE_METHOD and body.name == "set":
            error = "QuotaExceededError: Failed to execute 'setItem' on 'Storage'"
            asyncio.get_running_loop().call_soon(
                session.handle_invoke_method_results, body.control_id, body.call_id, None, error
            )

    monkeypatch.setattr(app.conn, "send_message", quota_full)
    kv = PrefsKeyValue(ft.SharedPreferences())
    with pytest.raises(OSError, match="QuotaExceededError"):
        await asyncio.wait_for(kv.set("delegate_companion.settings", "{}"), timeout=5)


async def test_an_offline_copy_the_browser_refused_is_told_in_the_persons_language(
    tmp_path: Path,
) -> None:
    app = await App(tmp_path, lang="nl").start("/agenda")
    try:
        assert app.shell is not None
        app.shell.offline_copy_not_stored()
        await app.settle()
        assert "het geheugen van deze browser is vol" in app.toasts()[-1]
    finally:
        await app.close()
