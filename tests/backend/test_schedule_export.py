"""The public programme as c3voc/frab schedule.json and schedule.xml, checked against the
format's own JSON schema and XSD (vendored in tests/backend/c3voc, see its README)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema
import pytest
import xmlschema

from backend.publish import publish
from backend.schedule_data import GENERATOR, schedule_dict
from backend.schedule_export import CONFERENCE, indented, schedule_files, schedule_xml
from services.models import MissionDoc
from services.validation import parse_mission
from tests.backend.published import files_of
from tests.backend.servers import EXAMPLE, SECRET
from tests.backend.sources import copy_example, edit
from tests.conftest import DELEGATE_BYTES, MISSION_BYTES, dump


def guids(feed: Path) -> dict[str, str]:
    data = json.loads((feed / "schedule.json").read_bytes())
    return {event["slug"]: event["guid"] for event, _, _ in events_of(data)}


C3VOC = Path(__file__).parent / "c3voc"
JSON_SCHEMA = json.loads((C3VOC / "schema.json").read_text("utf-8"))
XSD = xmlschema.XMLSchema(str(C3VOC / "schedule.xml.xsd"))


def exported(mission: MissionDoc) -> tuple[dict[str, Any], bytes]:
    files = schedule_files(mission, "https://feed.example.org/")
    return json.loads(files["schedule.json"]), files["schedule.xml"]


def events_of(data: dict[str, Any]) -> list[tuple[dict[str, Any], str, str]]:
    """(event, day date, room key) for every event."""
    return [
        (event, day["date"], room)
        for day in data["schedule"]["conference"]["days"]
        for room, events in day["rooms"].items()
        for event in events
    ]


def test_schedule_json_follows_the_c3voc_schema() -> None:
    data, _ = exported(parse_mission(MISSION_BYTES))
    checker = jsonschema.Draft6Validator.FORMAT_CHECKER
    errors = list(jsonschema.Draft6Validator(JSON_SCHEMA, format_checker=checker).iter_errors(data))
    assert errors == [], [f"{e.json_path}: {e.message}" for e in errors[:5]]


def test_schedule_xml_follows_the_c3voc_xsd() -> None:
    _, xml = exported(parse_mission(MISSION_BYTES))
    errors = [str(e.reason) for e in XSD.iter_errors(xml.decode("utf-8"))]
    assert errors == []
    assert XSD.is_valid(xml.decode("utf-8"))


def test_schema_validation_would_catch_a_broken_export() -> None:
    data, xml = exported(parse_mission(MISSION_BYTES))
    event = events_of(data)[0][0]
    del event["guid"]
    assert not jsonschema.Draft6Validator(JSON_SCHEMA).is_valid(data)
    assert not XSD.is_valid(xml.decode("utf-8").replace("<duration>", "<duration>x", 1))


def test_guids_ids_and_slugs_are_unique_and_events_in_their_day_and_room() -> None:
    mission = parse_mission(MISSION_BYTES)
    data, _ = exported(mission)
    rows = events_of(data)
    live = {a.id: a for a in mission.activities if a.state != "cancelled"}
    assert len(rows) == len(live)
    for key in ("guid", "id", "slug"):
        counts = Counter(event[key] for event, _, _ in rows)
        assert max(counts.values()) == 1, key
    venues = {v.id: v for v in mission.venues}
    for event, day, room in rows:
        activity = live[event["slug"].split("-", 2)[2]]
        local = activity.start.astimezone(ZoneInfo("America/Los_Angeles"))
        assert event["date"] == local.isoformat() and day == local.date().isoformat()
        assert event["start"] == local.strftime("%H:%M")
        assert event["room"] == room and room.startswith(venues[activity.venue_id].name)
        assert event["title"] == activity.title["en"] and event["type"] == activity.kind


def test_private_meetings_and_cancelled_activities_never_appear(
    mission: dict[str, Any],
) -> None:
    mission["activities"][0]["state"] = "cancelled"
    doc = parse_mission(dump(mission))
    data, xml = exported(doc)
    text = json.dumps(data, ensure_ascii=False) + xml.decode("utf-8")
    meetings = json.loads(DELEGATE_BYTES)["meetings"]
    for meeting in meetings:
        assert meeting["id"] not in text and meeting["counterpart"] not in text
    assert mission["activities"][0]["id"] not in text


def test_publish_writes_the_same_schedule_bytes_and_guids_twice(tmp_path: Path) -> None:
    publish(EXAMPLE, tmp_path / "a", SECRET, "https://x/")
    publish(EXAMPLE, tmp_path / "b", SECRET, "https://x/")
    a, b = files_of(tmp_path / "a"), files_of(tmp_path / "b")
    assert a["schedule.json"] == b["schedule.json"] and a["schedule.xml"] == b["schedule.xml"]


def test_guid_of_an_event_survives_a_change_to_the_programme(tmp_path: Path) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, "https://x/")
    before = guids(out)
    edit(source / "activities.csv", "mon-lunch", start="12:45", title_en="Lunch, moved")
    publish(source, out, SECRET, "https://x/")
    assert guids(out) == before and len(before) > 50


@pytest.mark.parametrize("name", ["schedule.json", "schedule.xml"])
def test_schedule_files_are_utf8_with_accents(name: str) -> None:
    mission = json.loads(MISSION_BYTES)
    mission["activities"][0]["title"]["en"] = "Séminaire: Frédéric & Françoise <live>"
    files = schedule_files(parse_mission(dump(mission)), "https://feed.example.org/")
    text = files[name].decode("utf-8")
    assert "Frédéric" in text and "Françoise" in text


def _tree_xml(data: dict[str, Any]) -> bytes:
    """schedule.xml as xml.etree.ElementTree writes it: what backend.schedule_export writes as
    text must be these very bytes."""
    conf = data["schedule"]["conference"]
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", GENERATOR)
    ET.SubElement(root, "version").text = data["schedule"]["version"]
    head = ET.SubElement(root, "conference")
    for key, tag in CONFERENCE:
        ET.SubElement(head, tag).text = str(conf[key])
    guids = {r["name"]: r["guid"] for r in conf["rooms"]}
    for day in conf["days"]:
        attrs = {"index": str(day["index"]), "date": day["date"]}
        attrs |= {"start": day["day_start"], "end": day["day_end"]}
        day_el = ET.SubElement(root, "day", attrs)
        for name, events in day["rooms"].items():
            room_el = ET.SubElement(day_el, "room", {"name": name, "guid": guids[name]})
            for event in events:
                _tree_event(room_el, event)
    ET.indent(root, space=" ")
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def _tree_event(room: ET.Element, event: dict[str, Any]) -> None:
    node = ET.SubElement(room, "event", {"id": str(event["id"]), "guid": event["guid"]})
    for key in ("date", "start", "duration", "room", "slug", "url", "title", "subtitle"):
        ET.SubElement(node, key).text = event[key]
    ET.SubElement(node, "track").text = event["track"] or ""
    for key in ("type", "language", "abstract", "description"):
        ET.SubElement(node, key).text = event[key]
    persons = ET.SubElement(node, "persons")
    for person in event["persons"]:
        ET.SubElement(persons, "person", {"guid": person["guid"]}).text = person["name"]
    ET.SubElement(node, "links")


TRICKY = "Q&A <b>\"quoted\"</b> 'single' & more\tTab\nLine\rReturn é – ✓"


def test_schedule_xml_is_the_bytes_elementtree_writes() -> None:
    """Every escape, an empty day, an empty room, no persons, no track, a blank subtitle."""
    mission = parse_mission(MISSION_BYTES)
    base = "https://feed.example.org/schedule.json"
    data = schedule_dict(mission, base)
    assert schedule_xml(mission, base, data) == _tree_xml(data)
    conf = data["schedule"]["conference"]
    room, events = next(iter(conf["days"][1]["rooms"].items()))
    tricky = TRICKY + room
    conf["rooms"].append({"name": tricky, "guid": TRICKY})
    conf["days"][1]["rooms"][tricky] = [
        {**event, "title": TRICKY, "room": TRICKY, "persons": [{"name": TRICKY, "guid": TRICKY}]}
        for event in events
    ] + [{**events[0], "persons": [], "track": None, "subtitle": "", "abstract": "  "}]
    conf["days"][1]["rooms"]["empty"] = []
    conf["rooms"].append({"name": "empty", "guid": "g"})
    conf["days"][0]["rooms"] = {}
    conf["title"] = TRICKY
    assert schedule_xml(mission, base, data) == _tree_xml(data)


def test_schedule_json_is_the_text_json_writes_with_an_indent() -> None:
    mission = parse_mission(MISSION_BYTES)
    data: dict[str, Any] = schedule_dict(mission, "https://feed.example.org/schedule.json")
    odd: list[object] = [TRICKY, "", {}, [], None, True, False, 0, -7, 2.5, 1e300, [[{}]]]
    for value in (data, {**data, "odd": odd, TRICKY: {"a": odd, "": {"b": []}}}, odd, [], {}, 3):
        assert indented(value) == json.dumps(value, ensure_ascii=False, indent=1)
