"""Controls made by the hosted server's generated __init__ are the controls Flet's own makes:
for every Flet control class, in a whole session, and for a class defined afterwards."""

from __future__ import annotations

import asyncio
import datetime
import inspect
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import flet as ft
import pytest
from flet.controls.base_control import BaseControl

from hosting import construct
from tests.hosting.session_messages import session_messages

ARGUMENTS: list[dict[str, Any]] = [
    {},
    {"key": "k", "data": 1, "visible": False, "tooltip": "t", "expand": True},
    {"opacity": 1, "rtl": 0},  # equal to the defaults (1.0, False), but not the same objects
]


@pytest.fixture(autouse=True)
def flets_init() -> Iterator[None]:
    """Each test starts on Flet's own __init__ and leaves the process as it found it."""
    was_in = construct.installed()
    construct.uninstall()
    yield
    construct.uninstall()
    if was_in:
        construct.install()


def _comparable(value: Any) -> Any:
    """A value with what is particular to one instance (a method bound to it, its own event,
    the time it was made) replaced by what it is."""
    if inspect.ismethod(value):
        return ("method", value.__func__)
    if isinstance(value, asyncio.Event):
        return "event"
    if isinstance(value, (datetime.datetime, datetime.time)):
        return "a time"
    if isinstance(value, dict):
        return [(k, _comparable(v)) for k, v in value.items()]  # in order
    return value


def _made(cls: type, arguments: dict[str, Any]) -> Any:
    try:
        control = cls(**arguments)
    except Exception as error:  # a class that needs other arguments fails the same way
        return type(error), str(error)
    return [(k, _comparable(v)) for k, v in vars(control).items() if k != "_i"]


def _flet_control_classes() -> list[type]:
    named = (getattr(ft, name) for name in ft.__all__)
    return [c for c in named if isinstance(c, type) and issubclass(c, BaseControl)]


def test_every_flet_control_is_made_as_flet_makes_it() -> None:
    classes = _flet_control_classes()
    flets = {(c, i): _made(c, a) for c in classes for i, a in enumerate(ARGUMENTS)}
    assert construct.install()
    assert ft.Text.__init__ is not construct.flets[ft.Text]
    ours = {(c, i): _made(c, a) for c in classes for i, a in enumerate(ARGUMENTS)}
    assert ours == flets
    assert len(construct.flets) >= len(classes) > 150


async def test_a_whole_session_sends_the_same_messages(tmp_path: Path) -> None:
    flets = await session_messages(tmp_path / "flet")
    assert construct.install()
    assert await session_messages(tmp_path / "ours") == flets


def test_a_control_class_defined_later_is_made_the_same_way() -> None:
    def define() -> tuple[type, type]:
        @ft.control("Marked")  # type: ignore[arg-type]  # flet's control(name): TypeVar unsolved
        class Marked(ft.Text):
            tone: str = "plain"

        @ft.control("Levelled")  # type: ignore[arg-type]  # as above
        class Levelled(ft.Text):
            _level: int = 0  # a parameter named like the generated body's own: Flet's __init__

        return Marked, Levelled

    flets = define()
    assert construct.install()
    ours = define()
    assert ours[0] in construct.flets and ours[1] not in construct.flets
    arguments = [{"value": "Astrid", "tone": "loud", "size": 12}, {"value": "x", "_level": 2}]
    made = [
        [_made(cls, a) for cls, a in zip(pair, arguments, strict=True)] for pair in (flets, ours)
    ]
    assert made[0] == made[1]


class Big(ft.Text):
    size = 30  # a class attribute over the Prop


class Loud(ft.Text):
    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value.upper() if name == "value" else value)


class Told(ft.Text):
    def _notify(self, name: str, value: Any) -> None:
        self.told = [*getattr(self, "told", []), name]


def test_a_subclass_without_an_init_of_its_own_is_made_by_flets_init() -> None:
    def made() -> list[Any]:
        return [_made(cls, {"value": "quiet", "size": 12}) for cls in (Big, Loud, Told)]

    flets = made()
    assert construct.install()
    assert made() == flets
    assert Loud("quiet").value == "QUIET" and Told("x", size=12).told == ["value", "size"]


def test_other_flet_code_keeps_flets_init(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    before = ft.Text.__init__
    monkeypatch.setattr(construct, "ORIGINAL", "0" * 64)
    with caplog.at_level(logging.WARNING, logger=construct.__name__):
        assert not construct.install()
    assert ft.Text.__init__ is before
    assert "left __init__ as it is" in caplog.text
