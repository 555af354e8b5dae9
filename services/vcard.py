"""vCards (3.0, which every phone's address book and camera import) built with vobject."""

from __future__ import annotations

from dataclasses import dataclass

import vobject

from services.i18n import localize
from services.models import Contact, Lang
from services.mycard import MyCard, split_name


@dataclass(frozen=True)
class Card:
    given: str
    family: str
    organisation: str = ""
    role: str = ""
    phone: str = ""
    mobile: str = ""
    email: str = ""
    website: str = ""
    address: str = ""


def contact_card(contact: Contact, role: str, lang: Lang = "en") -> Card:
    """A contact's card with its name and organisation in the reader's language. A name the
    organisers wrote differently per language is an office's ('Permanence de la mission'):
    all of it is the family name, as address books file a company; a person's is split."""
    name = localize(contact.name, lang).text
    office = len(set(contact.name.values())) > 1
    given, family = ("", name) if office else split_name(name)
    return Card(
        given,
        family,
        localize(contact.organisation, lang).text,
        role,
        contact.phone or "",
        contact.mobile or "",
        contact.email or "",
        contact.website or "",
        contact.address or "",
    )


def my_card(card: MyCard) -> Card:
    return Card(
        card.given, card.family, card.company, card.role, mobile=card.phone, email=card.email
    )


def vcard(card: Card) -> str:
    """The card as vCard 3.0 text (CRLF lines, folded at 75 octets, UTF-8 safe)."""
    out = vobject.vCard()
    out.add("n").value = vobject.vcard.Name(family=card.family, given=card.given)
    out.add("fn").value = " ".join(p for p in (card.given, card.family) if p)
    if card.organisation:
        out.add("org").value = [card.organisation]
    if card.role:
        out.add("title").value = card.role
    for number, kinds in ((card.phone, ["WORK", "VOICE"]), (card.mobile, ["CELL"])):
        if number:
            tel = out.add("tel")
            tel.value = number
            tel.type_param = kinds
    if card.email:
        email = out.add("email")
        email.value = card.email
        email.type_param = "INTERNET"
    if card.website:
        out.add("url").value = card.website
    if card.address:
        adr = out.add("adr")
        adr.value = vobject.vcard.Address(street=card.address)
        adr.type_param = "WORK"
    return str(out.serialize())
