"""The quiet transport sends byte for byte what Flet's own `send_message` sends."""

from __future__ import annotations

import asyncio
import logging

import flet as ft
import pytest
from flet.messaging.protocol import Message, MessageAction, PatchControlBody
from flet_web.fastapi.flet_app import FletApp, transport_log

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
