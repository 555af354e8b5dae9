"""Crash consistency of the store: a child commits in a loop and is SIGKILLed at random moments.

After every kill the store loads, for each document, the old unit or the new one, whole:
bytes, ETag, revision and change log of one commit, never torn or mixed; and the two units of
one commit (mission and personal agenda) both old or both new. Leftover temporary files are
swept when a store opens (once they are old enough not to be a live write), and a joint write
the kill interrupted after its journal landed is finished.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from services.atomic import STALE_TMP_SECONDS
from services.models import DelegateDoc, MissionDoc
from services.store import MISSION, FeedStore, Unit
from services.validation import parse_delegate, parse_mission
from tests.reliability.budget import LONG, scaled
from tests.reliability.committer import PERSONAL

ROOT = Path(__file__).resolve().parents[2]
NAMESPACE = "feed-crash"


def whole_revision(
    unit: Unit | None, parse: Callable[[bytes, str], MissionDoc | DelegateDoc]
) -> int:
    """The one revision every part of the unit agrees on (0: nothing committed yet)."""
    if unit is None:
        return 0
    doc = parse(unit.data, "stored")
    assert doc.revision == unit.revision, (doc.revision, unit.revision)
    assert unit.etag == f'"r{unit.revision}"', (unit.etag, unit.revision)
    assert unit.changes.get("revision") == unit.revision, (unit.changes, unit.revision)
    return unit.revision


class Committer:
    """The forking helper process; `kill_once` runs one child and SIGKILLs it."""

    def __init__(self, root: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.committer", str(root), NAMESPACE],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, command: str, until: str) -> list[str]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        lines = []
        while not (line := self.proc.stdout.readline()).startswith(until):
            assert line, "the committer helper died"
            lines.append(line)
        return [*lines, line]

    def kill_once(self, first: int, delay: float) -> int:
        """A child commits from `first` on and is killed after `delay` s; returns the last
        revision it reported as fully committed."""
        pid = int(self.ask(str(first), "pid")[-1].split()[1])
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        while _alive(pid):
            time.sleep(0.001)
        done = [
            int(line.split()[1]) for line in self.ask("sync", "synced") if line.startswith("rev")
        ]
        return done[-1] if done else first - 1

    def close(self) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=10)
        self.proc.stdout.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def leftovers(root: Path) -> list[Path]:
    return [*(root / "feed").glob("*/.*.tmp"), *(root / "feed").glob("*/.*.journal")]


def test_store_survives_sigkill_at_random_moments_whole_units_only(tmp_path: Path) -> None:
    rng = random.Random(None if LONG else 9)
    kills = scaled(40, 1000)
    committer = Committer(tmp_path)
    committed = 0
    for _ in range(kills):
        reported = committer.kill_once(committed + 1, rng.uniform(0, 0.25))  # ~5 commits
        store = FeedStore(tmp_path)  # opening sweeps the killed writer's leftover at once
        assert leftovers(tmp_path) == []
        mission = whole_revision(store.load(NAMESPACE, MISSION), parse_mission)
        personal = whole_revision(store.load(NAMESPACE, PERSONAL), parse_delegate)
        # The last reported commit is there; at most the next one is there too, whole: both
        # of its units, never the mission of one commit with the agenda of another.
        assert mission in (reported, reported + 1), (mission, reported)
        assert personal == mission, (personal, mission)
        committed = personal
    committer.close()
    assert committed > kills, "the children hardly committed: the kills proved little"
    print(f"\ncrash: {kills} kills, {committed} commits, 0 torn, 0 leftovers after open")


def test_old_leftovers_are_swept_on_open_and_fresh_ones_kept(tmp_path: Path) -> None:
    committer = Committer(tmp_path)
    for first in (1, 1000, 2000):
        committer.kill_once(first, 0.2)
    committer.close()
    folder = tmp_path / "feed" / NAMESPACE
    fresh = folder / ".mission.unit.live.tmp"  # another process writing right now
    fresh.write_bytes(b"half")
    stale = [folder / f".mission.unit.crash{i}.tmp" for i in range(5)]
    for path in stale:
        path.write_bytes(b"x" * 4096)
        old = time.time() - STALE_TMP_SECONDS - 5
        os.utime(path, (old, old))
    FeedStore(tmp_path)
    assert not any(path.exists() for path in stale)
    assert fresh.exists()
    assert whole_revision(FeedStore(tmp_path).load(NAMESPACE, MISSION), parse_mission) > 0
