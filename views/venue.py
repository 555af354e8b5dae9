"""One venue: where it is, how to get in, and what happens there during the mission."""

from __future__ import annotations

from functools import partial
from zoneinfo import ZoneInfo

import flet as ft

from services.present import city_name, display_zone, span_time
from views.components.rows import activity_card
from views.components.ui import card, empty_state, heading, muted, sample_marks
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
    here.sort(key=lambda a: a.start)
    controls += [activity_card(ctx, a, zone, f"venue-activity-{a.id}") for a in here]
    # titled like an activity (its kind): a venue's name, beside two icons and Back, was cut
    # ("Santa Clara Conve…"); it heads the card below in full
    return Screen(_("Venue"), controls, subtitle=city_name(tr, repo.mission, venue.city))


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
