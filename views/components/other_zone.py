"""'Show Brussels time' on a detail screen: the same span in the other zone, on demand."""

from __future__ import annotations

from datetime import datetime

import flet as ft

from services.i18n import BRUSSELS
from services.present import display_zone, span_time
from views.components.ui import muted
from views.context import Ctx


def other_zone(ctx: Ctx, start: datetime, end: datetime) -> list[ft.Control]:
    """The line in the zone not shown (once asked for) and the button that asks: an activity
    and a B2B meeting offer it alike."""
    tr, repo = ctx.tr, ctx.repo
    _ = tr.gettext
    in_brussels = display_zone(repo.mission, repo.settings.time_display) == BRUSSELS
    other = repo.zone if in_brussels else BRUSSELS
    lines: list[ft.Control] = []
    if ctx.state.show_brussels:
        template = _("Mission time: {time}") if in_brussels else _("Brussels time: {time}")
        lines.append(muted(template.format(time=span_time(tr, start, end, other, None)), 14))
    if in_brussels:
        label = _("Hide mission time") if ctx.state.show_brussels else _("Show mission time")
    else:
        label = _("Hide Brussels time") if ctx.state.show_brussels else _("Show Brussels time")

    def toggle(_e: object) -> None:
        ctx.state.show_brussels = not ctx.state.show_brussels
        ctx.act.refresh()

    button = ft.TextButton(label, icon=ft.Icons.SCHEDULE, on_click=toggle)
    lines.append(
        ft.Semantics(container=True, content=button, identifier="toggle-zone", button=True)
    )
    return lines
