"""The list row used by My agenda and the Programme: time, title, place, chips, badges, warnings."""

from __future__ import annotations

from functools import partial
from zoneinfo import ZoneInfo

import flet as ft

from services.models import Activity
from services.present import Row, span_time
from views.components.ui import (
    badge,
    card,
    fallback_note,
    marked_line,
    muted,
    sample_marks,
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
    if row.badges:  # most rows have none: no tones looked up for them
        body.append(badges_row(ctx, row.badges))
    body.append(ft.Text(row.title, size=16, weight=ft.FontWeight.W_600, style=title_style))
    body += fallback_note(ctx.tr, row.title_fallback)
    if row.place:
        body.append(muted(row.place))
    tags = [row.kind, *row.chips] + ([row.personal] if row.personal else [])
    meta = " · ".join(tags)
    # The illustrative label sits on the same line as the kind: no taller cards.
    body.append(marked_line(ctx.tr, meta) if row.sample else muted(meta, size=12))
    body.extend(warning_line(w) for w in row.warnings)
    time_col: ft.Control = ft.Text(row.time, size=14, weight=ft.FontWeight.BOLD, width=92)
    if trailing is not None:  # under the time: beside the title it left a 360 px phone
        # ~150 px for it, and Dutch words broke in two ('samenwerki / ngsakkoorden'); a lone
        # icon has the 48 px box of an icon button (bookmark.MARK_MARGIN), in one place
        time_col = ft.Column([time_col, trailing], spacing=0, width=92)
    content = ft.Row(
        [time_col, ft.Column(body, spacing=3, expand=True)],
        vertical_alignment=ft.CrossAxisAlignment.START,
        spacing=8,
        opacity=0.6 if past else 1.0,
    )
    return card(
        content,
        on_click=partial(ctx.act.navigate, row.route),  # no closure of its own per row
        identifier=f"row-{row.id}",
        tone="cancelled" if row.cancelled else None,
    )


def badges_row(ctx: Ctx, labels: tuple[str, ...]) -> ft.Control:
    """'Changed', 'New', 'Cancelled' (services.present.flag_labels), each in its tone."""
    _ = ctx.tr.gettext
    tones = {
        _("New"): "new",
        _("Changed"): "changed",
        _("Cancelled"): "cancelled",
        _("No longer on your agenda"): "changed",
    }
    return wrap_row([badge(b, tones.get(b, "info")) for b in labels])


def activity_card(ctx: Ctx, activity: Activity, zone: ZoneInfo, identifier: str) -> ft.Control:
    """An activity listed on a venue or company page: a cancelled one says so and is struck
    through (as in the Programme), and one that is over is dimmed."""
    tr, repo = ctx.tr, ctx.repo
    off = activity.state == "cancelled"
    struck = ft.TextStyle(decoration=ft.TextDecoration.LINE_THROUGH) if off else None
    lines: list[ft.Control] = [badge(tr.gettext("Cancelled"), "cancelled")] if off else []
    lines += [
        ft.Text(tr.text(activity.title).text, weight=ft.FontWeight.W_600, style=struck),
        muted(span_time(tr, activity.start, activity.end, zone, repo.mission)),
        *sample_marks(tr, activity.sample, f"sample-{activity.id}"),
    ]
    over = activity.end <= repo.now()
    return card(
        ft.Column(lines, spacing=2, opacity=0.6 if over else 1.0),
        on_click=partial(ctx.act.navigate, f"/activity/{activity.id}"),
        identifier=identifier,
        tone="cancelled" if off else None,
    )
