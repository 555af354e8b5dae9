"""The live release's mission.json as far as it can be read: damaged by hand or by the disk, it
must not stop a publish, a preview or a rollback (they go on without it and the publish replaces
it)."""

from __future__ import annotations

import gzip
import json
import zlib
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from backend import layout
from services.models import MissionDoc

NAME, TWIN = "mission.json", "mission.json.gz"


def stamp(release: Path | None) -> tuple[int, datetime] | None:
    """The live revision and time; None when nothing readable is live (the history still says
    what went out). A server hands phones that take gzip the twin, which a hand edit of
    mission.json leaves as it was: the higher of the two readable ones counts."""
    return max(filter(None, map(_stamp, _copies(release))), default=None)


def mission_json(release: Path | None) -> dict[str, Any] | None:
    """The live mission as JSON; None when it is not one phones would take: not JSON, or JSON
    that breaks the feed's contract (a hand edit that wrote a plain string where the feed has
    one per language, say). The preview compares field by field, so only a valid one will do.
    Like `stamp`, it reads mission.json and its twin: the one with the higher stamp counts (the
    plain file when they tie), so a damaged plain file is compared as its twin says."""
    copies = _copies(release)
    judged = {id(data): _valid(data) for data in copies}  # a twin of the same bytes: once
    valid = [(shown, data) for data in copies if (shown := judged[id(data)])]
    return max(valid, key=lambda judged: judged[0])[1] if valid else None  # a tie: the first


def present(release: Path) -> bool:
    """Whether `release` has a mission at all, readable or not (none: a first publish)."""
    return any((release / name).exists() for name in (NAME, TWIN))


def _valid(data: dict[str, Any]) -> tuple[int, datetime] | None:
    """The stamp of a mission phones would take, else None."""
    shown = _stamp(data)
    if shown is None or not isinstance(data.get("activities"), list):
        return None
    try:
        MissionDoc.model_validate(data)  # the contract's types; the preview needs no more
    except ValidationError:
        return None
    return shown


def _copies(release: Path | None) -> list[dict[str, Any]]:
    """mission.json, then its twin, as far as they are JSON objects; a twin that holds the same
    bytes (as published) is the same object, read once."""
    read: dict[bytes, dict[str, Any] | None] = {}
    copies = []
    for name in (NAME, TWIN):
        text = _bytes(release, name)
        if text is not None and text not in read:
            read[text] = _object(text)
        if text is not None and (data := read[text]) is not None:
            copies.append(data)
    return copies


def _bytes(release: Path | None, name: str) -> bytes | None:
    """The file's bytes (the twin's uncompressed), None when it cannot be read."""
    if release is None:
        return None
    try:
        raw = layout.read(release, name)
        return gzip.decompress(raw) if name == TWIN else raw
    except (OSError, EOFError, zlib.error):
        return None


def _object(text: bytes) -> dict[str, Any] | None:
    try:
        data = json.loads(text)
    except ValueError:
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
