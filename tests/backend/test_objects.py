"""Delegates' files stored once by content: one symlink per delegate in a release, objects that
are complete before anything points at them, and none kept that no release needs."""

from __future__ import annotations

import gzip
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
import pytest

from backend import layout, pruning, releases
from backend.objects import STALE, collect, put, referenced
from backend.publish import publish
from backend.releases import live, releases_of
from backend.rollback import rollback
from backend.tokens import token_for
from tests.backend.published import full_render, served
from tests.backend.servers import ROOT, SECRET, backend_server, nginx_server
from tests.backend.sources import copy_example, edit

URL = "https://x/"


def links(release: Path) -> dict[str, str]:
    """Each delegate's link: the release's own (changed/), else its base's."""
    found = {}
    for folder in ("delegates", "changed"):
        with os.scandir(release / folder) as entries:
            found.update({e.name: os.readlink(e.path) for e in entries})
    return found


def test_a_release_is_one_relative_symlink_per_delegate_into_complete_objects(
    tmp_path: Path,
) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    report = publish(source, out, SECRET, URL)
    found = links(out.resolve())
    ids = {token_for(i, SECRET): i for i in report.docs}
    assert set(found) == set(ids)
    for token, target in found.items():
        assert target.startswith("../../objects/") and len(target.rpartition("/")[2]) == 32
        names = set(os.listdir(out / "delegates" / token))
        plain = {n for n in names if not n.endswith(".gz")}
        assert f"{token}.json" in plain and names == plain | {f"{token}.json.gz"}
        own = f"{token}.{report.docs[ids[token]].delegate.language}.html"
        same = [out / "delegates" / token / n for n in (own, f"{token}.html")]
        assert same[0].stat().st_ino == same[1].stat().st_ino  # the page in two names
    assert referenced(out.resolve()) == {t.rpartition("/")[2] for t in found.values()}
    store = releases_of(out) / "objects"
    assert not [n for n in os.listdir(store) if n.startswith(".")]  # no temporary left


def test_a_changed_delegate_gets_a_new_object_that_links_what_stayed_the_same(
    tmp_path: Path,
) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    first = out.resolve()
    edit(source / "activities.csv", "mon-lunch", room_nl="Tuinzaal")  # only demo attends
    publish(source, out, SECRET, URL)
    before, after = links(first), links(out.resolve())
    demo = token_for("demo", SECRET)
    assert {t for t in after if after[t] != before[t]} == {demo}
    english = f"delegates/{demo}.en.html"  # demo reads Dutch: the English page stays
    assert layout.where(first, english).stat().st_ino == layout.where(out, english).stat().st_ino
    calendar = f"delegates/{demo}.ics"
    assert layout.read(first, calendar) != layout.read(out, calendar)


def test_an_object_is_complete_or_absent(tmp_path: Path) -> None:
    store, live = tmp_path / "objects", tmp_path / "live.json"
    live.write_bytes(b"{}")
    (tmp_path / "live.json.gz").write_bytes(b"gz")
    with pytest.raises(FileNotFoundError):  # the second file's live copy is gone
        put(store, "f" * 32, {"a.json": live, "b.json": tmp_path / "gone.json"})
    assert os.listdir(store) == []
    assert put(store, "e" * 32, {"a.json": live, "b.ics": b"BEGIN"}) == 1
    assert sorted(os.listdir(store / ("e" * 32))) == ["a.json", "a.json.gz", "b.ics"]
    assert put(store, "e" * 32, {"c.json": b"other"}) == 0  # there already: never changed


def test_an_object_linked_from_an_earlier_rule_gets_exactly_this_rules_twins(
    tmp_path: Path,
) -> None:
    """Live files from a release that twinned its pages but (say) not a document: the new
    object links the page without its twin and writes the document's."""
    store, page, doc = tmp_path / "objects", tmp_path / "x.html", tmp_path / "x.json"
    page.write_bytes(b"<!DOCTYPE html>")
    (tmp_path / "x.html.gz").write_bytes(gzip.compress(b"<!DOCTYPE html>"))
    doc.write_bytes(b'{"a": 1}')
    assert put(store, "c" * 32, {"a.html": page, "a.json": doc}) == 1  # the document's twin
    made = store / ("c" * 32)
    assert sorted(os.listdir(made)) == ["a.html", "a.json", "a.json.gz"]
    assert gzip.decompress((made / "a.json.gz").read_bytes()) == b'{"a": 1}'
    assert (made / "a.html").stat().st_ino == page.stat().st_ino


WRITER = """
import os, sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from backend.objects import put
files = {f"{n}.json": os.urandom(20_000) for n in range(300)}
print("ready", flush=True)
put(Path(sys.argv[1]), sys.argv[2], files)
"""


def test_an_object_killed_while_written_is_never_there_in_part(tmp_path: Path) -> None:
    """SIGKILLed at a random moment: no object, or the whole object."""
    store, rng = tmp_path / "objects", random.Random(13)
    for attempt in range(4):
        digest = f"{attempt:032d}"
        command = [sys.executable, "-c", WRITER, str(store), digest]
        child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE)
        assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.01, 0.1))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        if (store / digest).exists():
            assert len(os.listdir(store / digest)) == 600
    assert any(n.startswith(".tmp-") for n in os.listdir(store)), "never killed mid-object"


def test_objects_no_kept_release_points_at_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pruning, "KEEP_RELEASES", 2)
    source, out = copy_example(tmp_path), tmp_path / "feed"
    store = releases_of(out) / "objects"
    publish(source, out, SECRET, URL)
    first = referenced(out.resolve())
    for room in ("Tuinzaal", "Rozenzaal"):
        edit(source / "activities.csv", "mon-lunch", room_nl=room)
        publish(source, out, SECRET, URL)
    kept = pruning.kept(releases_of(out))
    assert len(kept) == 2
    needed = {t.rpartition("/")[2] for r in kept for t in links(r).values()}
    assert set(os.listdir(store)) == needed and first - needed
    rollback(out)
    assert b"Tuinzaal" in layout.read(out, f"delegates/{token_for('demo', SECRET)}.ics")


def test_a_crashed_publish_leftover_goes_only_once_it_is_old(tmp_path: Path) -> None:
    store = tmp_path / "objects"
    old, fresh = store / ".tmp-old", store / ".tmp-fresh"
    for folder in (old, fresh):
        folder.mkdir(parents=True)
    then = time.time() - STALE - 60
    os.utime(old, (then, then))
    assert collect(store, []) == 1
    assert os.listdir(store) == [".tmp-fresh"]


def test_objects_collect_stopped_halfway_leaves_no_half_object_to_reuse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, digest = tmp_path / "objects", "d" * 32
    files: dict[str, bytes | Path] = {"a.json": b"{}", "a.ics": b"BEGIN"}
    put(store, digest, files)

    def killed(path: str | Path, ignore_errors: bool = False) -> None:
        os.unlink(sorted(Path(path).iterdir())[0])  # the process dies after one file
        raise KeyboardInterrupt

    monkeypatch.setattr(shutil, "rmtree", killed)
    with pytest.raises(KeyboardInterrupt):
        collect(store, [])
    monkeypatch.undo()
    put(store, digest, files)  # the same delegate's files again, e.g. a room changed back
    assert sorted(os.listdir(store / digest)) == ["a.ics", "a.json", "a.json.gz"]
    assert collect(store, []) == 2 and os.listdir(store) == []  # the half one went too


def flatten(release: Path) -> None:
    """The layout of releases made before objects: every file straight in delegates/."""
    files = {p: f.read_bytes() for p, f in layout.listing(release).items()}
    (release / "delegates").unlink()
    shutil.rmtree(release / "changed")
    (release / "delegates").mkdir()
    for path, data in files.items():
        (release / path).write_bytes(data)


@pytest.mark.parametrize("server", [backend_server, nginx_server])
def test_a_release_made_before_objects_is_served_and_republished(
    tmp_path: Path, server: Callable[[Path], AbstractContextManager[str]]
) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    flatten(out.resolve())
    demo = token_for("demo", SECRET)
    with server(out) as url:
        for suffix in ("json", "fr.html"):
            reply = httpx.get(
                f"{url}delegates/{demo}.{suffix}", headers={"Accept-Encoding": "gzip"}
            )
            assert reply.status_code == 200 and reply.headers["content-encoding"] == "gzip"
            assert reply.content == layout.read(out, f"delegates/{demo}.{suffix}")
    edit(source / "activities.csv", "mon-lunch", room_nl="Tuinzaal")
    first = out.resolve()
    publish(source, out, SECRET, URL)
    assert served(out) == full_render(source, first, out) and links(out.resolve())


def test_releases_prune_stopped_halfway_leaves_no_half_release_to_roll_back_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pruning, "KEEP_RELEASES", 2)
    out = tmp_path / "current"
    folder = releases.releases_of(out)

    def publish_number(n: int) -> Path:
        files = {"mission.json": b'{"n": %d}' % n, "schedule.json": b"[%d]" % n}
        entry = releases.Entry("", n, "2025-10-01T00:00:00+00:00", "now", 1, 0)
        return releases.write_release(out, files, entry)[0]

    first, second = publish_number(1), publish_number(2)
    stale = folder / ".staging-999999-dead"  # a publish killed an hour ago
    stale.mkdir()
    os.utime(stale, (time.time() - 7200, time.time() - 7200))

    real_rmtree = shutil.rmtree

    def killed_in_prune(path: str | Path, ignore_errors: bool = False) -> None:
        if not Path(path).name.startswith(".gone-"):
            return real_rmtree(path, ignore_errors=ignore_errors)
        (Path(path) / "mission.json").unlink()  # the process dies after one file
        raise KeyboardInterrupt

    monkeypatch.setattr(shutil, "rmtree", killed_in_prune)
    with pytest.raises(KeyboardInterrupt):
        publish_number(3)  # its prune of the first release is stopped halfway
    monkeypatch.setattr(shutil, "rmtree", real_rmtree)
    assert not first.exists()  # not under its name: no rollback can pick half of it
    assert pruning.kept(folder) == [second, live(out)]
    publish_number(4)
    assert not [p.name for p in folder.iterdir() if p.name.startswith((".gone-", ".staging-"))]


def raw_gzip(url: str) -> bytes:
    """The body as sent, asking for gzip (httpx would inflate it)."""
    with (
        httpx.Client(headers={"Accept-Encoding": "gzip"}) as client,
        client.stream("GET", url) as reply,
    ):
        assert reply.status_code == 200 and reply.headers["content-encoding"] == "gzip"
        return b"".join(reply.iter_raw())


@pytest.mark.parametrize("server", [backend_server, nginx_server])
def test_a_release_with_twins_of_pages_and_calendars_serves_them_and_rolls_back(
    tmp_path: Path, server: Callable[[Path], AbstractContextManager[str]]
) -> None:
    """Releases published when pages and calendars still had twins are kept for rollback."""
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    demo = token_for("demo", SECRET)
    twins = {}
    for suffix in ("ics", "fr.html"):
        page = layout.where(out, f"delegates/{demo}.{suffix}")
        twins[suffix] = gzip.compress(page.read_bytes(), compresslevel=1, mtime=0)  # not -5/-6
        page.with_name(page.name + ".gz").write_bytes(twins[suffix])
    before = layout.read(out, f"delegates/{demo}.ics")
    with server(out) as url:
        for suffix, twin in twins.items():
            assert raw_gzip(f"{url}delegates/{demo}.{suffix}") == twin
        edit(source / "activities.csv", "mon-lunch", room_nl="Tuinzaal")
        publish(source, out, SECRET, URL)
        calendar = layout.where(out, f"delegates/{demo}.ics")
        assert not calendar.with_name(calendar.name + ".gz").exists()  # the base still has one
        sent = gzip.decompress(raw_gzip(f"{url}delegates/{demo}.ics"))
        assert sent == calendar.read_bytes() != before
        assert b"Tuinzaal" in sent
        rollback(out)  # the calendar is made again: the lunch goes back with a higher SEQUENCE
        back = gzip.decompress(raw_gzip(f"{url}delegates/{demo}.ics"))
        assert back == layout.read(out, f"delegates/{demo}.ics") and b"Tuinzaal" not in back
        french = gzip.decompress(raw_gzip(f"{url}delegates/{demo}.fr.html"))
        assert french == layout.read(out, f"delegates/{demo}.fr.html")  # named the new revision
