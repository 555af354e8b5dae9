"""A private B2B meeting: with whom, when, where, the organisers' notes, and how to reach them."""

from __future__ import annotations

import flet as ft

from services.agenda import AgendaItem
from services.change_text import change_lines
from services.contacts import display_phone, mail_link, tel_link
from services.i18n import Localized, Translator
from services.models import Meeting
from services.present import display_zone, item_title, warning_of, zoned_range
from views.components.notes import notes_section
from views.components.other_zone import other_zone
from views.components.shared import shared
from views.components.take_along import add_to_calendar
from views.components.ui import (
    HEAD_MARGIN,
    SIDES,
    badge,
    card,
    change_line,
    empty_state,
    fallback_note,
    heading,
    muted,
    sample_marks,
    warning_line,
    wrap_row,
)
from views.components.venue import venue_block
from views.context import Ctx, Screen


def _written(tr: Translator, text: Localized, shown: ft.Text) -> list[ft.Control]:
    """The organisers' text for this meeting, and which language it is in when not the reader's."""
    if not text.text:
        return []
    note = fallback_note(tr, text.fallback)
    if not note:
        shown.margin = SIDES  # made for this line only: no Container just for its padding
        return [shown]
    return [ft.Column([shown, *note], spacing=2, margin=SIDES)]


def build(ctx: Ctx) -> Screen:
    repo, tr = ctx.repo, ctx.tr
    _ = tr.gettext
    meeting_id = ctx.state.route.arg or ""
    item = next((i for i in repo.agenda() if i.id == meeting_id and i.meeting), None)
    if item is None or item.meeting is None:
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
    meeting = item.meeting
    zone = display_zone(repo.mission, repo.settings.time_display)
    controls: list[ft.Control] = []
    change = ctx.change_for(meeting.id)
    if item.cancelled:
        controls.append(
            card(
                badge(_("Cancelled by the organisers"), "cancelled"),
                identifier="change-banner",
                tone="cancelled",
            )
        )
    elif change is not None:
        lines = change_lines(tr, change, repo.mission, zone)
        label = _("New meeting") if change.kind == "new" else _("Changed by the organisers")
        controls.append(
            card(
                ft.Column([badge(label, change.kind), *[change_line(x) for x in lines]]),
                identifier="change-banner",
            )
        )
    controls.append(header(ctx, meeting, _warnings(ctx, item)))
    controls += _written(tr, tr.text(meeting.location), muted(tr.text(meeting.location).text, 14))
    venue = repo.venue(meeting.venue_id)
    if venue is not None:
        controls.append(heading(_("Where")))
        controls += venue_block(ctx, venue)
    notes = tr.text(meeting.notes)
    if notes.text:
        controls.append(heading(_("Notes from the organisers")))
        controls += _written(tr, notes, ft.Text(notes.text))
    controls += reach(ctx, meeting)
    if not item.cancelled:
        controls.append(actions(ctx, meeting))
    controls += notes_section(ctx, meeting)
    return Screen(_("B2B meeting"), controls, subtitle=_("Private meeting"))


def _warnings(ctx: Ctx, item: AgendaItem) -> list[ft.Control]:
    """Overlaps and tight transfers, as its row on My agenda and an activity's page say them:
    the row warned '15 min after the NASA visit, about 36 min needed', the meeting said nothing."""
    tr, repo = ctx.tr, ctx.repo
    zone = display_zone(repo.mission, repo.settings.time_display)
    items = {i.id: i for i in repo.agenda()}
    lines: list[ft.Control] = []
    for w in () if item.cancelled else item.warnings:
        other = items.get(w.other_id)
        name = item_title(tr, other) if other else ""
        lines.append(warning_line(warning_of(tr, w, name, zone, repo.mission)))
    return lines


def header(ctx: Ctx, meeting: Meeting, warnings: list[ft.Control]) -> ft.Control:
    tr, repo = ctx.tr, ctx.repo
    zone = display_zone(repo.mission, repo.settings.time_display)
    day = tr.day(meeting.start.astimezone(zone).date())
    when = zoned_range(tr, meeting.start, meeting.end, zone, repo.mission)
    return ft.Column(
        [
            ft.Text(
                tr.gettext("B2B with {person}").format(person=meeting.counterpart),
                size=22,
                weight=ft.FontWeight.BOLD,
            ),
            ft.Text(meeting.company, size=16),
            *sample_marks(tr, meeting.sample, f"sample-{meeting.id}"),
            ft.Text(f"{day}, {when}", size=16, weight=ft.FontWeight.W_600),
            *other_zone(ctx, meeting.start, meeting.end),
            *warnings,
        ],
        spacing=4,
        margin=HEAD_MARGIN,
    )


def reach(ctx: Ctx, meeting: Meeting) -> list[ft.Control]:
    _ = ctx.tr.gettext
    person = next((c for c in ctx.repo.contacts() if meeting.counterpart in c.name.values()), None)
    if person is None:
        return []
    out: list[ft.Control] = [heading(_("Reach {person}").format(person=meeting.counterpart))]
    if person.phone:
        out.append(
            ft.ListTile(
                title=ft.Text(f"{_('Call')} {display_phone(person.phone)}"),  # said as a button
                leading=ft.Icon(ft.Icons.CALL),
                on_click=lambda _e: ctx.act.open_url(tel_link(person.phone or "")),
            )
        )
    if person.email:
        out.append(
            ft.ListTile(
                title=ft.Text(f"{_('E-mail')} {person.email}"),
                leading=ft.Icon(ft.Icons.EMAIL),
                on_click=lambda _e: ctx.act.open_url(mail_link(person.email or "")),
            )
        )
    return out


def actions(ctx: Ctx, meeting: Meeting) -> ft.Control:
    """Add to calendar (.ics) and Share: like an activity."""
    repo, tr = ctx.repo, ctx.tr
    _ = tr.gettext
    title = _("B2B with {person}").format(person=meeting.counterpart)
    zone = display_zone(repo.mission, repo.settings.time_display)
    day = tr.day(meeting.start.astimezone(zone).date())
    when = zoned_range(tr, meeting.start, meeting.end, zone, repo.mission)
    venue = repo.venue(meeting.venue_id)
    location = tr.text(meeting.location).text
    # where to go, as an activity's Share says it: the table, the venue and its street address
    # (a colleague it is forwarded to had the venue's name and no address)
    place = (venue.name, venue.address) if venue else ()
    where = ", ".join(x for x in (location, *place) if x)
    text = "\n".join(x for x in (f"{title} ({meeting.company})", f"{day}, {when}", where) if x)

    buttons: list[ft.Control] = [
        add_to_calendar(ctx, meeting.id),
        ft.Semantics(
            container=True,
            content=ft.OutlinedButton(
                _("Share"), icon=ft.Icons.SHARE, on_click=lambda _e: ctx.act.share(text, title)
            ),
            identifier="share-meeting",
            button=True,
        ),
    ]
    row = wrap_row(buttons, 8)
    row.margin = shared(ft.Margin.all(16))
    return row
