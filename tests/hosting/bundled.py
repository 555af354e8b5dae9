"""What the app ships (its assets and embedded mission), and a session entry that must never run."""

from __future__ import annotations

from pathlib import Path

from services.library import BUNDLED
from services.models import MissionDoc
from services.validation import parse_mission

ASSETS = Path(__file__).resolve().parents[2] / "assets"


def embedded() -> MissionDoc:
    return parse_mission((BUNDLED / "mission.json").read_bytes())


async def never_called(page: object) -> None:
    raise AssertionError("no WebSocket session in these tests")
