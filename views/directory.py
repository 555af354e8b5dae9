"""The delegation directory: companies and institutions with their sectors, city legs and a
contact person who agreed to be listed; search and a sector filter."""

from __future__ import annotations

import flet as ft

from services import directory
from services.models import Company
from services.present import city_name, sector_names
from views.components.directory import kind_label
from views.components.drafts import done, draft_field
from views.components.shared import shared
from views.components.ui import SIDES, card, empty_state, marked_line, muted
from views.context import Ctx, Screen


def build(ctx: Ctx) -> Screen:
    repo, tr = ctx.repo, ctx.tr
    _ = tr.gettext
    found = directory.search(repo.mission, ctx.state.directory_query, ctx.state.directory_sector)
    controls: list[ft.Control] = [search_box(ctx), sector_chips(ctx)]
    if repo.mission.mission.sample:
        example = _("Example entries: the companies and people listed are illustrative.")
        controls.append(muted(example, 12, SIDES))
    controls += [company_card(ctx, c) for c in found]
    if not found:
        controls.append(
            empty_state(ft.Icons.SEARCH_OFF, _("No match"), _("Try another word or sector."))
        )
    count = len(found)
    subtitle = tr.ngettext("{n} member", "{n} members", count).format(n=count)
    # "Annuaire de la délégation" was cut at 360 px beside Back and two icons
    return Screen(_("Directory"), controls, subtitle=subtitle, show_back=True)


def search_box(ctx: Ctx) -> ft.Control:
    _ = ctx.tr.gettext

    def changed(e: ft.Event[ft.TextField]) -> None:
        ctx.state.directory_query = e.control.value or ""
        done(ctx, "directory")
        ctx.act.refresh()

    field = draft_field(
        ctx,
        "directory",
        ctx.state.directory_query,
        hint_text=_("Search company, person, sector…"),
        prefix_icon=ft.Icons.SEARCH,
        on_submit=changed,
        on_blur=changed,
        dense=True,
        border=ft.OutlineInputBorder(border_radius=24),
    )
    return ft.Container(
        ft.Semantics(container=True, content=field, identifier="directory-search"),
        padding=shared(ft.Padding.only(left=12, right=12, top=8)),
    )


def sector_chips(ctx: Ctx) -> ft.Control:
    chosen = ctx.state.directory_sector

    def pick(sector: str) -> None:
        ctx.state.directory_sector = None if chosen == sector else sector
        ctx.act.refresh()

    chips: list[ft.Control] = []
    for sector in ctx.repo.mission.mission.sectors:
        selected = sector.id == chosen
        chip = ft.Chip(
            label=ctx.tr.text(sector.name).text,
            selected=selected,
            show_checkmark=False,
            on_select=lambda _e, s=sector.id: pick(s),
        )
        chips.append(
            ft.Semantics(
                container=True,
                content=chip,
                identifier=f"chip-sector-{sector.id}",
                selected=selected,
            )
        )
    return ft.Row(
        chips,
        scroll=ft.ScrollMode.AUTO,
        spacing=6,
        margin=shared(ft.Margin.symmetric(horizontal=12, vertical=4)),
    )


def company_card(ctx: Ctx, entry: Company) -> ft.Control:
    tr, mission = ctx.tr, ctx.repo.mission
    sectors = " · ".join(sector_names(tr, mission, entry.sectors))
    cities = ", ".join(city_name(tr, mission, c) for c in entry.cities)
    meta = " · ".join(p for p in (kind_label(ctx, entry.kind), cities) if p)
    lines: list[ft.Control] = [
        ft.Text(entry.name, size=16, weight=ft.FontWeight.W_600),
        marked_line(tr, meta) if entry.sample else muted(meta, 12),
        muted(sectors, 12),
        ft.Text(tr.text(entry.profile).text, size=13, max_lines=2),
    ]
    return card(
        ft.Column(lines, spacing=3),
        on_click=lambda: ctx.act.navigate(f"/company/{entry.id}"),
        identifier=f"company-{entry.id}",
    )
