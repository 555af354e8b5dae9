"""Private notes on a B2B meeting: text, outcome, follow-up date; export as CSV or text.

Saved in this person's own settings (the browser's storage in hosted mode), never sent anywhere.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import flet as ft

from services import mission_day
from services.models import Meeting
from services.notes import OUTCOMES, MeetingNote, notes_csv, notes_summary, outcome_label
from services.present import display_zone
from views.components.drafts import done, draft_field
from views.components.shared import shared
from views.components.ui import heading, muted
from views.context import Ctx

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


def parse_day(text: str) -> date | None:
    """ISO or the Belgian day/month/year forms; anything else is not a date."""
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def notes_section(ctx: Ctx, meeting: Meeting) -> list[ft.Control]:
    repo, tr = ctx.repo, ctx.tr
    _ = tr.gettext
    note = mission_day.note_for(repo, meeting.id)
    keys = (f"note:{meeting.id}", f"follow-up:{meeting.id}")
    text = draft_field(
        ctx,
        keys[0],
        note.text,
        multiline=True,
        min_lines=3,
        max_length=8000,
        hint_text=_("What was said, next steps…"),
    )
    when = draft_field(
        ctx,
        keys[1],
        note.follow_up.strftime("%d/%m/%Y") if note.follow_up else "",  # the Belgian form
        hint_text=_("Follow-up date (dd/mm/yyyy)"),
        dense=True,
        prefix_icon=ft.Icons.EVENT,
    )

    def save(outcome: object = "keep", follow_up: object = "keep", toast: bool = False) -> None:
        current = mission_day.note_for(repo, meeting.id)
        day = parse_day(when.value or "") if follow_up == "keep" else follow_up
        if follow_up == "keep" and (when.value or "").strip() and day is None:
            ctx.act.toast(_("That is not a date: use dd/mm/yyyy, e.g. 20/10/2025."))
            day = current.follow_up
        updated = MeetingNote(
            text=(text.value or "")[:8000],
            outcome=current.outcome if outcome == "keep" else outcome,
            follow_up=day,
        )

        async def work() -> None:
            await mission_day.save_note(repo, meeting.id, updated)
            done(ctx, *keys)
            if toast:
                ctx.act.toast(_("Notes saved on this device"))
            ctx.act.refresh()

        ctx.act.run(work)

    text.on_blur = lambda _e: save()
    when.on_submit = lambda _e: save()
    when.on_blur = lambda _e: save()

    def picked(e: ft.Event[ft.SegmentedButton]) -> None:
        chosen = list(e.control.selected or [])
        save(outcome=chosen[0] if chosen else None)

    outcome = ft.SegmentedButton(
        segments=[ft.Segment(value=o, label=outcome_label(tr, o)) for o in OUTCOMES],
        selected=[note.outcome] if note.outcome else [],
        allow_empty_selection=True,
        on_change=picked,
    )
    base = max(repo.mission.mission.end_date, repo.now().astimezone(repo.zone).date())
    quick = [
        (_("In 1 week"), base + timedelta(days=7), "week"),
        (_("In 1 month"), base + timedelta(days=30), "month"),
    ]
    chips: list[ft.Control] = [
        ft.Semantics(
            container=True,
            identifier=f"note-follow-up-{key}",
            content=ft.Chip(label=label, on_select=lambda _e, d=day: save(follow_up=d)),
        )
        for label, day, key in quick
    ]
    return [
        heading(_("My private notes"), identifier="notes-heading"),
        ft.Column(
            [
                muted(_("Only on this device: never sent to the organisers."), 12),
                ft.Semantics(container=True, identifier="note-text", content=text),
                ft.Semantics(container=True, identifier="note-outcome", content=outcome),
                ft.Semantics(container=True, identifier="note-follow-up", content=when),
                ft.Row(chips, wrap=True, spacing=6),
                ft.Row(_buttons(ctx, lambda: save(toast=True)), wrap=True),
            ],
            spacing=8,
            margin=shared(ft.Margin.symmetric(horizontal=16)),
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,  # fields as wide as the screen
        ),
    ]


def _buttons(ctx: Ctx, save: object) -> list[ft.Control]:
    repo, tr = ctx.repo, ctx.tr
    _ = tr.gettext
    zone = display_zone(repo.mission, repo.settings.time_display)
    meetings = repo.delegate.meetings if repo.delegate else []

    def share_text() -> None:
        notes, home = mission_day.my_notes(repo), repo.mission.mission.time_zone
        summary = notes_summary(tr, meetings, notes, zone, home)
        ctx.act.share(summary, _("My B2B meetings: notes"))

    def share_csv() -> None:
        data = notes_csv(meetings, mission_day.my_notes(repo), zone).encode("utf-8-sig")
        ctx.act.share_file("b2b-notes.csv", data, "text/csv")

    specs = [
        ("note-save", _("Save"), ft.Icons.SAVE_OUTLINED, save),
        ("notes-share", _("Share a summary"), ft.Icons.SHARE, share_text),
        ("notes-csv", _("Export CSV"), ft.Icons.TABLE_VIEW_OUTLINED, share_csv),
    ]
    return [
        ft.Semantics(
            container=True,
            identifier=ident,
            button=True,
            content=ft.TextButton(label, icon=icon, on_click=lambda _e, a=action: a()),
        )
        for ident, label, icon, action in specs
    ]
