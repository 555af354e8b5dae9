"""The hosted server leaves Flet's per-control validation to the view tests: the same messages,
`before_update` still runs, a bad control still fails where the view tests draw it."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from pathlib import Path

import flet as ft
import pytest
from flet.controls.base_control import BaseControl

from hosting import validated
from tests.hosting.session_messages import session_messages
from tests.hosting.stand_ins import flets_own
from tests.views.harness import App
from views.context import Ctx, Screen


@pytest.fixture(autouse=True)
def flets_check() -> Iterator[None]:
    """Each test starts on Flet's own method and leaves the process as it found it."""
    with flets_own(validated):
        yield


async def test_validated_installed_sends_the_same_messages(tmp_path: Path) -> None:
    flets = await session_messages(tmp_path / "flet")
    assert validated.install()
    assert BaseControl._before_update_safe is validated.before_update_safe
    ours = await session_messages(tmp_path / "ours")
    assert len(flets) > 10
    assert ours == flets


class _Counted(ft.Text):
    """A control that sets a property in `before_update`, as some of Flet's do."""

    def before_update(self) -> None:
        self.value = "counted"


def test_validated_installed_before_update_still_runs_and_frozen_stays() -> None:
    assert validated.install()
    control = _Counted("x")
    object.__setattr__(control, "_frozen", True)
    control._before_update_safe()  # type: ignore[no-untyped-call]
    assert control.value == "counted"
    assert control._frozen is True


async def test_a_bad_control_fails_where_the_view_tests_draw_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The view tests are where a control's properties are checked: a screen drawn there with
    an opacity of 2 is refused (the hosted server would not check it)."""
    app = await App(tmp_path).start()
    try:
        assert app.shell is not None
        screens = dict(app.shell.screens)
        programme = screens["programme"]

        def bad(ctx: Ctx) -> Screen:
            screen = programme(ctx)
            return dataclasses.replace(screen, controls=[ft.Text("x", opacity=2)])

        monkeypatch.setitem(screens, "programme", bad)
        app.shell.screens = screens
        with pytest.raises((ValueError, AssertionError), match="opacity"):
            await app.tab(1)
        app.conn.crashes.clear()
        assert validated.install()  # the hosted server: drawn unchecked
        await app.tab(0)
        await app.tab(1)
        assert [c.opacity for c in app.controls() if isinstance(c, ft.Text)].count(2) == 1
    finally:
        app.conn.crashes.clear()
        await app.close()


def test_validated_other_flet_code_is_left_alone(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    before = BaseControl._before_update_safe
    monkeypatch.setitem(validated.ORIGINAL, "_before_update_safe", "0" * 64)
    with caplog.at_level(logging.WARNING, logger=validated.__name__):
        assert not validated.install()
    assert BaseControl._before_update_safe is before
    assert "flet's _before_update_safe changed: its own" in caplog.text
