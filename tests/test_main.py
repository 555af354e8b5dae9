"""The composition root's process-wide parts: one feed registry per data folder, whose HTTP
clients the hosted server's shutdown closes."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

import main
from hosting.app import create_app
from tests.hosting.test_app import ASSETS, embedded, never_called


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
