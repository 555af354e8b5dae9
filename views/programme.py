"""Programme: every activity, filtered by day, city, sector and kind, with accent-blind search."""

from __future__ import annotations

import asyncio
from datetime import date
from functools import partial

import flet as ft

from services import search
from services.listing import Listed, listed, one_city
from services.models import Activity
from services.present import Row as ListRow
from services.present import (
    city_name,
    display_zone,
    flag_labels,
    kind_label,
    mission_short_title,
)
from views.components.bookmark import bookmark_button
from views.components.chips import chip_row
from views.components.drafts import done, drawn_as
from views.components.later import Later, Make
from views.components.panes import fold
from views.components.rows import item_card
from views.components.shared import shared
from views.components.ui import empty_state, heading, muted
from views.context import Ctx, Screen

PAGE = 30  # cards sent per page; a 10x mission never sends hundreds at once
SEARCH_PAUSE = 0.3  # seconds without a keystroke before the results follow the search
HEADER, HEADER_PX = 3, 150  # search, day chips and filters, count (px at least): then cards
BAR_MARGIN = shared(ft.Margin.only(left=12, right=12, top=8))  # the search field, the filters
SHARE_A_LINE = 6  # day chips whose label fits on one line in a share of a 360 px phone
KINDS = ("seminar", "b2b", "visit", "reception", "signing", "briefing", "networking", "transfer")


def build(ctx: Ctx) -> Screen:
    repo, tr, flt = ctx.repo, ctx.tr, ctx.state.programme
    _ = tr.gettext
    flt.days &= set(repo.days())  # a Brussels Saturday, chosen before mission time was
    if not flt.days and not flt.query and not ctx.state.all_days:
        flt.days = {repo.day_shown(ctx.state.day)}
    controls = Later([partial(search_box, ctx), *results(ctx)])
    return Screen(
        _("Programme"),
        controls,
        subtitle=mission_short_title(tr, repo.mission),
        fold=fold(ctx.state.window_height, HEADER, HEADER_PX),
    )


def results(ctx: Ctx) -> list[Make]:
    """Filters, count and matching activities: what search-as-you-type redraws in place. Each
    is made when first read: a new screen's first part makes only the cards it sends."""
    repo, tr, flt = ctx.repo, ctx.tr, ctx.state.programme
    zone = display_zone(repo.mission, repo.settings.time_display)
    found = search.found(repo.mission, flt, zone)  # the same for every session: made once
    count = tr.ngettext("{n} activity", "{n} activities", len(found)).format(n=len(found))
    city = one_city(repo.mission, found)  # a day's list names its city once, not on each card
    if city is not None:
        count = f"{count} · {city_name(tr, repo.mission, city)}"
    makers: list[Make] = [partial(filters, ctx), partial(heading, count, "programme-count")]
    shown = found[: ctx.state.programme_limit]
    texts = listed(tr, repo.mission, zone)  # the same for every session: made once
    makers += [partial(_card, ctx, a, texts[a.id], city is not None) for a in shown]
    if len(found) > len(shown):
        makers.append(partial(_more_button, ctx, len(found) - len(shown)))
    if not found:
        makers.append(partial(_none_found, ctx))
    return makers


def _card(ctx: Ctx, activity: Activity, text: Listed, in_city: bool) -> ft.Control:
    """`in_city`: the list's heading names the one city of all its activities."""
    repo, tr = ctx.repo, ctx.tr
    row = ListRow(
        activity.id,
        f"/activity/{activity.id}",
        f"{text.day}\n{text.time}",
        text.title,
        text.fallback,
        text.place_in_city if in_city else text.place,
        text.kind,
        flag_labels(tr, repo.flags_for(activity.id), activity.state == "cancelled"),
        (),
        activity.state == "cancelled",
        _personal(ctx, activity.id),
        sample=activity.sample,
    )
    over = activity.end <= repo.now()  # dimmed as on My agenda: the eye goes to what is ahead
    return item_card(ctx, row, bookmark_button(ctx, activity.id), over)


def _more_button(ctx: Ctx, more: int) -> ft.Control:
    label = ctx.tr.ngettext("Show {n} more", "Show {n} more", more).format(n=more)
    return ft.Container(
        ft.OutlinedButton(label, on_click=lambda _e: _more(ctx)),
        alignment=shared(ft.Alignment.CENTER),
        padding=12,
    )


def _none_found(ctx: Ctx) -> ft.Control:
    _ = ctx.tr.gettext
    clear = ft.TextButton(_("Clear filters"), on_click=lambda _e: _clear(ctx))
    return empty_state(
        ft.Icons.SEARCH_OFF,
        _("No activity matches"),
        _("Try another word, or fewer filters."),
        clear,
    )


def _personal(ctx: Ctx, activity_id: str) -> str:
    _ = ctx.tr.gettext
    if ctx.repo.is_registered(activity_id):
        return _("Registered")
    if ctx.repo.is_bookmarked(activity_id):
        return _("In my agenda")
    return ""


def search_box(ctx: Ctx) -> ft.Control:
    """Filters as the person types (after a short pause), with a button to clear the search.

    The redrawn screen reaches the client as a diff: the field is the same field, unchanged,
    so it keeps its focus and cursor; only the results and the clear button change.
    """
    _ = ctx.tr.gettext
    flt = ctx.state.programme

    ctx.state.programme_drawn += 1
    drawn = ctx.state.programme_drawn

    def redraw() -> None:
        on_screen = "programme" in (ctx.state.route.name, ctx.state.tab)
        if on_screen and ctx.state.programme_drawn == drawn:
            ctx.act.refresh()  # else the person moved on, or it was drawn anew with this query

    async def after_pause(typed: str) -> None:
        await asyncio.sleep(SEARCH_PAUSE)
        if flt.query == typed:  # a later keystroke schedules its own redraw
            redraw()

    def changed(e: ft.Event[ft.TextField]) -> None:
        flt.query = e.control.value or ""
        ctx.state.programme_limit = PAGE
        typed = flt.query
        ctx.act.run(lambda: after_pause(typed))

    def submitted(e: ft.Event[ft.TextField]) -> None:
        flt.query = e.control.value or ""
        ctx.state.programme_limit = PAGE
        ctx.act.refresh()

    def cleared(_e: object) -> None:
        flt.query = ""
        done(ctx, "programme-search")
        ctx.act.refresh()

    clear = ft.IconButton(ft.Icons.CLOSE, tooltip=_("Clear search"), on_click=cleared)
    field = ft.TextField(
        value=flt.query,
        hint_text=_("Search title, venue, speaker…"),
        prefix_icon=ft.Icons.SEARCH,
        # only with text to clear: an empty suffix took the hint's room ("S…")
        suffix=ft.Semantics(container=True, content=clear, identifier="clear-search", button=True)
        if flt.query
        else None,
        on_change=changed,
        on_submit=submitted,
        dense=True,
        border=ft.OutlineInputBorder(border_radius=24),
        margin=BAR_MARGIN,  # the field's own: no Container only for padding
    )
    drawn_as(ctx, "programme-search", field, lambda text: setattr(flt, "query", text))
    return ft.Semantics(
        container=True,
        content=field,
        identifier="programme-search",
        label=_("Search the programme"),
    )


def filters(ctx: Ctx) -> ft.Control:
    repo, tr, flt = ctx.repo, ctx.tr, ctx.state.programme
    _ = tr.gettext
    rows: list[ft.Control] = []
    days = repo.days()
    if not flt.query.strip():
        rows.append(
            chip_row(
                [
                    (
                        f"day-{d.isoformat()}",
                        # 'sam 11' is wider than a seventh of a phone: weekday over number
                        ("\n" if len(days) > SHARE_A_LINE else " ").join(tr.short_day(d)),
                        d in flt.days,
                        lambda d=d: _only_day(ctx, d),
                    )
                    for d in days
                ],
                tight=len(days) <= 7,  # a longer mission's days wrap, each chip whole
            )
        )
    else:
        rows.append(muted(_("Searching all days"), 12))
    rows.append(_more_filters_button(ctx))
    if ctx.state.filters_open:
        mission = repo.mission.mission
        cities = [(c.id, tr.text(c.name).text) for c in mission.cities]
        sectors = [(x.id, tr.text(x.name).text) for x in mission.sectors]
        kinds = [(k, kind_label(tr, k)) for k in KINDS]
        rows.append(_toggle_row(ctx, "city", cities, flt.cities))
        rows.append(_toggle_row(ctx, "sector", sectors, flt.sectors))
        rows.append(_toggle_row(ctx, "kind", kinds, flt.kinds))
    # 8 px below the search field: the chips' outlines do not touch its own
    return ft.Column(rows, spacing=4, margin=BAR_MARGIN)


def _more_filters_button(ctx: Ctx) -> ft.Control:
    """City, sector and kind chips fold away, so the activities start on the first screen; the
    button says how many of them filter the list."""
    _ = ctx.tr.gettext
    flt, opened = ctx.state.programme, ctx.state.filters_open
    active = len(flt.cities) + len(flt.sectors) + len(flt.kinds)
    label = _("City, sector, kind")
    if active:
        label += f" ({active})"

    def toggle(_e: object) -> None:
        ctx.state.filters_open = not opened
        ctx.act.refresh()

    button = ft.TextButton(
        label,
        icon=ft.Icons.EXPAND_LESS if opened else ft.Icons.FILTER_LIST,
        on_click=toggle,
    )
    return ft.Semantics(
        container=True, content=button, identifier="programme-filters", button=True, expanded=opened
    )


def _toggle_row(
    ctx: Ctx, prefix: str, options: list[tuple[str, str]], chosen: set[str]
) -> ft.Control:
    """Chips that each add or remove one value of a filter."""
    return chip_row(
        [
            (
                f"{prefix}-{value}",
                label,
                value in chosen,
                lambda value=value: _toggle(ctx, chosen, value),
            )
            for value, label in options
        ]
    )


def _toggle(ctx: Ctx, chosen: set[str], value: str) -> None:
    chosen.symmetric_difference_update({value})
    ctx.state.programme_limit = PAGE
    ctx.act.refresh()


def _only_day(ctx: Ctx, day: date) -> None:
    """Tap a day to see only that day; tap the chosen day again to see every day."""
    chosen = day in ctx.state.programme.days
    ctx.state.programme.days = set() if chosen else {day}
    ctx.state.all_days = chosen
    ctx.state.programme_limit = PAGE
    ctx.act.refresh()


def _more(ctx: Ctx) -> None:
    ctx.state.programme_limit += PAGE
    ctx.act.refresh()


def _clear(ctx: Ctx) -> None:
    flt = ctx.state.programme
    flt.cities.clear()
    flt.sectors.clear()
    flt.kinds.clear()
    flt.query = ""
    done(ctx, "programme-search")
    ctx.act.refresh()
