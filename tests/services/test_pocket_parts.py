"""Pocket page pieces shared across pages: never a piece of another mission document or of
another copy of an activity; pages made with them are those made without."""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

import pytest

from services.agenda import personal_items
from services.models import LANGS, Lang
from services.pocket import PocketSource, render_pocket
from services.pocket_parts import PocketParts
from services.safety import nearest_hospital
from services.validation import parse_delegate, parse_mission
from tests.conftest import dump
from tests.services.pocket_source import AS_OF, LINKS


def pages(mission: dict[str, Any], delegate: dict[str, Any], parts: PocketParts | None) -> str:
    m, d = parse_mission(dump(mission)), parse_delegate(dump(delegate))
    source = PocketSource(m, d, personal_items(m, d, []), as_of=AS_OF)
    return "".join(render_pocket(source, lang, LINKS, parts=parts) for lang in LANGS)


def test_parts_of_one_mission_then_a_changed_copy_give_the_copy_s_pages(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    parts = PocketParts()
    before = pages(mission, delegate, parts)
    changed = copy.deepcopy(mission)
    first = next(a for a in changed["activities"] if a["id"] == delegate["registered"][0])
    first["room"] = {"en": "Garden Room", "fr": "Salle du jardin", "nl": "Tuinzaal"}
    venue = next(v for v in changed["venues"] if v["id"] == first["venue_id"])
    venue["name"] = "Renamed Hall"
    changed["contacts"][0]["phone"] = "+14155550142"
    after = pages(changed, delegate, parts)
    assert after == pages(changed, delegate, None) != before
    assert "Garden Room" in after and "Tuinzaal" in after and "Renamed Hall" in after
    assert "Garden Room" not in before
    assert pages(mission, delegate, parts) == before  # and back: the first one's pieces again


def test_parts_shared_by_every_page_give_the_bytes_of_pages_made_alone(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    m = parse_mission(dump(mission))
    others = [copy.deepcopy(delegate) for _ in range(3)]
    others[1]["registered"] = [a["id"] for a in mission["activities"][::3]]
    others[2]["registered"], others[2]["meetings"] = [], []
    parts = PocketParts()
    for doc in map(parse_delegate, map(dump, [delegate, *others])):
        source = PocketSource(m, doc, personal_items(m, doc, []), as_of=AS_OF)
        for lang in LANGS:
            shared = render_pocket(source, lang, LINKS, banner="published", parts=parts)
            assert shared == render_pocket(source, lang, LINKS, banner="published")


@pytest.mark.parametrize("lang", LANGS)
def test_parts_of_an_older_copy_of_an_activity_show_that_copy(
    mission: dict[str, Any], delegate: dict[str, Any], lang: Lang
) -> None:
    """The app shows an activity from its last known copy (a tombstone) beside the mission's:
    same id, other text, so never the mission's piece."""
    m, d = parse_mission(dump(mission)), parse_delegate(dump(delegate))
    parts, items = PocketParts(), personal_items(m, d, [])
    render_pocket(PocketSource(m, d, items, as_of=AS_OF), lang, LINKS, parts=parts)
    old = items[0].activity
    assert old is not None
    older = old.model_copy(update={"room": {"en": "Old Room", "fr": "Old Room", "nl": "Old Room"}})
    source = PocketSource(m, d, [replace(items[0], activity=older), *items[1:]], as_of=AS_OF)
    page = render_pocket(source, lang, LINKS, parts=parts)
    assert "Old Room" in page and page == render_pocket(source, lang, LINKS)


def test_parts_nearest_hospital_of_another_copy_of_a_venue_is_measured_from_that_copy(
    mission: dict[str, Any],
) -> None:
    """The nearest hospital is measured once per venue of the bound mission, keyed by the
    venue's id: a copy of that venue elsewhere (same id), or a venue of another mission
    document, is measured from its own place and that document's hospitals."""
    m = parse_mission(dump(mission))
    parts, venue = PocketParts(), m.venues[0]
    parts.bind(m)
    first = parts.nearest(m, venue)
    assert first == nearest_hospital(m, venue) and first is not None
    for far in m.hospitals:
        moved = venue.model_copy(update={"lat": far.lat, "lon": far.lon})
        found = parts.nearest(m, moved)
        assert found == nearest_hospital(m, moved) and found is not None
        assert found.place.id == far.id
    fewer = copy.deepcopy(mission)
    fewer["hospitals"] = [h for h in mission["hospitals"] if h["id"] != first.place.id]
    other = parse_mission(dump(fewer))
    assert parts.nearest(other, venue) == nearest_hospital(other, venue) != first
