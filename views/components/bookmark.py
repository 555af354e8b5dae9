"""Add to / remove from My agenda, or why that is not possible (registered, invitation only):
an icon in a list row, words on the activity's own page."""

from __future__ import annotations

import flet as ft

from views.components.ui import MUTED, muted
from views.context import Ctx

# A list row's registered mark or padlock (24 px) takes the 48 px box of the bookmark's icon
# button in its place: the marks of a list line up, with no box around them (one control less
# a card for the server to draw on every tab switch).
MARK_MARGIN = 12


def bookmark_button(ctx: Ctx, activity_id: str, words: bool = False) -> ft.Control:
    """`words`: a labelled button and a sentence (the activity's page: a phone shows no
    tooltip, and a lone icon there reads as decoration); else the icon a list row has room for."""
    _ = ctx.tr.gettext
    repo = ctx.repo
    activity = repo.activity(activity_id)
    if repo.is_registered(activity_id):
        return ft.Icon(
            ft.Icons.EVENT_AVAILABLE,
            color=ft.Colors.PRIMARY,
            tooltip=_("Registered"),
            margin=None if words else MARK_MARGIN,
        )
    if (
        activity is not None
        and activity.registration == "invite"
        and not repo.is_bookmarked(activity_id)
    ):
        if words:
            return _invitation_line(ctx)
        return ft.Icon(
            ft.Icons.LOCK_OUTLINE,
            color=ft.Colors.ON_SURFACE_VARIANT,
            tooltip=_("Invitation only"),
            margin=MARK_MARGIN,
        )
    marked = repo.is_bookmarked(activity_id)
    label = _("Remove from my agenda") if marked else _("Add to my agenda")

    async def toggle() -> None:
        now_in = await repo.toggle_bookmark(activity_id)
        ctx.act.toast(_("Added to my agenda") if now_in else _("Removed from my agenda"))
        ctx.act.refresh()

    icon = ft.Icons.BOOKMARK if marked else ft.Icons.BOOKMARK_ADD_OUTLINED
    button: ft.Control = (
        ft.OutlinedButton(label, icon=icon, on_click=lambda _e: ctx.act.run(toggle))
        if words
        else ft.IconButton(
            icon=icon, tooltip=label, selected=marked, on_click=lambda _e: ctx.act.run(toggle)
        )
    )
    return ft.Semantics(
        container=True,
        content=button,
        identifier=f"bookmark-{activity_id}",  # named by its tooltip or label alone: read once
        button=True,
    )


def _invitation_line(ctx: Ctx) -> ft.Control:
    _ = ctx.tr.gettext
    line = muted(_("Invitation only: the organisers put it on the agenda of those invited."), 14)
    line.expand = True  # the sentence wraps beside the padlock
    row = ft.Row(
        [ft.Icon(ft.Icons.LOCK_OUTLINE, color=MUTED, size=18), line],
        vertical_alignment=ft.CrossAxisAlignment.START,
    )
    return ft.Semantics(container=True, content=row, identifier="invitation-only")
