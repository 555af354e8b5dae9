"""The hosted server's diff walk sends exactly what Flet's own walk sends, and stands aside
for any Flet it was not written against."""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import flet as ft
import pytest
from flet.controls.base_control import BaseControl
from flet.controls.id_counter import ControlId
from flet.controls.object_patch import DiffBuilder, ObjectPatch

from hosting import walk
from tests.hosting.session_messages import session_messages, waiting_send_loop
from tests.hosting.stand_ins import flets_own
from tests.views.harness import walk as harness_walk


@pytest.fixture(autouse=True)
def flets_walk() -> Iterator[None]:
    """Each test starts on Flet's own walk and leaves the process as it found it."""
    with flets_own(walk):
        yield


async def test_walk_installed_sends_the_same_messages_as_flets_walk(tmp_path: Path) -> None:
    flets = await session_messages(tmp_path / "flet")
    assert walk.install()
    assert DiffBuilder._configure_dataclass is walk.configure_dataclass
    ours = await session_messages(tmp_path / "ours")
    assert len(flets) > 10
    assert ours == flets


def test_walk_other_flet_code_is_left_alone(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    before = DiffBuilder._configure_dataclass
    monkeypatch.setitem(walk.ORIGINAL, "_removed_controls", "0" * 64)
    with caplog.at_level(logging.WARNING, logger=walk.__name__):
        assert not walk.install()
    assert DiffBuilder._configure_dataclass is before
    assert "flet's _removed_controls changed: its own" in caplog.text


def test_walk_skips_only_values_that_hold_no_control() -> None:
    margin = ft.Margin.all(4)
    spans = [ft.TextSpan("x")]
    text = ft.Text("Lotte", on_tap=print, spans=spans, margin=margin, color=ft.Colors.PRIMARY)
    found = walk.children(text)
    assert spans in found and margin in found
    # a handler, an enum member, a string, None: nothing either walk could find a control in
    assert print not in found and ft.Colors.PRIMARY not in found
    assert "Lotte" not in found and None not in found
    row = ft.Row([ft.Text("x")])
    assert row.controls in walk.children(row) and [] not in walk.children(ft.Row([]))


def _screen(label: str, with_row: bool) -> ft.Column:
    ControlId._counter = itertools.count(20_000_000)
    card = ft.Container(ft.Text(label, spans=[ft.TextSpan("Astrid")]), margin=ft.Margin.all(2))
    row = ft.Row([ft.Icon(ft.Icons.HOME), ft.Text("Mon 6 Oct")])
    bar = ft.AppBar(
        leading=ft.Icon(ft.Icons.MENU), title=ft.Text(label), actions=[ft.IconButton(ft.Icons.ADD)]
    )
    kept: list[ft.Control] = [card, bar, row] if with_row else [card, bar]
    # its badge (a control in a single field) comes before its list of controls
    return ft.Column(kept, badge=ft.Badge(label="3"), data={"kept": ft.Text("data")})


def _state(control: Any) -> list[Any]:
    """What a walk leaves on the controls: parents, frozen marks, change tracking."""
    seen = [control, *harness_walk(control)]
    return [
        (
            c._i,
            getattr(c, "_frozen", None),
            c.parent._i if c.parent else None,
            "__changes" in c.__dict__,
            dict(c._dirty),
        )
        for c in seen
    ]


def _diff(frozen: bool) -> tuple[Any, ...]:
    before = _screen("Lunch", with_row=True)
    _, first, _ = ObjectPatch.from_diff(None, before, control_cls=BaseControl, frozen=frozen)
    after = _screen("Lunch, Garden Room", with_row=False)
    after.spacing = 4  # changed after it was made: tracked as dirty until the walk
    patch, added, removed = ObjectPatch.from_diff(
        before, after, control_cls=BaseControl, frozen=frozen
    )
    ids = [c._i for c in first], [c._i for c in added], [c._i for c in removed]
    return patch.to_message(), ids, _state(after), _state(before)


@pytest.mark.parametrize("frozen", [True, False])
def test_walk_finds_the_same_added_and_removed_controls(frozen: bool) -> None:
    flets = _diff(frozen)
    walk.install()
    assert _diff(frozen) == flets
    assert flets[1][2], "the removed row's controls are found"


async def test_walk_settles_what_it_drew_after_the_patch_has_left(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The bookkeeping of what a patch draws waits until the patch is out: a send loop shaped
    like Flet's (flet-web's FletApp: a queue, and the write as soon as it wakes) sends first."""
    walk.install()
    order: list[str] = []
    monkeypatch.setattr(walk, "_settle", lambda _item, _control: order.append("settled"))
    queue, sender = await waiting_send_loop(order)
    ObjectPatch.from_diff(None, _screen("Lunch", with_row=True), BaseControl, frozen=True)
    queue.put_nowait(b"the patch")  # as Flet's session sends the patch it just made
    for _ in range(3):
        await asyncio.sleep(0)
    await sender
    assert order[0] == "sent" and order.count("settled") > 5
