"""The feed's lock: two publishes (or a publish and a rollback) at once, from the console and
the command line, go out one after the other, the second built on the first."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from backend.commands import ROOT
from backend.publish import publish
from backend.releases import history, live, releases_of
from backend.rollback import rollback
from backend.staging import locked
from tests.backend.locks import waiting
from tests.backend.published import consistent, lunch_moved, mission
from tests.backend.servers import SECRET
from tests.backend.sources import bump, copy_example, edit

URL = "https://x/"
PATIENCE = 300  # seconds a job may take to reach the lock (a shared, loaded machine)


def at_once(out: Path, *jobs: Callable[[], object]) -> list[object]:
    """Run `jobs` in threads that all reach the feed's lock while it is held, then let them go:
    whatever each read before it waited, it read at the same time as the others."""
    results: list[object] = [None] * len(jobs)

    def run(i: int) -> None:
        try:
            results[i] = jobs[i]()
        except Exception as exc:  # reported below, with the job
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(len(jobs))]
    with locked(releases_of(out)):
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + PATIENCE
        while waiting(releases_of(out) / ".lock") < len(jobs):
            assert time.monotonic() < deadline, "the jobs never waited for the lock"
            assert all(t.is_alive() for t in threads), f"a job ended without the lock: {results}"
            time.sleep(0.02)
    for thread in threads:
        thread.join(PATIENCE)
        assert not thread.is_alive(), "a job is still waiting"
    assert not [r for r in results if isinstance(r, Exception)], results
    return results


def lunch_room(out: Path) -> str:
    activities = mission(out)["activities"]
    assert isinstance(activities, list)
    lunch = next(a for a in activities if a["id"] == "mon-lunch")
    return str(lunch.get("room", {}).get("en", ""))


def test_publish_two_at_once_second_waits_and_goes_out_above_the_first(tmp_path: Path) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    moved = tmp_path / "moved"
    shutil.copytree(source, moved)
    edit(moved / "activities.csv", "mon-lunch", room_en="Garden Room")  # the sheet still says 1
    again = tmp_path / "again"
    shutil.copytree(moved, again)
    edit(again / "activities.csv", "mon-lunch", room_en="Rose Room")  # one change between
    reports = at_once(
        out, lambda: publish(moved, out, SECRET, URL), lambda: publish(again, out, SECRET, URL)
    )
    lines = history(out)
    assert [e.revision for e in lines] == [1, 2, 3]
    assert all(getattr(r, "release", None) is not None for r in reports)
    last = [moved, again][[getattr(r, "release", None) for r in reports].index(live(out))]
    assert lunch_room(out) == ("Garden Room" if last == moved else "Rose Room")
    assert mission(out)["revision"] == 3 and consistent(out)


def test_rollback_and_publish_at_once_go_out_one_above_the_other(tmp_path: Path) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    bump(source, 2)
    publish(source, out, SECRET, URL)
    edit(source / "activities.csv", "mon-lunch", room_en="Rose Room")  # the sheet still says 2
    at_once(out, lambda: rollback(out), lambda: publish(source, out, SECRET, URL))
    lines = history(out)
    assert [e.revision for e in lines] == [1, 2, 3, 4]
    assert mission(out)["revision"] == 4 and consistent(out)


def test_cli_rollback_behind_another_publish_says_it_waits_then_goes_out(tmp_path: Path) -> None:
    _, out = lunch_moved(tmp_path)  # revisions 1 and 2
    command = [sys.executable, "-m", "backend", "rollback", str(out)]
    with locked(releases_of(out)):
        job = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + PATIENCE
            while waiting(releases_of(out) / ".lock") < 1:
                assert time.monotonic() < deadline and job.poll() is None, "it never waited"
                time.sleep(0.02)
        except BaseException:
            job.kill()
            raise
    _, err = job.communicate(timeout=PATIENCE)
    assert job.returncode == 0, err
    assert f"of {out} is going out: waiting for it to finish".encode() in err  # not silent
    assert [e.revision for e in history(out)] == [1, 2, 3] and consistent(out)
