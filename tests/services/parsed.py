"""Documents edited as dicts in a test, parsed as the app parses them."""

from __future__ import annotations

from typing import Any

from services.models import DelegateDoc, MissionDoc
from services.validation import parse_delegate, parse_mission
from tests.conftest import dump


def docs(mission: dict[str, Any], delegate: dict[str, Any]) -> tuple[MissionDoc, DelegateDoc]:
    return parse_mission(dump(mission)), parse_delegate(dump(delegate))
