"""Flet's WebSocket session handler, minus one cost that buys nothing in production, and one
connection that never ended.

`FletApp.send_message` (flet-web 1.0.5) formats `f"send_message: {message}"`, the repr of the
whole patch, for a debug log line even when debug logging is off. On a tab switch that was
about 11% of the server's CPU (py-spy, bench/hosted.py). This subclass sends the same bytes
the same way and formats the line only when the `flet_transport` logger would print it.

A connection that closes before it registers a session (a crawler, a health check that
upgrades, a browser closed during its first second) left Flet's handler waiting for its send
loop forever: only a session's end stops that loop. Each such visit kept a task for the life
of the process, and the process ignored SIGTERM, waiting for it (a process manager killed it).
Here the receive loop, when it ends with no session, stops the send loop too, and there is no
session to disconnect.
"""

from __future__ import annotations

import logging
from typing import Any

import msgpack
from flet.controls.base_control import BaseControl
from flet.messaging.protocol import Message
from flet_web.fastapi.flet_app import FletApp, transport_log

from hosting.encode import encoder

ENCODE = encoder(BaseControl)  # Flet's, with its per-class lookups made once


class QuietFletApp(FletApp):  # type: ignore[misc]
    async def handle(self, websocket: Any) -> None:
        try:
            await super().handle(websocket)
        except AttributeError:
            if self._FletApp__session is not None:  # not the never-registered connection's
                raise  # `self.__session.id` after the loops: nothing to disconnect

    async def _FletApp__receive_loop(self) -> None:  # Flet's private loop, which handle awaits
        await FletApp._FletApp__receive_loop(self)
        queue = self._FletApp__send_queue
        if self._FletApp__session is None and queue is not None:
            await queue.put(None)  # Flet stops its send loop only for a session

    def send_message(self, message: Message) -> None:
        if transport_log.isEnabledFor(logging.DEBUG):
            super().send_message(message)
            return
        queue = self._FletApp__send_queue
        if queue is None:  # the send loop has ended: the browser is gone, nothing can arrive
            return
        body = msgpack.packb([message.action, message.body], default=ENCODE)
        queue.put_nowait(b"\x00" + body)
