"""The client files an app process makes for itself, in a cache app processes share."""

from __future__ import annotations

import os
from pathlib import Path

from hosting.client import ClientFiles
from tests.e2e.browser import ROOT


def test_processes_started_together_never_serve_a_half_written_index(tmp_path: Path) -> None:
    """Two app processes behind nginx started at once: one served index.html while the other
    rewrote it in place ('Response content longer than Content-Length', a blank page). Each
    file is now put in place whole, so a file being served is never the one being written."""
    first = ClientFiles(ROOT / "assets", tmp_path)
    index = first.generated / "index.html"
    before = os.stat(index).st_ino
    with index.open("rb") as served:  # a response streaming it meanwhile
        ClientFiles(ROOT / "assets", tmp_path)  # the second process makes them again
        assert os.stat(index).st_ino != before  # replaced, not rewritten in place
        assert served.read() == index.read_bytes()  # what it had opened is whole
    made = ("index.html", "flutter_service_worker.js", "assets/FontManifest.json")
    assert all((first.generated / name).is_file() for name in made)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no leftovers
