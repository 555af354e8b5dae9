"""A protocol-level Flet client: one WebSocket speaking what the browser speaks, no rendering.

The messages copy what headless Chromium sends to a Flet 1.0.5 server (recorded once from
the real client): RegisterClient with the page's route, size and media; answers to the
server's invoke-method calls (SharedPreferences.get, get_device_info, push_route, which the
browser follows with the new route and a route_change event); and a NavigationBar tab
switch, which is an UpdateControlProps of `selected_index` followed by a `change` event.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import msgpack
from flet.messaging.protocol import decode_ext_from_msgpack
from websockets.asyncio.client import ClientConnection, connect

REGISTER, PATCH, EVENT, PROPS, INVOKE, CRASHED = 1, 2, 3, 4, 5, 6
PAGE_ID = 1
INSETS = {"top": 0.0, "right": 0.0, "bottom": 0.0, "left": 0.0}
PAGE = {
    "route": "/",
    "pwa": False,
    "web": True,
    "debug": False,
    "wasm": True,
    "test": False,
    "multi_view": False,
    "pyodide": False,
    "platform_brightness": "light",
    "width": 390.0,
    "height": 844.0,
    "platform": "linux",
    "window": {},
    "media": {
        "padding": INSETS,
        "view_padding": INSETS,
        "view_insets": INSETS,
        "device_pixel_ratio": 1.0,
        "orientation": "portrait",
        "always_use_24_hour_format": False,
    },
}
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome"
DEVICE_INFO = {
    "browser_name": "chrome",
    "app_code_name": "Mozilla",
    "app_name": "Netscape",
    "app_version": USER_AGENT[8:],
    "device_memory": 8.0,
    "language": "en-GB",
    "languages": ["en-GB"],
    "platform": "Linux x86_64",
    "product": "Gecko",
    "product_sub": "20030107",
    "user_agent": USER_AGENT,
    "vendor": "Google Inc.",
    "vendor_sub": "",
    "max_touch_points": 0,
    "hardware_concurrency": 2,
    "locales": [{"language_code": "en", "country_code": "GB", "script_code": None}],
}


# A browser answers the server's pings but sends none of its own, and waits as long as it
# takes: a busy server must not make the client hang up (the caller bounds every wait).
CONNECT: dict[str, Any] = {
    "max_size": None,
    "compression": None,
    "user_agent_header": USER_AGENT,
    "ping_interval": None,
    "open_timeout": None,
    "close_timeout": 5,
}


def _unpack(data: bytes) -> Any:
    return msgpack.unpackb(data, ext_hook=decode_ext_from_msgpack, strict_map_key=False)


def _pack(action: int, body: dict[str, Any]) -> bytes:
    return b"\x00" + bytes(msgpack.packb([action, body]))


def _find(value: Any, identifier: str) -> dict[str, Any] | None:
    """The control a Semantics wrapper with this identifier holds, in a patch."""
    if isinstance(value, dict):
        if value.get("identifier") == identifier and isinstance(value.get("content"), dict):
            content: dict[str, Any] = value["content"]
            return content
        items = list(value.values())
    else:
        items = value if isinstance(value, list) else []
    for item in items:
        if (found := _find(item, identifier)) is not None:
            return found
    return None


def _find_bar(value: Any) -> dict[str, Any] | None:
    """The last NavigationBar in a patch (a re-render sends a new one with a new id)."""
    found = None
    if isinstance(value, dict):
        if value.get("_c") == "NavigationBar":
            found = value
        for item in value.values():
            found = _find_bar(item) or found
    elif isinstance(value, list):
        for item in value:
            found = _find_bar(item) or found
    return found


class FletClient:
    """One simulated browser tab on a Flet server; `open`, then `switch_tab` repeatedly."""

    def __init__(self, ws_url: str) -> None:
        self.ws_url = ws_url
        self.ws: ClientConnection | None = None
        self.bar_id: int | None = None
        self.tabs = 0
        self.selected = 0
        self.crashes: list[str] = []
        self.closed = False
        self.patches = 0  # patches received: one more when the server redraws the screen
        self.last_patch: Any = None
        self.kept: list[Any] | None = None  # every patch, when a caller asks for them
        self.tapped_at = 0.0  # perf_counter of the last tap
        self.patched_at = 0.0  # perf_counter of the last patch
        self._patched = asyncio.Event()
        self._reader: asyncio.Task[None] | None = None

    async def open(self, timeout: float) -> float:
        """Connect and register; seconds until the first screen with its NavigationBar."""
        start = time.perf_counter()
        async with asyncio.timeout(timeout):
            self.ws = await connect(self.ws_url, **CONNECT)
            self._reader = asyncio.create_task(self._read(self.ws))
            await self.ws.send(_pack(REGISTER, {"session_id": None, "page_name": "", "page": PAGE}))
            while self.bar_id is None:
                self._patched.clear()
                await self._patched.wait()
                self._check()
        return time.perf_counter() - start

    async def switch_tab(self, timeout: float) -> float:
        """Tap the next tab; seconds until the server's patch arrives."""
        return await self.tap_tab((self.selected + 1) % max(self.tabs, 1), timeout)

    async def tap_tab(self, index: int, timeout: float) -> float:
        """Tap tab `index`; seconds until the server's patch arrives."""
        assert self.ws is not None and self.bar_id is not None
        self._patched.clear()
        start = self.tapped_at = time.perf_counter()
        await self.ws.send(_pack(PROPS, {"id": self.bar_id, "props": {"selected_index": index}}))
        await self.ws.send(_pack(EVENT, {"target": self.bar_id, "name": "change", "data": index}))
        async with asyncio.timeout(timeout):
            await self._patched.wait()
        self._check()
        self.selected = index
        return time.perf_counter() - start

    async def whole(self, quiet: float, timeout: float) -> float:
        """After a tap: wait until no patch came for `quiet` seconds (a screen may come in
        parts); seconds from the tap to its last patch."""
        async with asyncio.timeout(timeout):
            while True:
                self._patched.clear()
                try:
                    await asyncio.wait_for(self._patched.wait(), quiet)
                except TimeoutError:
                    break
                self._check()
        return self.patched_at - self.tapped_at

    async def click(self, identifier: str, timeout: float) -> float:
        """Click what the last patch shows under `identifier`; seconds until the next patch."""
        assert self.ws is not None
        control = _find(self.last_patch, identifier)
        if control is None:
            raise LookupError(f"{identifier!r} is not in the last patch")
        self._patched.clear()
        start = time.perf_counter()
        await self.ws.send(_pack(EVENT, {"target": control["_i"], "name": "click", "data": None}))
        async with asyncio.timeout(timeout):
            await self._patched.wait()
        self._check()
        return time.perf_counter() - start

    def _check(self) -> None:
        if self.closed or self.crashes:
            raise ConnectionError(f"session ended: {self.crashes or 'connection closed'}")

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            self._reader.cancel()

    async def _read(self, ws: ClientConnection) -> None:
        try:
            async for frame in ws:
                if isinstance(frame, bytes) and frame[:1] == b"\x00":
                    await self._handle(ws, *_unpack(frame[1:]))
        finally:  # a closed or broken connection wakes whoever waits for a patch
            self.closed = True
            self._patched.set()

    async def _handle(self, ws: ClientConnection, action: int, body: dict[str, Any]) -> None:
        if action in (REGISTER, PATCH):
            self._saw(body.get("patch", body.get("page_patch")))
        elif action == INVOKE:
            await self._answer(ws, body)
        elif action == CRASHED:
            self.crashes.append(str(body))

    def _saw(self, patch: Any) -> None:
        self.last_patch = patch
        if self.kept is not None:
            self.kept.append(patch)
        bar = _find_bar(patch)
        if bar is not None:
            self.bar_id = int(bar["_i"])
            self.tabs = len(bar.get("destinations", []))
            self.selected = int(bar.get("selected_index", 0))
        self.patches += 1
        self.patched_at = time.perf_counter()
        self._patched.set()

    async def _answer(self, ws: ClientConnection, call: dict[str, Any]) -> None:
        result: Any = None
        if call["name"] == "get_device_info":
            result = DEVICE_INFO
        elif call["name"] == "push_route":
            route = call["args"]["route"]
            await ws.send(_pack(PROPS, {"id": PAGE_ID, "props": {"route": route}}))
            await ws.send(
                _pack(EVENT, {"target": PAGE_ID, "name": "route_change", "data": {"route": route}})
            )
        reply = {"control_id": call["control_id"], "call_id": call["call_id"], "result": result}
        await ws.send(_pack(INVOKE, {**reply, "error": None}))
