"""A drawn frozen control's bookkeeping dicts are shared read-only across sessions, carry
nothing of a person, and change nothing anyone sees."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import flet as ft
import pytest

from hosting import seal
from tests.conftest import TEST_ORIGIN
from tests.views.harness import App, sign_in_as

pytestmark = pytest.mark.usefixtures("hosted_walk")  # the server's walk


def test_seal_refuses_every_change() -> None:
    kept: dict[str, object] = seal.sealed({"skip_properties": ["width", "height"]})
    changes: list[Callable[[], object]] = [
        lambda: kept.__setitem__("x", 1),
        lambda: kept.update(x=1),
        lambda: kept.setdefault("x", 1),
        lambda: kept.pop("skip_properties"),
        lambda: kept.popitem(),
        lambda: kept.clear(),
        lambda: kept.__delitem__("skip_properties"),
    ]
    for change in changes:
        with pytest.raises(TypeError, match="sealed"):
            change()
    assert kept == {"skip_properties": ["width", "height"]}
    assert seal.EMPTY.pop("style", None) is None  # Flet's no-op pop of an absent key
    seal.EMPTY.clear()  # clearing what is empty changes nothing
    for made in (
        kept.copy(),
        copy.copy(kept),
        copy.deepcopy(kept),
        pickle.loads(pickle.dumps(kept)),
    ):
        made["x"] = 1  # a copy (what the encoder keeps) is a plain dict of its own
        assert type(made) is dict and "x" not in kept
        assert made["skip_properties"] == ["width", "height"]


def test_seal_shares_only_equal_plain_settings() -> None:
    first = seal.sealed({"skip_properties": ["width", "height", "margin"]})
    assert seal.sealed({"skip_properties": ["width", "height", "margin"]}) is first
    assert seal.sealed({"skip_properties": ["width"]}) is not first
    assert seal.sealed({}) is seal.EMPTY
    style = {"style": ft.ButtonStyle(padding=ft.Padding.all(4))}
    assert seal.sealed(style) is style  # holds an object: never shared


async def _signed_in(root: Path, code: str, registered: list[str]) -> App:
    await sign_in_as(root, code, registered)
    return await App(root, origin=TEST_ORIGIN).start("/agenda/2025-10-06")


def _kept(app: App, name: str) -> list[Any]:
    return [getattr(c, name) for c in app.controls()]


async def test_seal_two_sessions_share_bookkeeping_never_an_agenda(tmp_path: Path) -> None:
    a = await _signed_in(tmp_path / "a", "a" * 26, ["mon-opening-seminar"])
    b = await _signed_in(tmp_path / "b", "b" * 26, ["tue-nasa-ames"])
    try:
        assert a.has("row-mon-opening-seminar") and not b.has("row-mon-opening-seminar")
        await b.tap("day-2025-10-07")
        await a.tap("day-2025-10-07")
        assert b.has("row-tue-nasa-ames") and not a.has("row-tue-nasa-ames")
        dirty_a, dirty_b = _kept(a, "_dirty"), _kept(b, "_dirty")
        assert all(d is seal.EMPTY for d in dirty_a + dirty_b)
        boxes = [c._internals for s in (a, b) for c in s.controls() if type(c) is ft.Container]
        assert len({id(i) for i in boxes}) == 1 and isinstance(boxes[0], seal.Sealed)
    finally:
        await a.close()
        await b.close()


async def test_seal_a_drawn_control_still_cannot_be_changed(tmp_path: Path) -> None:
    app = await App(tmp_path).start()
    try:
        row = app.find("row-tue-nasa-ames")
        with pytest.raises(RuntimeError, match="Frozen"):
            row.identifier = "changed"
        await app.tab(1)  # the next drawing replaces it, as before
        assert app.route == "/programme" and not app.has("row-m-patel")
    finally:
        await app.close()
