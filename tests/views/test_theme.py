"""Contrast computed from the theme's own colours: warnings are readable (WCAG AA, 4.5:1)."""

from __future__ import annotations

import flet as ft

from tests.contrast import AA, contrast
from tests.views.harness import App
from views.components.theme import DARK, LIGHT, Palette


def test_contrast_of_the_old_orange_fails_and_the_formula_is_right() -> None:
    assert round(contrast("#000000", "#FFFFFF"), 1) == 21.0
    assert contrast("#EF6C00", "#F4F3FA") < AA  # the orange of the issue: about 2.8:1


def test_warning_text_meets_aa_on_every_surface_in_both_themes() -> None:
    for palette in (LIGHT, DARK):
        for surface in (palette.surface, palette.card, palette.cancelled):
            assert contrast(palette.warning, surface) >= AA, (palette, surface)


async def test_the_app_paints_warnings_with_the_checked_colours(app: App) -> None:
    for theme, palette in ((app.page.theme, LIGHT), (app.page.dark_theme, DARK)):
        assert isinstance(theme, ft.Theme) and isinstance(palette, Palette)
        scheme = theme.color_scheme
        assert scheme is not None
        assert (scheme.tertiary, scheme.surface) == (palette.warning, palette.surface)
        assert (scheme.surface_container_low, scheme.error_container) == (
            palette.card,
            palette.cancelled,
        )
    warnings = [
        c
        for c in app.controls()
        if isinstance(c, ft.Text) and isinstance(c.value, str) and "Tight transfer" in c.value
    ]
    assert warnings and all(w.color == ft.Colors.TERTIARY for w in warnings)
