"""Contacts: organisers, press, consular help, emergency, and my own; call, e-mail, copy, vCard."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import flet as ft

from services.contacts import display_phone, grouped, mail_link, tel_link
from services.models import Contact
from services.safety import emergency_number
from services.vcard import contact_card as card_of
from services.vcard import vcard
from views.components.later import Later, Make
from views.components.panes import CARD_AT_LEAST, fold_least
from views.components.ui import card, fallback_note, heading, muted, sample_marks, wrap_row
from views.context import Ctx, Screen

# Heights in logical pixels, at least, of what the list shows before its cards (each card has
# at least its name and its row of buttons: CARD_AT_LEAST): the window's first part is sent
# first when the screen is shown anew (views/components/panes.py)
ENTRY_PX, HEADING_PX = 48, 32  # the directory's entry, a group's heading


def build(ctx: Ctx) -> Screen:
    tr = ctx.tr
    _ = tr.gettext
    titles = {
        "organiser": _("Mission organisers"),
        "press": _("Press"),
        "consular": _("Consular help"),
        "emergency": _("Emergency"),
        "mine": _("My contacts"),
    }
    # each control is made when first read: a new screen's first part makes only what it sends
    makers: list[Make] = [partial(directory_entry, ctx)] if ctx.repo.mission.companies else []
    least = [ENTRY_PX] * len(makers)
    for group, contacts in grouped(ctx.repo.contacts()):
        makers.append(partial(heading, titles[group], identifier=f"contacts-{group}"))
        makers += [partial(contact_card, ctx, c) for c in contacts]
        least += [HEADING_PX] + [CARD_AT_LEAST] * len(contacts)
    return Screen(
        _("Contacts"),
        Later(makers),
        subtitle=_("Tap to call or write"),
        fold=fold_least(ctx.state.window_height, least),
    )


def directory_entry(ctx: Ctx) -> ft.Control:
    _ = ctx.tr.gettext
    row = ft.Row(
        [
            ft.Icon(ft.Icons.BUSINESS, color=ft.Colors.PRIMARY),
            ft.Text(_("Delegation directory"), weight=ft.FontWeight.W_600, expand=True),
            ft.Icon(ft.Icons.CHEVRON_RIGHT),
        ]
    )
    return card(row, on_click=lambda: ctx.act.navigate("/directory"), identifier="directory-link")


def contact_card(ctx: Ctx, contact: Contact) -> ft.Control:
    tr = ctx.tr
    _ = tr.gettext
    role = tr.text(contact.role).text
    name, organisation = tr.text(contact.name), tr.text(contact.organisation)
    lines: list[ft.Control] = [ft.Text(name.text, size=16, weight=ft.FontWeight.W_600)]
    lines += sample_marks(tr, contact.sample, f"sample-{contact.id}")
    detail = " · ".join(x for x in (role, organisation.text) if x)
    if detail:
        lines.append(muted(detail))
    lines += fallback_note(tr, name.fallback or organisation.fallback)
    hours = tr.text(contact.hours).text
    if hours:
        lines.append(muted(hours, 12))
    lines += address_lines(ctx, contact)
    buttons: list[ft.Control] = []
    emergency = emergency_number(contact)  # 911 in red; the other lines as any number
    for number, label in ((contact.phone, _("Call")), (contact.mobile, _("Mobile"))):
        if number:
            buttons.append(
                _action(
                    ctx,
                    f"call-{contact.id}-{label}",
                    ft.Icons.CALL,
                    f"{label} {display_phone(number)}",
                    tel_link(number),
                    emergency,
                )
            )
    if contact.email:
        buttons.append(
            _action(
                ctx,
                f"mail-{contact.id}",
                ft.Icons.EMAIL_OUTLINED,
                _("E-mail"),
                mail_link(contact.email),
            )
        )
    safety = ctx.repo.mission.safety
    if contact.category == "consular" and not buttons and safety is not None:
        # no number from the organisers: the card's own text sends the reader to the duty
        # phone, as the Safety screen does, so the button to it is here too (no dead end)
        buttons.append(
            _action(
                ctx,
                f"call-{contact.id}-duty",
                ft.Icons.CALL,
                _("Call the duty phone"),
                tel_link(safety.duty_phone),
            )
        )
    copy_text = "\n".join(
        x
        for x in (
            name.text,
            display_phone(contact.phone or ""),
            display_phone(contact.mobile or ""),
            contact.email or "",
        )
        if x
    )
    copy_label = _("Copy the details of {name}").format(name=name.text)
    buttons.append(
        _icon_action(
            f"copy-{contact.id}",
            ft.Icons.CONTENT_COPY,
            copy_label,
            lambda: ctx.act.copy(copy_text),
        )
    )
    vcard_label = _("Contact card (vCard) of {name}").format(name=name.text)
    buttons.append(
        _icon_action(
            f"vcard-{contact.id}",
            ft.Icons.CONTACT_PAGE_OUTLINED,
            vcard_label,
            lambda: ctx.act.share_file(
                f"{contact.id}.vcf", vcard(card_of(contact, role, tr.lang)).encode(), "text/vcard"
            ),
        )
    )
    lines.append(wrap_row(buttons, 4))
    return card(ft.Column(lines, spacing=4), identifier=f"contact-{contact.id}")


def address_lines(ctx: Ctx, contact: Contact) -> list[ft.Control]:
    """The address as printed at the source, and beside it the reader's form where one exists."""
    if not contact.address:
        return []
    lines: list[ft.Control] = [muted(contact.address, 12)]
    local = contact.address_local.get(ctx.tr.lang, "")
    if local and local != contact.address:
        lines.append(muted(local, 12))
    return lines


def _action(
    ctx: Ctx, ident: str, icon: ft.IconData, label: str, url: str, urgent: bool = False
) -> ft.Control:
    style = ft.ButtonStyle(bgcolor=ft.Colors.RED_700, color=ft.Colors.WHITE) if urgent else None
    button = ft.FilledTonalButton(
        label, icon=icon, style=style, on_click=lambda _e: ctx.act.open_url(url)
    )
    return ft.Semantics(
        container=True, content=button, identifier=ident, link=True, label=label, value=url
    )


def _icon_action(
    ident: str, icon: ft.IconData, label: str, action: Callable[[], None]
) -> ft.Control:
    """An icon button whose name says what it does, and for whom."""
    button = ft.IconButton(icon, tooltip=label, on_click=lambda _e: action())
    # the tooltip is the accessible name; a label as well would be read twice
    return ft.Semantics(container=True, content=button, identifier=ident, button=True)
