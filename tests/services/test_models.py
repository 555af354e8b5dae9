"""The contract's published form: the JSON Schema file and canonical encoding."""

from __future__ import annotations

import json

from services.models import encode, feed_schema
from services.validation import parse_delegate, parse_mission
from tests.conftest import DELEGATE_BYTES, MISSION_BYTES, ROOT


def test_feed_schema_file_is_current() -> None:
    on_disk = json.loads((ROOT / "docs" / "feed-schema.json").read_text("utf-8"))
    assert on_disk == feed_schema(), "run: make schema"


def test_encode_round_trips_the_embedded_documents_byte_for_byte() -> None:
    assert encode(parse_mission(MISSION_BYTES)) == MISSION_BYTES
    assert encode(parse_delegate(DELEGATE_BYTES)) == DELEGATE_BYTES
