"""My agenda (home): day strip, Now/Next card, the day's items with badges and warnings."""

from __future__ import annotations

from datetime import date

import flet as ft

from services.agenda import items_on, now_and_next
from services.present import (
    NowNextCard,
    agenda_row,
    day_heading,
    display_zone,
    item_title,
    now_next_card,
)
from views.components.rows import item_card
from views.components.ui import card, empty_state, heading, muted, warning_line
from views.context import Ctx, Screen


def build(ctx: Ctx) -> Screen:
    repo, tr = ctx.repo, ctx.tr
    _ = tr.gettext
    day = ctx.state.day or repo.default_day()
    zone = display_zone(repo.mission, repo.settings.time_display)
    items = repo.agenda()
    titles = {item.id: item_title(tr, item) for item in items}
    controls: list[ft.Control] = [day_strip(ctx, repo.days(), day)]
    controls += notices(ctx)
    now = repo.now()
    summary = now_next_card(tr, repo.mission, now_and_next(items, now), now, zone)
    if summary is not None:
        controls.append(now_next_view(ctx, summary))
    controls.append(heading(day_heading(tr, day, repo.mission), identifier="agenda-day"))
    day_items = items_on(items, day, repo.zone)
    for item in day_items:
        row = agenda_row(tr, repo.mission, item, titles, zone, repo.flags_for(item.id))
        controls.append(item_card(ctx, row))
    if not day_items:
        browse = ft.TextButton(
            _("Browse the programme"),
            icon=ft.Icons.EVENT_NOTE,
            on_click=lambda _e: ctx.act.navigate("/programme"),
        )
        controls.append(
            empty_state(
                ft.Icons.BEACH_ACCESS,
                _("Nothing planned this day"),
                _("Enjoy the free time, or add activities from the programme."),
                browse,
            )
        )
    who = repo.delegate.delegate.name if repo.delegate else _("No personal agenda yet")
    if repo.is_demo:
        who = _("{name} (demo agenda)").format(name=who)
    return Screen(_("My agenda"), controls, subtitle=who)


def notices(ctx: Ctx) -> list[ft.Control]:
    """What the organisers changed (until opened), and a quiet word when data is not fresh."""
    tr = ctx.tr
    out: list[ft.Control] = []
    unseen = len(ctx.repo.unseen_changes())
    if unseen:
        text = tr.ngettext(
            "{n} change from the organisers", "{n} changes from the organisers", unseen
        ).format(n=unseen)
        row = ft.Row(
            [
                ft.Icon(ft.Icons.NEW_RELEASES_OUTLINED, color=ft.Colors.TERTIARY),
                ft.Text(text, weight=ft.FontWeight.W_600, expand=True),
                ft.Icon(ft.Icons.CHEVRON_RIGHT),
            ]
        )
        out.append(
            card(row, on_click=lambda: ctx.act.navigate("/changes"), identifier="changes-banner")
        )
    if ctx.status.status in ("offline", "invalid", "not_found", "storage"):
        line = ft.Row(
            [
                ft.Icon(ft.Icons.CLOUD_OFF, size=16, color=ft.Colors.ON_SURFACE_VARIANT),
                muted(ctx.status_text(), 12),
            ],
            spacing=6,
        )
        out.append(
            ft.Semantics(
                container=True,
                identifier="offline-note",
                content=ft.Container(line, padding=ft.Padding.symmetric(horizontal=16)),
            )
        )
    return out


def day_strip(ctx: Ctx, days: list[date], selected: date, base: str = "/agenda") -> ft.Control:
    cells: list[ft.Control] = []
    for day in days:
        name, number = ctx.tr.short_day(day)
        chosen = day == selected
        fg = ft.Colors.ON_PRIMARY if chosen else ft.Colors.ON_SURFACE
        cell = ft.Container(
            ft.Column(
                [
                    ft.Text(name, size=12, color=fg),
                    ft.Text(number, size=18, color=fg, weight=ft.FontWeight.BOLD),
                ],
                spacing=0,
                horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            ),
            bgcolor=ft.Colors.PRIMARY if chosen else ft.Colors.SURFACE_CONTAINER_HIGH,
            border_radius=ft.BorderRadius.all(12),
            padding=ft.Padding.symmetric(vertical=6),
            height=56,
            alignment=ft.Alignment.CENTER,
            on_click=lambda _e, d=day: ctx.act.navigate(f"{base}/{d.isoformat()}"),
            ink=True,
        )
        tagged = ft.Semantics(
            container=True,
            content=cell,
            identifier=f"day-{day.isoformat()}",
            selected=chosen,
            button=True,
            label=ctx.tr.day(day),
        )
        cells.append(ft.Container(tagged, expand=1))
    return ft.Container(
        ft.Row(cells, spacing=4), padding=ft.Padding.symmetric(horizontal=12, vertical=8)
    )


def now_next_view(ctx: Ctx, summary: NowNextCard) -> ft.Control:
    parts: list[ft.Control] = [
        ft.Text(summary.heading, size=13, weight=ft.FontWeight.W_600, color=ft.Colors.PRIMARY),
        ft.Text(summary.title, size=17, weight=ft.FontWeight.BOLD),
        muted(summary.detail),
    ]
    if summary.warning:
        parts.append(warning_line(summary.warning))
    route = summary.route
    return card(
        ft.Column(parts, spacing=4),
        on_click=(lambda: ctx.act.navigate(route)) if route else None,
        identifier="now-next",
    )
