"""The pocket page's safety card: hotels for a driver, who to call, each day's nearest hospital,
in the reader's language, every number a tel: link, no script."""

from __future__ import annotations

import re
from typing import Any

import pytest

from backend.pocket_pages import pocket_files
from services.models import Lang
from services.pocket import render_pocket
from services.validation import parse_delegate, parse_mission
from tests.conftest import dump
from tests.services.pocket_source import LINKS, source_of, valid_html

WORDS = {
    "en": ("Show this to your driver", "Consular assistance for Belgians", "Call the duty phone"),
    "fr": ("Montrez ceci à votre chauffeur", "Assistance consulaire aux Belges", "Appeler la"),
    "nl": ("Toon dit aan uw chauffeur", "Consulaire bijstand voor Belgen", "Permanentienummer"),
}
NO_NUMBER = {
    "en": "The organisers have not given a number for the consulate.",
    "fr": "Les organisateurs n’ont pas communiqué de numéro pour le consulat.",
    "nl": "De organisatoren hebben geen nummer van het consulaat gegeven.",
}


def safety_part(page: str) -> str:
    return page[page.index('<h2 id="safety">') :].split("<h2", 2)[1]


@pytest.mark.parametrize("lang", ["en", "fr", "nl"])
def test_pocket_safety_card_in_each_language(
    mission: dict[str, Any], delegate: dict[str, Any], lang: Lang
) -> None:
    page = render_pocket(source_of(mission, delegate), lang, LINKS)
    valid_html(page)
    assert "<script" not in page.lower() and 'href="#safety"' in page
    part = safety_part(page).replace("&#39;", "'")
    show, consulate, duty_link = WORDS[lang]
    assert show in part and consulate in part and NO_NUMBER[lang] in part
    for stay in delegate["stays"]:  # each night's hotel, large, in English for the driver
        assert f'<span class="big" lang="en">{stay["address"]}</span>' in part
    assert part.count('lang="en">Please take me to this address:<') == len(delegate["stays"])
    duty = mission["safety"]["duty_phone"]
    assert f'<a href="tel:{duty}">{duty_link}' in part  # the consulate points to the duty phone
    assert 'href="tel:911"' in part
    numbers = re.findall(r'href="tel:([^"]+)"', part)
    given = {c.get("phone") for c in mission["contacts"]} | {
        s.get("phone") for s in delegate["stays"]
    }
    assert set(numbers) <= given | {duty, "911"}  # no number that the feed does not give


def test_pocket_hospitals_for_each_day_of_the_agenda(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    part = safety_part(render_pocket(source_of(mission, delegate), "en", LINKS))
    part = part[part.index("Nearest hospital") :]
    tuesday = part[part.index("Tuesday 7 October") : part.index("Wednesday 8 October")]
    assert "El Camino Hospital Mountain View" in tuesday  # nearest to NASA Ames
    assert "Stanford Hospital" in tuesday
    assert tuesday.count("El Camino Hospital Mountain View") == 1
    assert "Example mission: hotels, hospitals and numbers are illustrative." in part


def test_pocket_consulate_with_a_number_and_address_is_called_and_mapped(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    office = next(c for c in mission["contacts"] if c["id"] == mission["safety"]["consulate"])
    office.update(phone="+13105550142", address="1 Example Plaza, Los Angeles, CA 90071")
    part = safety_part(render_pocket(source_of(mission, delegate), "fr", LINKS))
    assert 'href="tel:+13105550142"' in part and "1 Example Plaza" in part
    assert "query=1%20Example%20Plaza" in part and NO_NUMBER["fr"] not in part


def test_pocket_programme_page_has_the_calls_but_no_hotel(mission: dict[str, Any]) -> None:
    part = safety_part(render_pocket(source_of(mission, None), "nl", LINKS))
    assert 'href="tel:911"' in part and NO_NUMBER["nl"] in part
    assert "Please take me" not in part and "Dichtstbijzijnde ziekenhuis" not in part


def test_published_page_carries_the_safety_card_in_the_delegates_language(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    files = pocket_files(parse_mission(dump(mission)), "t" * 26, parse_delegate(dump(delegate)))
    own = files[f"delegates/{'t' * 26}.html"].decode()
    assert 'lang="nl"' in own and "Toon dit aan uw chauffeur" in own
    assert NO_NUMBER["nl"] in own and 'href="tel:911"' in own
