"""Who to call, in words, for the safety card and the pocket page: one rule for both.

The duty phone, the Belgian consulate and 911. The consulate is shown whenever the feed lists it;
without a number from the organisers it says so and points to the duty phone: a number is never
made up.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from services.i18n import Translator
from services.models import MissionDoc
from services.safety import consulate, emergency, other_line

# Shown to a taxi or rideshare driver in California whatever the reader's language.
FOR_DRIVER = "Please take me to this address:"


@dataclass(frozen=True)
class Call:
    """One line of *Who to call*. `phone` None: the organisers gave no number (`note` says so)."""

    ident: str  # duty, consulate, 911
    title: str
    name: str
    phone: str | None
    detail: str = ""
    note: str = ""
    address: str = ""
    address_local: str = ""  # the reader's form of the address, where the feed gives one
    maps: str = ""  # Open in Maps for the address
    hours: str = ""
    sample: bool = False
    urgent: bool = False


def who_to_call(tr: Translator, mission: MissionDoc) -> list[Call]:
    duty, office = duty_call(tr, mission), consulate_call(tr, mission)
    return [c for c in (duty, office) if c is not None] + [emergency_call(tr, mission)]


def other_calls(tr: Translator, mission: MissionDoc) -> list[Call]:
    """The other emergency lines (police non-emergency, poison help), after 911: the pocket
    page lists them among its contacts, the Safety screen here."""
    return [
        Call(
            f"line-{contact.id}",  # never one of the card's own (duty, 911, hotel, ...)
            tr.text(contact.name).text,
            tr.text(contact.role).text or tr.text(contact.name).text,
            contact.phone,
            hours=tr.text(contact.hours).text,
            sample=contact.sample,
        )
        for contact in mission.contacts
        if other_line(contact) and contact.phone
    ]


def duty_call(tr: Translator, mission: MissionDoc) -> Call | None:
    if mission.safety is None:
        return None
    title = tr.gettext("Mission duty phone")
    name = tr.text(mission.safety.duty_name).text if mission.safety.duty_name else ""
    return Call("duty", title, name or title, mission.safety.duty_phone)


def consulate_call(tr: Translator, mission: MissionDoc) -> Call | None:
    office = consulate(mission)
    if office is None:
        return None
    _ = tr.gettext
    number = office.phone or office.mobile
    note = ""
    if number is None:
        note = (
            _(
                "The organisers have not given a number for the consulate. "
                "Call the mission duty phone and ask for the consulate's details."
            )
            if mission.safety is not None
            else _(
                "The organisers have not given a number for the consulate. "
                "Ask the mission's organisers for its details."
            )
        )
    address = office.address or ""
    local = office.address_local.get(tr.lang, "") if address else ""
    return Call(
        "consulate",
        _("Belgian consulate"),
        tr.text(office.name).text,
        number,
        detail=tr.text(office.organisation).text if office.organisation else "",
        note=note,
        address=address,
        address_local=local if local != address else "",
        maps=address_link(address) if address else "",
        hours=tr.text(office.hours).text if office.hours else "",
        sample=office.sample,
    )


def emergency_call(tr: Translator, mission: MissionDoc) -> Call:
    sos = emergency(mission)
    return Call(
        "911",
        tr.gettext("Emergency services (police, fire, ambulance)"),
        tr.gettext("Life-threatening emergencies only"),
        sos.phone if sos and sos.phone else "911",
        urgent=True,
    )


def address_link(address: str) -> str:
    """Open in Maps for a place known by its address only (no coordinates in the feed)."""
    return "https://www.google.com/maps/search/?api=1&query=" + quote(address)
