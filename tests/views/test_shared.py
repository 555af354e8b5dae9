"""Layout values shared by every session: one instance per value, never changed."""

from __future__ import annotations

from pathlib import Path

import flet as ft
import pytest

from tests.views.harness import App
from views.components.shared import shared
from views.components.theme import LIGHT, locale_configuration, theme


def test_shared_equal_values_are_one_instance() -> None:
    first = shared(ft.Padding.symmetric(horizontal=16, vertical=3))
    again = shared(ft.Padding.only(left=16, right=16, top=3, bottom=3))
    assert again is first
    assert shared(ft.Padding.symmetric(horizontal=16, vertical=4)) is not first
    margin: object = shared(ft.Margin.symmetric(horizontal=16, vertical=3))
    assert margin is not first  # another type


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


def test_locale_configuration_one_frozen_instance_per_language() -> None:
    dutch = locale_configuration("nl")
    assert locale_configuration("nl") is dutch
    assert dutch.current_locale == ft.Locale("nl", "BE")
    assert locale_configuration("fr").current_locale == ft.Locale("fr", "BE")
    assert locale_configuration("en").current_locale == ft.Locale("en", "GB")
    with pytest.raises(RuntimeError, match="Frozen"):
        dutch.current_locale = ft.Locale("fr", "BE")


async def test_locale_configuration_follows_each_sessions_language(tmp_path: Path) -> None:
    dutch = await App(tmp_path / "nl", lang="nl").start()
    french = await App(tmp_path / "fr", lang="fr").start()
    try:
        assert dutch.page.locale_configuration is locale_configuration("nl")
        assert french.page.locale_configuration is locale_configuration("fr")
        await french.pick_language("en")  # the date pickers follow, the other session stays
        assert french.page.locale_configuration is locale_configuration("en")
        assert dutch.page.locale_configuration is locale_configuration("nl")
    finally:
        await dutch.close()
        await french.close()
