"""The quiet transport sends byte for byte what Flet's own `send_message` sends, and a connection
that leaves before it registers a session ends."""

from __future__ import annotations

import asyncio
import logging

import flet as ft
import pytest
from flet.messaging.protocol import Message, MessageAction, PatchControlBody
from flet_web.fastapi.flet_app import FletApp, transport_log
from starlette.datastructures import URL
from starlette.websockets import WebSocketDisconnect

from hosting.transport import QuietFletApp


def _patch() -> Message:
    column = ft.Column([ft.Text("Lotte Vermeulen", size=16), ft.Icon(ft.Icons.TODAY)])
    view = ft.View(route="/agenda", controls=[ft.Container(column, padding=12)])
    return Message(MessageAction.PATCH_CONTROL, PatchControlBody(id=1, patch=[[0], [0, 0, view]]))


async def _sent(app: FletApp, message: Message) -> bytes:
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    app._FletApp__send_queue = queue
    app.send_message(message)
    return queue.get_nowait()


async def _main(_page: ft.Page) -> None:
    return None


@pytest.mark.parametrize("debug", [False, True])
async def test_quiet_transport_sends_the_same_bytes_as_flet(debug: bool) -> None:
    loop = asyncio.get_running_loop()
    level = transport_log.level
    transport_log.setLevel(logging.DEBUG if debug else logging.WARNING)
    message = _patch()  # one message: control ids come from a process-wide counter
    try:
        ours = await _sent(QuietFletApp(loop, None, _main, None), message)
        flets = await _sent(FletApp(loop, None, _main, None), message)
    finally:
        transport_log.setLevel(level)
    assert ours == flets and ours[:1] == b"\x00" and b"Lotte Vermeulen" in ours


class _LeavesAtOnce:
    """A WebSocket whose visitor closes it before registering a session (a crawler, a
    health check that upgrades, a browser closed in its first second)."""

    def __init__(self) -> None:
        self.client = None
        self.headers: dict[str, str] = {}
        self.cookies: dict[str, str] = {}
        self.url = URL("ws://127.0.0.1/ws")

    async def accept(self) -> None:
        return None

    async def receive_bytes(self) -> bytes:
        raise WebSocketDisconnect(1001)


async def test_a_connection_that_never_registers_ends(caplog: pytest.LogCaptureFixture) -> None:
    """Flet's handler waited for its send loop forever (only a session's end stops it): one
    task kept per such visit, and a server that ignored SIGTERM, waiting for it."""
    loop = asyncio.get_running_loop()
    handler = QuietFletApp(loop, None, _main, None).handle(_LeavesAtOnce())
    await asyncio.wait_for(handler, timeout=30)  # a bound for a hang, not a speed
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
