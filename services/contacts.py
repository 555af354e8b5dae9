"""Contacts: grouping for the Contacts screen, readable phone numbers, vCards, dial links."""

from __future__ import annotations

from collections.abc import Iterable

from services.models import Contact

GROUP_ORDER = ("organiser", "press", "consular", "emergency", "mine")


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


def display_phone(number: str) -> str:
    """E.164 as people write it: '+32 2 501 81 11', '+32 471 44 06 04', '+1 415 555 0100'."""
    if not number.startswith("+"):
        return number
    digits = number[1:]
    if digits.startswith("32"):
        rest = digits[2:]
        if rest[0] == "4" and len(rest) == 9:  # mobile
            return f"+32 {rest[:3]} {rest[3:5]} {rest[5:7]} {rest[7:]}"
        if rest[0] in "2349" and len(rest) == 8:  # one-digit zone: Brussels, Antwerp, Liège, Ghent
            return f"+32 {rest[0]} {rest[1:4]} {rest[4:6]} {rest[6:]}"
        return f"+32 {rest[:2]} {rest[2:4]} {rest[4:6]} {rest[6:]}"
    if digits.startswith("1") and len(digits) == 11:
        return f"+1 {digits[1:4]} {digits[4:7]} {digits[7:]}"
    return number


def tel_link(number: str) -> str:
    return f"tel:{number}"


def mail_link(address: str) -> str:
    return f"mailto:{address}"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def vcard(contact: Contact, role: str) -> str:
    """A vCard 3.0 that phones import into their address book."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_escape(contact.name)}"]
    parts = contact.name.rsplit(" ", 1)
    family, given = (parts[1], parts[0]) if len(parts) == 2 else (contact.name, "")
    lines.append(f"N:{_escape(family)};{_escape(given)};;;")
    if contact.organisation:
        lines.append(f"ORG:{_escape(contact.organisation)}")
    if role:
        lines.append(f"TITLE:{_escape(role)}")
    if contact.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{contact.phone}")
    if contact.mobile:
        lines.append(f"TEL;TYPE=CELL:{contact.mobile}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{contact.email}")
    if contact.website:
        lines.append(f"URL:{contact.website}")
    if contact.address:
        lines.append(f"ADR;TYPE=WORK:;;{_escape(contact.address)};;;;")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"
