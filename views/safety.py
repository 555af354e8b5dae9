"""The safety card, one tap from every screen and fully offline: tonight's hotel (address large,
for a driver), who to call, and the nearest hospital to where the person is now."""

from __future__ import annotations

import flet as ft

from services.contacts import display_phone, tel_link
from services.mission_day import hospital_near_me, hotel_tonight
from services.models import Stay
from services.safety import as_venue, consulate, emergency, place_as_venue
from views.components.ui import card, empty_state, heading, muted
from views.components.venue import maps_link
from views.context import Ctx, Screen

# Shown to a taxi or rideshare driver in California whatever the app's language.
FOR_DRIVER = "Please take me to this address:"


def build(ctx: Ctx) -> Screen:
    repo, tr = ctx.repo, ctx.tr
    _ = tr.gettext
    controls: list[ft.Control] = [heading(_("Tonight's hotel"), identifier="safety-hotel")]
    stay = hotel_tonight(repo)
    if stay is not None:
        controls.append(hotel_card(ctx, stay))
    else:
        controls.append(
            empty_state(
                ft.Icons.HOTEL, _("No hotel tonight"), _("Your agenda has no stay tonight.")
            )
        )
    controls.append(heading(_("Who to call"), identifier="safety-calls"))
    mission = repo.mission
    if mission.safety is not None:
        name = tr.text(mission.safety.duty_name).text or _("Mission duty phone")
        controls.append(
            call_card(ctx, "duty", _("Mission duty phone"), name, mission.safety.duty_phone)
        )
    office = consulate(mission)
    if office is not None and office.phone:
        detail = tr.text(office.organisation).text or tr.text(office.name).text
        controls.append(call_card(ctx, "consulate", _("Belgian consulate"), detail, office.phone))
    sos = emergency(mission)
    controls.append(
        call_card(
            ctx,
            "911",
            _("Emergency services (police, fire, ambulance)"),
            _("Life-threatening emergencies only"),
            sos.phone if sos and sos.phone else "911",
            urgent=True,
        )
    )
    controls += hospital_block(ctx)
    if mission.mission.sample:
        controls.append(
            ft.Container(
                muted(_("Example mission: hotels, hospitals and numbers are illustrative."), 12),
                padding=ft.Padding.all(16),
            )
        )
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


def call_card(
    ctx: Ctx, ident: str, title: str, detail: str, number: str, urgent: bool = False
) -> ft.Control:
    lines: list[ft.Control] = [
        ft.Text(title, size=16, weight=ft.FontWeight.W_600),
        muted(detail),
        _call_button(ctx, f"call-{ident}", display_phone(number), number, urgent),
    ]
    return card(ft.Column(lines, spacing=4), identifier=f"safety-{ident}")


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
