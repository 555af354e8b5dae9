"""Every message the server sends through one scripted session, as the client reads them."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgpack
from flet.controls.id_counter import ControlId

from tests.views.harness import App


def _without_call_ids(packed: bytes) -> Any:
    """A message as the client reads it, minus the random id of a method call."""
    action, body = msgpack.unpackb(packed, strict_map_key=False)
    if isinstance(body, dict) and "call_id" in body:
        body["call_id"] = "-"
    return [action, body]


async def session_messages(root: Path, encode: Callable[[Any], Any] | None = None) -> list[Any]:
    """Everything the server sends while a delegate starts the app, visits every tab, searches,
    changes the language twice and goes back: control ids counted from the same start."""
    ControlId._counter = itertools.count(10_000_000)
    app = App(root, lang="nl")
    app.conn.sent = []
    if encode is not None:
        app.conn.encode = encode
    await app.start("/agenda")
    for index in (1, 2, 3, 0):
        await app.tab(index)
    await app.go("/programme")
    await app.type_into("programme-search", "Astrid", event="change")
    await app.pick_language("fr")
    await app.go("/contacts")
    await app.pick_language("en")
    await app.tab(0)
    await app.close()
    return [_without_call_ids(packed) for packed in app.conn.sent]


async def waiting_send_loop(order: list[str]) -> tuple[asyncio.Queue[Any], asyncio.Task[None]]:
    """A send loop shaped like flet-web's FletApp (a queue, and the write as soon as it wakes:
    "sent" in `order`), already waiting for a message, as it does between patches."""
    queue: asyncio.Queue[Any] = asyncio.Queue()

    async def send_loop() -> None:
        await queue.get()
        order.append("sent")

    sender = asyncio.get_running_loop().create_task(send_loop())
    await asyncio.sleep(0)
    return queue, sender
