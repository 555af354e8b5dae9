"""Fuzz the feed contract: whatever the bytes, parsing returns a good document or raises
FeedInvalid naming field paths; nothing else escapes, and a document that parses can be diffed
against the previous one and stored."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.changes import diff_delegates, diff_missions
from services.errors import FeedInvalid
from services.mission_time import mission_window
from services.models import DelegateDoc, MissionDoc, encode
from services.validation import parse_delegate, parse_mission
from tests.conftest import DELEGATE_BYTES, MISSION_BYTES
from tests.reliability.budget import fuzz_settings
from tests.reliability.mutations import Sample, damaged, flipped, json_values, mutate

MISSION = json.loads(MISSION_BYTES)
DELEGATE = json.loads(DELEGATE_BYTES)
GOOD_MISSION = parse_mission(MISSION_BYTES)
GOOD_DELEGATE = parse_delegate(DELEGATE_BYTES)
ROOT_ERRORS = ("Invalid JSON", "Input should be", "JSON input should be")
MISSION_AIMED: list[tuple[str | int, ...]] = [
    ("mission", "time_zone"),
    ("mission", "start_date"),
    ("mission", "end_date"),
    ("mission", "cities", 0, "end_date"),
    ("revision",),
    ("published_at",),
    ("activities", 0, "start"),
    ("activities", 0, "end"),
    ("activities", 0, "title", "en"),
    ("venues", 0, "lat"),
    ("venues", 0, "lon"),
    ("contacts", 0, "phone"),
]
DELEGATE_AIMED: list[tuple[str | int, ...]] = [
    ("revision",),
    ("published_at",),
    ("meetings", 0, "start"),
    ("meetings", 0, "end"),
    ("delegate", "name"),
    ("registered", 0),
]


def check_mission(data: bytes | str) -> None:
    try:
        doc = parse_mission(data)
    except FeedInvalid as exc:
        assert_names_paths(exc, MissionDoc)
        return
    mission_window(doc.mission)
    diff_missions(GOOD_MISSION, doc)
    parse_mission(encode(doc))  # what we would store reads back


def check_delegate(data: bytes | str) -> None:
    try:
        doc = parse_delegate(data)
    except FeedInvalid as exc:
        assert_names_paths(exc, DelegateDoc)
        return
    diff_delegates(GOOD_DELEGATE, doc, GOOD_MISSION)
    parse_delegate(encode(doc))


def assert_names_paths(exc: FeedInvalid, model: type[MissionDoc | DelegateDoc]) -> None:
    """Every problem names a field of the document, or is about the document as a whole."""
    assert exc.problems
    str(exc).encode("utf-8")  # loggable: no lone surrogate reaches the message
    for problem in exc.problems:
        if problem.path:
            assert problem.path.split(".")[0].split("[")[0] in model.model_fields, problem
        else:
            assert problem.message.startswith(ROOT_ERRORS), problem


@fuzz_settings(quick=100, long=4000)
@given(damaged(MISSION, MISSION_AIMED))
def test_fuzz_damaged_mission_raises_only_feed_invalid(sample: Sample) -> None:
    check_mission(sample.data)


@fuzz_settings(quick=80, long=3000)
@given(damaged(DELEGATE, DELEGATE_AIMED))
def test_fuzz_damaged_personal_document_raises_only_feed_invalid(sample: Sample) -> None:
    check_delegate(sample.data)


@fuzz_settings(quick=50, long=1500)
@given(st.one_of(flipped(MISSION_BYTES), flipped(DELEGATE_BYTES)))
def test_fuzz_flipped_bytes_raise_only_feed_invalid(sample: Sample) -> None:
    check_mission(sample.data)
    check_delegate(sample.data)


@fuzz_settings(quick=60, long=1500)
@given(st.one_of(json_values, st.dictionaries(st.sampled_from(sorted(MISSION)), json_values)))
def test_fuzz_random_json_raises_only_feed_invalid(value: Any) -> None:
    data = json.dumps(value, allow_nan=True).encode()
    check_mission(data)
    check_delegate(data)


@fuzz_settings(quick=60, long=1500)
@given(st.one_of(st.binary(max_size=2000), st.text(max_size=200)))
def test_fuzz_random_bytes_and_text_raise_only_feed_invalid(data: bytes | str) -> None:
    check_mission(data)
    check_delegate(data)


BREAKERS = [
    ("zone-folder-europe", ("mission", "time_zone"), "Europe", "mission.time_zone"),
    ("zone-folder-america", ("mission", "time_zone"), "America", "mission.time_zone"),
    ("zone-path", ("mission", "time_zone"), "../../etc/passwd", "mission.time_zone"),
    ("end-date-9999", ("mission", "end_date"), "9999-12-31", "mission.end_date"),
    ("start-date-0001", ("mission", "start_date"), "0001-01-01", "mission.start_date"),
    ("city-9999", ("mission", "cities", 0, "end_date"), "9999-12-31", "mission.cities[0].end_date"),
    (
        "instant-9999",
        ("activities", 0, "start"),
        "9999-12-31T23:59:59-23:59",
        "activities[0].start",
    ),
    ("naive-instant", ("activities", 0, "end"), "2025-10-06T10:00:00", "activities[0].end"),
    ("huge-revision", ("revision",), 10**400, "revision"),
    ("nan-latitude", ("venues", 0, "lat"), float("nan"), "venues[0].lat"),
]


@pytest.mark.parametrize(
    ("path", "value", "named"), [b[1:] for b in BREAKERS], ids=[b[0] for b in BREAKERS]
)
def test_known_breakers_are_feed_invalid_naming_the_field(
    path: tuple[str | int, ...], value: object, named: str
) -> None:
    doc = copy.deepcopy(MISSION)
    mutate(doc, path, "replace", value)
    with pytest.raises(FeedInvalid) as caught:
        parse_mission(json.dumps(doc, allow_nan=True).encode())
    assert named in [p.path for p in caught.value.problems], caught.value.problems


def test_known_breaker_in_a_personal_meeting_names_the_field() -> None:
    doc = copy.deepcopy(DELEGATE)
    mutate(doc, ("meetings", 0, "end"), "replace", "9999-12-31T23:59:59+00:00")
    with pytest.raises(FeedInvalid) as caught:
        parse_delegate(json.dumps(doc).encode())
    assert "meetings[0].end" in [p.path for p in caught.value.problems]
