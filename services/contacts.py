"""Contacts: grouping for the Contacts screen, phone numbers of any country, dial links."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import phonenumbers
from pydantic import BaseModel

from services.models import Contact

# A Belgian delegation: a number typed without +country is Belgian.
HOME_REGION = "BE"
# My contacts (liaison officer, B2B counterparts) first: the ones a delegate calls most.
GROUP_ORDER = ("mine", "organiser", "press", "consular", "emergency")


def group_of(contact: Contact) -> str:
    return "mine" if contact.category in ("liaison", "counterpart") else contact.category


def grouped(contacts: Iterable[Contact]) -> list[tuple[str, list[Contact]]]:
    """Mission organisers, Press, Consular help, Emergency, My contacts; empty groups left out."""
    groups: dict[str, list[Contact]] = {g: [] for g in GROUP_ORDER}
    for contact in contacts:
        groups[group_of(contact)].append(contact)
    for key in groups:
        groups[key].sort(key=lambda c: (c.category != "liaison", c.category != "emergency"))
    return [(g, groups[g]) for g in GROUP_ORDER if groups[g]]


@lru_cache(maxsize=4096)  # the same numbers on every page a publish renders
def display_phone(number: str) -> str:
    """E.164 as its owners write it for callers abroad: '+32 2 501 81 11', '+1 415-555-0100',
    '+33 1 42 92 70 00', '+81 3-1234-5678' (libphonenumber's per-country rules)."""
    if not number.startswith("+"):
        return number  # a short service number such as 911
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


INTERNATIONAL = re.compile(r"\+[1-9][0-9]{6,14}")  # a Dial with its country prefix


def dials(value: object) -> Iterator[str]:
    """Every international number a document holds, at any depth (contacts, the hotel, the
    duty phone, hospitals, B2B counterparts)."""
    if isinstance(value, str):
        if INTERNATIONAL.fullmatch(value):
            yield value
    elif isinstance(value, BaseModel):
        for field in type(value).model_fields:
            yield from dials(getattr(value, field))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from dials(item)


def parse_phone(text: str, region: str = HOME_REGION) -> str | None:
    """What a person typed ('0471 44 06 04', '+1 (415) 555-0100') as E.164, or None when it is
    not a valid number; without a country prefix it is read as a number of `region`."""
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def tel_link(number: str) -> str:
    return f"tel:{number}"


def mail_link(address: str) -> str:
    return f"mailto:{address}"
