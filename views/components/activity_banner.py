"""The top of an activity's page: taken off this person's agenda, cancelled, changed (old ->
new, field by field) or new; nothing when none of these."""

from __future__ import annotations

import flet as ft

from services.change_text import ChangeLine, change_lines
from services.changes import Change
from services.models import Activity
from services.present import display_zone
from views.components.ui import badge, card, change_line
from views.context import Ctx


def status_banner(ctx: Ctx, activity: Activity) -> list[ft.Control]:
    """Taken off this person's agenda, cancelled, changed or new: what the top says, if any."""
    repo = ctx.repo
    changes = ctx.changes_for(activity.id)
    change = changes[0] if changes else None
    gone = repo.activity(activity.id) is None
    mine = next((i for i in repo.agenda() if i.id == activity.id), None)
    # still in the programme, but 'cancelled' for this person: taken off their agenda (once
    # opened it leaves the agenda; a redraw, e.g. a language switch, must still say so)
    own = repo.personal_changes.changes.get(activity.id)
    taken_off = own is not None and own == change and own.kind == "cancelled"
    taken_off = taken_off and mine is None and not gone and activity.state != "cancelled"
    if (mine is not None and mine.dropped) or taken_off:
        return [dropped_banner(ctx)]
    if change is not None or gone or activity.state == "cancelled":
        return [change_banner(ctx, activity, changes, gone)]
    return []


def change_banner(ctx: Ctx, activity: Activity, changes: list[Change], gone: bool) -> ft.Control:
    """The first change names the banner; every 'changed' one adds its lines (a registration
    that is new to this person, and a room the programme moved since, are both news)."""
    _ = ctx.tr.gettext
    zone = display_zone(ctx.repo.mission, ctx.repo.settings.time_display)
    change = changes[0] if changes else None
    lines: list[ChangeLine] = []
    if gone or activity.state == "cancelled" or (change is not None and change.kind == "cancelled"):
        title, tone = _("Cancelled by the organisers"), "cancelled"
    else:
        new = change is not None and change.kind == "new"
        title, tone = (
            (_("New in the programme"), "new")
            if new
            else (_("Changed by the organisers"), "changed")
        )
        for c in changes:
            if c.kind == "changed":
                lines += change_lines(ctx.tr, c, ctx.repo.mission, zone)
    content = ft.Column([badge(title, tone), *[change_line(line) for line in lines]], spacing=6)
    return card(
        content, identifier="change-banner", tone="cancelled" if tone == "cancelled" else None
    )


def dropped_banner(ctx: Ctx) -> ft.Control:
    """The activity still takes place; this person is just no longer registered for it."""
    _ = ctx.tr.gettext
    content = ft.Column(
        [
            badge(_("No longer on your agenda"), "changed"),
            ft.Text(_("The organisers took this activity off your agenda."), size=14),
        ],
        spacing=6,
    )
    return card(content, identifier="change-banner")
