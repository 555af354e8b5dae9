"""Icon buttons have one accessible name: their tooltip (walk-through: 'Announcements' twice)."""

from __future__ import annotations

import json
from pathlib import Path

import flet as ft
import pytest

from services.models import Lang
from tests.conftest import MISSION_BYTES, TEST_ORIGIN, store_unit
from tests.views.harness import App, walk


def doubled_names(app: App) -> list[str]:
    """Icon buttons whose name a screen reader would read twice, or with a badge's digits."""
    out = []
    for c in app.controls():
        if not isinstance(c, ft.Semantics):
            continue
        button = c.content
        if not isinstance(button, ft.IconButton | ft.PopupMenuButton) or not button.tooltip:
            continue
        if c.label:
            out.append(f"{c.identifier}: label and tooltip")
        badge = button.badge
        if badge is not None and not (
            isinstance(badge, ft.Badge)
            and isinstance(badge.label, ft.Text)
            and badge.label.semantics_label == ""
        ):
            out.append(f"{c.identifier}: the badge is read out")
    return out


@pytest.mark.parametrize(
    "route",
    [
        "/agenda",
        "/programme",
        "/activity/tue-nasa-ames",
        "/contacts",
        "/settings",
        "/meeting/m-patel",
        "/venue/jpl",
        "/map",
        "/changes",
        "/announcements",
        "/safety",
        "/directory",
        "/mycard",
    ],
)
async def test_icon_buttons_with_a_tooltip_have_one_name(app: App, route: str) -> None:
    await app.go(route)
    assert app.has("safety-button")
    assert doubled_names(app) == []


async def test_announcements_button_is_named_once_with_its_unread_count(app: App) -> None:
    link = app.find("announcements-link")
    assert isinstance(link, ft.Semantics) and isinstance(link.content, ft.IconButton)
    tooltip = link.content.tooltip
    assert link.label is None and isinstance(tooltip, str) and tooltip.startswith("Announcements (")


@pytest.mark.parametrize(
    ("lang", "copy", "vcard"),
    [
        (
            "fr",
            "Copier les coordonnées\u00a0: Permanence de la mission à San Francisco",
            "Fiche contact (vCard)\u00a0: Permanence de la mission à San Francisco",
        ),
        (
            "nl",
            "Gegevens kopiëren: Missiepermanentie San Francisco",
            "Contactkaart (vCard): Missiepermanentie San Francisco",
        ),
    ],
)
async def test_contact_icon_buttons_read_well_for_an_office_as_for_a_person(
    tmp_path: Path, lang: Lang, copy: str, vcard: str
) -> None:
    """'Copier les coordonnées de Permanence de la mission…' lacked its article: the name
    follows a colon, which reads right for a person, an office or a hotel alike."""
    app = await App(tmp_path, lang=lang).start("/contacts")
    try:
        for identifier, name in (("copy-mission-desk", copy), ("vcard-mission-desk", vcard)):
            button = app.find(identifier).content
            assert isinstance(button, ft.IconButton) and button.tooltip == name
    finally:
        await app.close()


async def test_small_map_in_french_names_the_venue_without_a_wrong_article(tmp_path: Path) -> None:
    """'Carte de Palace of Fine Arts' (de + a name that wants 'du'): the name comes first."""
    app = await App(tmp_path, lang="fr").start("/activity/tue-gala-dinner")
    try:
        label = app.find("small-map-palace-of-fine-arts").label
        assert label == "Palace of Fine Arts sur la carte\u00a0: ouvrir la page du lieu"
    finally:
        await app.close()


@pytest.mark.parametrize("route", ["/agenda", "/activity/tue-nasa-ames", "/contacts", "/settings"])
async def test_icon_buttons_behind_an_identifier_keep_their_name(app: App, route: str) -> None:
    """The print button on My agenda was read as 'button', no name: a Semantics node that is
    not a container merges its IconButton away and the tooltip, the name, is lost with it."""
    await app.go(route)
    nameless = [
        c.identifier
        for c in app.controls()
        if isinstance(c, ft.Semantics)
        and isinstance(c.content, ft.IconButton)
        and c.content.tooltip
        and not (c.container and c.button)
    ]
    assert nameless == []


def unread_selectable_texts(root: object) -> list[str]:
    """Selectable texts a screen reader meets as an empty edit field: Flutter's web semantics
    gives a selectable Text a text field role and no value, unless a label says it instead."""
    out: list[str] = []

    def visit(control: object, said: bool) -> None:
        if isinstance(control, ft.Text) and control.selectable and not said:
            out.append(str(control.value))
        if isinstance(control, ft.Semantics) and control.exclude_semantics and control.label:
            said = True
        for child in walk(control):
            if child is not control and getattr(child, "parent", None) is control:
                visit(child, said)

    visit(root, False)
    return out


async def test_before_you_go_lines_are_read_out(tmp_path: Path) -> None:
    """'Voor u vertrekt' on the gala's page was five empty text fields to a screen reader: the
    coach, the doors, what to bring were not read at all."""
    app = await App(tmp_path, lang="nl").start("/activity/tue-gala-dinner")
    try:
        block = app.find("practical")
        assert unread_selectable_texts(block) == []
        labels = [c.label for c in walk(block) if isinstance(c, ft.Semantics) and c.label]
        assert any(str(label).startswith("De bus vertrekt om 18:45") for label in labels)
    finally:
        await app.close()


async def test_safety_addresses_are_read_out(tmp_path: Path) -> None:
    """The consulate's address on the safety card is selectable (for a driver's app): to a
    screen reader it was an empty text field, as the 'Before you go' lines were."""
    doc = json.loads(MISSION_BYTES)
    wanted = doc["safety"]["consulate"]
    consulate = next(c for c in doc["contacts"] if c["id"] == wanted)
    consulate.update(phone="+13105550142", address="1 Example Plaza, Los Angeles, CA 90071")
    store_unit(tmp_path, json.dumps(doc).encode())
    app = await App(tmp_path, lang="fr", origin=TEST_ORIGIN).start("/safety")
    try:
        view = app.page.views[-1]
        assert any(isinstance(c, ft.Text) and c.selectable for c in walk(view))
        assert unread_selectable_texts(view) == []
    finally:
        await app.close()


@pytest.mark.parametrize(("lang", "name"), [("nl", "dinsdag 7 oktober"), ("fr", "mardi 7 octobre")])
async def test_day_strip_days_are_read_once(tmp_path: Path, lang: Lang, name: str) -> None:
    """A screen reader read a day of My agenda's strip as 'dinsdag 7 oktober di 7': its label,
    then the drawn 'di' and '7' again."""
    app = await App(tmp_path, lang=lang).start("/agenda")
    try:
        day = app.find("day-2025-10-07")
        assert day.label == name
        texts = [c for c in walk(day.content) if isinstance(c, ft.Text)]
        assert texts and all(t.semantics_label == "" for t in texts)
    finally:
        await app.close()
