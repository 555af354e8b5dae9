"""About: the mission's facts from the official texts, what is illustrative, and the data source."""

from __future__ import annotations

import flet as ft

from services.present import city_name
from views.components.ui import HEAD_MARGIN, SIDES, badge, card, fallback_note, heading, muted
from views.context import Ctx, Screen


def build(ctx: Ctx) -> Screen:
    repo, tr = ctx.repo, ctx.tr
    _ = tr.gettext
    m = repo.mission.mission
    controls: list[ft.Control] = []
    if m.sample:
        note = tr.text(m.sample_note).text or _("Parts of this programme are illustrative.")
        controls.append(
            card(
                ft.Column([badge(_("Illustrative data"), "changed"), ft.Text(note)], spacing=6),
                identifier="sample-notice",
            )
        )
    dates = tr.date_range(m.start_date, m.end_date)
    legs = [
        tr.labelled(
            city_name(tr, repo.mission, c.id), f"{tr.day(c.start_date)} – {tr.day(c.end_date)}"
        )
        for c in m.cities
    ]
    controls.append(
        ft.Column(
            [
                ft.Text(tr.text(m.title).text, size=20, weight=ft.FontWeight.BOLD),
                ft.Text(tr.text(m.led_by).text, size=14),
                ft.Text(dates, weight=ft.FontWeight.W_600),
                *[muted(leg) for leg in legs],
            ],
            spacing=4,
            margin=HEAD_MARGIN,
        )
    )
    controls.append(heading(_("Sectors")))
    controls += [
        ft.ListTile(
            title=ft.Text(tr.text(s.name).text),
            dense=True,
            leading=ft.Icon(ft.Icons.CATEGORY_OUTLINED),
        )
        for s in m.sectors
    ]
    controls.append(heading(_("Key figures and facts"), identifier="facts"))
    for fact in m.facts:
        text, source = tr.text(fact.text), tr.text(fact.source)
        controls.append(
            card(
                ft.Column(
                    [
                        ft.Text(text.text, size=15),
                        *fallback_note(tr, text.fallback),
                        muted(_("Source: {source}").format(source=source.text), 11),
                        *fallback_note(tr, source.fallback),
                    ],
                    spacing=4,
                ),
                identifier=f"fact-{fact.id}",
            )
        )
    published = tr.day(repo.mission.published_at.astimezone(repo.zone).date())
    controls.append(heading(_("Data")))
    revision = _("Programme revision {revision}, published {date}.").format(
        revision=repo.mission.revision, date=published
    )
    controls.append(muted(revision, margin=SIDES))
    return Screen(_("About"), controls)
