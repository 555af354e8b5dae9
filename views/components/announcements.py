"""Announcement cards: the banner on My agenda and the rows of the Announcements screen."""

from __future__ import annotations

import flet as ft

from services import mission_day
from services.models import Announcement
from services.present import city_name, display_zone, sector_names, zoned
from views.components.ui import MUTED, badge, card, muted
from views.context import Ctx

ICONS = {
    "urgent": (ft.Icons.CAMPAIGN, ft.Colors.ERROR),
    "important": (ft.Icons.CAMPAIGN_OUTLINED, ft.Colors.TERTIARY),
    "info": (ft.Icons.INFO_OUTLINE, ft.Colors.PRIMARY),
}
TONES = {"urgent": "cancelled", "important": "changed", "info": "info"}


def urgency_label(ctx: Ctx, urgency: str) -> str:
    _ = ctx.tr.gettext
    return {"urgent": _("Urgent"), "important": _("Important"), "info": _("Information")}[urgency]


def audience_label(ctx: Ctx, note: Announcement) -> str:
    tr, mission = ctx.tr, ctx.repo.mission
    _ = tr.gettext
    audience = note.audience
    if audience.kind == "city" and audience.id:
        return _("For the delegation in {city}").format(city=city_name(tr, mission, audience.id))
    if audience.kind == "sector" and audience.id:
        names = sector_names(tr, mission, [audience.id])
        return _("For the sector {sector}").format(sector=names[0] if names else audience.id)
    if audience.kind == "activity" and audience.id:
        activity = ctx.repo.activity(audience.id)
        title = tr.text(activity.title).text if activity else audience.id
        return _("For those registered for “{activity}”").format(activity=title)
    return _("For the whole delegation")


def banner(ctx: Ctx) -> list[ft.Control]:
    """On top of My agenda: each urgent announcement until dismissed, then one line for the
    newest other unread one (with how many more). Short, so the day stays in view."""
    tr = ctx.tr
    shown = mission_day.banner(ctx.repo)
    urgent = [n for n in shown if n.urgency == "urgent"]
    others = [n for n in shown if n.urgency != "urgent"]
    out = [_urgent_card(ctx, n) for n in urgent]
    if others:
        newest = others[0]
        icon, color = ICONS[newest.urgency]
        parts: list[ft.Control] = [
            ft.Icon(icon, color=color, size=20),
            ft.Text(
                tr.text(newest.title).text,
                weight=ft.FontWeight.W_600,
                max_lines=2,  # French titles are long: one line cut 'l’atrium' to 'l’atriu…'
                overflow=ft.TextOverflow.ELLIPSIS,
                expand=True,
            ),
        ]
        if len(others) > 1:
            parts.append(badge(f"+{len(others) - 1}", "new"))
        out.append(
            card(
                ft.Row(parts, spacing=8),
                on_click=lambda: ctx.act.navigate("/announcements"),
                identifier=f"banner-{newest.id}",
            )
        )
    return out


def _urgent_card(ctx: Ctx, note: Announcement) -> ft.Control:
    icon, color = ICONS[note.urgency]
    dismiss = ft.IconButton(
        ft.Icons.CLOSE,
        tooltip=ctx.tr.gettext("Dismiss"),
        on_click=lambda _e: _dismiss(ctx, note.id),
    )
    parts: list[ft.Control] = [
        ft.Icon(icon, color=color),
        ft.Column(
            [
                ft.Text(ctx.tr.text(note.title).text, weight=ft.FontWeight.W_600),
                # two lines on top of the day; the whole text is one tap away, in the list
                ft.Text(
                    ctx.tr.text(note.body).text,
                    size=12,
                    color=MUTED,
                    max_lines=2,
                    overflow=ft.TextOverflow.ELLIPSIS,
                ),
            ],
            spacing=2,
            expand=True,
        ),
        ft.Semantics(container=True, identifier=f"dismiss-{note.id}", button=True, content=dismiss),
    ]
    return card(
        ft.Row(parts, vertical_alignment=ft.CrossAxisAlignment.START),
        on_click=lambda: ctx.act.navigate("/announcements"),
        identifier=f"banner-{note.id}",
        tone="cancelled",
    )


def announcements_button(ctx: Ctx) -> ft.Control:
    """The way to the list from My agenda's app bar, with the unread count in its label."""
    tr = ctx.tr
    unread = mission_day.unread_count(ctx.repo)
    label = (
        tr.ngettext("Announcements ({n} unread)", "Announcements ({n} unread)", unread)
        if unread
        else tr.gettext("Announcements")
    ).format(n=unread)
    icon = ft.Icons.CAMPAIGN if unread else ft.Icons.CAMPAIGN_OUTLINED
    button = ft.IconButton(
        icon,
        tooltip=label,
        on_click=lambda _e: ctx.act.navigate("/announcements"),
        # the count is in the tooltip, the accessible name: the badge's digits are not read out
        badge=ft.Badge(label=ft.Text(str(unread), semantics_label="")) if unread else None,
    )
    return ft.Semantics(
        container=True, content=button, identifier="announcements-link", button=True
    )


def _dismiss(ctx: Ctx, note_id: str) -> None:
    async def work() -> None:
        await mission_day.dismiss(ctx.repo, note_id)
        ctx.act.refresh()

    ctx.act.run(work)


def announcement_card(ctx: Ctx, note: Announcement, unread: bool) -> ft.Control:
    tr = ctx.tr
    _ = tr.gettext
    zone = display_zone(ctx.repo.mission, ctx.repo.settings.time_display)
    posted = zoned(tr, tr.moment(note.at, zone), zone, ctx.repo.mission)  # 'Brussels time'
    badges: list[ft.Control] = [badge(urgency_label(ctx, note.urgency), TONES[note.urgency])]
    if unread:
        badges.append(badge(_("New"), "new"))
    lines: list[ft.Control] = [
        ft.Row(badges, spacing=6, wrap=True),
        ft.Text(tr.text(note.title).text, size=16, weight=ft.FontWeight.W_600),
        muted(f"{posted} · {audience_label(ctx, note)}", 12),
    ]
    body = tr.text(note.body).text
    if body:
        lines.append(ft.Text(body))
    return card(ft.Column(lines, spacing=4), identifier=f"announcement-{note.id}")
