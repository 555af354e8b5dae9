"""Crash-test helper: forks children that commit numbered units in a loop until killed.

    python -m tests.reliability.committer ROOT NAMESPACE

Reads commands on stdin: a number FIRST forks a child that commits revisions FIRST, FIRST+1,
... and answers `pid P`; `sync` answers `synced` (everything a dead child wrote comes before).
Revision r is committed as two units, mission then personal, whose bytes, ETag, revision and
change log all say r; the child writes `rev r` once both are written. Forking from this small
single-threaded process costs milliseconds, so a test can afford a thousand kills.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from services.store import MISSION, FeedStore, Unit

FEED = Path(__file__).resolve().parents[2] / "assets" / "feed"
MISSION_BYTES = (FEED / "mission.json").read_bytes()
DELEGATE_BYTES = (FEED / "delegates" / "demo.json").read_bytes()
PERSONAL = "delegate-crash"


def numbered(data: bytes, revision: int) -> Unit:
    body = data.replace(b'"revision":1,', f'"revision":{revision},'.encode(), 1)
    changes = {"revision": revision, "padding": "x" * (revision % 997)}  # sizes vary
    return Unit(body, f'"r{revision}"', None, revision, changes)


def say(line: str) -> None:
    os.write(1, f"{line}\n".encode())  # one write: lines of two processes never interleave


def commit_forever(store: FeedStore, namespace: str, revision: int) -> None:
    while True:
        units = {
            MISSION: numbered(MISSION_BYTES, revision),
            PERSONAL: numbered(DELEGATE_BYTES, revision),
        }
        store.commit(namespace, units)
        say(f"rev {revision}")
        revision += 1


def main(root: str, namespace: str) -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # killed children are reaped by the kernel
    for line in sys.stdin:
        if line.strip() == "sync":
            say("synced")
            continue
        store = FeedStore(Path(root))  # opening sweeps, as an app start after a crash does
        pid = os.fork()
        if pid == 0:
            commit_forever(store, namespace, int(line))
        say(f"pid {pid}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
