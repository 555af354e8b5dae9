"""The screen a patch replaces is taken down once the patch has left: the same messages, and
the same index of controls, as Flet's own patch_control."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flet.controls.object_patch import DiffBuilder
from flet.messaging.session import Session

from hosting import lean, takedown
from tests.hosting.session_messages import session_messages, waiting_send_loop
from tests.hosting.stand_ins import flets_own
from tests.views.harness import App, walk


@pytest.fixture(autouse=True)
def flets_patch() -> Iterator[None]:
    """Each test starts on Flet's own patch_control and leaves the process as it found it."""
    with flets_own(takedown):
        yield


async def test_takedown_sends_the_same_messages_as_flets_patch_control(tmp_path: Path) -> None:
    flets = await session_messages(tmp_path / "flet")
    assert takedown.install()
    assert Session.patch_control is takedown.patch_control
    ours = await session_messages(tmp_path / "ours")
    assert len(flets) > 10
    assert ours == flets


def test_takedown_other_flet_code_is_left_alone(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    before = Session.patch_control
    monkeypatch.setitem(takedown.ORIGINAL, "from_diff", "0" * 64)
    with caplog.at_level(logging.WARNING, logger=takedown.__name__):
        assert not takedown.install()
    assert Session.patch_control is before
    assert "flet's from_diff changed: its own" in caplog.text


async def test_takedown_walks_the_screen_left_after_the_patch_has_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A switch to the Programme: its patch leaves first (through a send loop shaped like
    flet-web's: a queue, and the write as soon as it wakes), then My agenda is walked."""
    assert takedown.install()
    app = await App(tmp_path).start("/agenda")
    try:
        order: list[str] = []
        walk_removed = DiffBuilder._removed_controls

        def walking(builder: DiffBuilder, item: Any, recurse: bool) -> Iterator[Any]:
            order.append("walked")
            return walk_removed(builder, item, recurse)

        monkeypatch.setattr(DiffBuilder, "_removed_controls", walking)
        queue, sender = await waiting_send_loop(order)
        app.conn.send_message = queue.put_nowait  # type: ignore[method-assign,assignment]
        assert app.shell is not None
        app.shell.routes.show("/programme")
        for _ in range(3):
            await asyncio.sleep(0)
        await sender
        assert order[0] == "sent" and "walked" in order
    finally:
        await app.close()


async def test_takedown_index_holds_only_what_is_on_screen_after_many_taps(
    tmp_path: Path,
) -> None:
    assert takedown.install()
    app = App(tmp_path)
    lean.index_reachable(app.page)
    await app.start("/agenda/2025-10-07")
    try:
        for _ in range(2):  # every tab, a day, a detail screen and back
            for tab in ("/programme", "/map/2025-10-07", "/contacts", "/settings", "/agenda"):
                await app.go(tab)
            await app.tap("day-2025-10-08")
            await app.tap(app.identifiers("row-")[0])
            await app.tap("back")
        await asyncio.sleep(0)
        await asyncio.sleep(0)  # the last patch has left: its screen is taken down
        index = app.session.index
        page: Any = app.page
        held = [page, page._overlay, page._dialogs, page._services]
        on_screen = {c._i: c for root in held for c in walk(root) if lean.reachable(c)}
        assert index.keys() == on_screen.keys()
        assert all(index[i] is c for i, c in on_screen.items())
    finally:
        await app.close()
