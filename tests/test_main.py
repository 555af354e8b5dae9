"""The composition root's process-wide parts: one feed registry per data folder, whose HTTP
clients the hosted server's shutdown closes."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import flet as ft
import pytest

import main
from hosting.app import create_app
from services import clock
from services.clock import system_clock
from services.feeds import Feeds, Misconfigured
from services.library import Library
from services.repository import Repository
from services.store import FeedStore
from tests.hosting.bundled import ASSETS, embedded, never_called


async def run_lifespan(app: Any) -> list[str]:
    """Start the ASGI app and shut it down, as uvicorn does; returns what it answered."""
    inbox: asyncio.Queue[dict[str, str]] = asyncio.Queue()
    for event in ("lifespan.startup", "lifespan.shutdown"):
        inbox.put_nowait({"type": event})
    answered: list[str] = []

    async def send(message: dict[str, Any]) -> None:
        answered.append(message["type"])

    await app({"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}, inbox.get, send)
    return answered


async def test_server_shutdown_closes_every_feed_client_of_the_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DELEGATE_FEED_URL", "http://127.0.0.1:9/")
    feeds = main.process_feeds(tmp_path, hosted=True)
    assert main.process_feeds(tmp_path, hosted=True) is feeds  # one per process and folder
    client = feeds.syncer("http://127.0.0.1:9/").client
    app = create_app(never_called, ASSETS, tmp_path / "cache", embedded, main.shutdown)
    answered = await run_lifespan(app)
    assert answered == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert client.http.is_closed and feeds.open_clients == 0
    assert tmp_path not in main._FEEDS


def test_desktop_app_closes_every_feed_client_when_its_window_closes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DELEGATE_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(main, "is_linux_server", lambda: False)  # a desktop, not a server
    opened = []

    async def window(app: Any, **options: Any) -> None:  # flet's: runs until it is closed
        feeds = main.process_feeds(tmp_path, hosted=False)
        opened.append(feeds.syncer("https://feed.example.org/").client)

    monkeypatch.setattr(ft, "run_async", window)
    main.run()
    assert len(opened) == 1 and opened[0].http.is_closed and tmp_path not in main._FEEDS


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("DELEGATE_FEED_URL", "https://feed.example.org:99999/", "Port out of range"),
        ("DELEGATE_FEED_URL", "feed.example.org/bem", "write it in full"),
        ("DELEGATE_FEED_URL", "https:feed.example.org/bem", "write it in full"),
        ("DELEGATE_FEED_ALLOW", "https://ok.example.org/, ftp://files.example.org/", "ftp://"),
    ],
)
def test_a_bad_feed_address_from_the_operator_names_its_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, says: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(Misconfigured) as refused:
        Feeds.from_environment(Library(FeedStore(tmp_path)), True, system_clock)
    assert str(refused.value).startswith(f"{variable}: ") and says in str(refused.value)


def test_a_hosted_server_with_a_bad_feed_address_says_which_and_does_not_start(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}  # a headless server
    env |= {"DELEGATE_FEED_URL": "https://feed.example.org:99999/", "DELEGATE_PORT": "9"}
    env |= {"DELEGATE_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "main.py"],
        cwd=Path(main.__file__).parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last == (
        "Delegate Companion cannot start: DELEGATE_FEED_URL: 'https://feed.example.org:99999/' "
        "is not a feed address (Port out of range 0-65535)"
    )
    assert "Traceback" not in done.stderr


def test_the_native_app_with_a_bad_feed_address_says_which_and_opens_no_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")  # a desktop: the native app, not the hosted server
    monkeypatch.setenv("DELEGATE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DELEGATE_FEED_URL", "feed.example.org/bem")
    windows: list[object] = []

    async def window(*args: object, **kwargs: object) -> None:  # what main.run opens it with
        windows.append(args)

    monkeypatch.setattr(ft, "run_async", window)
    monkeypatch.setattr(ft, "run", window)
    with pytest.raises(SystemExit) as stopped:
        main.run()
    assert str(stopped.value) == (
        "Delegate Companion cannot start: DELEGATE_FEED_URL: 'feed.example.org/bem' is not a "
        "feed address: write it in full, like https://feed.example.org/"
    )
    assert windows == [] and tmp_path not in main._FEEDS


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        (
            "DELEGATE_PORT",
            "eighty",
            "DELEGATE_PORT='eighty' is not a port: a number from 1 to 65535",
        ),
        ("DELEGATE_PORT", "70000", "DELEGATE_PORT='70000' is not a port: a number from 1 to 65535"),
        ("DELEGATE_LOG", "chatty", "DELEGATE_LOG='chatty' is not a log level: one of DEBUG, INFO,"),
    ],
)
def test_a_bad_port_or_log_level_says_which_and_starts_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, says: str
) -> None:
    """They stopped the app with a traceback ('debug' too, which is now read)."""
    monkeypatch.delenv("DISPLAY", raising=False)  # the hosted server
    monkeypatch.setenv("DELEGATE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv(variable, value)
    served: list[object] = []
    monkeypatch.setattr(main, "serve", lambda *args: served.append(args))
    with pytest.raises(SystemExit) as stopped:
        main.run()
    assert str(stopped.value).startswith(f"Delegate Companion cannot start: {says}")
    assert served == []


class Opened(Exception):
    """The session's repository is open: the rest of the session is not this test's."""


async def test_a_session_opened_later_reads_the_clock_that_stamps_its_syncs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With DELEGATE_NOW, a session opened an hour after the server started showed its agenda
    at the demo instant and 'checked 16:40' for the sync just made: each session started a
    demo clock of its own, behind the process's, which stamps every sync."""
    real = [datetime(2026, 12, 2, 9, 0, tzinfo=UTC)]
    monkeypatch.setattr(clock, "system_clock", lambda: real[0])
    monkeypatch.setenv("DELEGATE_NOW", "2025-10-07T15:40:00-07:00")
    monkeypatch.setenv("DELEGATE_DATA_DIR", str(tmp_path))
    opened: list[Repository] = []

    async def open_repository(*args: Any, **kwargs: Any) -> Repository:
        opened.append(await Repository.open(*args, **kwargs))
        raise Opened

    monkeypatch.setattr(main, "Repository", SimpleNamespace(open=open_repository))
    try:
        feeds = main.process_feeds(tmp_path, hosted=False)  # the server starts
        real[0] += timedelta(hours=1)  # the first delegate opens the app
        with pytest.raises(Opened):
            await main.main(cast(ft.Page, SimpleNamespace(web=False)))
        later = datetime.fromisoformat("2025-10-07T16:40:00-07:00")
        assert opened[0].now() == feeds.clock() == later
    finally:
        await main.shutdown()
