"""The app's light and dark themes: Material 3 from the mission blue, with the colours that
carry meaning pinned, so their contrast can be checked (WCAG AA: 4.5:1 for text).

Warnings (overlaps, tight transfers) use the `tertiary` role: dark orange on light surfaces,
light orange on dark ones. The surfaces are the ones Material derives from the seed; they are
written out here so a test can compute every warning's contrast from the theme itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import flet as ft

from views.components.shared import frozen

SEED_COLOR = "#1E3A8A"


@dataclass(frozen=True)
class Palette:
    warning: str  # text and icon colour of warnings (the tertiary role)
    surface: str  # page background
    card: str  # surface_container_low: cards and list rows
    cancelled: str  # error_container: cancelled cards


LIGHT = Palette(warning="#9A4500", surface="#FAF8FF", card="#F4F3FA", cancelled="#FFDAD6")
DARK = Palette(warning="#FFB77A", surface="#121318", card="#1A1B21", cancelled="#93000A")

# Buttons at least 48 px high (WCAG 2.5.8 / Material touch targets): browsers on a desktop
# get Flutter's compact density (32 px buttons) unless the theme says otherwise.
_TALL = ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=16, vertical=14))
_TALL_SEGMENT = ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=8, vertical=14))

# The navigation bar's labels one point under Material's 12: at 360 px each of the five tabs is
# 72 px wide, and 'Mijn agenda' beside 'Programma' (or 'Instellingen' at the edge) touched.
_NAV_LABEL = {
    ft.ControlState.SELECTED: ft.TextStyle(
        size=11, weight=ft.FontWeight.W_500, color=ft.Colors.ON_SURFACE
    ),
    ft.ControlState.DEFAULT: ft.TextStyle(
        size=11, weight=ft.FontWeight.W_500, color=ft.Colors.ON_SURFACE_VARIANT
    ),
}


@cache
def theme(palette: Palette) -> ft.Theme:
    """One theme per palette for the whole process, frozen: every session shows the same one,
    and a session that sets it again sends nothing."""
    return frozen(
        ft.Theme(
            color_scheme_seed=SEED_COLOR,
            color_scheme=ft.ColorScheme(
                tertiary=palette.warning,
                surface=palette.surface,
                surface_container_low=palette.card,
                error_container=palette.cancelled,
            ),
            visual_density=ft.VisualDensity.STANDARD,
            button_theme=ft.ButtonTheme(style=_TALL),
            filled_button_theme=ft.FilledButtonTheme(style=_TALL),
            outlined_button_theme=ft.OutlinedButtonTheme(style=_TALL),
            text_button_theme=ft.TextButtonTheme(style=_TALL),
            # Material's segments are 40 px high: the language, time and theme choices (and a
            # meeting's outcome) 48, as the other buttons
            segmented_button_theme=ft.SegmentedButtonTheme(style=_TALL_SEGMENT),
            # and a chip 48 rather than 38 (the Directory's sectors, a note's follow-up)
            chip_theme=ft.ChipTheme(padding=ft.Padding.symmetric(horizontal=8, vertical=13)),
            icon_button_theme=ft.IconButtonTheme(style=ft.ButtonStyle(padding=ft.Padding.all(12))),
            navigation_bar_theme=ft.NavigationBarTheme(label_text_style=_NAV_LABEL),
        )
    )


@cache
def locale_configuration(lang: str) -> ft.LocaleConfiguration:
    """One per language for the whole process, frozen like the themes: Material widgets such
    as date pickers follow the person's language, and no session keeps a copy of its own."""
    supported = [ft.Locale("nl", "BE"), ft.Locale("fr", "BE"), ft.Locale("en", "GB")]
    current = {"nl": supported[0], "fr": supported[1]}.get(lang, supported[2])
    return frozen(ft.LocaleConfiguration(supported, current_locale=current))
