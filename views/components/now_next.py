"""The Now/Next card on My agenda: whole on today's list, one line above another day's."""

from __future__ import annotations

from functools import partial

import flet as ft

from services.now_card import NowNextCard
from views.components.rows import badges_row
from views.components.ui import card, muted, sample_mark, sample_span, warning_line
from views.context import Ctx


def now_next_view(
    ctx: Ctx, summary: NowNextCard, logistics: str = "", badges: tuple[str, ...] = ()
) -> ft.Control:
    """`badges`: what the organisers changed about the item shown, as its row says it."""
    parts: list[ft.Control] = [
        ft.Text(summary.heading, size=13, weight=ft.FontWeight.W_600, color=ft.Colors.PRIMARY),
        *([badges_row(ctx, badges)] if badges else []),
        ft.Text(summary.title, size=17, weight=ft.FontWeight.BOLD),
        muted(summary.detail),
    ]
    if summary.sample:
        parts.insert(-1, sample_mark(ctx.tr, "sample-now-next"))  # the Column keeps it narrow
    if summary.then:
        parts.append(ft.Text(summary.then, size=14))
    if logistics:
        parts.append(
            ft.Semantics(
                container=True,
                identifier="leave-by",
                content=ft.Row(
                    [
                        ft.Icon(ft.Icons.DIRECTIONS_WALK, size=18, color=ft.Colors.PRIMARY),
                        ft.Text(logistics, size=14, weight=ft.FontWeight.W_600, expand=True),
                    ],
                    spacing=6,
                ),
            )
        )
    if summary.warning:
        parts.append(warning_line(summary.warning))
    route = summary.route
    return card(
        ft.Column(parts, spacing=4),
        on_click=partial(ctx.act.navigate, route) if route else None,
        identifier="now-next",
    )


def now_next_line(ctx: Ctx, summary: NowNextCard) -> ft.Control:
    """The Now/Next card in one line on another day: that day's list starts near the top."""
    spans = [ft.TextSpan(f"{summary.heading} · ", ft.TextStyle(color=ft.Colors.PRIMARY, size=13))]
    if summary.sample:  # marked as on its own day's row, before a long title can push it out
        spans += [sample_span(ctx.tr), ft.TextSpan("\u2002")]
    spans.append(ft.TextSpan(summary.title, ft.TextStyle(weight=ft.FontWeight.W_600)))
    text = ft.Text(
        spans=spans,
        max_lines=2,
        overflow=ft.TextOverflow.ELLIPSIS,
        expand=True,
    )
    route = summary.route
    # a chevron only where a tap opens something (the mission's countdown and end open nothing)
    more = [ft.Icon(ft.Icons.CHEVRON_RIGHT)] if route else []
    row = ft.Row([ft.Icon(ft.Icons.SCHEDULE, color=ft.Colors.PRIMARY), text, *more])
    return card(
        row,
        on_click=partial(ctx.act.navigate, route) if route else None,
        identifier="now-next",
    )
