"""One delegate's own files (three pocket pages, calendar, document) rendered with the pieces
shared across a publish, against rendering each delegate alone, side by side in one run.

    python -m bench.render [delegates] [activity_copies]

Serial, in this process, with the collector set as a publish sets it: the CPU a publish spends
per delegate (bench.publish adds workers, gzip and disk). "Shared" starts from nothing too, so
it includes filling the pieces once. Both ways give the same bytes; the run checks it.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from backend.build import build
from backend.collector import fewer_collections
from backend.release_files import delegate_files
from bench.synth import write_source
from services.calendar import EventCache
from services.models import DelegateDoc, MissionDoc
from services.pocket_parts import PocketParts

SECRET = b"bench-secret-0123456789abcdef"


def per_delegate(mission: MissionDoc, docs: dict[str, DelegateDoc], shared: bool) -> float:
    """Milliseconds per delegate, warm: `shared` keeps one event cache and one set of page
    pieces for all of them (a publish), else each delegate starts from nothing."""
    events, parts = EventCache(), PocketParts()
    first = next(iter(docs))
    delegate_files(mission, first, docs[first], SECRET, None, events, parts=parts)
    start = time.process_time()
    for delegate_id, doc in docs.items():
        if not shared:
            events, parts = EventCache(), PocketParts()
        delegate_files(mission, delegate_id, doc, SECRET, None, events, parts=parts)
    return (time.process_time() - start) * 1000 / len(docs)


def same_bytes(mission: MissionDoc, docs: dict[str, DelegateDoc]) -> bool:
    events, parts = EventCache(), PocketParts()
    for delegate_id, doc in docs.items():
        alone = delegate_files(mission, delegate_id, doc, SECRET, None, EventCache())
        shared = delegate_files(mission, delegate_id, doc, SECRET, None, events, parts=parts)
        if alone != shared:
            return False
    return True


def main() -> None:
    delegates = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    copies = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    base = Path(tempfile.mkdtemp(prefix="bench-render-"))
    try:
        write_source(base / "source", delegates, copies)
        built = build(base / "source")
        assert built.mission is not None, built.errors[:3]
        mission, docs = built.mission, dict(sorted(built.delegates.items()))
        print(f"{delegates} delegates x {len(mission.activities)} activities, one process")
        with fewer_collections():
            runs = [(per_delegate(mission, docs, False), per_delegate(mission, docs, True))]
            runs.append((per_delegate(mission, docs, False), per_delegate(mission, docs, True)))
        for run, (alone, shared) in enumerate(runs, 1):
            print(
                f"  run {run}: each alone {alone:6.2f} ms/delegate, pieces shared "
                f"{shared:6.2f} ms/delegate: {alone / shared:4.1f}x less CPU"
            )
        print(f"  same bytes both ways: {same_bytes(mission, docs)}")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
