"""What changed: every change the organisers published that this person has not opened yet."""

from __future__ import annotations

from functools import partial

import flet as ft

from services.present import change_lines, flag_labels
from views.components.ui import badge, card, empty_state, muted, sample_marks
from views.context import Ctx, Screen


def build(ctx: Ctx) -> Screen:
    repo, tr = ctx.repo, ctx.tr
    _ = tr.gettext
    zone = repo.display_zone()
    changes = repo.unseen_changes()
    meetings = {m.id: m for m in (repo.delegate.meetings if repo.delegate else [])}
    controls: list[ft.Control] = []
    for change in changes:
        activity = repo.activity(change.id) or repo.tombstone(change.id)
        if activity is not None:
            title, route = tr.text(activity.title).text, f"/activity/{change.id}"
            sample = activity.sample
        elif change.id in meetings:
            title = _("B2B with {person}").format(person=meetings[change.id].counterpart)
            route, sample = f"/meeting/{change.id}", meetings[change.id].sample
        else:
            continue
        labels = flag_labels(tr, (change.kind,), change.kind == "cancelled")
        lines = [muted(line) for line in change_lines(tr, change, repo.mission, zone)]
        content = ft.Column(
            [
                *[badge(label, change.kind) for label in labels],
                ft.Text(title, weight=ft.FontWeight.W_600),
                *sample_marks(tr, sample, f"sample-{change.id}"),
                *lines,
            ],
            spacing=4,
        )
        controls.append(
            card(
                content,
                on_click=partial(ctx.act.navigate, route),
                identifier=f"change-{change.id}",
            )
        )
    if not controls:
        controls.append(
            empty_state(
                ft.Icons.DONE_ALL,
                _("You are up to date"),
                _("Changes published by the organisers will show here."),
            )
        )
    else:

        async def read_all() -> None:
            await repo.mark_all_seen()
            ctx.act.refresh()

        controls.insert(
            0,
            ft.Container(
                ft.TextButton(
                    _("Mark all as read"),
                    icon=ft.Icons.DONE_ALL,
                    on_click=lambda _e: ctx.act.run(read_all),
                ),
                alignment=ft.Alignment.CENTER_RIGHT,
                padding=ft.Padding.only(right=8),
            ),
        )
    count = len(changes)
    subtitle = tr.ngettext("{n} change", "{n} changes", count).format(n=count)
    return Screen(_("What changed"), controls, subtitle=subtitle)
