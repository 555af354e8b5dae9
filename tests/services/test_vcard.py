"""vCards written with vobject, read back with icalendar's RFC 6350 parser (another library)."""

from __future__ import annotations

import pytest
from icalendar import Component
from icalendar.prop import vN, vOrg

from services.models import Contact, Lang
from services.mycard import CardField, MyCard, card_from_form, split_name
from services.vcard import contact_card, my_card, vcard


def read(text: str) -> Component:
    card = Component.from_ical(text.encode("utf-8"))
    assert card.name == "VCARD" and str(card["VERSION"]) == "3.0"
    return card


def phones(card: Component) -> list[str]:
    tel = card.get("TEL")
    values = tel if isinstance(tel, list) else [tel]
    return [value.to_ical().decode() for value in values if value is not None]


@pytest.mark.parametrize(
    "name",
    ["Frédéric Dupont", "Françoise Van den Berghe", "Sébastien Lefèvre-Ørsted", "Zoë D’Hondt"],
)
def test_contact_vcard_accented_names_survive(name: str) -> None:
    contact = Contact(
        id="c1",
        name=name,
        category="organiser",
        organisation="Agence wallonne à l’exportation",
        phone="+3225018111",
        mobile="+14155550100",
        email="frederic@example.be",
    )
    card = read(vcard(contact_card(contact, "Coördinator")))
    given, family = split_name(name)
    assert str(card["FN"]) == name
    n, org = card["N"], card["ORG"]
    assert isinstance(n, vN) and isinstance(org, vOrg)
    assert n.fields.given == given and n.fields.family == family
    assert org.name == "Agence wallonne à l’exportation"
    assert str(card["TITLE"]) == "Coördinator"
    assert phones(card) == ["+3225018111", "+14155550100"]
    assert str(card["EMAIL"]) == "frederic@example.be"


def test_long_card_is_folded_without_splitting_a_character() -> None:
    contact = Contact(id="c2", name="Sébastien " + "Éléonore " * 12 + "Müller", category="press")
    text = vcard(contact_card(contact, ""))
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert str(read(text)["FN"]) == contact.name["en"]


def test_my_card_from_the_settings_form_reads_back() -> None:
    card, problems = card_from_form(
        {
            "given": "  Françoise ",
            "family": "Van den Berghe",
            "company": "Orbyt Aerospace",
            "role": "CEO",
            "phone": "0471 44 06 04",
            "email": "francoise@orbyt.example",
        }
    )
    assert problems == {} and card is not None
    parsed = read(vcard(my_card(card)))
    assert str(parsed["FN"]) == "Françoise Van den Berghe"
    assert phones(parsed) == ["+32471440604"]
    assert str(parsed["TEL"].params["TYPE"]) == "CELL"


@pytest.mark.parametrize(
    ("form", "problems"),
    [
        ({"given": "", "family": ""}, {"given": "required"}),
        ({"given": "Ann", "phone": "12345"}, {"phone": "phone"}),
        ({"given": "Ann", "email": "ann@"}, {"email": "email"}),
        ({"given": "A" * 201}, {"given": "too_long"}),
    ],
)
def test_my_card_form_reports_each_problem(
    form: dict[CardField, str], problems: dict[str, str]
) -> None:
    card, found = card_from_form(form)
    assert card is None and found == problems


def test_my_card_name_joins_given_and_family() -> None:
    assert MyCard(given="Sébastien", family="Lefèvre").name == "Sébastien Lefèvre"
    assert MyCard(family="Lefèvre").name == "Lefèvre"


@pytest.mark.parametrize(
    ("lang", "name"),
    [
        ("fr", "Permanence de la mission à San Francisco"),
        ("nl", "Missiepermanentie San Francisco"),
        ("fr", "Assistance consulaire aux Belges"),
    ],
)
def test_an_office_is_not_filed_as_a_person(lang: Lang, name: str) -> None:
    """The mission desk's card was saved as given name 'Permanence', family name 'de la
    mission à San Francisco' (the emergency line's first name was 'Urgences :'): an address
    book sorted it under 'd' and showed 'de la mission…, Permanence'. A name the organisers
    wrote in each language is an office's: all of it is the name, nothing is a first name."""
    names = {"en": "Mission desk San Francisco", "fr": name, "nl": name}
    contact = Contact(id="mission-desk", name=names, category="organiser", phone="+14155550100")
    card = read(vcard(contact_card(contact, "", lang)))
    n = card["N"]
    assert isinstance(n, vN)
    assert (n.fields.family, n.fields.given) == (name, "")
    assert str(card["FN"]) == name


def test_a_person_named_alike_in_every_language_keeps_first_and_family_name() -> None:
    contact = Contact(id="p", name="Pieter Van den Broeck", category="liaison")
    n = read(vcard(contact_card(contact, "", "nl")))["N"]
    assert isinstance(n, vN) and (n.fields.given, n.fields.family) == ("Pieter", "Van den Broeck")
