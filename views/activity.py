"""One activity: what changed, when (mission or Brussels time), where, who, and actions."""

from __future__ import annotations

from datetime import datetime

import flet as ft

from services.calendar import activity_item, single_ics
from services.logistics import logistics_for
from services.models import Activity
from services.practical import practical
from services.present import (
    activity_time,
    display_zone,
    item_title,
    kind_label,
    sector_names,
    warning_of,
)
from views.components.activity_banner import status_banner
from views.components.bookmark import bookmark_button
from views.components.other_zone import other_zone
from views.components.practical import practical_section
from views.components.shared import shared
from views.components.ui import (
    HEAD_MARGIN,
    SIDES,
    badge,
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


def build(ctx: Ctx) -> Screen:
    repo, tr = ctx.repo, ctx.tr
    _ = tr.gettext
    activity_id = ctx.state.route.arg or ""
    activity = repo.activity(activity_id) or repo.tombstone(activity_id)
    if activity is None:
        return Screen(
            _("Activity"),
            [
                empty_state(
                    ft.Icons.EVENT_BUSY,
                    _("Activity not found"),
                    _("It is not in the programme any more."),
                )
            ],
        )
    controls = status_banner(ctx, activity)
    controls += header(ctx, activity)
    controls += when(ctx, activity)
    zone = display_zone(repo.mission, repo.settings.time_display)
    now = repo.now()
    if activity.state != "cancelled":  # no coach to catch for what does not take place
        controls += practical_section(ctx, practical(tr, repo.mission, activity, zone, now))
    venue = repo.venue(activity.venue_id)
    if venue is not None:
        controls.append(heading(_("Where")))
        room = tr.text(activity.room)
        if room.text:
            lines: list[ft.Control] = [muted(room_line(_("Room: {room}"), room.text), 14)]
            lines += fallback_note(tr, room.fallback)
            controls.append(ft.Column(lines, spacing=2, margin=SIDES))
        controls += venue_block(ctx, venue)
    controls += people(ctx, activity)
    description = tr.text(activity.description)
    if description.text:
        controls.append(heading(_("About this activity")))
        body: list[ft.Control] = [
            ft.Text(description.text, size=15),
            *fallback_note(tr, description.fallback),
        ]
        controls.append(ft.Column(body, margin=SIDES))
    controls.append(actions(ctx, activity))
    # the day My agenda lists it under: Brussels may be a day on
    day = tr.day(activity.start.astimezone(zone).date())
    changes_at = _coach_leaves(ctx, activity, now)
    return Screen(kind_label(tr, activity.kind), controls, subtitle=day, changes_at=changes_at)


def _coach_leaves(ctx: Ctx, activity: Activity, now: datetime) -> datetime | None:
    """When the page goes out of date: its coach, still to leave, is then said to have left."""
    info = logistics_for(ctx.repo.mission, activity.id)
    leaves = info.departure_time if info is not None else None
    return leaves if leaves is not None and leaves > now else None


def room_line(template: str, room: str) -> str:
    """'Room: Grand Ballroom', but 'Room 400' rather than 'Room: Room 400' (nor 'Salle : Salle
    400'): a room whose name starts with the label's own word is not labelled again."""
    word = template.split("{room}")[0].rstrip(" :\u00a0")
    if room.casefold().startswith(word.casefold() + " "):
        return room
    return template.format(room=room)


def header(ctx: Ctx, activity: Activity) -> list[ft.Control]:
    tr = ctx.tr
    _ = tr.gettext
    title = tr.text(activity.title)
    items: list[ft.Control] = [
        ft.Semantics(
            container=True,
            content=ft.Text(title.text, size=22, weight=ft.FontWeight.BOLD),
            header=True,
            identifier="activity-title",
        )
    ]
    items += fallback_note(tr, title.fallback)
    tags = sample_marks(tr, activity.sample, f"sample-{activity.id}")
    tags += [badge(name) for name in sector_names(tr, ctx.repo.mission, activity.sectors)]
    if activity.registration == "invite":
        tags.append(badge(_("Invitation only"), "changed"))
    if tags:
        items.append(wrap_row(tags))
    return [ft.Column(items, spacing=6, margin=HEAD_MARGIN)]


def when(ctx: Ctx, activity: Activity) -> list[ft.Control]:
    tr, repo = ctx.tr, ctx.repo
    _ = tr.gettext
    zone = display_zone(repo.mission, repo.settings.time_display)
    lines: list[ft.Control] = [
        ft.Text(
            activity_time(tr, activity, zone, repo.mission), size=16, weight=ft.FontWeight.W_600
        )
    ]
    lines += other_zone(ctx, activity.start, activity.end)
    items = {i.id: i for i in repo.agenda()}
    mine = items.get(activity.id)
    for w in mine.warnings if mine else ():
        other_item = items.get(w.other_id)
        name = item_title(tr, other_item) if other_item else ""
        text = warning_of(tr, w, name, zone, repo.mission)
        lines.append(warning_line(text))
    return [heading(_("When")), ft.Column(lines, spacing=4, margin=SIDES)]


def people(ctx: Ctx, activity: Activity) -> list[ft.Control]:
    tr = ctx.tr
    _ = tr.gettext
    if not activity.participants:
        return []
    roles = {
        "host": _("Host"),
        "speaker": _("Speaker"),
        "moderator": _("Moderator"),
        "guest": _("Guest of honour"),
    }
    rows: list[ft.Control] = []
    for i, p in enumerate(activity.participants):
        name, organisation = tr.text(p.name), tr.text(p.organisation)
        detail = " · ".join(x for x in (roles[p.role], organisation.text) if x)
        lines: list[ft.Control] = [ft.Text(detail)]
        lines += fallback_note(tr, name.fallback or organisation.fallback)
        lines += sample_marks(tr, p.sample, f"sample-{activity.id}-person-{i}")
        rows.append(
            ft.ListTile(
                title=ft.Text(name.text),
                subtitle=ft.Column(lines, spacing=2),
                leading=ft.Icon(ft.Icons.PERSON_OUTLINE),
                dense=True,
            )
        )
    return [heading(_("Hosts and speakers")), *rows]


def actions(ctx: Ctx, activity: Activity) -> ft.Control:
    """Add to calendar and Share, and whether the person is in: for what still takes place."""
    repo, tr = ctx.repo, ctx.tr
    _ = tr.gettext
    off = activity.state == "cancelled" or repo.activity(activity.id) is None
    text = share_text(ctx, activity, off)
    row: list[ft.Control] = [] if off else [calendar_button(ctx, activity)]  # no calendar
    row.append(
        ft.Semantics(
            container=True,
            content=ft.OutlinedButton(
                _("Share"),
                icon=ft.Icons.SHARE,
                on_click=lambda _e: ctx.act.share(text, tr.text(activity.title).text),
            ),
            identifier="share-activity",
            button=True,
        )
    )
    parts: list[ft.Control] = [wrap_row(row, 8)]
    if not off:  # 'registered' for what no longer takes place would mislead
        state = bookmark_button(ctx, activity.id, words=True)
        registered = repo.is_registered(activity.id)
        parts.insert(0, muted(_("You are registered"), 14) if registered else state)
    elif repo.is_bookmarked(activity.id):  # it can still leave My agenda
        parts.insert(0, bookmark_button(ctx, activity.id, words=True))
    # the Column keeps each part at its own width, at the start: no Row of one child
    return ft.Column(parts, spacing=8, margin=shared(ft.Margin.all(16)))


def share_text(ctx: Ctx, activity: Activity, off: bool) -> str:
    """Title, (cancelled,) time and place: a forwarded cancellation says so."""
    repo, tr = ctx.repo, ctx.tr
    venue = repo.venue(activity.venue_id)
    zone = display_zone(repo.mission, repo.settings.time_display)
    where = f"{venue.name}, {venue.address}" if venue else ""
    room = tr.text(activity.room).text
    where = f"{room}, {where}" if room and where else where
    when = activity_time(tr, activity, zone, repo.mission)
    status = [tr.gettext("Cancelled by the organisers")] if off else []
    return "\n".join([tr.text(activity.title).text, *status, when, where])


def calendar_button(ctx: Ctx, activity: Activity) -> ft.Control:
    repo, tr = ctx.repo, ctx.tr

    def calendar(_e: object) -> None:
        agenda = repo.agenda()
        mine = next((i for i in agenda if i.id == activity.id), None)
        item = mine or activity_item(repo.mission, activity)
        data = single_ics(repo.mission, item, tr.lang, agenda)
        ctx.act.share_file(f"{activity.id}.ics", data, "text/calendar")

    return ft.Semantics(
        container=True,
        content=ft.OutlinedButton(
            tr.gettext("Add to calendar"), icon=ft.Icons.EVENT, on_click=calendar
        ),
        identifier="add-to-calendar",
        button=True,
    )
