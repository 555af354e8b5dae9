"""`backend flat`: the live release with every file at its URL, for hosts that cannot rewrite;
a plain static server of that folder serves what nginx and `backend serve` serve."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from backend.flat import FlatError, flatten
from backend.layout import listing
from backend.releases import live
from tests.backend.servers import backend_server
from tests.e2e.browser import free_port, stop, wait_for_port


@contextmanager
def plain_static_server(folder: Path) -> Iterator[str]:
    """Python's own file server: paths as they are on disk, no rewrite, no symlink tricks."""
    port = free_port()
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"]
    proc = subprocess.Popen(
        [*command, "--directory", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop(proc)


def test_flat_every_file_at_its_url_with_its_time(folder: Path, tmp_path: Path) -> None:
    dest = tmp_path / "upload"
    files = listing(live(folder) or folder)
    assert flatten(folder, dest) == len(files)
    assert any(p.startswith("delegates/") and p.endswith(".json") for p in files)
    for served, path in files.items():
        flat = dest / served
        assert not flat.is_symlink() and flat.read_bytes() == path.read_bytes()
        assert flat.stat().st_mtime == path.stat().st_mtime  # the host's ETag stays
    assert not any(p.is_dir() for p in (dest / "delegates").iterdir())


def test_flat_a_plain_static_server_serves_what_backend_serve_serves(
    folder: Path, tmp_path: Path
) -> None:
    flatten(folder, tmp_path / "upload")
    ics = next(p for p in listing(live(folder) or folder) if p.endswith(".ics"))
    token = ics.removeprefix("delegates/").split(".")[0]
    urls = ["mission.json", "schedule.xml"]
    urls += [f"delegates/{token}.{kind}" for kind in ("json", "ics", "html", "fr.html")]
    with backend_server(folder) as ours, plain_static_server(tmp_path / "upload") as plain:
        for url in urls:
            served = httpx.get(ours + url, headers={"Accept-Encoding": "identity"})
            copied = httpx.get(plain + url)
            assert served.status_code == copied.status_code == 200, url
            assert served.content == copied.content, url


def test_flat_refuses_a_folder_that_exists_and_leaves_it(folder: Path, tmp_path: Path) -> None:
    dest = tmp_path / "upload"
    dest.mkdir()
    (dest / "keep.txt").write_text("mine")
    with pytest.raises(FlatError, match="already exists"):
        flatten(folder, dest)
    assert [p.name for p in dest.iterdir()] == ["keep.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["upload"]  # no half-made folder beside it


def test_flat_nothing_published_says_so(tmp_path: Path) -> None:
    with pytest.raises(FlatError, match="nothing is published"):
        flatten(tmp_path / "current", tmp_path / "upload")


def test_flat_other_disk_copies_keeping_times(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cross_device(_src: object, _dst: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", cross_device)
    dest = tmp_path / "upload"
    flatten(folder, dest)
    mission = dest / "mission.json"
    original = (live(folder) or folder) / "mission.json"
    assert mission.stat().st_ino != original.stat().st_ino
    assert mission.read_bytes() == original.read_bytes()
    assert mission.stat().st_mtime == original.stat().st_mtime
