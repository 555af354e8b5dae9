"""Drive the real app shell in a real flet Session, without a browser.

Every outgoing message is msgpack-encoded exactly like the WebSocket transport does (that
encoding snapshots control state for the next diff), invoke-method calls get answers, and
events are dispatched by control id like the Flutter client would. Uses flet internals, which
is why flet is pinned to 1.0.5.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import flet as ft
import msgpack
from flet.controls.base_control import BaseControl
from flet.controls.context import _context_page
from flet.messaging.connection import Connection
from flet.messaging.protocol import (
    InvokeMethodRequestBody,
    Message,
    MessageAction,
    configure_encode_object_for_msgpack,
)
from flet.messaging.session import Session
from flet.pubsub.pubsub_hub import PubSubHub

from services.feed_client import FeedClient
from services.feeds import Feeds
from services.keyvalue import FileKeyValue
from services.library import Library
from services.models import Lang
from services.repository import Repository
from services.settings import SettingsStore
from services.store import FeedStore
from tests.conftest import TEST_ORIGIN, FixedClock
from views import background
from views.screens import SCREENS
from views.shell import AppShell

# flet's protocol and session functions carry no annotations (flet 1.0.5)
C = TypeVar("C", bound=BaseControl)

ENCODE: Callable[[Any], Any] = configure_encode_object_for_msgpack(BaseControl)  # type: ignore[no-untyped-call]


class LoopbackConnection(Connection):
    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # flet's Connection is unannotated
        self.session: Session | None = None
        self.invocations: list[tuple[str, Any]] = []
        self.crashes: list[str] = []
        self.bytes_sent = 0
        self.sent: list[bytes] | None = None  # every message, when a test asks for them
        self.encode: Callable[[Any], Any] = ENCODE  # a test may try another encoder

    def send_message(self, message: Message) -> None:
        packed = msgpack.packb([message.action, message.body], default=self.encode)
        self.bytes_sent += len(packed)
        if self.sent is not None:
            self.sent.append(packed)
        if message.action == MessageAction.SESSION_CRASHED:
            self.crashes.append(str(message.body))
        if message.action == MessageAction.INVOKE_METHOD:
            body: InvokeMethodRequestBody = message.body
            self.invocations.append((body.name, body.args))
            session = self.session
            assert session is not None
            asyncio.get_running_loop().call_soon(
                session.handle_invoke_method_results, body.control_id, body.call_id, None, None
            )


class FakePlatform:
    """Records what the app asked the phone to do."""

    def __init__(self) -> None:
        self.opened: list[str] = []
        self.copied: list[str] = []
        self.shared: list[tuple[str, str]] = []
        self.files: list[tuple[str, bytes, str]] = []

    async def open_url(self, url: str) -> None:
        self.opened.append(url)

    async def copy(self, text: str) -> None:
        self.copied.append(text)

    async def share(self, text: str, subject: str) -> bool:
        self.shared.append((text, subject))
        return False  # the share sheet was there

    async def share_file(self, name: str, data: bytes, mime: str) -> None:
        self.files.append((name, data, mime))


def walk(control: Any) -> Iterator[BaseControl]:
    """Every control below `control`, depth first, through any field that holds controls."""
    if isinstance(control, BaseControl):
        yield control
        for f in dataclasses.fields(control):
            if f.name.startswith("_") or f.name == "parent":
                continue
            value = getattr(control, f.name, None)
            if isinstance(value, BaseControl):
                yield from walk(value)
            elif isinstance(value, list):
                for item in value:
                    yield from walk(item)


class App:
    def __init__(
        self,
        root: Path,
        lang: Lang = "en",
        now: str = "2025-10-07T15:40:00-07:00",
        feeds: Feeds | None = None,
        origin: str | None = None,
        library: Library | None = None,
        clock: FixedClock | None = None,
    ) -> None:
        """`feeds`: the process's feeds (the app syncs); `origin`: read stored data of that
        feed without syncing; neither: the embedded mission. `clock`: the phone's clock at
        `now`, given when `feeds` reads it too."""
        self.root = root
        self.lang = lang
        self.clock = clock or FixedClock(now)
        self.feeds = feeds
        self.origin = origin
        self.library = library or (feeds.library if feeds else Library(FeedStore(root)))
        self.platform = FakePlatform()
        self.conn = LoopbackConnection()
        self.conn.pubsubhub = PubSubHub()
        self.session = Session(self.conn)
        self.conn.session = self.session
        self.page: ft.Page = self.session.page
        self.shell: AppShell | None = None

    async def start(self, route: str = "/") -> App:
        # flet declares its context variable without a type: ContextVar[None]
        self._token = _context_page.set(self.page)  # type: ignore[arg-type]
        settings = SettingsStore(FileKeyValue(self.root / "settings.json"))
        feeds = self.feeds
        origin_for = feeds.origin_for if feeds else (lambda _saved: self.origin)
        repo = await Repository.open(self.library, settings, origin_for, clock=self.clock)
        # encoded as the register reply is: that snapshots the page, so later renders are diffed
        patch = self.session.get_page_patch()  # type: ignore[no-untyped-call]  # unannotated
        msgpack.packb(patch, default=self.conn.encode)
        self.page.route = route
        lang = repo.settings.language or self.lang
        self.shell = AppShell(
            self.page,
            repo,
            lang,
            self.platform,
            SCREENS,
            feeds=self.feeds,
        )
        self.shell.start()
        await self.settle()
        return self

    async def close(self) -> None:
        if self.shell is not None:
            self.shell.stop()
        await self.settle()
        self.session.close()  # type: ignore[no-untyped-call]  # flet's Session is unannotated
        await asyncio.sleep(0)
        _context_page.reset(self._token)

    @property
    def repo(self) -> Repository:
        assert self.shell is not None
        return self.shell.repo

    async def settle(self, rounds: int = 200) -> None:
        """Let scheduled tasks (saves, syncs) finish; bounded, never waits forever."""
        pending: list[asyncio.Task[Any]] = []
        for _ in range(rounds):  # a background drawing's turn comes after a real pause
            await asyncio.sleep(0.002 if any(map(_in_background_turn, pending)) else 0)
            pending = [
                t for t in (self.shell.tasks.running if self.shell else set()) if not t.done()
            ]
            if not pending or all(_is_sleeping_loop(t) for t in pending):
                break
        # what a hosted server does once a patch has left (hosting/walk.py, takedown.py) is
        # queued behind the send: a pass more
        await asyncio.sleep(0)
        assert not self.conn.crashes, self.conn.crashes

    # -- reading the screen ------------------------------------------------------------

    @property
    def route(self) -> str:
        """The route on screen (the view's own stays one while two panes show: see frame.py)."""
        assert self.shell is not None
        return self.shell.ctx.state.route.path()

    def controls(self) -> list[BaseControl]:
        view = self.page.views[-1]
        return list(walk(view))

    def texts(self) -> list[str]:
        out: list[str] = []
        for c in self.controls():
            for name in ("value", "label", "hint_text", "tooltip", "content", "title", "text"):
                value = getattr(c, name, None)
                if isinstance(value, str) and value.strip():
                    out.append(value)
        return out

    def text(self) -> str:
        return "\n".join(self.texts())

    def toasts(self) -> list[str]:
        """The texts of the snack bars shown so far."""
        bars = [d for d in self.page._dialogs.controls if isinstance(d, ft.SnackBar)]
        return [_toast_text(bar) for bar in bars]

    def open_toasts(self) -> list[str]:
        """The texts of the snack bars still showing."""
        bars = [d for d in self.page._dialogs.controls if isinstance(d, ft.SnackBar) and d.open]
        return [_toast_text(bar) for bar in bars]

    def find(self, identifier: str) -> ft.Semantics:
        found = [
            c for c in self.controls() if isinstance(c, ft.Semantics) and c.identifier == identifier
        ]
        assert found, f"no control with identifier {identifier!r} on {self.route}"
        return found[0]

    def wrapped(self, identifier: str, kind: type[C]) -> C:
        """The control a Semantics(identifier) wraps, which must be a `kind`."""
        content = self.find(identifier).content
        assert isinstance(content, kind), f"{identifier!r} wraps {content!r}, not {kind.__name__}"
        return content

    def has(self, identifier: str) -> bool:
        return any(
            isinstance(c, ft.Semantics) and c.identifier == identifier for c in self.controls()
        )

    def identifiers(self, prefix: str = "") -> list[str]:
        return [
            c.identifier
            for c in self.controls()
            if isinstance(c, ft.Semantics) and c.identifier and c.identifier.startswith(prefix)
        ]

    # -- acting like a user --------------------------------------------------------------

    async def fire(self, control: BaseControl, event: str, data: Any = None) -> None:
        await self.session.dispatch_event(control._i, event, data)
        await self.settle()

    async def tap(self, identifier: str) -> None:
        """Tap the control a Semantics(identifier) wraps (a card, button or chip)."""
        target = self.find(identifier).content
        while isinstance(target, ft.Semantics) or (
            isinstance(target, ft.Container) and target.on_click is None
        ):
            target = target.content
        assert target is not None, f"{identifier!r} wraps nothing"
        event = "select" if isinstance(target, ft.Chip) else "click"
        await self.fire(target, event, True if event == "select" else None)

    async def pick_language(self, lang: str) -> None:
        """Open the app bar's language menu and pick a language."""
        menu = self.find("language-menu").content
        assert isinstance(menu, ft.PopupMenuButton)
        names = {"nl": "Nederlands", "fr": "Français", "en": "English"}
        item = next(i for i in menu.items if i.content == names[lang])
        await self.fire(item, "click")

    async def tab(self, index: int) -> None:
        bar = self.page.views[-1].navigation_bar
        assert isinstance(bar, ft.NavigationBar)
        self.client_sets(bar, selected_index=index)
        await self.fire(bar, "change")

    async def choose(self, identifier: str, value: str) -> None:
        """Pick a segment of a SegmentedButton."""
        button = self.find(identifier).content
        assert isinstance(button, ft.SegmentedButton)
        self.client_sets(button, selected=[value])
        await self.fire(button, "change")

    async def type_into(self, identifier: str, text: str, event: str = "submit") -> None:
        field = self.find(identifier).content
        assert isinstance(field, ft.TextField)
        self.client_sets(field, value=text)
        await self.fire(field, event)

    def client_sets(self, control: BaseControl, **props: Any) -> None:
        """What the Flutter client does when the person edits a control: a props update by id
        (drawn controls are frozen: only the client may change them, never view code)."""
        self.session.apply_patch(control._i, props)

    async def sync_now(self) -> None:
        """Tap Sync now and wait (bounded) until that sync has finished."""
        assert self.shell is not None
        before = self.shell.ctx.sync.outcome
        self.shell.sync_now()
        for _ in range(300):
            await asyncio.sleep(0.01)
            await self.settle()
            state = self.shell.ctx.sync
            if state.phase == "done" and state.outcome is not before:
                return
        raise AssertionError("the sync did not finish")

    async def time_passes(self, iso: str) -> None:
        """The clock reaches `iso`; the session's clock loop looks at it (its timer would)."""
        assert self.shell is not None
        self.clock.set(iso)
        self.shell.clock.look()
        for _ in range(20):  # the loop's wait_for needs a few turns of the event loop
            await asyncio.sleep(0)
        await self.settle()

    async def go(self, route: str) -> None:
        """A deep link or the browser's back button: the client reports a route change."""
        assert self.shell is not None
        self.shell.routes.show(route)
        await self.settle()


@contextlib.asynccontextmanager
async def on_feed(
    root: Path, url: str, *routes: str, make_client: Callable[[str], FeedClient] = FeedClient
) -> AsyncIterator[tuple[Feeds, list[App]]]:
    """Sessions of one process that sync from `url`, one per route, over one store; all
    closed afterwards, the feeds' clients too."""
    feeds = Feeds(Library(FeedStore(root)), url, make_client=make_client)
    apps: list[App] = []
    try:
        for i, route in enumerate(routes):
            apps.append(await App(root / f"session-{i}", feeds=feeds).start(route))
        yield feeds, apps
    finally:
        for app in apps:
            await app.close()
        await feeds.aclose()


def _toast_text(bar: ft.SnackBar) -> str:
    """The shell's toasts are a Text in a SnackBar (views/shell.py)."""
    assert isinstance(bar.content, ft.Text), bar.content
    return str(bar.content.value)


def _frames(task: asyncio.Task[Any]) -> Iterator[Any]:
    """The frames of every coroutine the task is suspended in, outermost first
    (`Task.get_stack` gives only the outermost)."""
    coro: Any = task.get_coro()
    while coro is not None and getattr(coro, "cr_frame", None) is not None:
        yield coro.cr_frame
        coro = coro.cr_await


def _in_background_turn(task: asyncio.Task[Any]) -> bool:
    """Waiting for, or pausing after, its turn to draw (views/background.py)."""
    return any(f.f_code.co_filename == background.__file__ for f in _frames(task))


def _is_sleeping_loop(task: asyncio.Task[Any]) -> bool:
    """The sync loop and the clock sleep for minutes: they do not count as pending work
    (unless the clock waits for its turn to draw)."""
    names = ("_sync_loop", "_clock_loop")
    asleep = any(frame.f_code.co_name in names for frame in task.get_stack())
    return asleep and not _in_background_turn(task)


async def sign_in_as(root: Path, code: str, registered: list[str], sample: bool = True) -> None:
    """Store the mission and a personal document for `code` in TEST_ORIGIN's namespace (as a
    sign-in would) and select them in settings; open the app with origin=TEST_ORIGIN."""
    import json

    from services.store import personal_name
    from tests.conftest import DELEGATE_BYTES, MISSION_BYTES, store_unit

    doc = json.loads(DELEGATE_BYTES)
    doc["delegate"] = {**doc["delegate"], "id": "d-test", "name": "Test Delegate", "sample": sample}
    doc["registered"], doc["meetings"] = registered, []
    store_unit(root, MISSION_BYTES)
    store_unit(root, json.dumps(doc).encode(), personal_name(code), etag='"p1"')
    kv = FileKeyValue(root / "settings.json")
    settings = {"personal_code": code, "feed_url": TEST_ORIGIN}
    await kv.set("delegate_companion.settings", json.dumps(settings))
