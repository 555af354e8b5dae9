"""Icon buttons have one accessible name: their tooltip (walk-through: 'Announcements' twice)."""

from __future__ import annotations

from pathlib import Path

import flet as ft
import pytest

from services.models import Lang
from tests.views.harness import App


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
