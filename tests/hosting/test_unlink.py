"""A screen a session leaves is freed when its patch is made, not when the garbage collector
comes round; the patches are the same; any other Flet keeps its own teardown."""

from __future__ import annotations

import gc
import logging
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from flet.controls.object_patch import DiffBuilder

from hosting import unlink
from tests.hosting.session_messages import session_messages
from tests.hosting.stand_ins import flets_own
from tests.views.harness import App


@pytest.fixture(autouse=True)
def flets_teardown() -> Iterator[None]:
    """Each test starts on Flet's own teardown and leaves the process as it found it."""
    with flets_own(unlink):
        yield


async def _left_screen_alive(tmp_path: Path) -> bool:
    """Whether the Programme a session switched away from outlives the switch, with the
    garbage collector off."""
    app = await App(tmp_path).start()
    try:
        await app.tab(1)
        left = weakref.ref(app.find("pane-main"))
        gc.collect()
        gc.disable()
        try:
            await app.tab(2)
            assert app.route == "/map"
            return left() is not None
        finally:
            gc.enable()
    finally:
        await app.close()


async def test_unlink_installed_a_screen_left_is_freed_at_once(tmp_path: Path) -> None:
    assert await _left_screen_alive(tmp_path / "flet")  # Flet's chain keeps it, in a cycle
    assert unlink.install()
    assert DiffBuilder.teardown is unlink.teardown
    assert not await _left_screen_alive(tmp_path / "ours")


async def test_unlink_installed_sends_the_same_messages(tmp_path: Path) -> None:
    flets = await session_messages(tmp_path / "flet")
    assert unlink.install()
    ours = await session_messages(tmp_path / "ours")
    assert len(flets) > 10
    assert ours == flets


def test_unlink_other_flet_code_is_left_alone(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    before = DiffBuilder.teardown
    monkeypatch.setitem(unlink.ORIGINAL, "insert", "0" * 64)
    with caplog.at_level(logging.WARNING, logger=unlink.__name__):
        assert not unlink.install()
    assert DiffBuilder.teardown is before
    assert "flet's insert changed: its own" in caplog.text
