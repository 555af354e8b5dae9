"""Publishing a synthetic mission of 5,000 delegates x 800+ activities, against json.dumps.

    python -m bench.publish [delegates] [activity_copies]

The baseline is json.dumps of the same documents (already built) in the same run; the
publish figure is the whole command: read and validate the CSVs, render JSON, .ics and
gzip twins, write them, swap the release in, and write invites with QR codes.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from backend.build import build
from backend.publish import publish, render
from bench.synth import write_source
from services.models import encode

SECRET = b"bench-secret-0123456789abcdef"
T = TypeVar("T")


def timed(work: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def main() -> None:
    delegates = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    copies = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    base = Path(tempfile.mkdtemp(prefix="bench-publish-"))
    try:
        write_source(base / "source", delegates, copies)
        built, build_s = timed(lambda: build(base / "source"))
        assert not built.errors and built.mission is not None, built.errors[:3]
        mission = built.mission
        docs = [mission.model_dump(mode="json", exclude_none=True)]
        docs += [d.model_dump(mode="json", exclude_none=True) for d in built.delegates.values()]
        dumped, dumps_s = timed(
            lambda: [
                json.dumps(d, ensure_ascii=False, separators=(",", ":")).encode() for d in docs
            ]
        )
        _, encode_s = timed(lambda: [encode(d) for d in built.delegates.values()])
        files, render_s = timed(lambda: render(mission, built.delegates, SECRET))
        _, gzip_s = timed(
            lambda: [gzip.compress(d, compresslevel=9, mtime=0) for d in files.values()]
        )
        report, first_s = timed(
            lambda: publish(base / "source", base / "feed", SECRET, "https://feed.example.org/")
        )
        assert not report.errors
        again, same_s = timed(
            lambda: publish(base / "source", base / "feed", SECRET, "https://feed.example.org/")
        )
        assert not again.errors
        size = sum(len(d) for d in dumped)
        print(
            f"{delegates} delegates x {len(mission.activities)} activities, "
            f"{report.files} files, {size / 1e6:.1f} MB of JSON"
        )
        print(f"  json.dumps of the same documents   {dumps_s:7.2f} s   1.0x (baseline)")
        print(f"  encode (pydantic, same documents)  {encode_s:7.2f} s {encode_s / dumps_s:5.1f}x")
        print(f"  build: read + validate the CSVs    {build_s:7.2f} s {build_s / dumps_s:5.1f}x")
        print(f"  render JSON + .ics for everyone    {render_s:7.2f} s {render_s / dumps_s:5.1f}x")
        print(f"  gzip -9 of every file              {gzip_s:7.2f} s {gzip_s / dumps_s:5.1f}x")
        print(
            f"  first publish, whole command       {first_s:7.2f} s {first_s / dumps_s:5.1f}x"
            "   (goal <= 3x)"
        )
        print(
            f"  republish, same input              {same_s:7.2f} s {same_s / dumps_s:5.1f}x"
            "   (QR codes and release kept)"
        )
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
