"""Small building blocks with the app's look: cards, badges, warnings, headings, empty states."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import flet as ft

from services.change_text import ChangeLine
from services.i18n import Translator
from services.models import Lang
from views.components.shared import shared

BADGE_COLORS = {
    "new": (ft.Colors.PRIMARY_CONTAINER, ft.Colors.ON_PRIMARY_CONTAINER),
    "changed": (ft.Colors.TERTIARY_CONTAINER, ft.Colors.ON_TERTIARY_CONTAINER),
    "cancelled": (ft.Colors.ERROR_CONTAINER, ft.Colors.ON_ERROR_CONTAINER),
    "info": (ft.Colors.SECONDARY_CONTAINER, ft.Colors.ON_SECONDARY_CONTAINER),
    "sample": (ft.Colors.SURFACE_CONTAINER_HIGHEST, ft.Colors.ON_SURFACE_VARIANT),
}
MUTED = ft.Colors.ON_SURFACE_VARIANT
WARNING = ft.Colors.TERTIARY  # the theme's warning orange (views/components/theme.py)
# Made once per process: every row of every session draws them (no value object per call)
BADGE_PADDING = shared(ft.Padding.symmetric(horizontal=8, vertical=2))
BADGE_RADIUS = shared(ft.BorderRadius.all(8))
SAMPLE_STYLE = shared(
    ft.TextStyle(
        size=12,
        weight=ft.FontWeight.W_600,
        color=BADGE_COLORS["sample"][1],
        bgcolor=BADGE_COLORS["sample"][0],
    )
)
SIDES = shared(ft.Margin.symmetric(horizontal=16))  # a screen's text, as far in as its headings
HEAD_MARGIN = shared(ft.Margin.only(left=16, right=16, top=12))  # a detail screen's first block
HEADING_MARGIN = shared(ft.Margin.only(left=16, right=16, top=16, bottom=4))
CARD_PADDING = shared(ft.Padding.all(12))
CARD_MARGIN = shared(ft.Margin.symmetric(horizontal=12, vertical=4))
CARD_RADIUS = shared(ft.BorderRadius.all(14))


def badge(text: str, tone: str = "info") -> ft.Control:
    bg, fg = BADGE_COLORS.get(tone, BADGE_COLORS["info"])
    return ft.Container(
        content=ft.Text(text, size=12, weight=ft.FontWeight.W_600, color=fg),
        bgcolor=bg,
        padding=BADGE_PADDING,
        border_radius=BADGE_RADIUS,
    )


def sample_mark(tr: Translator, identifier: str) -> ft.Control:
    """The small label on every item the organisers made up for a demo (`sample: true`)."""
    text = tr.gettext("Illustrative")
    return ft.Semantics(container=True, content=badge(text, "sample"), identifier=identifier)


def sample_marks(tr: Translator, sample: bool, identifier: str) -> list[ft.Control]:
    return [sample_mark(tr, identifier)] if sample else []


def marked_line(tr: Translator, text: str) -> ft.Control:
    """A small muted line that ends in the illustrative label, drawn as one Text: the label is
    a highlighted span that never breaks across lines. A list shows one per row, so it costs
    two controls where a line beside a badge costs five; it has no semantics node of its own
    (the row's card reads it with the rest of the row)."""
    return ft.Text(f"{text}\u2002", size=12, color=MUTED, spans=[sample_span(tr)])


def sample_span(tr: Translator) -> ft.TextSpan:
    """The illustrative label as a highlighted span of a line, never broken across lines."""
    label = "\u00a0" + tr.gettext("Illustrative").replace(" ", "\u00a0") + "\u00a0"
    return ft.TextSpan(label, style=SAMPLE_STYLE)


def warning_line(text: str) -> ft.Control:
    return ft.Row(
        [
            ft.Icon(ft.Icons.WARNING_AMBER_ROUNDED, size=18, color=WARNING),
            ft.Text(text, size=13, color=WARNING, expand=True),
        ],
        spacing=6,
        vertical_alignment=ft.CrossAxisAlignment.START,
    )


def heading(text: str, identifier: str | None = None) -> ft.Control:
    # the Text keeps its own distance: no Container only for padding (one control fewer in
    # every drawing of every session)
    title = ft.Text(
        text, size=15, weight=ft.FontWeight.W_600, color=ft.Colors.PRIMARY, margin=HEADING_MARGIN
    )
    return ft.Semantics(container=True, content=title, header=True, identifier=identifier)


def muted(text: str, size: int = 13, margin: ft.Margin | None = None) -> ft.Text:
    """A quieter line; `margin`: its own distance from the edges (no Container only for it)."""
    return ft.Text(text, size=size, color=MUTED, margin=margin)


def fallback_note(tr: Translator, lang: Lang | None) -> list[ft.Control]:
    """'(not translated, shown in English)' under text shown in another language; else nothing."""
    if lang is None:
        return []
    text = tr.gettext("(not translated, shown in {language})").format(
        language=tr.language_name(lang)
    )
    return [muted(text, 11)]


def card(
    content: ft.Control,
    on_click: Callable[[], None] | None = None,
    identifier: str | None = None,
    label: str | None = None,
    tone: str | None = None,
) -> ft.Control:
    """A tappable surface with a ≥48 px touch target and a semantics label for screen readers."""
    bg = ft.Colors.ERROR_CONTAINER if tone == "cancelled" else ft.Colors.SURFACE_CONTAINER_LOW
    box = ft.Container(
        content=content,
        padding=CARD_PADDING,
        margin=CARD_MARGIN,
        border_radius=CARD_RADIUS,
        bgcolor=bg,
        on_click=on_click,  # Flet calls a handler of no parameters without the event
        ink=on_click is not None,
    )
    return ft.Semantics(
        container=True,
        content=box,
        identifier=identifier,
        button=on_click is not None,
        hint_text=label,
    )


def empty_state(
    icon: ft.IconData, title: str, detail: str, action: ft.Control | None = None
) -> ft.Control:
    items: list[ft.Control] = [
        ft.Icon(icon, size=48, color=MUTED),
        ft.Text(title, size=17, weight=ft.FontWeight.W_600, text_align=ft.TextAlign.CENTER),
        ft.Text(detail, size=14, color=MUTED, text_align=ft.TextAlign.CENTER),
    ]
    if action is not None:
        items.append(action)
    return ft.Container(
        ft.Column(items, horizontal_alignment=ft.CrossAxisAlignment.CENTER, spacing=8),
        padding=shared(ft.Padding.symmetric(horizontal=32, vertical=40)),
        alignment=shared(ft.Alignment.CENTER),
    )


def wrap_row(controls: Sequence[ft.Control], spacing: int = 6) -> ft.Row:
    return ft.Row(list(controls), spacing=spacing, run_spacing=4, wrap=True)


def change_line(line: ChangeLine, size: int = 14, color: str | None = None) -> ft.Control:
    """'Time: 14:00–15:00 [→] 15:00–16:00' with an arrow icon (the font has no '→' glyph)."""
    if not (line.old or line.new):
        return ft.Text(line.lead, size=size, color=color)

    def silent(text: ft.Text) -> ft.Control:  # the line's label reads it: not twice
        return ft.Semantics(exclude_semantics=True, content=text)

    parts: list[ft.Control] = [
        silent(ft.Text(line.lead, size=size, color=color)),
        silent(ft.Text(line.old, size=size, color=color)),
        ft.Semantics(
            container=True,
            identifier="diff-arrow",
            content=ft.Icon(
                ft.Icons.ARROW_FORWARD, size=size + 2, color=color or ft.Colors.ON_SURFACE
            ),
        ),
        silent(ft.Text(line.new, size=size, color=color, weight=ft.FontWeight.W_600)),
    ]
    row = ft.Row(parts, spacing=4, wrap=True, run_spacing=0)
    return ft.Semantics(container=True, content=row, label=line.plain(), identifier="changed-field")


def selectable(value: str, size: int, weight: ft.FontWeight | None = None) -> ft.Semantics:
    """Text a person may copy (an address for a driver's app, a coach stop). A screen reader
    meets selectable text as an empty text field, so its label reads it out instead."""
    text = ft.Text(value, size=size, weight=weight, selectable=True)
    return ft.Semantics(label=value, exclude_semantics=True, content=text)
