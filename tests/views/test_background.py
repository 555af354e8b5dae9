"""Background drawings (new data, the clock's turn) take turns, and taps come in between."""

from __future__ import annotations

import asyncio
from functools import partial
from pathlib import Path

import pytest

from tests.services.chaos import ChaosServer
from tests.views.harness import on_feed
from views import background

NASA = "/activity/tue-nasa-ames"


async def test_draw_every_session_at_once_a_tap_waits_for_one_drawing_at_most() -> None:
    order: list[str] = []
    drawings = [
        asyncio.create_task(background.draw(partial(order.append, f"drawing {i}")))
        for i in range(20)  # a commit reached twenty sessions
    ]
    asyncio.get_running_loop().call_soon(order.append, "tap")  # a tap read meanwhile
    await asyncio.gather(*drawings)
    assert order.index("tap") <= 1
    assert [o for o in order if o != "tap"] == [f"drawing {i}" for i in range(20)]


async def test_draw_one_fails_the_error_reaches_its_session_and_the_next_still_draws() -> None:
    drawn: list[int] = []

    def broken() -> None:
        raise ValueError("this screen could not be drawn")

    first = asyncio.create_task(background.draw(broken))
    second = asyncio.create_task(background.draw(lambda: drawn.append(2)))
    with pytest.raises(ValueError, match="could not be drawn"):
        await first
    await second
    assert drawn == [2]


async def test_a_persons_own_sync_is_drawn_at_once_and_the_others_in_turn(tmp_path: Path) -> None:
    async with (
        ChaosServer() as server,
        on_feed(tmp_path, server.url("ok"), NASA, NASA) as (_feeds, (mine, other)),
    ):
        server.republish_room("tue-nasa-ames", "Building N-200")
        async with background._lane():  # 499 other sessions are being drawn
            await mine.sync_now()
            assert "Building N-200" in mine.text()  # the person who tapped: at once
            await other.settle()
            assert "Building N-200" not in other.text()  # waits its turn
        await other.settle()
        assert "Building N-200" in other.text()


async def test_sync_now_shows_what_another_sessions_sync_brought_at_once(tmp_path: Path) -> None:
    async with (
        ChaosServer() as server,
        on_feed(tmp_path, server.url("ok"), NASA, NASA) as (_feeds, (mine, other)),
    ):
        server.republish_room("tue-nasa-ames", "Building N-200")
        async with background._lane():  # 499 other sessions are being drawn
            await other.sync_now()  # brings it in for everyone: mine waits its turn
            assert "Building N-200" not in mine.text()
            await mine.sync_now()  # nothing new for the store, but the person waits
            assert "Building N-200" in mine.text()
