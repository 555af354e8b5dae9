"""My card: the delegate types their own contact details; they stay on this device."""

from __future__ import annotations

from functools import partial

import flet as ft

from services.mycard import CardField, CardProblem, card_from_form, suggested
from views.components.drafts import done, drawn_as
from views.components.ui import muted
from views.context import Ctx, Screen

FIELDS: tuple[CardField, ...] = ("given", "family", "company", "role", "phone", "email")


def _labels(ctx: Ctx) -> dict[CardField, str]:
    _ = ctx.tr.gettext
    return {
        "given": _("First name"),
        "family": _("Last name"),
        "company": _("Company or organisation"),
        "role": _("Role"),
        "phone": _("Mobile phone"),
        "email": _("E-mail"),
    }


def _problem_text(ctx: Ctx, problem: CardProblem) -> str:
    _ = ctx.tr.gettext
    return {
        "required": _("Please enter your name."),
        "too_long": _("This is too long."),
        "phone": _(
            "This is not a phone number we can read. Numbers from outside Belgium start with "
            "+ and the country code."
        ),
        "email": _("This is not an e-mail address."),
    }[problem]


def build(ctx: Ctx) -> Screen:
    _ = ctx.tr.gettext
    saved = ctx.repo.settings.my_card
    draft = ctx.state.card_draft
    who = ctx.repo.delegate
    if not draft and saved is not None:
        draft.update({key: getattr(saved, key) for key in FIELDS})
    elif not draft:  # nothing saved yet: start from the invitation
        draft.update(suggested(who.delegate if who else None))
    problems = ctx.state.card_problems
    fields: dict[CardField, ft.TextField] = {}
    for key, label in _labels(ctx).items():
        field = ft.TextField(
            label=label,
            value=draft.get(key, ""),
            error=_problem_text(ctx, problems[key]) if key in problems else None,
            keyboard_type=ft.KeyboardType.PHONE
            if key == "phone"
            else ft.KeyboardType.EMAIL
            if key == "email"
            else ft.KeyboardType.TEXT,
            on_change=lambda e, k=key: draft.__setitem__(k, e.control.value or ""),
        )
        adopt = partial(draft.__setitem__, key)
        fields[key] = drawn_as(ctx, f"card-{key}", field, adopt)

    def save(_e: object) -> None:
        card, found = card_from_form({key: draft.get(key, "") for key in FIELDS})
        ctx.state.card_problems = found  # shown by the redraw, under each field
        if card is None:
            ctx.act.refresh()
            return

        async def store() -> None:
            await ctx.repo.update_settings(my_card=card)
            draft.clear()
            done(ctx, *(f"card-{key}" for key in FIELDS))
            ctx.act.toast(_("Your card is saved on this device."))
            ctx.act.navigate("/settings")

        ctx.act.run(store)

    body: list[ft.Control] = [
        muted(_("Only on this device: it is never sent to the organisers."), 14),
        *[
            ft.Semantics(container=True, content=f, identifier=f"card-{k}")
            for k, f in fields.items()
        ],
        ft.Semantics(
            container=True,
            content=ft.FilledButton(_("Save"), icon=ft.Icons.SAVE, on_click=save),
            identifier="save-my-card",
            button=True,
        ),
    ]
    # a field left alone in a Column is drawn 300 px wide: the form spans the phone instead
    stretch = ft.CrossAxisAlignment.STRETCH
    column = ft.Column(body, spacing=12, margin=16, horizontal_alignment=stretch)
    return Screen(_("My card"), [column], show_back=True)
