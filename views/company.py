"""One organisation of the delegation: profile, sectors, city legs, its listed contact person,
the activities it hosts and this person's B2B meetings with it."""

from __future__ import annotations

from functools import partial

import flet as ft

from services import directory
from services.contacts import display_phone, mail_link, tel_link
from services.models import Company
from services.present import city_name, display_zone, sector_names, span_time
from views.components.directory import kind_label
from views.components.rows import activity_card
from views.components.ui import (
    HEAD_MARGIN,
    card,
    empty_state,
    fallback_note,
    heading,
    marked_line,
    muted,
    wrap_row,
)
from views.context import Ctx, Screen


def build(ctx: Ctx) -> Screen:
    repo, tr = ctx.repo, ctx.tr
    _ = tr.gettext
    entry = directory.company(repo.mission, ctx.state.route.arg or "")
    if entry is None:
        return Screen(
            _("Directory"),
            [
                empty_state(
                    ft.Icons.BUSINESS, _("Not in the directory"), _("It may have been removed.")
                )
            ],
        )
    zone = display_zone(repo.mission, repo.settings.time_display)
    profile = tr.text(entry.profile)
    cities = ", ".join(city_name(tr, repo.mission, c) for c in entry.cities)
    head: list[ft.Control] = [
        ft.Text(entry.name, size=22, weight=ft.FontWeight.BOLD),
        marked_line(tr, kind_label(ctx, entry.kind))
        if entry.sample
        else muted(kind_label(ctx, entry.kind)),
        muted(" · ".join(sector_names(tr, repo.mission, entry.sectors))),
        ft.Text(profile.text, size=15),
        *fallback_note(tr, profile.fallback),
    ]
    if cities:
        head.append(muted(_("With the delegation in: {cities}").format(cities=cities)))
    controls: list[ft.Control] = [ft.Column(head, spacing=4, margin=HEAD_MARGIN)]
    controls.append(heading(_("Contact person")))
    controls.append(contact_card(ctx, entry))
    hosted = directory.hosted(repo.mission, entry)
    if hosted:
        controls.append(heading(_("Hosts"), identifier="company-hosts"))
        controls += [activity_card(ctx, a, zone, f"hosted-{a.id}") for a in hosted]
    meetings = directory.meetings_with(repo.delegate, entry)
    if meetings:
        controls.append(heading(_("My B2B meetings with them"), identifier="company-meetings"))
        for m in meetings:
            when = span_time(tr, m.start, m.end, zone, repo.mission)  # labelled as elsewhere
            controls.append(
                card(
                    ft.Column(
                        [ft.Text(_("B2B with {person}").format(person=m.counterpart)), muted(when)]
                    ),
                    on_click=partial(ctx.act.navigate, f"/meeting/{m.id}"),
                    identifier=f"company-meeting-{m.id}",
                )
            )
    return Screen(_("Directory"), controls, subtitle=entry.name)  # whole beside two icons


def contact_card(ctx: Ctx, entry: Company) -> ft.Control:
    tr = ctx.tr
    _ = tr.gettext
    person = entry.contact
    lines: list[ft.Control] = [ft.Text(person.name, size=16, weight=ft.FontWeight.W_600)]
    role = tr.text(person.role).text
    if role:
        lines.append(muted(role))
    buttons: list[ft.Control] = []
    if person.email:
        url = mail_link(person.email)
        buttons.append(
            ft.FilledTonalButton(
                person.email,
                icon=ft.Icons.EMAIL_OUTLINED,
                on_click=lambda _e: ctx.act.open_url(url),
            )
        )
    if person.phone:
        tel = tel_link(person.phone)
        buttons.append(
            ft.FilledTonalButton(
                display_phone(person.phone),
                icon=ft.Icons.CALL,
                on_click=lambda _e: ctx.act.open_url(tel),
            )
        )
    if entry.website:
        site = entry.website
        buttons.append(
            ft.TextButton(
                _("Website"), icon=ft.Icons.LANGUAGE, on_click=lambda _e: ctx.act.open_url(site)
            )
        )
    lines.append(wrap_row(buttons, 4))
    lines.append(muted(_("Listed with their consent."), 11))
    return card(ft.Column(lines, spacing=4), identifier=f"contact-person-{entry.id}")
