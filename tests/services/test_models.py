"""The contract's published form (JSON Schema, canonical encoding) and its localized names."""

from __future__ import annotations

import json
from typing import Any

import pytest

from services.changes import ChangeLog
from services.errors import FeedInvalid
from services.models import encode, feed_schema
from services.validation import parse_delegate, parse_mission
from tests.conftest import DELEGATE_BYTES, MISSION_BYTES, ROOT, dump


def test_feed_schema_file_is_current() -> None:
    on_disk = json.loads((ROOT / "docs" / "feed-schema.json").read_text("utf-8"))
    assert on_disk == feed_schema(), "run: python -m backend schema"


def test_encode_round_trips_the_embedded_documents_byte_for_byte() -> None:
    assert encode(parse_mission(MISSION_BYTES)) == MISSION_BYTES
    assert encode(parse_delegate(DELEGATE_BYTES)) == DELEGATE_BYTES


def test_plain_string_names_read_as_the_same_text_in_every_language(
    mission: dict[str, Any],
) -> None:
    # An older feed sent names, organisations, rooms and sources as plain strings.
    mission["contacts"][0]["name"] = "Mission desk"
    mission["contacts"][0]["organisation"] = "Secretariat"
    mission["activities"][0]["room"] = "Room 1"
    mission["activities"][0]["participants"] = [{"role": "host", "name": "Ada Lovelace"}]
    mission["mission"]["facts"][0]["source"] = "A newspaper"
    doc = parse_mission(dump(mission))
    assert doc.contacts[0].name == {
        "en": "Mission desk",
        "fr": "Mission desk",
        "nl": "Mission desk",
    }
    assert doc.contacts[0].organisation["nl"] == "Secretariat"
    assert doc.activities[0].room["fr"] == "Room 1"
    assert doc.activities[0].participants[0].name["nl"] == "Ada Lovelace"
    assert doc.activities[0].participants[0].sample is False
    assert doc.mission.facts[0].source["en"] == "A newspaper"


def test_localized_names_keep_each_language_and_sample_marks(mission: dict[str, Any]) -> None:
    mission["contacts"][0]["name"] = {"en": "Press service", "nl": "Persdienst"}
    mission["contacts"][0]["sample"] = True
    doc = parse_mission(dump(mission))
    assert doc.contacts[0].name == {"en": "Press service", "nl": "Persdienst"}
    assert doc.contacts[0].sample is True


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("contacts", 0, "name"), "", "contacts[0].name"),
        (("contacts", 0, "name"), {}, "contacts[0].name"),
        (("mission", "facts", 0, "source"), " ", "mission.facts[0].source"),
        (("mission", "short_title"), {"en": "x" * 49}, "mission.short_title.en"),
        (("mission", "short_title"), {"en": "Short"}, "mission.short_title: missing language"),
    ],
    ids=["blank-name", "no-name", "blank-source", "short-title-too-long", "short-title-only-en"],
)
def test_names_and_short_title_are_checked(
    mission: dict[str, Any], path: tuple[str | int, ...], value: object, expected: str
) -> None:
    target: Any = mission
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    with pytest.raises(FeedInvalid) as caught:
        parse_mission(dump(mission))
    assert any(str(p).startswith(expected) for p in caught.value.problems), caught.value.problems


def _property(document: str, model: str, name: str) -> Any:
    schema: Any = feed_schema()  # JSON Schema: nested dicts and lists
    return schema[document]["$defs"][model]["properties"][name]


def test_the_schema_documents_names_as_text_or_localized_text() -> None:
    contact = _property("mission.json", "Contact", "name")
    assert contact["anyOf"][0]["type"] == "string"
    assert contact["anyOf"][1]["type"] == "object"


@pytest.mark.parametrize(
    ("document", "model", "name", "limit"),
    [
        ("mission.json", "Contact", "name", 500),
        ("mission.json", "Contact", "organisation", 500),
        ("mission.json", "Activity", "room", 500),
        ("delegates/<token>.json", "Meeting", "location", 500),
        ("delegates/<token>.json", "Meeting", "notes", 8000),
    ],
)
def test_the_schema_shows_the_length_limit_of_localized_names_and_notes(
    document: str, model: str, name: str, limit: int
) -> None:
    """Sent as one string or one per language, the text has the limit the feed enforces."""
    forms = [f for f in _property(document, model, name)["anyOf"] if f != {"type": "null"}]
    text, per_language = forms
    assert text["maxLength"] == limit
    assert per_language["additionalProperties"]["maxLength"] == limit


def test_null_place_notes_room_and_organisation_of_an_older_feed_read_as_absent(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    # Until this contract made them localized, these were `Line | None` / `Prose | None` and the
    # published schema allowed null: a feed written to it must still be read, not refused.
    delegate["meetings"][0]["location"] = None
    delegate["meetings"][0]["notes"] = None
    mission["activities"][0]["room"] = None
    mission["contacts"][0]["organisation"] = None
    meeting = parse_delegate(dump(delegate)).meetings[0]
    assert (meeting.location, meeting.notes) == ({}, {})
    doc = parse_mission(dump(mission))
    assert (doc.activities[0].room, doc.contacts[0].organisation) == ({}, {})


def test_a_null_required_name_is_still_refused(mission: dict[str, Any]) -> None:
    mission["contacts"][0]["name"] = None
    with pytest.raises(FeedInvalid) as caught:
        parse_mission(dump(mission))
    assert any(str(p).startswith("contacts[0].name") for p in caught.value.problems)


def test_a_change_log_stored_before_localized_meetings_keeps_its_cancelled_meeting() -> None:
    # The store keeps each change log as `model_dump(mode="json")`, Nones included: a meeting
    # the organisers took away was stored with "location": null. Unread, the whole log was
    # dropped and that meeting silently gone.
    gone = {
        **json.loads(DELEGATE_BYTES)["meetings"][0],
        **{"location": None, "notes": None, "venue_id": None},
    }
    stored = {"changes": {gone["id"]: {"id": gone["id"], "kind": "cancelled", "revision": 2}}}
    stored["changes"][gone["id"]]["meeting"] = gone
    log = ChangeLog.model_validate(stored)
    assert log.removed_meetings()[gone["id"]].notes == {}
