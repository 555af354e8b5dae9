"""Publishes made for tests, and what they left: the files served, the live mission, and a
render from scratch to compare with."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from backend import layout
from backend.build import build
from backend.numbering import Renumbered, renumbered
from backend.publish import publish
from backend.release_files import render
from backend.releases import live, manifest_of
from tests.backend.servers import ROOT, SECRET
from tests.backend.sources import bump, copy_example, edit


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, through the delegates' symlinks, by the path it is served at
    (`delegates/<token>/<token>.json` is served at `delegates/<token>.json`; a delegate in
    `changed/` is served from there instead)."""
    found: dict[str, bytes] = {}
    changed: dict[str, dict[str, bytes]] = {}
    for root, _, names in os.walk(folder, followlinks=True):
        for name in names:
            parts = (Path(root) / name).relative_to(folder).parts
            data = (Path(root) / name).read_bytes()
            if len(parts) == 3 and parts[0] == "changed":
                changed.setdefault(parts[1], {})[f"delegates/{parts[2]}"] = data
            elif len(parts) == 3 and parts[0] == "delegates":
                found[f"delegates/{parts[2]}"] = data
            else:
                found["/".join(parts)] = data
    for token, files in changed.items():
        found = {p: d for p, d in found.items() if not p.startswith(f"delegates/{token}.")}
        found.update(files)
    return dict(sorted(found.items()))


def mission(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "mission.json").read_bytes())
    return data


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backend", *args], cwd=ROOT, capture_output=True, text=True
    )


def served(folder: Path) -> dict[str, bytes]:
    return {path: data for path, data in files_of(folder).items() if not path.endswith(".gz")}


def full_render(
    source: Path, previous: Path | None, out: Path | None = None, secret: bytes = SECRET
) -> dict[str, bytes]:
    """Every file a render from scratch gives, continuing `previous`; under the revision and
    time the publish into `out` went out as, when given (backend.numbering chose them)."""
    built = build(source)
    assert built.mission is not None
    if out is not None:
        shown = json.loads(layout.read(out.resolve(), "mission.json"))
        at = datetime.fromisoformat(shown["published_at"])
        numbers = Renumbered(built.mission.revision, 0, int(shown["revision"]), at)
        built = renumbered(built, numbers)
    assert built.mission is not None
    return render(built.mission, built.delegates, secret, previous, "https://x/")


URL = "https://x/"

NOW = datetime(2025, 10, 6, 15, 30, tzinfo=UTC)


def shown(out: Path) -> tuple[int, str]:
    mission = json.loads(layout.read(out.resolve(), "mission.json"))
    return int(mission["revision"]), str(mission["published_at"])


def english_plural(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


def lunch_moved(tmp_path: Path) -> tuple[Path, Path]:
    """The example published, then again with the lunch in another room, as revision 2."""
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    bump(source, 2)
    publish(source, out, SECRET, URL)
    return source, out


# what a hand edit or the disk may leave of the live mission.json
DAMAGED = [
    pytest.param(b"", id="empty"),
    pytest.param(b'{"revision": 2, "activit', id="cut-short"),
    pytest.param(b"[1, 2]", id="not-an-object"),
    pytest.param(
        b'{"revision": "two", "published_at": "2025-10-01T09:00:00+02:00", "activities": []}',
        id="revision-not-a-number",
    ),
    pytest.param(
        b'{"published_at": "2025-10-01T09:00:00+02:00", "activities": []}', id="no-revision"
    ),
    pytest.param(  # a hand edit: one title for every language, where the feed has one each
        b'{"revision": 2, "published_at": "2025-10-01T09:00:00+02:00", "activities": '
        b'[{"id": "mon-lunch", "title": "Lunch"}]}',
        id="breaks-the-contract",
    ),
]


def damage(out: Path, data: bytes, twin: bool = True) -> None:
    """Overwrite the live mission.json in place, as a text editor or a bad disk would; and its
    gzip twin with the same (unless `twin` is False), so that neither can be read."""
    layout.where(out.resolve(), "mission.json").write_bytes(data)
    if twin:
        layout.where(out.resolve(), "mission.json.gz").write_bytes(gzip.compress(data))


def consistent(out: Path) -> bool:
    """Every file the live release serves has the bytes its manifest says."""
    current = live(out)
    assert current is not None
    manifest = manifest_of(current)
    return bool(manifest) and all(
        hashlib.sha256(layout.read(current, path)).hexdigest() == sha
        for path, sha in manifest.items()
    )


UNREADABLE = (
    "The live mission.json cannot be read (damaged on disk or edited by hand): the programme is "
    "compared as if nothing were live, and this publish replaces it."
)
