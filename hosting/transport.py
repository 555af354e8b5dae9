"""Flet's WebSocket session handler, minus one cost that buys nothing in production.

`FletApp.send_message` (flet-web 1.0.5) formats `f"send_message: {message}"`, the repr of the
whole patch, for a debug log line even when debug logging is off. On a tab switch that was
about 11% of the server's CPU (py-spy, bench/hosted.py). This subclass sends the same bytes
the same way and formats the line only when the `flet_transport` logger would print it.
"""

from __future__ import annotations

import logging

import msgpack
from flet.controls.base_control import BaseControl
from flet.messaging.protocol import Message
from flet_web.fastapi.flet_app import FletApp, transport_log

from hosting.encode import encoder

ENCODE = encoder(BaseControl)  # Flet's, with its per-class lookups made once


class QuietFletApp(FletApp):  # type: ignore[misc]
    def send_message(self, message: Message) -> None:
        if transport_log.isEnabledFor(logging.DEBUG):
            super().send_message(message)
            return
        queue = self._FletApp__send_queue
        if queue is None:  # the send loop has ended: the browser is gone, nothing can arrive
            return
        body = msgpack.packb([message.action, message.body], default=ENCODE)
        queue.put_nowait(b"\x00" + body)
