"""One venue: where it is, how to get in, and what happens there during the mission."""

from __future__ import annotations

from functools import partial
from zoneinfo import ZoneInfo

import flet as ft

from services.models import Activity
from services.present import city_name, display_zone, span_time
from views.components.ui import badge, card, empty_state, heading, muted, sample_marks
from views.components.venue import venue_block
from views.context import Ctx, Screen


def build(ctx: Ctx) -> Screen:
    repo, tr = ctx.repo, ctx.tr
    _ = tr.gettext
    venue = repo.venue(ctx.state.route.arg)
    if venue is None:
        return Screen(
            _("Venue"),
            [
                empty_state(
                    ft.Icons.LOCATION_OFF,
                    _("Venue not found"),
                    _("It is not in the mission any more."),
                )
            ],
        )
    controls: list[ft.Control] = venue_block(ctx, venue, on_venue_page=True)
    zone = display_zone(repo.mission, repo.settings.time_display)
    controls += my_meetings_here(ctx, venue.id, zone)
    here = [a for a in repo.mission.activities if a.venue_id == venue.id]
    controls.append(
        heading(
            tr.ngettext("{n} activity here", "{n} activities here", len(here)).format(n=len(here))
        )
    )
    controls += [activity_card(ctx, a, zone) for a in sorted(here, key=lambda a: a.start)]
    return Screen(venue.name, controls, subtitle=city_name(tr, repo.mission, venue.city))


def activity_card(ctx: Ctx, activity: Activity, zone: ZoneInfo) -> ft.Control:
    """One activity at the venue; a cancelled one says so and is struck through (as in the
    Programme), and one that is over is dimmed."""
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
        identifier=f"venue-activity-{activity.id}",
        tone="cancelled" if off else None,
    )


def my_meetings_here(ctx: Ctx, venue_id: str, zone: ZoneInfo) -> list[ft.Control]:
    """The person's own B2B meetings at this venue: only in their document, so not among the
    mission's activities below."""
    tr, doc = ctx.tr, ctx.repo.delegate
    mine = sorted(
        (m for m in (doc.meetings if doc else []) if m.venue_id == venue_id), key=lambda m: m.start
    )
    if not mine:
        return []
    out = [heading(tr.gettext("My B2B meetings here"), identifier="venue-meetings")]
    for m in mine:
        title = tr.gettext("B2B with {person}").format(person=m.counterpart)
        lines = [
            ft.Text(title, weight=ft.FontWeight.W_600),
            muted(m.company),
            muted(span_time(tr, m.start, m.end, zone, ctx.repo.mission)),
            *sample_marks(tr, m.sample, f"sample-{m.id}"),
        ]
        out.append(
            card(
                ft.Column(lines, spacing=2),
                on_click=partial(ctx.act.navigate, f"/meeting/{m.id}"),
                identifier=f"venue-meeting-{m.id}",
            )
        )
    return out
