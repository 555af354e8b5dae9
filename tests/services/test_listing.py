"""Listed activity texts: made once per parsed mission, language and zone, shared and
read-only, and never those of an older copy of the mission."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from services import listing
from services.i18n import BRUSSELS, Translator
from services.listing import listed
from services.present import activity_place, display_zone, kind_label, zoned_range
from services.validation import parse_mission
from tests.conftest import MISSION_BYTES, dump


def test_listed_same_mission_language_and_zone_is_made_once() -> None:
    doc = parse_mission(MISSION_BYTES)
    zone = display_zone(doc, "mission")
    first = listed(Translator("nl"), doc, zone)
    assert listed(Translator("nl"), doc, zone) is first  # another session, same language
    assert listed(Translator("fr"), doc, zone) is not first
    assert listed(Translator("nl"), doc, BRUSSELS) is not first


def test_listed_texts_are_what_the_presenters_say() -> None:
    doc = parse_mission(MISSION_BYTES)
    tr, zone = Translator("fr"), BRUSSELS
    venues = {v.id: v for v in doc.venues}
    texts = listed(tr, doc, zone)
    for activity in doc.activities:
        text, venue, room = texts[activity.id], venues.get(activity.venue_id), activity.room
        assert text.time == zoned_range(tr, activity.start, activity.end, zone, doc)
        assert text.title == tr.text(activity.title).text
        assert text.place == activity_place(tr, doc, venue, tr.text(room).text)
        assert text.kind == kind_label(tr, activity.kind)
        name, number = tr.short_day(activity.start.astimezone(zone).date())
        assert text.day == f"{name} {number}"
    with pytest.raises(dataclasses.FrozenInstanceError):
        texts[doc.activities[0].id].title = "changed"  # type: ignore[misc]


def test_listed_a_newer_mission_is_never_read_as_the_older(mission: dict[str, Any]) -> None:
    older = parse_mission(MISSION_BYTES)
    zone = display_zone(older, "mission")
    first = mission["activities"][0]
    mission["activities"][0] = {**first, "title": {**first["title"], "en": "Moved breakfast"}}
    mission["revision"] = older.revision + 1
    newer = parse_mission(dump(mission))
    assert listed(Translator("en"), older, zone)[first["id"]].title != "Moved breakfast"
    assert listed(Translator("en"), newer, zone)[first["id"]].title == "Moved breakfast"
    assert json.loads(MISSION_BYTES)["activities"][0]["title"]["en"] != "Moved breakfast"


def test_listed_keeps_a_bounded_number_of_sets() -> None:
    doc = parse_mission(MISSION_BYTES)
    for copy in [parse_mission(MISSION_BYTES) for _ in range(listing.KEPT + 2)]:
        listed(Translator("en"), copy, BRUSSELS)
    assert len(listing._kept) == listing.KEPT
    listed(Translator("en"), doc, BRUSSELS)
    assert len(listing._kept) == listing.KEPT
