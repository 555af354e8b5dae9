"""Publishing a synthetic mission of 5,000 delegates x 860 activities, four ways, each against
writing the same output bytes plainly (json.dumps + gzip + write) in the same run.

    python -m bench.publish [delegates] [activity_copies]

1. first publish: read and validate the CSVs, render JSON, .ics and pages, gzip twins (shared
   files and each delegate's .json: `backend.layout.twinned`), swap the release in, invites
   with one QR code per delegate;
2. republish with no change;
3. republish after one activity changed (its room), the sheet's revision left as it was: it
   goes out as the next revision all the same (backend.numbering);
4. the same after the organisers bumped `revision` and `published_at` as the README asks: a
   delegate's files keep the revision and time of the publish where they last changed
   (backend.stamps), so only the files the change touches are made again under the new ones;
5. one more change, published from the command line in a new process (bench.publish_cli): 1-4
   call publish() again in this process, as the console does, with everything it keeps warm.
The plain baseline writes exactly the files that publish actually wrote (all of them for the
first publish, the changed ones after one change). The run also renders the files the one
change touched from their documents alone (`rendered_alone`): that and their plain write is
the least any publish that renders them again can take.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

from backend.build import build
from backend.layout import listing, owner, twinned
from backend.publish import Report, publish
from backend.release_files import delegate_files, shared_files
from backend.render_keys import read_in
from backend.tokens import token_for
from bench.publish_cli import cli_publish, import_only
from bench.synth import write_source
from services.calendar import EventCache
from services.pocket_parts import PocketParts
from tests.backend.sources import edit

SECRET = b"bench-secret-0123456789abcdef"
URL = "https://feed.example.org/"
T = TypeVar("T")


def timed(work: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def cpu() -> float:
    """CPU seconds of this process and of its finished workers: on a shared machine the wall
    clock also counts what the others run."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def served(release: Path) -> dict[str, bytes]:
    """Every served file (twins aside) by its URL path."""
    return {path: p.read_bytes() for path, p in listing(release).items() if p.suffix != ".gz"}


def plain_write(files: dict[str, bytes], target: Path) -> float:
    """json.dumps of each document (parsed beforehand) or the bytes as they are, then the file
    and, where publish makes one (`twinned`, the same rule), a gzip -9 twin written: the least
    any publisher has to do for these files. Like publish, a delegate's page under two names
    (`<token>.html`, `<token>.<lang>.html`) is written once and linked."""
    documents = {p: json.loads(d) for p, d in files.items() if p.endswith(".json")}
    start = time.perf_counter()
    first: dict[tuple[str | None, bytes], Path] = {}
    for path, data in files.items():
        if path in documents:
            data = json.dumps(documents[path], ensure_ascii=False, separators=(",", ":")).encode()
        out, twin = target / path, twinned(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        same = first.setdefault((owner(path), data), out)
        if same != out:
            os.link(same, out)
            if twin:
                os.link(same.with_name(same.name + ".gz"), out.with_name(out.name + ".gz"))
            continue
        out.write_bytes(data)
        if twin:
            packed = gzip.compress(data, compresslevel=9, mtime=0)
            out.with_name(out.name + ".gz").write_bytes(packed)
    return time.perf_counter() - start


def bump(mission_csv: Path) -> None:
    """What organisers may do before a publish (backend.numbering): revision + 1, a later time."""
    with mission_csv.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    for row in rows:
        if row[0] == "revision":
            row[1] = str(int(row[1]) + 1)
        elif row[0] == "published_at":
            row[1] = (datetime.fromisoformat(row[1]) + timedelta(hours=1)).isoformat()
    with mission_csv.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> dict[str, bytes]:
    return {p: d for p, d in after.items() if before.get(p) != d}


def rendered_alone(source: Path, delta: dict[str, bytes]) -> float:
    """Seconds to render the files in `delta` from their documents, in this process, and
    nothing else: no table read, no comparison with the live release, no release made, no
    byte written. That plus the plain write of the same files is the least any publish that
    renders them again can take."""
    built = build(source)
    assert built.mission is not None, built.errors[:3]
    mission, tokens = built.mission, {owner(path) for path in delta}
    wanted = {token_for(i, SECRET): i for i in built.delegates}
    start = time.perf_counter()
    parts, events = PocketParts(), EventCache()
    if None in tokens:
        shared_files(mission, URL)
    for token in sorted(t for t in tokens if t is not None):
        doc = built.delegates[wanted[token]]
        own = doc.delegate.language
        langs = {read_in(path, own) for path in delta if owner(path) == token}
        delegate_files(mission, wanted[token], doc, SECRET, None, events, langs, parts)
    return time.perf_counter() - start


def run(base: Path, delegates: int, copies: int) -> None:
    source, out = base / "source", base / "feed"
    write_source(source, delegates, copies)
    load_at_start = _load()  # the machine is shared: figures mean little without it

    def go() -> Report:
        report = publish(source, out, SECRET, URL)
        assert not report.errors and not report.refusal, report.errors[:3]
        return report

    start = cpu()
    first, first_s = timed(go)
    first_cpu = cpu() - start
    files_1 = served(out.resolve())
    plain_1 = plain_write(files_1, base / "plain-1")
    start = cpu()
    same, same_s = timed(go)
    same_cpu = cpu() - start
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    start = cpu()
    one, one_s = timed(go)
    one_cpu = cpu() - start
    files_3 = served(out.resolve())
    delta = changed(files_1, files_3)
    plain_3 = plain_write(delta, base / "plain-3")
    alone_3 = rendered_alone(source, delta)
    bump(source / "mission.csv")  # the organisers' real republish: one change, revision bumped
    edit(source / "activities.csv", "mon-lunch", room_en="Terrace Room")
    bumped, bumped_s = timed(go)
    files_4 = served(out.resolve())
    plain_4 = plain_write(changed(files_3, files_4), base / "plain-4")
    edit(source / "activities.csv", "mon-lunch", room_en="Patio Room")
    cli_s, started = cli_publish(source, out, SECRET, URL), import_only()
    plain_5 = plain_write(changed(files_4, served(out.resolve())), base / "plain-5")
    size = sum(len(d) for d in files_1.values())
    print(
        f"{delegates} delegates x {first.preview.activities if first.preview else '?'} "
        f"activities: {first.files} files, {size / 1e6:.1f} MB before gzip "
        f"(load average {load_at_start} at the start, {_load()} at the end)"
    )
    print(f"  {'':44}{'publish':>9}{'plain':>9}{'ratio':>8}")
    rows = [
        ("first publish (goal <= 15 s)", first_s, plain_1, first.written),
        ("republish, no change", same_s, 0.0, same.written),
        ("republish, one activity changed (<= 3 s, <= 2x)", one_s, plain_3, one.written),
        ("  another, revision raised in the sheet", bumped_s, plain_4, bumped.written),
    ]

    for label, seconds, plain, written in rows:
        ratio = f"{seconds / plain:7.1f}x" if plain else "      -"
        print(f"  {label:44}{seconds:8.2f}s{plain:8.2f}s{ratio}   {written} files written")
    label = "  another, from the command line"
    print(f"  {label:44}{cli_s:8.2f}s{plain_5:8.2f}s{cli_s / plain_5:7.1f}x", end="")
    print(f"   of which {started:.2f} s to start Python and import the command line")
    print(
        f"  CPU, publish and its workers: first {first_cpu:.1f} s, no change {same_cpu:.1f} s, "
        f"one change {one_cpu:.1f} s"
    )
    twins = sum(twinned(path) for path in delta)
    print(f"  files changed by the one edit: {len(delta)} (+ {twins} .gz twins)")
    print(
        f"  those files rendered alone from their documents (nothing read, compared or"
        f" released): {alone_3:.2f} s; with their plain write {(alone_3 + plain_3):.2f} s,"
        f" {(alone_3 + plain_3) / plain_3:.1f}x the plain write: the least a publish that"
        " renders them takes"
    )


def _load() -> str:
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def main() -> None:
    delegates = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    copies = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    base = Path(tempfile.mkdtemp(prefix="bench-publish-"))
    try:
        run(base, delegates, copies)
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
