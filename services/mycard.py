"""The delegate's own contact card: what they typed in Settings, checked, kept on the device."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from services.contacts import parse_phone
from services.models import Delegate

EMAIL = re.compile(r"^[^@\s]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
MAX_LENGTH = 200
CardField = Literal["given", "family", "company", "role", "phone", "email"]
CardProblem = Literal["required", "too_long", "phone", "email"]


class MyCard(BaseModel):
    """Stored with the person's settings (on the phone, or their browser's localStorage)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    given: str = ""
    family: str = ""
    company: str = ""
    role: str = ""
    phone: str = ""  # E.164, or empty
    email: str = ""

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.given, self.family) if part)


Problems = dict[CardField, CardProblem]


def split_name(name: str) -> tuple[str, str]:
    """'Sébastien Van den Berghe' -> ('Sébastien', 'Van den Berghe'): Belgian surnames often
    carry particles, so everything after the first word is the family name."""
    parts = name.split(" ", 1)
    return (parts[0], parts[1]) if len(parts) == 2 else ("", name)


def suggested(who: Delegate | None) -> dict[str, str]:
    """A first card from what the organisers know of the signed-in person (their invitation):
    name and company, to correct or complete before saving. Nothing for a visitor, nor from a
    made-up record (the demo agenda's person is not the one holding the phone)."""
    if who is None or who.sample:
        return {}
    given, family = split_name(" ".join(who.name.split()))
    return {"given": given, "family": family, "company": " ".join(who.company.split())}


def card_from_form(form: dict[CardField, str]) -> tuple[MyCard | None, Problems]:
    """Check what was typed: a name is needed; a phone of any country ('0471 44 06 04' is read
    as Belgian) becomes E.164; an e-mail must look like one. Returns the card or the problems."""
    values = {key: " ".join(value.split()) for key, value in form.items()}
    problems: Problems = {}
    for key, value in values.items():
        if len(value) > MAX_LENGTH:
            problems[key] = "too_long"
    if not values.get("given") and not values.get("family"):
        problems["given"] = "required"
    phone = values.get("phone", "")
    if phone:
        e164 = parse_phone(phone)
        if e164 is None:
            problems["phone"] = "phone"
        else:
            values["phone"] = e164
    email = values.get("email", "")
    if email and not EMAIL.match(email):
        problems["email"] = "email"
    if problems:
        return None, problems
    return MyCard.model_validate(values), {}
