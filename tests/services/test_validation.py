"""Every malformed document gives one FeedInvalid that names every problem by its path."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from services.errors import FeedInvalid
from services.validation import parse_delegate, parse_mission
from tests.conftest import DELEGATE_BYTES, MISSION_BYTES, dump

Doc = dict[str, Any]


def problems_of(data: bytes) -> list[str]:
    with pytest.raises(FeedInvalid) as caught:
        parse_mission(data)
    assert caught.value.document == "mission.json"
    assert caught.value.problems, "a FeedInvalid must list at least one problem"
    return [str(p) for p in caught.value.problems]


def mutated(mission: Doc, change: Callable[[Doc], None]) -> bytes:
    change(mission)
    return dump(mission)


def test_parse_mission_embedded_document_is_valid() -> None:
    doc = parse_mission(MISSION_BYTES)
    assert doc.mission.id == "bem-west-coast-2025"
    assert parse_delegate(DELEGATE_BYTES).delegate.id == "demo"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (MISSION_BYTES[:5000], "Invalid JSON"),
        (b"", "Invalid JSON"),
        (b"[1, 2, 3]", "Input should be an object"),
        (b"\xff\xfe{not utf8", "Invalid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "Invalid JSON"),
    ],
    ids=["truncated", "empty", "not-an-object", "not-utf8", "nested-100k-deep"],
)
def test_parse_mission_unreadable_bytes_raise_feed_invalid(data: bytes, expected: str) -> None:
    assert any(expected in p for p in problems_of(data))


def _set(path: str, value: Any) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        *parents, last = path.split(".")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return change


def _delete(path: str) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        *parents, last = path.split(".")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        del target[last]

    return change


CASES: list[tuple[str, Callable[[Doc], None], str]] = [
    ("wrong-type-revision", _set("revision", "seven"), "revision: Input should be a valid integer"),
    (
        "wrong-type-lat",
        _set("venues.2.lat", "north"),
        "venues[2].lat: Input should be a valid number",
    ),
    (
        "missing-language",
        _delete("activities.3.title.nl"),
        "activities[3].title: missing language nl",
    ),
    (
        "blank-title",
        _set("activities.3.title.fr", "   "),
        "activities[3].title.fr: String should match",
    ),
    (
        "dangling-venue",
        _set("activities.12.venue_id", "sfmoma-annex"),
        "activities[12].venue_id: unknown venue 'sfmoma-annex'",
    ),
    (
        "unknown-sector",
        _set("activities.4.sectors", ["space"]),
        "activities[4].sectors[0]: unknown sector",
    ),
    (
        "end-before-start",
        _set("activities.5.end", "2025-10-05T10:00:00-07:00"),
        "activities[5].end: end 10:00 is not after start",
    ),
    (
        "naive-datetime",
        _set("activities.6.start", "2025-10-06T09:00:00"),
        "activities[6].start: Input should have timezone info",
    ),
    (
        "outside-mission",
        _set("activities.7.start", "2025-10-12T09:00:00-07:00"),
        "activities[7].start: 2025-10-12T09:00:00-07:00 is outside the mission",
    ),
    (
        "bad-phone",
        _set("contacts.4.phone", "+32 2 501 87 16"),
        "contacts[4].phone: String should match",
    ),
    (
        "short-number-not-emergency",
        _set("contacts.0.phone", "311"),
        "contacts[0].phone: '311' is not in E.164",
    ),
    ("bad-email", _set("contacts.4.email", "pierre.steverlynck(at)diplobel"), "contacts[4].email"),
    (
        "latitude-out-of-range",
        _set("venues.0.lat", 137.8),
        "venues[0].lat: Input should be less than",
    ),
    ("empty-activities", _set("activities", []), "activities: List should have at least 1 item"),
    (
        "huge-string",
        _set("activities.0.description.en", "x" * 10_000_000),
        "activities[0].description.en: String should have at most 8000 characters",
    ),
    ("unknown-kind", _set("activities.0.kind", "party"), "activities[0].kind: Input should be"),
    (
        "unknown-time-zone",
        _set("mission.time_zone", "Pacific/Atlantis"),
        "mission.time_zone: unknown",
    ),
    ("unknown-city", _set("venues.1.city", "sd"), "venues[1].city: unknown city 'sd'"),
    ("missing-field", _delete("activities.9.start"), "activities[9].start: Field required"),
]


@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_parse_mission_malformed_field_names_path(
    mission: Doc, change: Callable[[Doc], None], expected: str
) -> None:
    problems = problems_of(mutated(mission, change))
    assert any(p.startswith(expected) for p in problems), problems


def test_parse_mission_duplicate_ids_name_both_places(mission: Doc) -> None:
    mission["activities"][20]["id"] = mission["activities"][3]["id"]
    mission["venues"][5]["id"] = mission["venues"][4]["id"]
    problems = problems_of(dump(mission))
    assert any(
        p.startswith("activities[20].id: duplicate id") and "activities[3]" in p for p in problems
    )
    assert any(p.startswith("venues[5].id: duplicate id") for p in problems)


def test_parse_mission_several_problems_are_all_listed(mission: Doc) -> None:
    mission["activities"][1]["venue_id"] = "nowhere"
    mission["activities"][2]["end"] = mission["activities"][2]["start"]
    mission["activities"][3]["title"] = {"en": "Only English"}
    mission["contacts"][0]["phone"] = "911"
    problems = problems_of(dump(mission))
    assert len(problems) == 4, problems
    with pytest.raises(FeedInvalid) as caught:
        parse_mission(dump(mission))
    assert "4 problems" in str(caught.value) and "activities[1].venue_id" in str(caught.value)


def test_parse_mission_structural_errors_are_all_listed(mission: Doc) -> None:
    mission["revision"] = "x"
    mission["venues"][0]["lat"] = 500
    mission["activities"][0]["kind"] = "party"
    assert len(problems_of(dump(mission))) == 3


def test_parse_mission_huge_value_is_not_echoed_in_message(mission: Doc) -> None:
    mission["activities"][0]["room"] = "y" * 1_000_000
    message = "\n".join(problems_of(dump(mission)))
    assert len(message) < 500


def test_parse_mission_unknown_fields_are_ignored_for_forward_compatibility(mission: Doc) -> None:
    mission["activities"][0]["livestream_url"] = "https://example.org/live"
    mission["future_section"] = {"anything": True}
    assert parse_mission(dump(mission)).activities[0].id == mission["activities"][0]["id"]


def test_parse_mission_emergency_short_number_is_allowed(mission: Doc) -> None:
    assert any(c.phone == "911" for c in parse_mission(dump(mission)).contacts)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            _set("meetings.0.end", "2025-10-06T15:00:00-07:00"),
            "meetings[0].end: end 15:00 is not after",
        ),
        (_set("meetings.1.id", "m-whitfield"), "meetings[1].id: duplicate id 'm-whitfield'"),
        (_set("registered.1", "mon-opening-seminar"), "the same registration twice"),
        (_set("delegate.language", "de"), "delegate.language: Input should be"),
        (_set("contacts.0.email", "no-at-sign"), "contacts[0].email"),
        (_delete("delegate"), "delegate: Field required"),
    ],
    ids=["meeting-end", "meeting-dup", "registered-dup", "language", "email", "no-delegate"],
)
def test_parse_delegate_malformed_names_path(
    delegate: Doc, change: Callable[[Doc], None], expected: str
) -> None:
    change(delegate)
    with pytest.raises(FeedInvalid) as caught:
        parse_delegate(dump(delegate), "personal agenda")
    assert any(expected in str(p) for p in caught.value.problems), caught.value.problems
    assert caught.value.document == "personal agenda"
