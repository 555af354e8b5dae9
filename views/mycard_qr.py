"""My card as a QR code, full screen, black on white: read across a table by a phone camera."""

from __future__ import annotations

import flet as ft

from services.qr import qr_png
from services.vcard import my_card, vcard
from views.components.ui import empty_state
from views.context import Ctx, Screen


def build(ctx: Ctx) -> Screen:
    _ = ctx.tr.gettext
    mine = ctx.repo.settings.my_card
    if mine is None:
        create = ft.FilledButton(
            _("Create my card"), on_click=lambda _e: ctx.act.navigate("/mycard")
        )
        return Screen(
            _("My card"),
            [empty_state(ft.Icons.BADGE, _("No card yet"), _("Enter your details first."), create)],
            show_back=True,
        )
    black = ft.Colors.BLACK
    qr = qr_png(vcard(my_card(mine)))
    code = ft.Image(
        src=qr.png,
        width=qr.size,
        height=qr.size,
        filter_quality=ft.FilterQuality.NONE,  # whole pixels per module: sharp edges
        semantics_label=_("QR code with your contact card"),
    )
    lines: list[ft.Control] = [
        ft.Semantics(container=True, content=code, identifier="my-qr"),
        ft.Text(
            mine.name,
            size=24,
            weight=ft.FontWeight.BOLD,
            color=black,
            text_align=ft.TextAlign.CENTER,
        ),
    ]
    detail = " · ".join(x for x in (mine.role, mine.company) if x)
    if detail:
        lines.append(ft.Text(detail, size=16, color=black))
    hint = _("Scan with the phone's camera to save the contact.")
    lines.append(ft.Text(hint, color=black, text_align=ft.TextAlign.CENTER))
    column = ft.Column(lines, horizontal_alignment=ft.CrossAxisAlignment.CENTER, spacing=8)
    page = ft.Container(column, bgcolor=ft.Colors.WHITE, padding=20)
    return Screen(_("My card"), [page], show_back=True, full_screen=True)
