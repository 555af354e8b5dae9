"""My agenda (home): day strip, Now/Next card, the day's items with badges and warnings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import flet as ft

from services import mission_day
from services.agenda import AgendaItem, items_on, next_change
from services.change_text import change_entries
from services.impact import for_item, sentence
from services.listing import listed
from services.logistics import leave_by, leave_line
from services.now_card import now_next_card
from services.pocket_copy import file_page
from services.present import (
    Row,
    agenda_row,
    day_heading,
    display_zone,
    flag_labels,
    item_title,
)
from services.sync_state import STALE
from views.components.announcements import announcements_button, banner
from views.components.clock_notice import clock_line
from views.components.day_strip import day_strip
from views.components.now_next import now_next_line, now_next_view
from views.components.rows import item_card
from views.components.shared import shared
from views.components.ui import (
    MUTED,
    card,
    empty_state,
    heading,
    muted,
    warning_line,
)
from views.context import Ctx, Screen


def build(ctx: Ctx) -> Screen:
    repo, tr = ctx.repo, ctx.tr
    _ = tr.gettext
    day = repo.day_shown(ctx.state.day)
    zone = display_zone(repo.mission, repo.settings.time_display)
    items = repo.agenda()
    titles = {item.id: item_title(tr, item) for item in items}
    controls: list[ft.Control] = notices(ctx)
    controls += banner(ctx)
    signed_out = repo.delegate is None and repo.is_demo
    if signed_out:
        controls.append(sign_in_card(ctx))
    card_controls, due = _now_next(ctx, day, items, zone)
    controls += card_controls
    controls.append(heading(day_heading(tr, day, repo.mission, zone), identifier="agenda-day"))
    if signed_out:  # what the sign-in card promises: the programme, their bookmarks marked
        controls += day_programme(ctx, day)
        ends = programme_due(ctx, day)
        due = min(due, ends) if ends is not None else due
    else:
        controls += day_agenda(ctx, day, items, titles)
    who = repo.delegate.delegate.name if repo.delegate else _("No personal agenda yet")
    if repo.shows_demo:
        who = _("Demo agenda: {name}").format(name=who)
    elif signed_out:
        who = _("Not signed in")
    elif repo.delegate and repo.delegate.delegate.sample:
        who = f"{who} · {_('Illustrative')}"
    header = [who_line(who), day_strip(ctx, repo.days(), day)]
    return Screen(
        _("My agenda"),
        controls,
        header=header,
        actions=[announcements_button(ctx), print_button(ctx)],
        changes_at=due,
        scroll_key=f"agenda-{day}",  # another day opens at its top, not where this one was
    )


def who_line(who: str) -> ft.Control:
    """Who this agenda is for, on its own line above the days. In the app bar beside four
    icons, 'Camille Lambert · À titre d'illustration' was cut at 360 px (a title there does
    not wrap); here it has the whole width and wraps."""
    line = ft.Text(
        who, size=12, color=MUTED, margin=shared(ft.Margin.only(left=16, right=16, top=6))
    )
    return ft.Semantics(container=True, identifier="agenda-who", content=line)


def _now_next(
    ctx: Ctx, day: date, items: list[AgendaItem], zone: ZoneInfo
) -> tuple[list[ft.Control], datetime]:
    """The Now/Next card (one line on another day), and when My agenda goes out of date."""
    repo, tr = ctx.repo, ctx.tr
    now = repo.now()
    nn = repo.now_next()
    summary = now_next_card(tr, repo.mission, nn, now, zone)
    counting = summary is not None and summary.countdown  # 'in 25 min': a minute's turn
    due = next_change(items, now, {zone, repo.zone}, counting)
    news_ends = mission_day.banner_due(repo)  # a day-old announcement leaves the banner
    due = min(due, news_ends) if news_ends is not None else due
    if summary is None:
        return [], due
    if day != repo.default_day():  # browsing another day: one line
        return [now_next_line(ctx, summary)], due
    shown = (nn.now or nn.next) if summary.route else None  # not the mission's countdown
    badges = flag_labels(tr, repo.flags_for(shown.id), shown.cancelled) if shown else ()
    if nn.next is None:
        return [now_next_view(ctx, summary, "", badges)], due
    line = leave_line(tr, repo.mission, repo.delegate, nn.next, items, zone, now)  # when to leave
    view = now_next_view(ctx, summary, line, badges)
    return [view], _leave_due(ctx, nn.next, items, zone, due)


def _leave_due(
    ctx: Ctx, going: AgendaItem, items: list[AgendaItem], zone: ZoneInfo, due: datetime
) -> datetime:
    """`due`, or the leave-by time when it comes first: the card then says 'Leave now'."""
    repo = ctx.repo
    leave = leave_by(ctx.tr, repo.mission, repo.delegate, going, items, zone)
    return min(due, leave.at) if leave is not None and leave.at > repo.now() else due


def day_agenda(
    ctx: Ctx, day: date, items: list[AgendaItem], titles: dict[str, str]
) -> list[ft.Control]:
    """The person's items of the day with their warnings, or a word that the day is free."""
    repo, tr = ctx.repo, ctx.tr
    _ = tr.gettext
    zone = display_zone(repo.mission, repo.settings.time_display)
    day_items = items_on(items, day, zone)  # the day each item falls on in the zone shown
    impacts = mission_day.change_impacts(repo)
    now = repo.now()
    out: list[ft.Control] = []
    for item in day_items:
        row = agenda_row(tr, repo.mission, item, titles, zone, repo.flags_for(item.id))
        extra = tuple(sentence(tr, i, zone, repo.mission) for i in for_item(impacts, item.id))
        row = replace(row, warnings=(*extra, *row.warnings))
        out.append(item_card(ctx, row, past=item.end <= now))
    if day_items:
        return out
    if day < now.astimezone(zone).date():  # nothing to enjoy or add any more
        return [
            empty_state(ft.Icons.EVENT_BUSY, _("Nothing planned this day"), _("This day is over."))
        ]
    browse = ft.TextButton(
        _("Browse the programme"),
        icon=ft.Icons.EVENT_NOTE,
        on_click=lambda _e: ctx.act.navigate("/programme"),
    )
    text = _("Enjoy the free time, or add activities from the programme.")
    return [empty_state(ft.Icons.BEACH_ACCESS, _("Nothing planned this day"), text, browse)]


def print_button(ctx: Ctx) -> ft.Control:
    """The pocket agenda as a printable page: in a browser our service worker's copy opens in a
    new tab (print or save it as PDF there); a phone app shares the page as a file."""
    tr = ctx.tr

    def open_copy(_e: ft.Event[ft.IconButton]) -> None:
        if ctx.state.platform == "web":
            ctx.act.open_url(f"/pocket/mine.{tr.lang}.html?saved")  # not "offline": see the worker
        else:
            page = file_page(ctx.repo, tr.lang).encode()
            ctx.act.share_file("agenda.html", page, "text/html")

    return ft.Semantics(
        container=True,  # else the IconButton merges away with its tooltip: a nameless button
        button=True,
        identifier="print-agenda",
        content=ft.IconButton(
            ft.Icons.PRINT, tooltip=tr.gettext("Print or save my agenda"), on_click=open_copy
        ),
    )


def sign_in_card(ctx: Ctx) -> ft.Control:
    """Not signed in: no one's agenda, a clear way in, and why the last attempt failed."""
    _ = ctx.tr.gettext
    parts: list[ft.Control] = [
        ft.Text(_("Sign in with your personal code"), size=17, weight=ft.FontWeight.BOLD),
        muted(
            _("Your code is in your welcome e-mail. Until then, this is the mission programme."),
            14,
        ),
    ]
    problem = ctx.sign_in_problem()
    if problem:
        parts.append(warning_line(problem))
    parts.append(
        ft.FilledButton(
            _("Sign in"), icon=ft.Icons.LOGIN, on_click=lambda _e: ctx.act.navigate("/settings")
        )
    )
    return card(ft.Column(parts, spacing=8), identifier="sign-in-card")


def day_programme(ctx: Ctx, day: date) -> list[ft.Control]:
    """The day's activities for a visitor who has not signed in. Today, those already over
    fold into one line that opens them: the list starts with what is on now and next."""
    repo, tr = ctx.repo, ctx.tr
    zone = display_zone(repo.mission, repo.settings.time_display)
    texts = listed(tr, repo.mission, zone)  # the same for every session: made once
    now = repo.now()
    activities = repo.activities_on(day)
    over = [a for a in activities if a.end <= now]
    out: list[ft.Control] = []
    if over and now.astimezone(zone).date() == day and not ctx.state.earlier_open:
        out.append(_earlier_button(ctx, len(over)))
        activities = [a for a in activities if a.end > now]
    for activity in activities:
        text = texts[activity.id]
        row = Row(
            activity.id,
            f"/activity/{activity.id}",
            text.time,
            text.title,
            text.fallback,
            text.place_in_city,
            text.kind,
            # the word, not only the strike-through and tint: read out, and seen without red
            badges=flag_labels(tr, (), activity.state == "cancelled"),
            cancelled=activity.state == "cancelled",
            personal=tr.gettext("Bookmarked") if repo.is_bookmarked(activity.id) else "",
            sample=activity.sample,
        )
        out.append(item_card(ctx, row, past=activity.end <= now))
    return out


def _earlier_button(ctx: Ctx, count: int) -> ft.Control:
    def unfold() -> None:
        ctx.state.earlier_open = True
        ctx.act.refresh()

    label = ctx.tr.ngettext(
        "Show {n} earlier activity", "Show {n} earlier activities", count
    ).format(n=count)
    button = ft.TextButton(label, icon=ft.Icons.EXPAND_MORE, on_click=unfold)
    return ft.Semantics(container=True, content=button, identifier="agenda-earlier", button=True)


def programme_due(ctx: Ctx, day: date) -> datetime | None:
    """When the next of the day's activities ends: a visitor's list folds it away then."""
    now = ctx.repo.now()
    return min((a.end for a in ctx.repo.activities_on(day) if a.end > now), default=None)


def notices(ctx: Ctx) -> list[ft.Control]:
    """What the organisers changed (until opened), and a quiet word when data is not fresh."""
    tr = ctx.tr
    out: list[ft.Control] = []
    zone = display_zone(ctx.repo.mission, ctx.repo.settings.time_display)
    unseen = len(change_entries(tr, ctx.repo, ctx.repo.unseen_changes(), zone))
    if unseen:
        text = tr.ngettext(
            "{n} change from the organisers", "{n} changes from the organisers", unseen
        ).format(n=unseen)
        row = ft.Row(
            [
                ft.Icon(ft.Icons.NEW_RELEASES_OUTLINED, color=ft.Colors.TERTIARY),
                ft.Text(text, weight=ft.FontWeight.W_600, expand=True),
                ft.Icon(ft.Icons.CHEVRON_RIGHT),
            ]
        )
        out.append(
            card(row, on_click=lambda: ctx.act.navigate("/changes"), identifier="changes-banner")
        )
    if ctx.sync.status in STALE:
        line = ft.Row(
            [
                ft.Icon(ft.Icons.CLOUD_OFF, size=16, color=ft.Colors.ON_SURFACE_VARIANT),
                # expands, so a long sentence wraps at 360 px instead of being cut
                ft.Text(ctx.status_text(), size=12, color=MUTED, expand=True),
            ],
            spacing=6,
        )
        out.append(
            ft.Semantics(
                container=True,
                identifier="offline-note",
                content=ft.Container(line, padding=shared(ft.Padding.symmetric(horizontal=16))),
            )
        )
    return out + clock_line(ctx)
