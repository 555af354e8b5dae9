"""The live release's mission.json as far as it can be read: damaged by hand or by the disk, it
must not stop a publish, a preview or a rollback (they go on without it and the publish replaces
it). Read once per publish, whoever asks (the preview, the renumbering), while its files stay as
they are; checked against the feed's contract only when it is not what the release was
published with (its manifest's sha-256, twin the same bytes), which a publish checked already.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import zlib
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from backend import layout
from backend.releases import manifest_of
from services.models import MissionDoc

NAME, TWIN = "mission.json", "mission.json.gz"
Copies = tuple[list[dict[str, Any]], bool]  # as far as they are JSON objects; as published


def stamp(release: Path | None) -> tuple[int, datetime] | None:
    """The live revision and time; None when nothing readable is live (the history still says
    what went out). A server hands phones that take gzip the twin, which a hand edit of
    mission.json leaves as it was: the higher of the two readable ones counts."""
    return max(filter(None, map(_stamp, _copies(release)[0])), default=None)


def mission_json(release: Path | None) -> dict[str, Any] | None:
    """The live mission as JSON; None when it is not one phones would take: not JSON, or JSON
    that breaks the feed's contract (a hand edit that wrote a plain string where the feed has
    one per language, say). The preview compares field by field, so only a valid one will do.
    Like `stamp`, it reads mission.json and its twin: the one with the higher stamp counts (the
    plain file when they tie), so a damaged plain file is compared as its twin says. Not to be
    changed (shared by whoever reads it)."""
    copies, published = _copies(release)
    check = _stamped if published else _valid  # the bytes a publish checked and wrote
    judged = {id(data): check(data) for data in copies}  # a twin of the same bytes: once
    valid = [(shown, data) for data in copies if (shown := judged[id(data)])]
    return max(valid, key=lambda judged: judged[0])[1] if valid else None  # a tie: the first


def present(release: Path) -> bool:
    """Whether `release` has a mission at all, readable or not (none: a first publish)."""
    return any((release / name).exists() for name in (NAME, TWIN))


def _stamped(data: dict[str, Any]) -> tuple[int, datetime] | None:
    shown = _stamp(data)
    return shown if shown is not None and isinstance(data.get("activities"), list) else None


def _valid(data: dict[str, Any]) -> tuple[int, datetime] | None:
    """The stamp of a mission phones would take, else None."""
    shown = _stamped(data)
    if shown is None:
        return None
    try:
        MissionDoc.model_validate(data)  # the contract's types; the preview needs no more
    except ValidationError:
        return None
    return shown


def _copies(release: Path | None) -> Copies:
    """mission.json, then its twin, as far as they are JSON objects (a twin that holds the same
    bytes, as published, is the same object, read once); and whether they are the bytes the
    release was published with. Read again only when one of the files changed."""
    if release is None:
        return [], False
    files = [layout.where(release, name) for name in (NAME, TWIN)]
    files.append(release.parent / f"{release.name}.manifest.json")  # backend.releases
    return _read(release, tuple(map(_identity, files)))


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=4)
def _read(release: Path, files: tuple[tuple[int, int, int] | None, ...]) -> Copies:
    """(`files`: what each file is, so that a changed one is read again)"""
    read: dict[bytes, dict[str, Any] | None] = {}
    copies, texts = [], []
    for name in (NAME, TWIN):
        text = _bytes(release, name)
        texts.append(text)
        if text is not None and text not in read:
            read[text] = _object(text)
        if text is not None and (data := read[text]) is not None:
            copies.append(data)
    plain, twin = texts
    return copies, plain is not None and plain == twin and _manifested(release, plain)


def _manifested(release: Path, data: bytes) -> bool:
    """Whether `data` is the mission.json the release's manifest names."""
    try:
        named = manifest_of(release).get(NAME)
    except (OSError, ValueError, AttributeError):  # damaged by hand: not a manifest of ours
        return False
    return named == hashlib.sha256(data).hexdigest()


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
