"""The list row used by My agenda and the Programme: time, title, place, chips, badges, warnings."""

from __future__ import annotations

import flet as ft

from services.present import Row
from views.components.ui import (
    badge,
    card,
    fallback_note,
    marked_line,
    muted,
    warning_line,
    wrap_row,
)
from views.context import Ctx


def item_card(
    ctx: Ctx, row: Row, trailing: ft.Control | None = None, past: bool = False
) -> ft.Control:
    """One tappable row; `past` items are dimmed so the eye goes to what is still ahead."""
    _ = ctx.tr.gettext
    title_style = ft.TextStyle(decoration=ft.TextDecoration.LINE_THROUGH) if row.cancelled else None
    body: list[ft.Control] = []
    tones = {
        _("New"): "new",
        _("Changed"): "changed",
        _("Cancelled"): "cancelled",
        _("No longer on your agenda"): "changed",
    }
    if row.badges:
        body.append(wrap_row([badge(b, tones.get(b, "info")) for b in row.badges]))
    body.append(ft.Text(row.title, size=16, weight=ft.FontWeight.W_600, style=title_style))
    body += fallback_note(ctx.tr, row.title_fallback)
    if row.place:
        body.append(muted(row.place))
    tags = [row.kind, *row.chips] + ([row.personal] if row.personal else [])
    meta = " · ".join(tags)
    # The illustrative label sits on the same line as the kind: no taller cards.
    sample = f"sample-{row.id}"
    body.append(marked_line(ctx.tr, meta, sample) if row.sample else muted(meta, size=12))
    body.extend(warning_line(w) for w in row.warnings)
    time_col = ft.Text(row.time, size=14, weight=ft.FontWeight.BOLD, width=92)
    parts: list[ft.Control] = [time_col, ft.Column(body, spacing=3, expand=True)]
    if trailing is not None:
        parts.append(trailing)
    content = ft.Row(
        parts,
        vertical_alignment=ft.CrossAxisAlignment.START,
        spacing=8,
        opacity=0.6 if past else 1.0,
    )
    return card(
        content,
        on_click=lambda: ctx.act.navigate(row.route),
        identifier=f"row-{row.id}",
        tone="cancelled" if row.cancelled else None,
    )
