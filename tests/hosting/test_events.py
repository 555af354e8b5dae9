"""Event payload types resolved once per class are the types Flet resolves on every event, and
taps still reach their handlers; any other Flet keeps its own resolution."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flet.controls import base_control

from hosting import events, lean
from tests.views.harness import App


@pytest.fixture(autouse=True)
def flets_events() -> Iterator[None]:
    """Each test starts on Flet's own resolution and leaves the process as it found it."""
    was_in = base_control.get_event_field_type is events.event_type  # type: ignore[attr-defined]
    events.uninstall()
    events._types.clear()
    yield
    events.uninstall()
    if was_in:
        events.install()


def _every_event() -> Iterator[tuple[Any, str]]:
    for cls in lean.defined():
        for name in sorted(getattr(cls, "_event_fields", ())):
            yield object.__new__(cls), name  # Flet reads only the class of the control


def _answer(resolve: Any, control: Any, name: str) -> Any:
    try:
        return resolve(control, name)
    except RuntimeError as error:  # a field named on_... that is no handler (a hint text)
        return str(error)


def test_events_resolve_what_flet_resolves_for_every_control_event() -> None:
    pairs = list(_every_event())
    assert len(pairs) > 50  # the classes Flet has imported so far
    flets = [_answer(events._resolve, c, name) for c, name in pairs]  # as Flet's dispatcher
    assert any(isinstance(a, str) for a in flets) and not all(isinstance(a, str) for a in flets)
    assert events.install()
    assert [_answer(events.event_type, c, name) for c, name in pairs] == flets
    assert [_answer(events.event_type, c, name) for c, name in pairs] == flets  # remembered
    resolved = {(type(c), n) for (c, n), a in zip(pairs, flets, strict=True) if type(a) is not str}
    assert set(events._types) == resolved  # a failure is not remembered: it fails again


async def test_events_installed_a_tap_reaches_its_handler(tmp_path: Path) -> None:
    assert events.install()
    assert base_control.get_event_field_type is events.event_type  # type: ignore[attr-defined]
    app = await App(tmp_path).start()
    try:
        await app.tab(1)
        assert app.route == "/programme"
        await app.tap("row-tue-nasa-ames")  # a Container's click: another class and event
        assert app.route == "/activity/tue-nasa-ames"
    finally:
        await app.close()


def test_events_other_flet_code_is_left_alone(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(events, "ORIGINAL", "0" * 64)
    with caplog.at_level(logging.WARNING, logger=events.__name__):
        assert not events.install()
    assert base_control.get_event_field_type is events.FLETS  # type: ignore[attr-defined]
    assert "left it as it is" in caplog.text
