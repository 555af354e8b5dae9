"""The pocket page's safety card: each night's hotel (address large, in English for a driver),
who to call (duty phone, consulate, 911, other emergency lines) and each day's nearest hospital."""

from __future__ import annotations

from datetime import date

from services.contacts import display_phone, tel_link
from services.i18n import Translator
from services.maps import google_maps_link, search_link
from services.models import DelegateDoc, MissionDoc, Stay
from services.pocket_layout import Hospital
from services.pocket_parts import PocketParts, attributes, joined
from services.present import day_heading
from services.safety import Nearest, as_venue
from services.safety_card import FOR_DRIVER, Call, who_to_call


def safety_section(
    tr: Translator,
    mission: MissionDoc,
    delegate: DelegateDoc | None,
    hospitals: list[tuple[date, list[Hospital]]],
    parts: PocketParts,
) -> dict[str, object]:
    return {
        "hotels": joined(
            parts.part(("hotel", tr.lang, *vars(stay).items()), "hotel", _hotel, tr, stay)
            for stay in (delegate.stays if delegate else [])
        ),
        "calls": parts.part(("calls", tr.lang), "calls", _calls, tr, mission),
        "hospitals": hospitals_by_day(tr, mission, hospitals, parts),
        "texts": parts.memo(("safety", tr.lang), _texts, tr, mission),
    }


def _texts(tr: Translator, mission: MissionDoc) -> object:
    _ = tr.gettext
    sample = _("Example mission: hotels, hospitals and numbers are illustrative.")
    labels = {
        "hotels": _("Your hotels"),
        "calls": _("Who to call"),
        "hospitals": _("Nearest hospital"),
    }
    return attributes({"sample": sample if mission.mission.sample else "", "labels": labels})


def _calls(tr: Translator, mission: MissionDoc) -> dict[str, object]:
    """*Who to call*: the same on every page in a language."""
    calls = who_to_call(tr, mission)
    duty = next((c for c in calls if c.ident == "duty"), None)
    labels = {"duty": tr.gettext("Call the duty phone"), "maps": tr.gettext("Open in Maps")}
    return {"calls": [_call(c, duty) for c in calls], "labels": labels}


def _hotel(tr: Translator, stay: Stay) -> dict[str, object]:
    _ = tr.gettext
    nights = _("From {check_in} to {check_out}").format(
        check_in=tr.day(stay.check_in), check_out=tr.day(stay.check_out)
    )
    labels = {"show_driver": _("Show this to your driver"), "maps": _("Open in Maps")}
    return {
        "name": stay.name,
        "nights": nights,
        "address": stay.address,
        "maps": google_maps_link(as_venue(stay)),
        "phone": (tel_link(stay.phone), display_phone(stay.phone)) if stay.phone else None,
        "labels": {**labels, "driver": FOR_DRIVER},
    }


def _call(call: Call, duty: Call | None) -> dict[str, object]:
    return {
        "title": call.title,
        "name": call.name if call.name != call.title else "",
        "detail": call.detail,
        "address": call.address,
        "address_local": call.address_local,
        "maps": call.maps,
        "hours": call.hours,
        "phone": (tel_link(call.phone), display_phone(call.phone)) if call.phone else None,
        "note": call.note,
        "duty": (tel_link(duty.phone), display_phone(duty.phone))
        if call.phone is None and duty and duty.phone
        else None,
        "urgent": call.urgent,
    }


def hospitals_by_day(
    tr: Translator,
    mission: MissionDoc,
    hospitals: list[tuple[date, list[Hospital]]],
    parts: PocketParts,
) -> list[dict[str, object]]:
    """For each day of the agenda, the hospital nearest to each of its venues (once each)."""
    days: list[dict[str, object]] = []
    for day, found in hospitals:
        rows = [
            parts.part(
                h.key and ("hospital", tr.lang, *h.key), "hospital", _hospital, tr, h.nearest
            )
            for h in found
        ]
        heading = parts.memo(("day", tr.lang, day), day_heading, tr, day, mission)
        days.append({"heading": heading, "rows": joined(rows)})
    return days


def _hospital(tr: Translator, nearest: Nearest) -> dict[str, object]:
    place = nearest.place
    return {
        "name": place.name,
        "address": place.address,
        "distance": tr.gettext("{distance} from {place}").format(
            distance=tr.distance(nearest.km), place=nearest.origin.name
        ),
        "maps": search_link(place.name, place.address),
        "phone": (tel_link(place.phone), display_phone(place.phone)) if place.phone else None,
        "label": tr.gettext("Open in Maps"),
    }
