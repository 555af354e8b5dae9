"""Files written together: a crash or a full disk at any step leaves all old or all new.

The crashes are real: a child process writes two units of a store and is killed (SIGKILL, by
itself) right after a chosen system call; the disk fills for real through the kernel's file
size limit (RLIMIT_FSIZE). Then a store opens the folder, as the app does when it starts again.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from services.store import MISSION, FeedStore, Unit

ROOT = Path(__file__).resolve().parents[2]
NS = "feed-together"
PERSONAL = "delegate-together"
CHILD = """
import os, resource, signal, sys
from pathlib import Path
from services.store import FeedStore, Unit

root, step, kill_after, limit = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
store = FeedStore(root)
if limit:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
real, calls = getattr(os, step), [0]

def dying(*args):
    result = real(*args)
    calls[0] += 1
    if calls[0] == kill_after:
        os.kill(os.getpid(), signal.SIGKILL)
    return result

setattr(os, step, dying)
units = {"mission": Unit(b"new mission " * 50, '"n1"'), "delegate-together": Unit(b"new " * 900)}
try:
    store.commit("feed-together", units)
except OSError as error:
    print("refused", error.errno)
"""


def old_pair(root: Path) -> None:
    FeedStore(root).commit(NS, {MISSION: Unit(b"old mission", '"o1"'), PERSONAL: Unit(b"old")})


def child(root: Path, step: str, kill_after: int = 0, limit: int = 0) -> str:
    """Run the two-unit commit in a child; its output ('' when it was killed)."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            textwrap.dedent(CHILD),
            str(root),
            step,
            str(kill_after),
            str(limit),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode in (0, -9), done.stderr
    return done.stdout


def on_disk(root: Path) -> tuple[bytes, bytes]:
    """What the files hold now, read without opening a store (no repair)."""
    folder = root / "feed" / NS
    return (folder / f"{MISSION}.unit").read_bytes(), (folder / f"{PERSONAL}.unit").read_bytes()


def pair(root: Path) -> tuple[bytes, bytes]:
    store = FeedStore(root)  # the app starting again after the crash
    mission, personal = store.load(NS, MISSION), store.load(NS, PERSONAL)
    assert mission is not None and personal is not None
    return mission.data, personal.data


def debris(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "feed" / NS).iterdir() if p.name.startswith("."))


def test_write_together_killed_between_its_renames_is_finished_on_open(tmp_path: Path) -> None:
    old_pair(tmp_path)
    assert child(tmp_path, "replace", kill_after=1) == ""
    mission, personal = on_disk(tmp_path)
    assert mission.endswith(b"new mission ") and personal.endswith(b"old")  # torn on disk
    assert pair(tmp_path) == (b"new mission " * 50, b"new " * 900)
    assert debris(tmp_path) == []


def test_write_together_killed_before_its_journal_leaves_both_old(tmp_path: Path) -> None:
    old_pair(tmp_path)
    assert child(tmp_path, "fsync", kill_after=2) == ""  # the second unit's flush: no journal
    assert pair(tmp_path) == (b"old mission", b"old")
    assert debris(tmp_path) == []


def test_write_together_on_a_full_disk_replaces_neither(tmp_path: Path) -> None:
    old_pair(tmp_path)
    said = child(tmp_path, "replace", limit=2000)  # the mission fits, the agenda (3.6 KB) not
    assert said.startswith("refused 27")  # EFBIG
    assert pair(tmp_path) == (b"old mission", b"old")
    assert debris(tmp_path) == []
