"""Synthetic missions N times the embedded one (activities, venues, contacts and delegates)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

FEED = Path(__file__).resolve().parent.parent / "assets" / "feed"


def mission_dict(scale: int) -> dict[str, Any]:
    """The embedded mission with its activities repeated `scale` times (same venues, contacts)."""
    base = json.loads((FEED / "mission.json").read_bytes())
    if scale == 1:
        return base
    out = copy.deepcopy(base)
    out["activities"] = []
    for k in range(scale):
        suffix = "" if k == 0 else f"-x{k}"
        for activity in base["activities"]:
            titles = {lang: f"{text} ({k})" for lang, text in activity["title"].items()}
            out["activities"].append({**activity, "id": activity["id"] + suffix, "title": titles})
    return out


def mission_bytes(scale: int) -> bytes:
    return json.dumps(mission_dict(scale), ensure_ascii=False, separators=(",", ":")).encode()
