"""The lazy error set keeps Flet's validation behaviour and stores nothing on valid controls."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import flet as ft
import pytest
from flet.utils import validation

from hosting import lean
from tests.hosting.fresh import fresh_output
from tests.views.harness import App, walk


@pytest.fixture
def installed() -> Iterator[None]:
    original = validation._get_reported_validation_errors
    lean.install()
    yield
    validation._get_reported_validation_errors = original


def _check(control: ft.Control) -> None:
    control._before_update_safe()  # type: ignore[no-untyped-call]  # flet leaves it unannotated


def test_a_valid_control_carries_no_error_set(installed: None) -> None:
    text = ft.Text("Lotte Vermeulen", opacity=0.5)
    _check(text)
    assert not hasattr(text, lean.KEY)


def test_a_repeated_error_is_reported_once_and_again_after_a_valid_update(
    installed: None,
) -> None:
    text = ft.Text("Lotte Vermeulen")
    text._values["opacity"] = 2.0  # out of range, as a bad update would leave it
    with pytest.raises(ValueError, match="opacity"):
        _check(text)
    _check(text)  # the same error again: suppressed, as Flet does
    text._values["opacity"] = 1.0
    _check(text)  # valid again: the memory of the error is cleared
    assert getattr(text, lean.KEY) == set()
    text._values["opacity"] = 2.0
    with pytest.raises(ValueError, match="opacity"):
        _check(text)


# A fresh interpreter: which names a class's instances share is set by its first instances.
MEMORY = """
import sys, tracemalloc, weakref
from hosting import lean
if sys.argv[1] == "shared":
    lean.install()
import flet as ft
texts = [ft.Text(f"row {i}") for i in range(300)]
parent = ft.Column()
tracemalloc.start()
for text in texts:  # what Flet sets on a control when it first draws it
    text._parent = weakref.ref(parent)
    text._frozen = True
    object.__setattr__(text, "_initialized", True)
grown = tracemalloc.get_traced_memory()[0] / len(texts)
assert all(t._frozen and t._initialized and t._parent() is parent for t in texts)
print(grown)
"""


def bytes_a_control_grows(mode: str) -> float:
    return float(fresh_output(MEMORY, mode))


def test_drawn_controls_keep_sharing_their_attribute_names() -> None:
    alone, shared = bytes_a_control_grows("flet"), bytes_a_control_grows("shared")
    assert alone > 300  # each Text's attributes became a dict of its own
    assert shared < 50  # the names were already in the class's shared table


async def test_the_index_leaves_out_what_the_browser_cannot_reach(tmp_path: Path) -> None:
    app = App(tmp_path)
    lean.index_reachable(app.page)
    await app.start("/agenda/2025-10-07")
    try:
        index = app.session.index
        drawn = app.controls()
        kept = [c for c in drawn if index.get(c._i) is c]
        assert all(lean.reachable(c) for c in kept)
        assert {type(c) for c in kept} >= {ft.NavigationBar, ft.PopupMenuItem, ft.IconButton}
        assert len(kept) < len(drawn) / 2  # texts, icons and boxes: most of a screen
        scrolling = next(c for c in drawn if isinstance(c, ft.Column))
        assert index.get(scrolling._i) is scrolling
        app.session.handle_invoke_method_results(scrolling._i, "scroll-1", None, None)
        await app.tap("row-m-patel")  # an event still reaches a card (it has on_click)
        assert app.route == "/meeting/m-patel"
        await app.tap("back")
        await app.tap("day-2025-10-08")
        assert app.route == "/agenda/2025-10-08" and any(
            i.startswith("row-wed-") for i in app.identifiers("row-")
        )
    finally:
        await app.close()


async def test_the_index_holds_only_what_is_on_screen_after_many_taps(tmp_path: Path) -> None:
    app = App(tmp_path)
    lean.index_reachable(app.page)
    await app.start("/agenda/2025-10-07")
    try:
        for _ in range(3):  # every tab, a day, a detail screen and back: a morning's use
            for tab in ("/programme", "/map/2025-10-07", "/contacts", "/settings", "/agenda"):
                await app.go(tab)
            await app.tap("day-2025-10-08")
            await app.tap(app.identifiers("row-")[0])
            await app.tap("back")
        index = app.session.index
        page: Any = app.page  # the page holds its overlay, dialogs and services apart
        held = [page, page._overlay, page._dialogs, page._services]
        on_screen = {c._i: c for root in held for c in walk(root) if lean.reachable(c)}
        assert isinstance(index, lean.DrawnIndex)
        assert index.keys() == on_screen.keys()
        assert all(index[i] is c for i, c in on_screen.items())
    finally:
        await app.close()
