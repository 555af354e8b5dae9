"""What changed: what the organisers published that this person has not opened yet, then the
entries already read; each says its day and time, and *Mark all as read* can be undone."""

from __future__ import annotations

from functools import partial

import flet as ft

from services import mission_day
from services.change_text import ChangeEntry, change_entries, change_lines
from services.changes import all_changes
from services.impact import sentence
from services.present import display_zone, flag_labels
from views.components.shared import shared
from views.components.ui import (
    badge,
    card,
    change_line,
    empty_state,
    heading,
    muted,
    sample_marks,
    warning_line,
)
from views.context import Ctx, Screen


def build(ctx: Ctx) -> Screen:
    repo, tr = ctx.repo, ctx.tr
    _ = tr.gettext
    zone = display_zone(repo.mission, repo.settings.time_display)
    unseen = change_entries(tr, repo, repo.unseen_changes(), zone)
    fresh = {e.change.id for e in unseen}
    mine = repo.own_ids() - fresh
    logged = all_changes(repo.personal_changes, repo.mission_changes)
    read = change_entries(tr, repo, [c for c in logged if c.id in mine], zone)
    controls: list[ft.Control] = [top_action(ctx, bool(unseen))]
    controls += [entry_card(ctx, e) for e in unseen]
    if not unseen:
        controls.append(
            empty_state(
                ft.Icons.DONE_ALL,
                _("You are up to date"),
                _("Changes published by the organisers will show here."),
            )
        )
    if read:
        controls.append(heading(_("Already read"), identifier="changes-read"))
        controls += [entry_card(ctx, e, read=True) for e in read]
    count = len(unseen)
    # none unread: no '0 changes' above the ones already read (the page says all is read)
    subtitle = tr.ngettext("{n} change", "{n} changes", count).format(n=count) if count else None
    return Screen(_("What changed"), controls, subtitle=subtitle)


def entry_card(ctx: Ctx, entry: ChangeEntry, read: bool = False) -> ft.Control:
    tr, repo = ctx.tr, ctx.repo
    change = entry.change
    zone = display_zone(repo.mission, repo.settings.time_display)
    if entry.dropped:
        labels: tuple[str, ...] = (tr.gettext("No longer on your agenda"),)
    else:
        labels = flag_labels(tr, (change.kind,), change.kind == "cancelled")
    color = ft.Colors.ON_SURFACE_VARIANT if read else None
    content = ft.Column(
        [
            *[badge(label, "changed" if entry.dropped else change.kind) for label in labels],
            ft.Text(entry.title, weight=ft.FontWeight.W_600, color=color),
            *sample_marks(tr, entry.sample, f"sample-{change.id}"),
            muted(entry.when),
            *[
                change_line(x, 13, ft.Colors.ON_SURFACE_VARIANT)
                for x in change_lines(tr, change, repo.mission, zone)
            ],
            *[
                warning_line(sentence(tr, i, zone, repo.mission))
                for i in mission_day.change_impacts(repo)
                if i.changed.id == change.id and not read
            ],
        ],
        spacing=4,
    )
    prefix = "read" if read else "change"
    return card(
        content,
        on_click=partial(ctx.act.navigate, entry.route),
        identifier=f"{prefix}-{change.id}",
    )


def top_action(ctx: Ctx, anything_unread: bool) -> ft.Control:
    """Mark all as read; right after, Undo puts the marks back exactly as they were."""
    repo, state = ctx.repo, ctx.state
    _ = ctx.tr.gettext

    async def read_all() -> None:
        state.undo_seen = repo.read_marks()
        await repo.mark_all_seen()
        ctx.act.refresh()

    async def undo() -> None:
        if state.undo_seen is not None:
            await repo.restore_read_marks(state.undo_seen)
        state.undo_seen = None
        ctx.act.refresh()

    if state.undo_seen is not None:
        button = ft.TextButton(_("Undo"), icon=ft.Icons.UNDO, on_click=lambda _e: ctx.act.run(undo))
        row: ft.Control = ft.Row(
            [
                muted(_("All marked as read."), 14),
                ft.Semantics(container=True, content=button, identifier="undo-read", button=True),
            ],
            alignment=ft.MainAxisAlignment.END,
        )
    elif anything_unread:
        button = ft.TextButton(
            _("Mark all as read"), icon=ft.Icons.DONE_ALL, on_click=lambda _e: ctx.act.run(read_all)
        )
        row = ft.Semantics(container=True, content=button, identifier="mark-all-read", button=True)
    else:
        return ft.Container()
    return ft.Container(
        row, alignment=shared(ft.Alignment.CENTER_RIGHT), padding=shared(ft.Padding.only(right=8))
    )
