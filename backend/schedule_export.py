"""The public programme as a c3voc/frab schedule (schedule.json and schedule.xml).

Schedule apps such as Giggity and EventFahrplan read this format. Events are the mission's
activities only (private B2B meetings live in personal documents and never get here); cancelled
ones are left out, which those apps show as removed. Times are in the mission's zone. Every
identifier derives from the mission and activity ids, so guids, ids and slugs stay the same
across publishes, and the same input gives the same bytes.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

from backend.schedule_data import GENERATOR, schedule_dict
from services.models import MissionDoc


def schedule_json(mission: MissionDoc, base: str, data: dict[str, Any] | None = None) -> bytes:
    data = data or schedule_dict(mission, base)
    return (indented(data) + "\n").encode()


def indented(value: object) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=1)`, its very text, ~2x faster (json's own
    writer with an indent is its pure-Python one, a generator per value). Keys are strings."""
    out: list[str] = []
    _indented(value, "\n", out)
    return "".join(out)


def _indented(value: object, pad: str, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif isinstance(value, dict) and value:
        inner = pad + " "
        separator = "{" + inner
        for key, item in value.items():
            out.append(separator + encode_basestring(key) + ": ")
            _indented(item, inner, out)
            separator = "," + inner
        out.append(pad + "}")
    elif isinstance(value, list) and value:
        inner = pad + " "
        separator = "[" + inner
        for item in value:
            out.append(separator)
            _indented(item, inner, out)
            separator = "," + inner
        out.append(pad + "]")
    else:  # an empty list or object, a number, true, false, null
        out.append(json.dumps(value))


def schedule_xml(mission: MissionDoc, base: str, data: dict[str, Any] | None = None) -> bytes:
    """The same schedule in the frab XML form (schedule.xml); `data`: its schedule_dict. Written
    as text, the bytes xml.etree.ElementTree gives with `indent(space=" ")` (one space a level,
    an empty element as `<name />`), ~5x faster than building the tree
    (tests/backend/test_schedule_export.py holds that writer and compares)."""
    data = data or schedule_dict(mission, base)
    conf = data["schedule"]["conference"]
    out = ["<?xml version='1.0' encoding='utf-8'?>\n<schedule>"]
    out.append("\n " + _element("generator", None, GENERATOR))
    out.append("\n " + _element("version", data["schedule"]["version"]))
    out.append("\n <conference>")
    out += ["\n  " + _element(tag, str(conf[key])) for key, tag in CONFERENCE]
    out.append("\n </conference>")
    guids = {r["name"]: r["guid"] for r in conf["rooms"]}
    for day in conf["days"]:
        attrs = {"index": str(day["index"]), "date": day["date"]}
        attrs |= {"start": day["day_start"], "end": day["day_end"]}
        if not day["rooms"]:
            out.append("\n " + _element("day", None, attrs))
            continue
        out.append(f"\n <day{_attributes(attrs)}>")
        for name, events in day["rooms"].items():
            room = _attributes({"name": name, "guid": guids[name]})
            out.append(f"\n  <room{room}>" if events else f"\n  <room{room} />")
            for event in events:
                _xml_event(out, event)
            out.append("\n  </room>" if events else "")
        out.append("\n </day>")
    out.append("\n</schedule>\n")
    return "".join(out).encode()


CONFERENCE = (
    ("title", "title"),
    ("acronym", "acronym"),
    ("start", "start"),
    ("end", "end"),
    ("daysCount", "days"),
    ("timeslot_duration", "timeslot_duration"),
    ("url", "url"),
    ("time_zone_name", "time_zone_name"),
)


def _xml_event(out: list[str], event: dict[str, Any]) -> None:
    """One event, at the fourth level, its fields at the fifth."""
    out.append(f"\n   <event{_attributes({'id': str(event['id']), 'guid': event['guid']})}>")
    for key in ("date", "start", "duration", "room", "slug", "url", "title", "subtitle"):
        out.append("\n    " + _element(key, event[key]))
    out.append("\n    " + _element("track", event["track"] or ""))
    for key in ("type", "language", "abstract", "description"):
        out.append("\n    " + _element(key, event[key]))
    if event["persons"]:
        out.append("\n    <persons>")
        for person in event["persons"]:
            out.append("\n     " + _element("person", person["name"], {"guid": person["guid"]}))
        out.append("\n    </persons>")
    else:
        out.append("\n    <persons />")
    out.append("\n    <links />\n   </event>")


def _element(tag: str, text: str | None, attrs: dict[str, str] | None = None) -> str:
    """An element without children, as ElementTree writes it (no text: `<tag />`)."""
    opened = tag + (_attributes(attrs) if attrs else "")
    return f"<{opened}>{_text(text)}</{tag}>" if text else f"<{opened} />"


def _text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attributes(attrs: dict[str, str]) -> str:
    return "".join(f' {name}="{_attribute(value)}"' for name, value in attrs.items())


def _attribute(value: str) -> str:
    value = _text(value).replace('"', "&quot;").replace("\r", "&#13;")
    return value.replace("\n", "&#10;").replace("\t", "&#09;")


def schedule_files(mission: MissionDoc, public_url: str) -> dict[str, bytes]:
    """schedule.json and schedule.xml for the published folder."""
    base = public_url.rstrip("/") + "/schedule.json"
    data = schedule_dict(mission, base)  # built once for both forms
    return {
        "schedule.json": schedule_json(mission, base, data),
        "schedule.xml": schedule_xml(mission, base, data),
    }
