"""A private B2B meeting: with whom, when, where, notes, and how to reach the counterpart."""

from __future__ import annotations

import flet as ft

from services.contacts import display_phone, mail_link, tel_link
from services.present import change_lines
from views.components.take_along import add_to_calendar
from views.components.ui import badge, card, empty_state, heading, muted, sample_marks
from views.components.venue import venue_block
from views.context import Ctx, Screen


def build(ctx: Ctx) -> Screen:
    repo, tr = ctx.repo, ctx.tr
    _ = tr.gettext
    meeting_id = ctx.state.route.arg or ""
    meetings = {m.id: m for m in (repo.delegate.meetings if repo.delegate else [])}
    meeting = meetings.get(meeting_id)
    if meeting is None:
        return Screen(
            _("B2B meeting"),
            [
                empty_state(
                    ft.Icons.EVENT_BUSY,
                    _("Meeting not found"),
                    _("It is no longer on your agenda."),
                )
            ],
        )
    zone = repo.display_zone()
    controls: list[ft.Control] = []
    change = ctx.change_for(meeting.id)
    if change is not None:
        lines = change_lines(tr, change, repo.mission, zone)
        label = _("New meeting") if change.kind == "new" else _("Changed by the organisers")
        controls.append(
            card(
                ft.Column([badge(label, change.kind), *[ft.Text(x) for x in lines]]),
                identifier="change-banner",
            )
        )
    day = tr.day(meeting.start.astimezone(repo.zone).date())
    controls.append(
        ft.Container(
            ft.Column(
                [
                    ft.Text(
                        _("B2B with {person}").format(person=meeting.counterpart),
                        size=22,
                        weight=ft.FontWeight.BOLD,
                    ),
                    ft.Text(meeting.company, size=16),
                    *sample_marks(tr, meeting.sample, f"sample-{meeting.id}"),
                    ft.Text(
                        f"{day}, {tr.time_range(meeting.start, meeting.end, zone)}",
                        size=16,
                        weight=ft.FontWeight.W_600,
                    ),
                ],
                spacing=4,
            ),
            padding=ft.Padding.only(left=16, right=16, top=12),
        )
    )
    if meeting.location:
        controls.append(
            ft.Container(muted(meeting.location, 14), padding=ft.Padding.symmetric(horizontal=16))
        )
    venue = repo.venue(meeting.venue_id)
    if venue is not None:
        controls.append(heading(_("Where")))
        controls += venue_block(ctx, venue)
    if meeting.notes:
        controls.append(heading(_("My notes")))
        controls.append(
            ft.Container(ft.Text(meeting.notes), padding=ft.Padding.symmetric(horizontal=16))
        )
    controls.append(add_to_calendar(ctx, meeting.id))
    person = next((c for c in repo.contacts() if meeting.counterpart in c.name.values()), None)
    if person is not None:
        controls.append(heading(_("Reach {person}").format(person=meeting.counterpart)))
        if person.phone:
            controls.append(
                ft.ListTile(
                    title=ft.Text(display_phone(person.phone)),
                    leading=ft.Icon(ft.Icons.CALL),
                    on_click=lambda _e: ctx.act.open_url(tel_link(person.phone or "")),
                )
            )
        if person.email:
            controls.append(
                ft.ListTile(
                    title=ft.Text(person.email),
                    leading=ft.Icon(ft.Icons.EMAIL),
                    on_click=lambda _e: ctx.act.open_url(mail_link(person.email or "")),
                )
            )
    return Screen(_("B2B meeting"), controls, subtitle=_("Private meeting"))
