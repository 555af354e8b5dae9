"""The hosted server's MessagePack encoder sends exactly the bytes Flet's own encoder sends,
and stands aside for any Flet it was not written against."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import flet as ft
import msgpack
import pytest
from flet.controls.base_control import BaseControl
from flet.messaging import protocol
from flet.messaging.protocol import configure_encode_object_for_msgpack

from hosting import encode
from tests.hosting.session_messages import session_messages

# flet's protocol functions carry no annotations (flet 1.0.5)
FLETS: Callable[[Any], Any] = configure_encode_object_for_msgpack(BaseControl)  # type: ignore[no-untyped-call]


@ft.control("Marked")  # type: ignore[arg-type]  # flet's control(name) leaves its TypeVar unsolved
class Marked(ft.Text):
    """A control with a structural field of its own: sent only when it is not its default."""

    _tone: str = "plain"


def loud() -> Marked:
    marked = Marked("Astrid")
    marked._tone = "loud"
    return marked


async def test_a_whole_session_is_sent_byte_for_byte_as_flet_sends_it(tmp_path: Path) -> None:
    """Every screen, a search and two languages: the snapshots the encoder leaves on mutable
    controls decide later patches, so equal messages to the end mean equal snapshots too."""
    ours = encode.encoder(BaseControl)
    assert ours is not FLETS and ours.__module__ == encode.__name__
    flets = await session_messages(tmp_path / "flet", FLETS)
    assert await session_messages(tmp_path / "ours", ours) == flets
    assert len(flets) > 10


def test_each_kind_of_value_is_encoded_as_flets_encoder_does() -> None:
    ours = encode.encoder(BaseControl)
    when = datetime.datetime(2025, 10, 7, 15, 40, tzinfo=datetime.UTC)
    mutable = ft.Column([ft.Text("Lotte", on_tap=print)], spacing=4)
    items = [mutable, Marked("Lotte"), loud(), ft.RawImage(), ft.Padding.all(4)]
    items += [ft.Colors.PRIMARY, when, datetime.time(15, 40)]
    flets = [msgpack.packb(i, default=FLETS) for i in items]
    snapshot = getattr(mutable, "__prev_lists")
    assert [msgpack.packb(i, default=ours) for i in items] == flets
    # a mutable control keeps a fresh snapshot for the next diff, as Flet's encoder leaves it
    assert getattr(mutable, "__prev_lists") == snapshot
    assert getattr(mutable, "__prev_lists") is not snapshot
    with pytest.raises(RuntimeError, match="Cannot serialize method"):
        msgpack.packb(print, default=ours)


def test_enum_members_are_sent_as_their_value_without_flets_dataclass_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Flet's function asks `is_dataclass` of an enum member first, which raises and catches
    an AttributeError inside the enum class (~5% of a tab switch): ours sends its value."""
    asked: list[object] = []
    flets_check = dataclasses.is_dataclass  # what flet.messaging.protocol imported

    def is_dataclass(obj: object) -> bool:
        asked.append(obj)
        return flets_check(obj)

    monkeypatch.setattr(protocol, "is_dataclass", is_dataclass)
    ours = encode.encoder(BaseControl)
    members = [
        ft.FontWeight.W_600,
        ft.CrossAxisAlignment.START,
        protocol.MessageAction.PATCH_CONTROL,
    ]
    members += [ft.Colors.PRIMARY, ft.TextOverflow.ELLIPSIS]
    packed = [msgpack.packb(m, default=ours) for m in members]
    assert not [m for m in asked if m in members]
    assert packed == [msgpack.packb(m, default=FLETS) for m in members]


def test_other_flet_code_keeps_flets_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(encode.ORIGINAL, "_get_root_dataclass_field", "0" * 64)
    assert encode.encoder(BaseControl).__module__ != encode.__name__
