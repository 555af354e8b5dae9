"""Which emergency line is *the* emergency number, and which are the other lines."""

from __future__ import annotations

import json

from services.safety import emergency, other_line
from services.validation import parse_mission
from tests.conftest import MISSION_BYTES


def test_911_is_the_emergency_number_and_whole_numbers_are_other_lines() -> None:
    mission = parse_mission(MISSION_BYTES)
    sos = emergency(mission)
    assert sos is not None and sos.phone == "911" and not other_line(sos)
    others = {c.id for c in mission.contacts if other_line(c)}
    assert others == {"sfpd-non-emergency", "poison-help"}


def test_a_mission_in_europe_dials_112_and_it_is_no_other_line() -> None:
    """With 112 and no 911 (a mission to Germany), 112 is the red button, not an 'other line'
    after a 911 that the feed does not have."""
    doc = json.loads(MISSION_BYTES)
    for contact in doc["contacts"]:
        if contact.get("phone") == "911":
            contact["phone"] = "112"
    mission = parse_mission(json.dumps(doc).encode())
    sos = emergency(mission)
    assert sos is not None and sos.phone == "112" and not other_line(sos)
    assert {c.id for c in mission.contacts if other_line(c)} == {
        "sfpd-non-emergency",
        "poison-help",
    }
