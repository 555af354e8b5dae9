"""The public programme as a c3voc/frab schedule (schedule.json and schedule.xml).

Schedule apps such as Giggity and EventFahrplan read this format. Events are the mission's
activities only (private B2B meetings live in personal documents and never get here); cancelled
ones are left out, which those apps show as removed. Times are in the mission's zone. Every
identifier derives from the mission and activity ids, so guids, ids and slugs stay the same
across publishes, and the same input gives the same bytes.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

from backend.schedule_data import GENERATOR, schedule_dict
from services.models import MissionDoc


def schedule_json(mission: MissionDoc, base: str, data: dict[str, Any] | None = None) -> bytes:
    data = data or schedule_dict(mission, base)
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode()


def schedule_xml(mission: MissionDoc, base: str, data: dict[str, Any] | None = None) -> bytes:
    """The same schedule in the frab XML form (schedule.xml); `data`: its schedule_dict."""
    data = data or schedule_dict(mission, base)
    conf = data["schedule"]["conference"]
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", GENERATOR)
    ET.SubElement(root, "version").text = data["schedule"]["version"]
    head = ET.SubElement(root, "conference")
    for key, tag in (
        ("title", "title"),
        ("acronym", "acronym"),
        ("start", "start"),
        ("end", "end"),
        ("daysCount", "days"),
        ("timeslot_duration", "timeslot_duration"),
        ("url", "url"),
        ("time_zone_name", "time_zone_name"),
    ):
        ET.SubElement(head, tag).text = str(conf[key])
    guids = {r["name"]: r["guid"] for r in conf["rooms"]}
    for day in conf["days"]:
        attrs = {"index": str(day["index"]), "date": day["date"]}
        attrs |= {"start": day["day_start"], "end": day["day_end"]}
        day_el = ET.SubElement(root, "day", attrs)
        for name, events in day["rooms"].items():
            room_el = ET.SubElement(day_el, "room", {"name": name, "guid": guids[name]})
            for event in events:
                _xml_event(room_el, event)
    ET.indent(root, space=" ")
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def _xml_event(parent: ET.Element, event: dict[str, Any]) -> None:
    node = ET.SubElement(parent, "event", {"id": str(event["id"]), "guid": event["guid"]})
    for key in ("date", "start", "duration", "room", "slug", "url", "title", "subtitle"):
        ET.SubElement(node, key).text = event[key]
    ET.SubElement(node, "track").text = event["track"] or ""
    for key in ("type", "language", "abstract", "description"):
        ET.SubElement(node, key).text = event[key]
    persons = ET.SubElement(node, "persons")
    for person in event["persons"]:
        ET.SubElement(persons, "person", {"guid": person["guid"]}).text = person["name"]
    ET.SubElement(node, "links")


def schedule_files(mission: MissionDoc, public_url: str) -> dict[str, bytes]:
    """schedule.json and schedule.xml for the published folder."""
    base = public_url.rstrip("/") + "/schedule.json"
    data = schedule_dict(mission, base)  # built once for both forms
    return {
        "schedule.json": schedule_json(mission, base, data),
        "schedule.xml": schedule_xml(mission, base, data),
    }
