"""The safety card's Belgian consulate line: always there when the feed lists the consulate, a
one-tap Call only with the organisers' number, otherwise why not and the duty phone instead."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import flet as ft
import pytest

from services.models import Lang
from tests.conftest import MISSION_BYTES, TEST_ORIGIN, store_unit
from tests.views.harness import App

DUTY = "tel:+14155550199"
NUMBER = "+13105550142"  # test data only
ADDRESS = "1 Example Plaza, Los Angeles, CA 90071"
NAMES = {
    "en": "Consular assistance for Belgians",
    "fr": "Assistance consulaire aux Belges",
    "nl": "Consulaire bijstand voor Belgen",
}
NO_NUMBER = {
    "en": "The organisers have not given a number for the consulate. Call the mission duty",
    "fr": "Les organisateurs n’ont pas communiqué de numéro pour le consulat. Appelez la",
    "nl": "De organisatoren hebben geen nummer van het consulaat gegeven. Bel het",
}
LANGS: list[Lang] = ["en", "fr", "nl"]


def mission_with(change: Any) -> bytes:
    doc = json.loads(MISSION_BYTES)
    change(doc)
    return json.dumps(doc).encode()


def consulate_of(doc: dict[str, Any]) -> dict[str, Any]:
    wanted = doc["safety"]["consulate"]
    found: dict[str, Any] = next(c for c in doc["contacts"] if c["id"] == wanted)
    return found


@pytest.mark.parametrize("lang", LANGS)
async def test_consulate_without_a_number_says_so_and_offers_the_duty_phone(
    tmp_path: Path, lang: Lang
) -> None:
    app = await App(tmp_path, lang=lang).start("/safety")  # the example: no consulate number
    try:
        assert app.has("safety-consulate")
        text = app.text()
        assert NAMES[lang] in text and NO_NUMBER[lang] in text
        assert not app.has("call-consulate") and not app.has("consulate-maps")
        await app.tap("call-consulate-duty")
        assert app.platform.opened == [DUTY]  # the duty phone, never a made-up number
    finally:
        await app.close()


@pytest.mark.parametrize("lang", LANGS)
async def test_consulate_with_a_number_and_address_calls_and_opens_maps(
    tmp_path: Path, lang: Lang
) -> None:
    def give_number(doc: dict[str, Any]) -> None:
        consulate_of(doc).update(phone=NUMBER, address=ADDRESS)

    store_unit(tmp_path, mission_with(give_number))
    app = await App(tmp_path, lang=lang, origin=TEST_ORIGIN).start("/safety")
    try:
        text = app.text()
        assert NAMES[lang] in text and ADDRESS in text
        assert NO_NUMBER[lang] not in text and not app.has("call-consulate-duty")
        await app.tap("call-consulate")
        await app.tap("consulate-maps")
        assert app.platform.opened[0] == f"tel:{NUMBER}"
        assert app.platform.opened[1].startswith("https://www.google.com/maps/search/")
        assert "Example%20Plaza" in app.platform.opened[1]
    finally:
        await app.close()


async def test_consulate_without_duty_phone_points_to_the_organisers(tmp_path: Path) -> None:
    def no_duty(doc: dict[str, Any]) -> None:
        doc["safety"] = None  # the consulate is still found by its category

    store_unit(tmp_path, mission_with(no_duty))
    app = await App(tmp_path, origin=TEST_ORIGIN).start("/safety")
    try:
        assert app.has("safety-consulate") and not app.has("call-duty")
        assert "Ask the mission's organisers for its details." in app.text()
        assert not app.has("call-consulate") and not app.has("call-consulate-duty")
        assert app.has("call-911")
    finally:
        await app.close()


async def test_emergency_services_come_first_on_the_safety_card(tmp_path: Path) -> None:
    app = await App(tmp_path, lang="nl").start("/safety")
    try:
        cards = app.identifiers("safety-")
        assert cards[:2] == ["safety-calls", "safety-911"], cards
        assert cards.index("safety-hotel") > cards.index("safety-duty")
    finally:
        await app.close()


def button_color(app: App, identifier: str) -> object:
    button = app.find(identifier).content
    assert isinstance(button, ft.FilledTonalButton)
    return button.style.bgcolor if button.style else None


async def test_the_other_lines_follow_the_hotel_and_only_911_is_red(tmp_path: Path) -> None:
    """Walk-through: the offline copy listed the police non-emergency line and Poison Help
    under *Who to call*, the Safety screen did not; and Contacts gave them the same red button
    as 911. Then, listed right after 911, they pushed tonight's hotel off the screen: they come
    last, under their own heading."""
    app = await App(tmp_path, lang="fr").start("/safety")
    try:
        cards = app.identifiers("safety-")
        assert cards[:2] == ["safety-calls", "safety-911"]
        assert cards.index("safety-consulate") < cards.index("safety-hotel")
        # the hotel a driver must see is not pushed down by lines that are no emergency
        other = cards.index("safety-other")
        assert cards.index("safety-hotel") < other < cards.index("safety-line-sfpd-non-emergency")
        assert other < cards.index("safety-line-poison-help")
        assert "Police de San Francisco (hors urgence)" in app.text()
        assert "Vol ou perte à signaler, sans danger" in app.text()
        assert button_color(app, "call-911") == ft.Colors.RED_700
        assert button_color(app, "call-line-sfpd-non-emergency") is None
        await app.go("/contacts")
        assert button_color(app, "call-emergency-911-Appeler") == ft.Colors.RED_700
        assert button_color(app, "call-sfpd-non-emergency-Appeler") is None
        assert button_color(app, "call-poison-help-Appeler") is None
    finally:
        await app.close()
