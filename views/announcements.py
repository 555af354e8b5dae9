"""Announcements: every message from the organisers that reaches this person, newest first."""

from __future__ import annotations

import flet as ft

from services import mission_day
from views.components.announcements import announcement_card
from views.components.ui import empty_state
from views.context import Ctx, Screen


def build(ctx: Ctx) -> Screen:
    repo, tr = ctx.repo, ctx.tr
    _ = tr.gettext
    notes = mission_day.my_announcements(repo)
    fresh = ctx.state.unread_on_open  # read on arrival; marked New for this visit
    controls: list[ft.Control] = [announcement_card(ctx, n, n.id in fresh) for n in notes]
    if not notes:
        controls.append(
            empty_state(
                ft.Icons.CAMPAIGN_OUTLINED,
                _("No announcements yet"),
                _("Messages from the organisers will show here, also offline."),
            )
        )
    count = len([n for n in notes if n.id in fresh])
    subtitle = tr.ngettext("{n} unread", "{n} unread", count).format(n=count)
    return Screen(_("Announcements"), controls, subtitle=subtitle)
