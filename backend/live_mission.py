"""The live release's mission.json as far as it can be read: damaged by hand or by the disk, it
must not stop a publish, a preview or a rollback (they go on without it and the publish replaces
it)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from backend import layout
from services.models import MissionDoc


def stamp(release: Path | None) -> tuple[int, datetime] | None:
    """The live revision and time; None when nothing readable is live (the history still says
    what went out)."""
    data = _object(release)
    return None if data is None else _stamp(data)


def mission_json(release: Path | None) -> dict[str, Any] | None:
    """The live mission as JSON; None when it is not one phones would take: not JSON, or JSON
    that breaks the feed's contract (a hand edit that wrote a plain string where the feed has
    one per language, say). The preview compares field by field, so only a valid one will do."""
    data = _object(release)
    if data is None or _stamp(data) is None or not isinstance(data.get("activities"), list):
        return None
    try:
        MissionDoc.model_validate(data)  # the contract's types; the preview needs no more
    except ValidationError:
        return None
    return data


def _object(release: Path | None) -> dict[str, Any] | None:
    if release is None:
        return None
    try:
        data = json.loads(layout.read(release, "mission.json"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _stamp(data: dict[str, Any]) -> tuple[int, datetime] | None:
    revision, text = data.get("revision"), data.get("published_at")
    try:
        when = datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None
    if not isinstance(revision, int) or isinstance(revision, bool):
        return None
    return (revision, when) if when is not None and when.tzinfo is not None else None
