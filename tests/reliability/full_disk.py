"""Run inside a private mount namespace on a tiny tmpfs: commit until the disk is full.

    unshare -m sh -c 'mount -t tmpfs -o size=256k tmpfs DIR &&
                      python -m tests.reliability.full_disk DIR'

Prints one JSON line: the errno of the refused commit, the revision the store then loads,
and the temporary files left behind.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

from services.store import MISSION, FeedStore
from tests.reliability.committer import MISSION_BYTES, numbered

NAMESPACE = "feed-full"


def main(root: Path) -> None:
    store = FeedStore(root)
    store.commit(NAMESPACE, {MISSION: numbered(MISSION_BYTES, 1)})
    filler = (root / "filler").open("wb", buffering=0)  # leave no room for a second copy
    with filler, contextlib.suppress(OSError):
        while True:
            filler.write(bytes(4096))
    errno = 0
    try:
        store.commit(NAMESPACE, {MISSION: numbered(MISSION_BYTES, 2)})
    except OSError as exc:
        errno = exc.errno or -1
    unit = FeedStore(root).load(NAMESPACE, MISSION)
    leftovers = [p.name for p in (root / "feed").glob("*/.*.tmp")]
    print(json.dumps({"errno": errno, "revision": unit.revision if unit else None,
                      "etag": unit.etag if unit else None, "leftovers": leftovers}))  # fmt: skip


if __name__ == "__main__":
    main(Path(sys.argv[1]))
