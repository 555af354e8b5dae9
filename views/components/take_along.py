"""Settings sections for what a delegate takes along: the live calendar and their own card."""

from __future__ import annotations

import flet as ft

from services.calendar import agenda_ics, single_ics, webcal_link
from services.vcard import my_card, vcard
from views.components.ui import card, muted, wrap_row
from views.context import Ctx


def _button(ident: str, label: str, icon: ft.IconData, on_click: object) -> ft.Control:
    return ft.Semantics(
        container=True,
        content=ft.FilledTonalButton(label, icon=icon, on_click=on_click),  # type: ignore[arg-type]
        identifier=ident,
        button=True,
    )


def calendar_section(ctx: Ctx) -> ft.Control:
    """*Subscribe in my calendar* (a webcal:// link the phone's calendar keeps current, with
    reminders) once signed in to a feed; *Export my agenda* (an .ics file) when the agenda
    holds something."""
    repo, _ = ctx.repo, ctx.tr.gettext
    code = repo.settings.personal_code
    link = webcal_link(repo.origin, code) if repo.origin and code else None
    buttons: list[ft.Control] = []
    if link is not None:
        text = _(
            "Your phone's calendar follows your agenda, updates itself and reminds you when "
            "it is time to leave."
        )
        buttons.append(
            _button(
                "subscribe-calendar",
                _("Subscribe in my calendar"),
                ft.Icons.EVENT_REPEAT,
                lambda _e: ctx.act.open_url(link),
            )
        )
    elif repo.agenda():
        text = _("Export your agenda to your phone's calendar, with a reminder before each item.")
    else:  # an empty file would download without a word
        text = _(
            "Nothing to export yet: sign in with your personal code, or add activities from "
            "the programme to My agenda."
        )

    def export(_e: object) -> None:
        data = agenda_ics(repo.mission, repo.agenda(), ctx.tr.lang)
        ctx.act.share_file("my-agenda.ics", data, "text/calendar")

    if repo.agenda():
        buttons.append(_button("export-agenda", _("Export my agenda"), ft.Icons.DOWNLOAD, export))
    lines: list[ft.Control] = [ft.Text(text, size=14), wrap_row(buttons, 8)]
    if link is not None:
        lines += _link_lines(ctx, link)
    return card(ft.Column(lines, spacing=8), identifier="my-calendar")


def _link_lines(ctx: Ctx, link: str) -> list[ft.Control]:
    """*Copy the calendar link*, and what to do with it where no calendar opens."""
    _ = ctx.tr.gettext
    copy = ft.Semantics(
        container=True,
        content=ft.TextButton(
            _("Copy the calendar link"),
            icon=ft.Icons.CONTENT_COPY,
            on_click=lambda _e: ctx.act.copy(link),
        ),
        identifier="copy-calendar-link",
        button=True,
    )
    # a phone with no webcal handler (Android's own calendar) opens nothing: say what to do
    hint = _(
        "If no calendar opens (often on Android), copy the link and add it to your "
        "calendar as a subscription from a URL."
    )
    return [copy, muted(hint, 12)]


def my_card_section(ctx: Ctx) -> ft.Control:
    """The delegate's own card: who they are, and buttons to edit, show as QR, or share it."""
    _ = ctx.tr.gettext
    mine = ctx.repo.settings.my_card
    edit = _button("edit-my-card", _("Edit"), ft.Icons.EDIT, lambda _e: ctx.act.navigate("/mycard"))
    if mine is None:
        text: list[ft.Control] = [
            ft.Text(_("Hand over your details in one scan at a B2B table."), size=14)
        ]
        create = _button(
            "edit-my-card",
            _("Create my card"),
            ft.Icons.BADGE,
            lambda _e: ctx.act.navigate("/mycard"),
        )
        return card(ft.Column([*text, create], spacing=8), identifier="my-card")
    detail = " · ".join(x for x in (mine.role, mine.company) if x)
    text = [ft.Text(mine.name, size=16, weight=ft.FontWeight.W_600)]
    if detail:
        text.append(muted(detail))
    share = _button(
        "share-my-card",
        _("Share"),
        ft.Icons.SHARE,
        lambda _e: ctx.act.share_file("my-card.vcf", vcard(my_card(mine)).encode(), "text/vcard"),
    )
    qr = _button(
        "show-my-qr", _("Show QR code"), ft.Icons.QR_CODE_2, lambda _e: ctx.act.navigate("/myqr")
    )
    return card(ft.Column([*text, wrap_row([qr, share, edit], 8)], spacing=8), identifier="my-card")


def add_to_calendar(ctx: Ctx, item_id: str) -> ft.Control:
    """*Add to calendar* for one agenda item (a B2B meeting), with its leave-by reminder."""
    repo = ctx.repo

    def export(_e: object) -> None:
        agenda = repo.agenda()
        item = next((i for i in agenda if i.id == item_id), None)
        if item is not None:
            data = single_ics(repo.mission, item, ctx.tr.lang, agenda)
            ctx.act.share_file(f"{item_id}.ics", data, "text/calendar")

    button = ft.OutlinedButton(
        ctx.tr.gettext("Add to calendar"), icon=ft.Icons.EVENT, on_click=export
    )
    # no padding of its own: it sits in the meeting's row of actions, beside Share
    return ft.Semantics(container=True, content=button, identifier="add-to-calendar", button=True)
