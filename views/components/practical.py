"""An activity's 'Before you go': the organisers' coach, deadline, security check, what to bring
and to wear (services/practical.py), one line each with its icon."""

from __future__ import annotations

import flet as ft

from services.practical import Kind, Practical
from views.components.ui import SIDES, WARNING, fallback_note, heading, selectable
from views.context import Ctx

ICONS: dict[Kind, ft.IconData] = {
    "coach": ft.Icons.DIRECTIONS_BUS,
    "arrive": ft.Icons.ALARM,
    "security": ft.Icons.SECURITY,
    "bring": ft.Icons.BADGE,
    "dress": ft.Icons.CHECKROOM,
    "access": ft.Icons.ACCESSIBLE,
}


def practical_section(ctx: Ctx, lines: list[Practical]) -> list[ft.Control]:
    if not lines:
        return []
    rows = [_line(ctx, line) for line in lines]
    block = ft.Semantics(
        container=True,
        identifier="practical",
        content=ft.Column(rows, spacing=8, margin=SIDES),
    )
    return [heading(ctx.tr.gettext("Before you go"), identifier="practical-heading"), block]


def _line(ctx: Ctx, line: Practical) -> ft.Control:
    urgent = line.pressing
    note = fallback_note(ctx.tr, line.fallback)
    text = selectable(line.text, 15, ft.FontWeight.W_600 if urgent else None)
    text.expand = not note
    body = ft.Column([text, *note], spacing=2, expand=True) if note else text
    icon = ft.Icon(ICONS[line.kind], size=20, color=WARNING if urgent else ft.Colors.PRIMARY)
    return ft.Semantics(
        container=True,
        identifier=f"practical-{line.kind}",
        content=ft.Row([icon, body], spacing=10, vertical_alignment=ft.CrossAxisAlignment.START),
    )
