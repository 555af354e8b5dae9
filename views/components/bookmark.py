"""Add to / remove from My agenda, or why that is not possible (registered, invitation only)."""

from __future__ import annotations

import flet as ft

from views.context import Ctx


def bookmark_button(ctx: Ctx, activity_id: str) -> ft.Control:
    _ = ctx.tr.gettext
    repo = ctx.repo
    activity = repo.activity(activity_id)
    if repo.is_registered(activity_id):
        return ft.Icon(ft.Icons.EVENT_AVAILABLE, color=ft.Colors.PRIMARY, tooltip=_("Registered"))
    if (
        activity is not None
        and activity.registration == "invite"
        and not repo.is_bookmarked(activity_id)
    ):
        return ft.Icon(
            ft.Icons.LOCK_OUTLINE, color=ft.Colors.ON_SURFACE_VARIANT, tooltip=_("Invitation only")
        )
    marked = repo.is_bookmarked(activity_id)
    label = _("Remove from my agenda") if marked else _("Add to my agenda")

    async def toggle() -> None:
        now_in = await repo.toggle_bookmark(activity_id)
        ctx.act.toast(_("Added to my agenda") if now_in else _("Removed from my agenda"))
        ctx.act.refresh()

    button = ft.IconButton(
        icon=ft.Icons.BOOKMARK if marked else ft.Icons.BOOKMARK_ADD_OUTLINED,
        tooltip=label,
        selected=marked,
        on_click=lambda _e: ctx.act.run(toggle),
    )
    return ft.Semantics(
        container=True,
        content=button,
        identifier=f"bookmark-{activity_id}",  # named by the tooltip alone: read once
        button=True,
    )
