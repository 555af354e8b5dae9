"""Background drawings (new data, the clock's turn) take turns, and taps come in between."""

from __future__ import annotations

import asyncio

import pytest

from views import background


async def test_draw_every_session_at_once_a_tap_waits_for_one_drawing_at_most() -> None:
    order: list[str] = []
    drawings = [
        asyncio.create_task(background.draw(lambda i=i: order.append(f"drawing {i}")))
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
