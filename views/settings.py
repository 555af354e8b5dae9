"""Settings: language, personal code, calendar, my card, sync, time display, theme, About."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import flet as ft

from services.i18n import BRUSSELS, LANGUAGE_NAMES, Translator
from services.mission_time import zone_words
from services.models import LANGS
from views.components.drafts import draft_field
from views.components.fit import segments_fit
from views.components.shared import shared
from views.components.take_along import calendar_section, my_card_section
from views.components.ui import SIDES, card, heading, muted, sample_marks, warning_line
from views.context import Ctx, Screen


def build(ctx: Ctx) -> Screen:
    _ = ctx.tr.gettext
    controls: list[ft.Control] = [
        heading(_("Language")),
        _segments(
            ctx,
            "language",
            [(lang, LANGUAGE_NAMES[lang]) for lang in LANGS],
            ctx.tr.lang,
            ctx.act.set_language,
        ),
        heading(_("My personal agenda")),
        personal_code(ctx),
        heading(_("My calendar")),
        calendar_section(ctx),
        heading(_("My contact card")),
        my_card_section(ctx),
        heading(_("Updates")),
        sync_status(ctx),
        heading(_("Times shown in")),
        _segments(
            ctx,
            "time",
            [("mission", _("Mission time")), ("brussels", _("Brussels time"))],
            ctx.repo.settings.time_display,
            lambda v: _save(ctx, "time", v),
        ),
        ft.Semantics(
            container=True,
            content=muted(
                zone_note(ctx.tr, ZoneInfo(ctx.repo.mission.mission.time_zone), _first_day(ctx)),
                13,
                margin=SIDES,
            ),
            identifier="time-zone-note",
        ),
        heading(_("Appearance")),
        _segments(
            ctx,
            "theme",
            [("system", _("System")), ("light", _("Light")), ("dark", _("Dark"))],
            ctx.repo.settings.theme,
            lambda v: _save(ctx, "theme", v),
        ),
        ft.Container(height=8),
        ft.Semantics(
            container=True,
            content=ft.ListTile(
                title=ft.Text(_("About this mission and the data")),
                leading=ft.Icon(ft.Icons.INFO_OUTLINE),
                trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT),
                on_click=lambda _e: ctx.act.navigate("/about"),
            ),
            identifier="open-about",
            button=True,
        ),
    ]
    return Screen(_("Settings"), controls)


def _segments(
    ctx: Ctx, name: str, options: list[tuple[str, str]], selected: str, choose: object
) -> ft.Control:
    def changed(e: ft.Event[ft.SegmentedButton]) -> None:
        if e.control.selected:
            choose(e.control.selected[0])  # type: ignore[operator]

    # one above the other when a word of a label would not fit its segment ('Nederlan-ds')
    labels = [label for _v, label in options]
    side_by_side = segments_fit(labels, ctx.state.window_width, ctx.state.text_scale)
    button = ft.SegmentedButton(
        segments=[ft.Segment(value=v, label=ft.Text(label)) for v, label in options],
        selected=[selected],
        on_change=changed,
        show_selected_icon=False,
        direction=None if side_by_side else ft.Axis.VERTICAL,
    )
    return ft.Container(
        ft.Semantics(container=True, content=button, identifier=f"setting-{name}"),
        padding=shared(ft.Padding.symmetric(horizontal=16, vertical=4)),
    )


def _first_day(ctx: Ctx) -> date:
    return ctx.repo.mission.mission.start_date


def zone_note(tr: Translator, zone: ZoneInfo, on: date) -> str:
    """What 'mission time' is, for someone who has not flown yet: 'Mission time: Pacific Time
    (Los Angeles), 9 hours behind Brussels.' The gap is the one on the mission's first day
    `on`, the one its times are shown with (summer time starts and ends on other dates in
    Europe and America: in late March a mission in October is still 9 hours away, not 8)."""
    name, city = zone_words(zone.key, tr.locale)
    noon = datetime.combine(on, time(12), zone)
    gap = noon.utcoffset() or timedelta(0)
    gap -= noon.astimezone(BRUSSELS).utcoffset() or timedelta(0)
    hours = round(abs(gap.total_seconds()) / 3600)
    if not hours:
        text = tr.gettext("Mission time: {zone} ({city}), as in Brussels.")
    elif gap < timedelta(0):
        text = tr.ngettext(
            "Mission time: {zone} ({city}), {hours} hour behind Brussels.",
            "Mission time: {zone} ({city}), {hours} hours behind Brussels.",
            hours,
        )
    else:
        text = tr.ngettext(
            "Mission time: {zone} ({city}), {hours} hour ahead of Brussels.",
            "Mission time: {zone} ({city}), {hours} hours ahead of Brussels.",
            hours,
        )
    return text.format(zone=name, city=city, hours=hours)


def _save(ctx: Ctx, what: str, value: str) -> None:
    async def save() -> None:
        if what == "time":
            await ctx.repo.update_settings(time_display=value)
        else:
            await ctx.repo.update_settings(theme=value)
            ctx.act.apply_theme()
        ctx.act.refresh()

    ctx.act.run(save)


def personal_code(ctx: Ctx) -> ft.Control:
    repo = ctx.repo
    _ = ctx.tr.gettext
    if not repo.is_demo:
        who = repo.delegate.delegate if repo.delegate else None
        text = (
            _("Agenda of {name}, {company}").format(name=who.name, company=who.company)
            if who
            else _("Your agenda will appear after the next successful update.")
        )
        return card(
            ft.Column(
                [
                    ft.Text(text, size=15),
                    *sample_marks(ctx.tr, bool(who and who.sample), "sample-delegate"),
                    ft.TextButton(
                        _("Sign out"),
                        icon=ft.Icons.LOGOUT,
                        on_click=lambda _e: ctx.act.sign_in(None),
                    ),
                ]
            ),
            identifier="signed-in",
        )
    field = draft_field(
        ctx,
        "sign-in",
        "",
        label=_("Personal code or link"),
        dense=True,
        hint_text=_("From your welcome e-mail or QR code"),
    )

    def submit(_e: object) -> None:
        # kept until the code is accepted: a rejected one stays there to be corrected
        ctx.state.drafts["sign-in"] = field.value or ""
        ctx.act.sign_in(field.value or "")

    field.on_submit = submit
    return card(
        ft.Column(
            [
                muted(
                    _("You are looking at a demo agenda. Enter your personal code to see your own.")
                    if repo.shows_demo
                    else _(
                        "You are not signed in. Enter your personal code to see your own agenda."
                    )
                ),
                ft.Semantics(container=True, content=field, identifier="code-field"),
                *_sign_in_problem(ctx),
                ft.FilledButton(_("Show my agenda"), icon=ft.Icons.LOGIN, on_click=submit),
            ],
            spacing=8,
        ),
        identifier="sign-in",
    )


def _sign_in_problem(ctx: Ctx) -> list[ft.Control]:
    """Why the code in the field was refused: it stays beside the field (the toast that said
    so is gone in seconds), until a code is accepted."""
    problem = ctx.sign_in_problem()
    if not problem:
        return []
    line = warning_line(problem)
    return [ft.Semantics(container=True, content=line, identifier="sign-in-problem")]


def sync_status(ctx: Ctx) -> ft.Control:
    _ = ctx.tr.gettext
    status = ctx.status_text()
    syncing = ctx.sync.phase == "syncing"
    line: list[ft.Control] = [ft.Text(status, size=14, expand=True)]
    if syncing:
        line.insert(0, ft.ProgressRing(width=16, height=16, stroke_width=2))
    return card(
        ft.Column(
            [
                ft.Semantics(
                    container=True,
                    content=ft.Row(line, spacing=8),
                    identifier="sync-line",
                    live_region=True,
                ),
                ft.Row(
                    [
                        ft.Semantics(
                            container=True,
                            content=ft.FilledTonalButton(
                                _("Sync now"),
                                icon=ft.Icons.SYNC,
                                on_click=lambda _e: ctx.act.sync_now(),
                                disabled=syncing,
                            ),
                            identifier="sync-now",
                            button=True,
                        ),
                        ft.TextButton(
                            _("What changed"), on_click=lambda _e: ctx.act.navigate("/changes")
                        ),
                    ],
                    wrap=True,
                ),
            ],
            spacing=6,
        ),
        identifier="sync-status",
    )
