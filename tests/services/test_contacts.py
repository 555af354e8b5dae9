"""Phone numbers of any country, read and written with libphonenumber's rules."""

from __future__ import annotations

import pytest

from services.contacts import dials, display_phone, parse_phone
from tests.hosting.bundled import embedded


@pytest.mark.parametrize(
    ("e164", "written"),
    [
        ("+3225018111", "+32 2 501 81 11"),  # Brussels landline
        ("+32471440604", "+32 471 44 06 04"),  # Belgian mobile
        ("+3292345678", "+32 9 234 56 78"),  # Ghent
        ("+14155550100", "+1 415-555-0100"),  # San Francisco
        ("+33142927000", "+33 1 42 92 70 00"),  # Paris
        ("+31201234567", "+31 20 123 4567"),  # Amsterdam
        ("+352621123456", "+352 621 123 456"),  # Luxembourg mobile
        ("+442079460000", "+44 20 7946 0000"),  # London
        ("+81312345678", "+81 3-1234-5678"),  # Tokyo
        ("911", "911"),  # a service number stays as it is
    ],
)
def test_display_phone_any_country_formats_as_its_owners_write_it(e164: str, written: str) -> None:
    assert display_phone(e164) == written


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("0471 44 06 04", "+32471440604"),  # no prefix: read as Belgian
        ("02/501.81.11", "+3225018111"),
        ("+1 (415) 555-0100", "+14155550100"),
        ("00 33 1 42 92 70 00", "+33142927000"),
        ("+81 3-1234-5678", "+81312345678"),
    ],
)
def test_parse_phone_typed_numbers_become_e164(typed: str, e164: str) -> None:
    assert parse_phone(typed) == e164


@pytest.mark.parametrize(
    "typed", ["", "hello", "12", "+32 4", "+999 123 456 789", "0471 44 06 04 99"]
)
def test_parse_phone_bad_input_is_refused(typed: str) -> None:
    assert parse_phone(typed) is None


def test_dials_finds_every_international_number_a_document_holds() -> None:
    mission = embedded()
    found = set(dials(mission))
    listed = {c.phone for c in mission.contacts if c.phone and c.phone.startswith("+")}
    assert listed and listed <= found
    assert all(n.startswith("+") for n in found) and "911" not in found
