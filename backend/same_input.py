"""A publish of the very input and settings the live release was made from changes nothing: it is
answered from what that publish kept (`.OUT.releases/<id>.again.json`, written once everything
of it went out, invites included), without reading a table or rendering a file.

The full publish would build the same documents, reuse every file, find its release made
already, add no history line and draw no QR code: the live release stays. So when the input's
digest, the settings (our code, the secret, the addresses, the invites folder) and the live
release are what that memo says, its counts and a preview of no change are the report. Anything
that would make the full publish do more falls through to it: a live mission.json that is not
the one published (damaged), a higher revision published since (a rollback), invites missing.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import hmac
import io
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from backend import layout
from backend.live_mission import stamp
from backend.preview import Preview
from backend.releases import highest_published, history, manifest_of
from backend.render_keys import code_digest


@dataclass(frozen=True)
class Again:
    """What a publish of the same input reports: the live release's counts, no change."""

    files: int
    delegates: int
    preview: Preview


def settings_of(secret: bytes, public_url: str, app_url: str | None, invites: Path) -> str:
    """A digest of what a publish makes of the input besides the tables (never the secret)."""
    key = hmac.new(secret, b"publish settings", hashlib.sha256).hexdigest()
    made = f"{code_digest()}\0{sys.version}\0{key}"  # sys.version: as backend.build_cache
    return hashlib.sha256(
        f"{made}\0{public_url}\0{app_url}\0{invites.resolve()}".encode()
    ).hexdigest()


def record(release: Path) -> Path:
    """Where what the publish of `release` kept for the next one is: `<id>.again.json`."""
    return release.with_name(f"{release.name}.again.json")


def keep(
    release: Path, made_of: tuple[str, str], counts: dict[str, int], asked: int | None
) -> None:
    """Written once the publish of `release` is out, its invites too: what it was `made_of`
    (the input's digest, the settings), its `counts` (files, delegates, activities,
    registrations, B2B meetings), the revision the mission sheet `asked` for when it went out
    under another one (backend.numbering; None: as the sheet said). A file of its own, small:
    cheap to check."""
    entry = {"digest": made_of[0], "settings": made_of[1], **counts, "asked": asked}
    record(release).write_text(json.dumps(entry), "utf-8")


def again(
    out: Path, current: Path | None, digest: str, settings: str, invites: Path
) -> Again | None:
    """What publishing the input of `digest` with `settings` into `out` reports when it changes
    nothing (the `current` release stays live, the `invites` as they are); None when the full
    publish must run."""
    entry = _entry(current) if current is not None and digest else {}
    if current is None or entry.get("digest") != digest or entry.get("settings") != settings:
        return None
    shown, asked = stamp(current), entry.get("asked", "")
    names = ("files", "delegates", "activities", "registrations", "meetings")
    counts = [entry.get(name) for name in names]
    if shown is None or not (asked is None or isinstance(asked, int)):
        return None
    if not all(isinstance(n, int) for n in counts):
        return None
    if shown[0] != highest_published(shown, history(out)) or not _mission_intact(current):
        return None  # the full publish goes out above a higher revision, or repairs
    files, delegates, activities, registered, meetings = (int(str(n)) for n in counts)
    lists = _lists(current)
    if lists is None or not _invites_there(invites, delegates):
        return None
    preview = Preview(activities=activities, delegates=delegates, live_activities=activities)
    preview.live_delegates = len(layout.tokens(current))
    preview.others = {key: (0, 0, 0) for key in lists}
    preview.registrations, preview.live_meetings = (registered, 0, 0), meetings
    if isinstance(asked, int):  # backend.numbering: nothing changed, the live revision stays
        preview.renumbered = (asked, shown[0], shown[0])
        preview.revisions = (shown[0], asked) if asked != shown[0] else None
    return Again(files, delegates, preview)


def _entry(release: Path) -> dict[str, object]:
    try:
        entry = json.loads(record(release).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return entry if isinstance(entry, dict) else {}


def _mission_intact(release: Path) -> bool:
    """Whether mission.json and its twin are the bytes the release was published with."""
    try:
        data = layout.read(release, "mission.json")
        twin = gzip.decompress(layout.read(release, "mission.json.gz"))
    except (OSError, EOFError, gzip.BadGzipFile):
        return False
    published = manifest_of(release).get("mission.json")
    return twin == data and hashlib.sha256(data).hexdigest() == published


def _lists(release: Path) -> list[str] | None:
    """The lists of the live mission other than its activities (the preview counts each)."""
    try:
        mission = json.loads(layout.read(release, "mission.json"))
    except (OSError, ValueError):
        return None
    return [k for k, v in mission.items() if k != "activities" and isinstance(v, list)]


def _invites_there(folder: Path, delegates: int) -> bool:
    """Whether the invites are as the publish left them: its list, and each code it names."""
    try:
        text = (folder / "invites.csv").read_text("utf-8-sig")
        codes = set(os.listdir(folder / "qr"))
    except OSError:
        return False
    rows = list(csv.DictReader(io.StringIO(text)))
    named = {row.get("qr", "").removeprefix("qr/") for row in rows}
    return len(rows) == delegates and named <= codes
