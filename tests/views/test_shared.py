"""Layout values shared by every session: one instance per value, never changed."""

from __future__ import annotations

import flet as ft
import pytest

from views.components.shared import shared
from views.components.theme import LIGHT, theme


def test_shared_equal_values_are_one_instance() -> None:
    first = shared(ft.Padding.symmetric(horizontal=16, vertical=3))
    again = shared(ft.Padding.only(left=16, right=16, top=3, bottom=3))
    assert again is first
    assert shared(ft.Padding.symmetric(horizontal=16, vertical=4)) is not first
    assert shared(ft.Margin.symmetric(horizontal=16, vertical=3)) is not first  # another type


def test_shared_value_cannot_be_changed() -> None:
    kept = shared(ft.BorderRadius.all(13))
    with pytest.raises(RuntimeError, match="Frozen"):
        kept.top_left = 2


def test_shared_leaves_values_holding_objects_alone() -> None:
    style = ft.ButtonStyle(padding=ft.Padding.all(12))
    assert shared(style) is style
    assert shared(ft.ButtonStyle(padding=ft.Padding.all(12))) is not style
    assert not hasattr(style, "_frozen")


def test_theme_one_frozen_instance_per_palette() -> None:
    assert theme(LIGHT) is theme(LIGHT)
    with pytest.raises(RuntimeError, match="Frozen"):
        theme(LIGHT).visual_density = ft.VisualDensity.COMPACT
