"""Drawn texts, spans and icons that show the same share one read-only values dict across
sessions, and only while shown; nothing a session owns is shared, and nothing changes on screen."""

from __future__ import annotations

import gc
from enum import Enum
from pathlib import Path
from typing import Any

import flet as ft
import pytest

from hosting import leaf_values
from hosting.seal import Sealed
from tests.conftest import TEST_ORIGIN
from tests.views.harness import App, sign_in_as

pytestmark = pytest.mark.usefixtures("hosted_walk")  # the server's walk


def _leaves(app: App) -> dict[str, Any]:
    """Each drawn Text by its words (the first of equal ones)."""
    found: dict[str, Any] = {}
    for control in app.controls():
        if type(control) is ft.Text and isinstance(control.value, str):
            found.setdefault(control.value, control)
    return found


async def test_two_sessions_showing_the_same_share_one_values_dict(tmp_path: Path) -> None:
    a = await App(tmp_path / "a").start()
    b = await App(tmp_path / "b").start()
    try:
        texts_a, texts_b = _leaves(a), _leaves(b)
        title = "B2B with Raj Patel"
        assert title in texts_a and title in texts_b
        first, second = texts_a[title], texts_b[title]
        assert first is not second and first._values is second._values
        assert isinstance(first._values, leaf_values.SharedValues)
        plain = [w for w, c in texts_a.items() if not c.spans and w in texts_b]  # spans: own
        assert len(plain) >= 25
        assert all(texts_a[w]._values is texts_b[w]._values for w in plain)
        with pytest.raises(RuntimeError, match="Frozen"):
            first.value = "changed"  # Flet refuses before it writes
        with pytest.raises(TypeError, match="sealed"):
            first._values["value"] = "changed"  # and a write past Flet reaches nobody
        assert second.value == title
    finally:
        await a.close()
        await b.close()


async def test_a_new_screen_leaves_before_its_leaves_are_shared(tmp_path: Path) -> None:
    """Sharing is memory bookkeeping the patch does not need: done once the patch has gone,
    when the event loop comes back, and the very same bytes leave."""
    app = await App(tmp_path).start()
    try:
        at_send: list[int] = []
        send = app.conn.send_message

        def counting(message: Any) -> None:
            at_send.append(sum(isinstance(t._values, leaf_values.SharedValues) for t in texts()))
            send(message)

        def texts() -> list[Any]:
            return [c for c in app.controls() if type(c) is ft.Text and not c.spans]

        app.conn.send_message = counting  # type: ignore[method-assign]
        assert app.shell is not None
        app.shell.routes.show("/contacts")
        assert at_send and at_send[0] < len(texts()) // 2  # the new screen left unshared
        await app.settle()
        assert all(isinstance(t._values, leaf_values.SharedValues) for t in texts())
    finally:
        await app.close()


async def test_what_differs_between_people_is_not_shared(tmp_path: Path) -> None:
    await sign_in_as(tmp_path / "a", "a" * 26, ["mon-opening-seminar"])
    await sign_in_as(tmp_path / "b", "b" * 26, ["tue-nasa-ames"])
    a = await App(tmp_path / "a", origin=TEST_ORIGIN).start("/agenda/2025-10-07")
    b = await App(tmp_path / "b", origin=TEST_ORIGIN).start("/agenda/2025-10-07")
    try:
        texts_a, texts_b = _leaves(a), _leaves(b)
        assert any("NASA Ames" in w for w in texts_b)
        assert not any("NASA Ames" in w for w in texts_a)
        ids_a = {id(c._values) for c in texts_a.values()}
        for words, control in texts_b.items():
            if words not in texts_a:
                assert id(control._values) not in ids_a  # only equal content is ever shared
        await b.tab(1)  # moving on redraws as before
        assert b.route == "/programme"
    finally:
        await a.close()
        await b.close()


async def test_a_shared_dict_is_forgotten_when_nobody_shows_it(tmp_path: Path) -> None:
    app = await App(tmp_path).start()
    words = "B2B with Raj Patel"
    key = leaf_values.content_key(dict(_leaves(app)[words]._values))
    assert key is not None and key in leaf_values._kept
    await app.close()
    del app
    gc.collect()
    assert key not in leaf_values._kept


class Tone(Enum):
    QUIET = "quiet"


def test_only_values_that_carry_nothing_of_a_session_make_a_key() -> None:
    style = ft.TextStyle(size=12)
    object.__setattr__(style, "_frozen", True)
    made = leaf_values.content_key({"value": "x", "size": 1, "color": Tone.QUIET, "style": style})
    assert made == (
        ("color", Tone, Tone.QUIET),
        ("size", int, 1),
        ("style", ft.TextStyle, id(style)),
        ("value", str, "x"),
    )
    ones = {leaf_values.content_key({"size": one}) for one in (1, 1.0, True)}
    assert len(ones) == 3  # equal as numbers, not as what Flet sends
    assert leaf_values.content_key({"spans": [ft.TextSpan("x")]}) is None
    assert leaf_values.content_key({"on_click": lambda _e: None}) is None
    assert leaf_values.content_key({"style": ft.TextStyle(size=12)}) is None  # not frozen


def test_a_reachable_or_unfrozen_leaf_keeps_its_own() -> None:
    span = ft.TextSpan("me", on_click=lambda _e: None)
    leaf_values.share(span)
    assert type(span._values) is dict  # the browser can send it an event
    plain = ft.Text("Plain")
    leaf_values.share(plain)
    assert isinstance(plain._values, Sealed)
    again = ft.Text("Plain")
    leaf_values.share(again)
    assert again._values is plain._values
