"""The safety card, one tap from every screen and fully offline: tonight's hotel (address large,
for a driver), who to call, and the nearest hospital to where the person is now."""

from __future__ import annotations

import flet as ft

from services.contacts import display_phone, tel_link
from services.mission_day import hospital_near_me, hotel_tonight
from services.models import Stay
from services.safety import as_venue, place_as_venue
from services.safety_card import FOR_DRIVER, Call, other_calls, who_to_call
from views.components.shared import shared
from views.components.ui import card, empty_state, heading, muted, sample_marks, selectable
from views.components.venue import maps_link
from views.context import Ctx, Screen


def build(ctx: Ctx) -> Screen:
    repo, tr = ctx.repo, ctx.tr
    _ = tr.gettext
    # Emergency services first: in an emergency nobody should have to scroll for 911.
    calls = sorted(who_to_call(tr, repo.mission), key=lambda call: not call.urgent)
    duty = next((c for c in calls if c.ident == "duty"), None)
    controls: list[ft.Control] = [heading(_("Who to call"), identifier="safety-calls")]
    controls += [call_card(ctx, call, duty) for call in calls]
    controls.append(heading(_("Tonight's hotel"), identifier="safety-hotel"))
    stay = hotel_tonight(repo)
    if stay is not None:
        controls.append(hotel_card(ctx, stay))
    else:
        controls.append(
            empty_state(
                ft.Icons.HOTEL, _("No hotel tonight"), _("Your agenda has no stay tonight.")
            )
        )
    controls += hospital_block(ctx)
    # after the hotel a driver must see: the lines that are no emergency (police, poison help)
    others = other_calls(tr, repo.mission)
    if others:
        controls.append(heading(_("Other useful numbers"), identifier="safety-other"))
        controls += [call_card(ctx, call, duty) for call in others]
    if repo.mission.mission.sample:
        example = _("Example mission: hotels, hospitals and numbers are illustrative.")
        controls.append(muted(example, 12, shared(ft.Margin.all(16))))
    return Screen(_("Safety"), controls, subtitle=_("Works offline"), show_back=True)


def hotel_card(ctx: Ctx, stay: Stay) -> ft.Control:
    _ = ctx.tr.gettext
    lines: list[ft.Control] = [
        ft.Text(stay.name, size=18, weight=ft.FontWeight.W_600),
        muted(_("Show this to your driver")),
        ft.Text(FOR_DRIVER, size=14, italic=True),
        ft.Text(stay.address, size=28, weight=ft.FontWeight.BOLD),
    ]
    buttons: list[ft.Control] = [
        _maps_button(ctx, f"hotel-maps-{stay.hotel_id}", maps_link(ctx, as_venue(stay)))
    ]
    if stay.phone:
        buttons.append(
            _call_button(ctx, f"call-hotel-{stay.hotel_id}", _("Call the hotel"), stay.phone)
        )
    lines.append(ft.Row(buttons, wrap=True))
    return card(ft.Column(lines, spacing=6), identifier="hotel-card")


def call_card(ctx: Ctx, call: Call, duty: Call | None) -> ft.Control:
    """Title, who, where (Open in Maps), and a one-tap Call; with no number, why not and the
    duty phone instead (a number is never made up)."""
    _ = ctx.tr.gettext
    lines: list[ft.Control] = [
        ft.Text(call.title, size=16, weight=ft.FontWeight.W_600),
        *([muted(call.name)] if call.name != call.title else []),
        *([muted(call.detail, 12)] if call.detail else []),
        *sample_marks(ctx.tr, call.sample, f"sample-{call.ident}"),
        *([selectable(call.address, 16)] if call.address else []),
        *([muted(call.address_local, 12)] if call.address_local else []),
        *([muted(call.hours, 12)] if call.hours else []),
    ]
    if call.maps:
        lines.append(_maps_button(ctx, f"{call.ident}-maps", call.maps))
    if call.phone:
        label = display_phone(call.phone)
        lines.append(_call_button(ctx, f"call-{call.ident}", label, call.phone, call.urgent))
    else:
        lines.append(ft.Text(call.note, size=14, weight=ft.FontWeight.W_500))
        if duty is not None and duty.phone:
            label = _("Call the duty phone")
            lines.append(_call_button(ctx, f"call-{call.ident}-duty", label, duty.phone))
    return card(ft.Column(lines, spacing=4), identifier=f"safety-{call.ident}")


def hospital_block(ctx: Ctx) -> list[ft.Control]:
    tr = ctx.tr
    _ = tr.gettext
    nearest = hospital_near_me(ctx.repo)
    if nearest is None:
        return []
    place = nearest.place
    lines: list[ft.Control] = [
        ft.Text(place.name, size=16, weight=ft.FontWeight.W_600),
        ft.Text(place.address, size=20, weight=ft.FontWeight.BOLD),
        muted(
            _("{distance} from {place}").format(
                distance=tr.distance(nearest.km), place=nearest.origin.name
            )
        ),
        _maps_button(ctx, f"hospital-maps-{place.id}", maps_link(ctx, place_as_venue(place))),
    ]
    if place.phone:
        lines.append(_call_button(ctx, f"call-hospital-{place.id}", _("Call"), place.phone))
    return [
        heading(_("Nearest hospital"), identifier="safety-hospital"),
        card(ft.Column(lines, spacing=4), identifier=f"hospital-{place.id}"),
    ]


def _call_button(ctx: Ctx, ident: str, label: str, number: str, urgent: bool = False) -> ft.Control:
    style = ft.ButtonStyle(bgcolor=ft.Colors.RED_700, color=ft.Colors.WHITE) if urgent else None
    url = tel_link(number)
    button = ft.FilledTonalButton(
        label, icon=ft.Icons.CALL, style=style, on_click=lambda _e: ctx.act.open_url(url)
    )
    return ft.Semantics(container=True, content=button, identifier=ident, link=True, value=url)


def _maps_button(ctx: Ctx, ident: str, url: str) -> ft.Control:
    button = ft.FilledTonalButton(
        ctx.tr.gettext("Open in Maps"),
        icon=ft.Icons.DIRECTIONS,
        on_click=lambda _e: ctx.act.open_url(url),
    )
    return ft.Semantics(container=True, content=button, identifier=ident, button=True)
