"""My agenda's line saying the phone's clock is off and the server's time is used, until
dismissed (services.clock_notice)."""

from __future__ import annotations

import flet as ft

from services import clock_notice
from views.components.shared import shared
from views.components.ui import MUTED
from views.context import Ctx


def clock_line(ctx: Ctx) -> list[ft.Control]:
    """Shown with the other notes on the data (the offline note); nothing when there is no
    correction or the person dismissed it."""
    shift = clock_notice.untold(ctx.repo)
    if shift is None:
        return []
    dismiss = ft.IconButton(
        ft.Icons.CLOSE, tooltip=ctx.tr.gettext("Dismiss"), on_click=lambda _e: _dismiss(ctx)
    )
    line = ft.Row(
        [
            ft.Icon(ft.Icons.SCHEDULE, size=16, color=ft.Colors.ON_SURFACE_VARIANT),
            # expands, so the sentence wraps at 360 px instead of being cut
            ft.Text(clock_notice.sentence(ctx.tr, shift), size=12, color=MUTED, expand=True),
            ft.Semantics(
                container=True, identifier="clock-notice-dismiss", button=True, content=dismiss
            ),
        ],
        spacing=6,
    )
    return [
        ft.Semantics(
            container=True,
            identifier="clock-notice",
            content=ft.Container(line, padding=shared(ft.Padding.symmetric(horizontal=16))),
        )
    ]


def _dismiss(ctx: Ctx) -> None:
    async def work() -> None:
        await clock_notice.dismiss(ctx.repo)
        ctx.act.refresh()

    ctx.act.run(work)
