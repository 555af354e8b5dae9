"""The memo behind the fast republish: it forgets exactly what changed, it never changes a byte,
and a republish never writes into a release that is already out."""

from __future__ import annotations

import errno
import gzip
import json
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable, Collection
from pathlib import Path

import pytest

from backend import layout, memo, render_workers
from backend.build import build
from backend.incremental import render_changed
from backend.layout import listing
from backend.objects import packing, place
from backend.publish import publish
from backend.release_files import delegate_files, shared_files
from backend.releases import history, releases_of
from backend.render_keys import ROOT, made_with
from backend.same_secret import kept_with
from backend.tokens import token_for
from services.atomic import write_atomically
from services.calendar import EventCache
from services.models import DelegateDoc, MissionDoc
from tests.backend.published import files_of, full_render, served
from tests.backend.servers import EXAMPLE, SECRET
from tests.backend.sources import bump, copy_example, edit, remove_maes

URL = "https://x/"


def _register(source: Path) -> None:
    with (source / "registrations.csv").open("a", encoding="utf-8") as f:
        f.write("d-maes,mon-lunch\n")


CHANGES: dict[str, Callable[[Path], None]] = {
    "delegate removed": remove_maes,
    "delegate row": lambda s: edit(s / "delegates.csv", "d-maes", name="Jeroen Maes-Peeters"),
    "registration": _register,
    "activity": lambda s: edit(s / "activities.csv", "mon-lunch", room_en="Garden Room"),
    "activity in French": lambda s: edit(s / "activities.csv", "wed-supply-chains", title_fr="X"),
    "venue": lambda s: edit(s / "venues.csv", "moscone-center", address="1 Howard St, SF"),
    "language": lambda s: edit(s / "delegates.csv", "d-maes", language="en"),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_republish_after_a_change_gives_full_render_bytes_and_keeps_the_old_release(
    tmp_path: Path, change: str
) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    first = out.resolve()
    before = files_of(first)
    CHANGES[change](source)
    bump(source, 2, "2025-10-02T08:00:00+02:00")  # as organisers do: stamps are carried over
    report = publish(source, out, SECRET, URL)
    assert not report.errors and out.resolve() != first
    assert served(out) == full_render(source, first, out)
    assert files_of(first) == before  # nothing was written through a link into the old release


def _lunch_for_everyone(source: Path) -> None:
    """A Dutch, a French and an English speaker at mon-lunch."""
    with (source / "registrations.csv").open("a", encoding="utf-8") as f:
        f.write("d-lambert,mon-lunch\nd-elamrani,mon-lunch\n")


def test_render_changed_text_in_one_language_renders_only_the_files_read_in_it(
    tmp_path: Path,
) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    _lunch_for_everyone(source)
    publish(source, out, SECRET, URL)
    previous = out.resolve()
    edit(source / "activities.csv", "mon-lunch", room_fr="Salle du Jardin")
    built = build(source)
    assert built.mission is not None

    def own(
        m: MissionDoc, i: str, d: DelegateDoc, s: bytes, c: EventCache, langs: Collection[str]
    ) -> dict[str, bytes]:
        return delegate_files(m, i, d, s, previous, c, langs)

    renderers = (lambda m: shared_files(m, URL), own)
    written = render_changed(renderers, built.mission, built.delegates, SECRET, previous, URL).files
    token = {i: token_for(i, SECRET) for i in ("demo", "d-lambert", "d-elamrani")}
    french = {
        f"delegates/{t}.{kind}" for t in [token["d-lambert"]] for kind in ("json", "ics", "html")
    }
    pages = {f"delegates/{t}.fr.html" for t in token.values()}
    assert {p for p in written if p.startswith("delegates/")} == pages | french


def test_republish_english_text_a_french_page_falls_back_to_renders_that_page_again(
    tmp_path: Path,
) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    _lunch_for_everyone(source)
    # the room only in English: French and Dutch readers see it too, marked as English
    edit(source / "activities.csv", "mon-lunch", room="", room_en="Terrace Room")
    publish(source, out, SECRET, URL)
    first = out.resolve()
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    publish(source, out, SECRET, URL)
    assert served(out) == full_render(source, first, out)


def test_republish_with_another_secret_renders_every_delegate_again(tmp_path: Path) -> None:
    source, out, other = copy_example(tmp_path), tmp_path / "feed", b"another-secret-0123456789"
    publish(source, out, SECRET, URL)
    first = out.resolve()
    report = publish(source, out, other, URL, force=True, new_secret=True)  # all links change
    built = build(source)
    assert built.mission is not None and report.preview is not None
    assert report.preview.delegates_added == len(built.delegates)
    assert served(out) == full_render(source, first, out, other)


@pytest.mark.parametrize("change", ["activity", "delegate row"])
def test_memo_changes_no_byte_and_no_preview(tmp_path: Path, change: str) -> None:
    """The same republish with the memo, and with it deleted (everything from the files)."""
    results = []
    for name in ("with", "without"):
        source, out = copy_example(tmp_path / name), tmp_path / name / "feed"
        publish(source, out, SECRET, URL)
        if name == "without":
            memo = releases_of(out) / f"{out.resolve().name}.memo.json"
            assert memo.exists()
            memo.unlink()
        CHANGES[change](source)
        bump(source, 2, "2025-10-02T08:00:00+02:00")
        check = publish(source, out, SECRET, URL, check=True)
        report = publish(source, out, SECRET, URL)
        results.append((check.preview, report.preview, report.written, served(out)))
    with_memo, without = results
    assert with_memo[0] is not None and with_memo[0].affected > 0
    assert with_memo == without  # previews, files written, served bytes


def test_a_new_translation_or_pocket_map_renders_everyone_again() -> None:
    """Reuse is keyed on what the files are made with, translations and maps included."""
    made = {path.relative_to(ROOT).as_posix() for path in made_with()}
    assert {"locales/nl/LC_MESSAGES/messages.po", "locales/fr/LC_MESSAGES/messages.po"} <= made
    assert "assets/maps/bay-area-pocket.png" in made and "services/pocket.py" in made


def _where(
    m: MissionDoc, i: str, d: DelegateDoc, s: bytes, c: EventCache, langs: Collection[str]
) -> dict[str, bytes]:
    return {f"delegates/{i}": str(os.getpid()).encode()}  # which process rendered `i`


def test_render_each_in_workers_renders_the_first_here_so_workers_start_warm(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built = build(EXAMPLE)
    assert built.mission is not None
    doc = next(iter(built.delegates.values()))
    many = {f"d{n:03}": doc for n in range(render_workers.PARALLEL_FROM + 5)}
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    rendered = render_workers.render_each(_where, built.mission, many, SECRET)
    where = {i: done.files[f"delegates/{i}"] for i, done in rendered.items()}
    here = str(os.getpid()).encode()
    assert sorted(where) == sorted(many)
    assert [i for i, pid in where.items() if pid == here] == ["d000"]  # the rest in workers


def test_render_each_in_workers_forks_once_what_runs_in_other_threads_is_done(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A fork copies only the thread that forks: the shared files' twins (made in a thread
    while delegates render) must be done before workers are forked."""
    built = build(EXAMPLE)
    assert built.mission is not None
    doc = next(iter(built.delegates.values()))
    many = {f"d{n:03}": doc for n in range(render_workers.PARALLEL_FROM + 5)}
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    order: list[str] = []
    real = multiprocessing.get_context

    def context(method: str) -> object:
        order.append("fork")
        return real(method)

    monkeypatch.setattr(multiprocessing, "get_context", context)
    twins = packing({"mission.json": b"{}"})

    def done() -> None:
        order.append("waited")
        twins()

    render_workers.render_each(_where, built.mission, many, SECRET, before_fork=done)
    assert order == ["waited", "fork"]


def test_twins_made_ahead_are_those_gzip_gives_and_go_out_as_they_are(tmp_path: Path) -> None:
    files = {"mission.json": b"{}" * 1000, "delegates/abc.html": b"<p>", "delegates/abc.json": b"1"}
    twins = packing(files)()
    assert sorted(twins) == ["delegates/abc.json", "mission.json"]  # as layout.twinned says
    assert all(twins[p] == gzip.compress(files[p], compresslevel=9, mtime=0) for p in twins)
    place(tmp_path / "mission.json", files["mission.json"], True, b"made ahead")
    assert (tmp_path / "mission.json.gz").read_bytes() == b"made ahead"


def _inodes(release: Path) -> dict[str, int]:
    """The file on disk behind each served path (.gz twins included)."""
    return {path: file.stat().st_ino for path, file in listing(release).items()}


def test_republish_one_activity_changes_the_files_of_everyone_registered_and_no_other(
    tmp_path: Path,
) -> None:
    """Never a stale file, and nothing else touched: each delegate registered for the activity
    gets new files, every other delegate's files stay the very same files."""
    source, out = copy_example(tmp_path), tmp_path / "feed"
    _lunch_for_everyone(source)
    edit(source / "activities.csv", "mon-lunch", room="", room_en="Terrace Room")  # seen by all
    publish(source, out, SECRET, URL)
    first = out.resolve()
    before, inodes = served(out), _inodes(first)
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    report = publish(source, out, SECRET, URL)
    after = served(out)
    assert after == full_render(source, first, out)
    built = build(source)
    registered = {i for i, doc in built.delegates.items() if "mon-lunch" in doc.registered}
    assert len(registered) >= 3
    tokens = {token_for(i, SECRET) for i in registered}
    # their document too: it carries the stamp of the files read in its language (stamps)
    showing = {p for p in after if layout.owner(p) in tokens}
    changed = {p for p, data in after.items() if before.get(p) != data}
    assert before.keys() == after.keys()
    assert {p for p in changed if layout.owner(p) is not None} == showing
    now = _inodes(out.resolve())
    kept = {p for p in now if layout.owner(p) not in (*tokens, None)}
    assert kept and {p: now[p] for p in kept} == {p: inodes[p] for p in kept}
    assert 0 < report.written <= len(changed) + sum(layout.twinned(p) for p in changed)


def test_render_each_a_worker_slowed_down_by_others_takes_fewer_delegates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a shared machine one worker may get half a core: the other takes over its share."""
    built = build(EXAMPLE)
    assert built.mission is not None
    doc = next(iter(built.delegates.values()))
    many = {f"d{n:03}": doc for n in range(render_workers.PARALLEL_FROM + 5)}
    slow = tmp_path / "slow"

    def render(
        m: MissionDoc, i: str, d: DelegateDoc, s: bytes, c: EventCache, langs: Collection[str]
    ) -> dict[str, bytes]:
        if i != "d000":  # the first is rendered here
            try:  # the first worker to render a delegate is the slow one
                os.close(os.open(slow, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
                slow.write_text(str(os.getpid()))
            except FileExistsError:
                pass
            while not slow.read_text():
                time.sleep(0.001)
            if slow.read_text() == str(os.getpid()):
                time.sleep(0.02)
        return _where(m, i, d, s, c, langs)

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    rendered = render_workers.render_each(render, built.mission, many, SECRET)
    assert list(rendered) == sorted(many)
    by_slow = [
        i for i, done in rendered.items() if done.files[f"delegates/{i}"] == slow.read_bytes()
    ]
    assert len(by_slow) < len(many) / 8


@pytest.mark.parametrize(
    "damage", ["cut short", "not JSON", "a list", "entries not objects", "files emptied"]
)
def test_a_damaged_memo_makes_every_file_again_and_the_republish_goes_out(
    tmp_path: Path, damage: str
) -> None:
    """A memo cut short by a full disk or a killed publish, or edited by hand, only costs the
    work it would have saved: the next publish renders every file and gives full-render bytes."""
    source, out = copy_example(tmp_path), tmp_path / "feed"
    first = publish(source, out, SECRET, URL).release
    assert first is not None
    memo = first.parent / f"{first.name}.memo.json"
    text = memo.read_text("utf-8")
    memo.write_text(
        {
            "cut short": text[: len(text) // 2],
            "not JSON": "\x00\x01",
            "a list": "[1, 2]",
            "entries not objects": '{"d-maes": "key"}',
            "files emptied": json.dumps(
                {k: {**v, "files": {}} if k == "demo" else v for k, v in json.loads(text).items()}
            ),
        }[damage],
        "utf-8",
    )
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    report = publish(source, out, SECRET, URL)
    assert not report.errors and report.release is not None
    assert served(out) == full_render(source, first, out)


def test_the_memo_kept_for_the_next_publish_is_the_one_on_disk(tmp_path: Path) -> None:
    """The memo a publish keeps in memory for the next one reads as the file it wrote."""
    source, out = copy_example(tmp_path), tmp_path / "feed"
    release = publish(source, out, SECRET, URL).release
    assert release is not None
    kept = memo.load_memo(release)
    memo._KEPT.clear()
    assert memo.load_memo(release) == kept and kept
    assert not list(release.parent.glob(".*memo*"))  # written whole, under its own name


def test_files_gone_from_the_live_release_are_made_again(tmp_path: Path) -> None:
    """The memo's files are reused only while they are there: a delegate's object removed by
    hand, or a shared file, is made again by the next publish."""
    source, out = copy_example(tmp_path), tmp_path / "feed"
    first = publish(source, out, SECRET, URL).release
    assert first is not None
    token = token_for("demo", SECRET)
    link = first / layout.DELEGATES / token
    shutil.rmtree(link.resolve())  # the object the link points at
    (first / "schedule.xml").unlink()
    edit(source / "delegates.csv", "d-maes", name="Jeroen Maes-Peeters")  # not demo, no shared
    report = publish(source, out, SECRET, URL)  # would link what is gone, and stop
    assert report.release is not None and served(out) == full_render(source, first, out)
    again = memo.present(report.release, memo.load_memo(report.release))
    assert again.holds({f"delegates/{token}.json": ""}) and again.holds({"schedule.xml": ""})
    assert not again.holds({"delegates/nobody.json": ""}) and not again.holds({"gone.xml": ""})


def test_a_memo_the_full_disk_refused_costs_the_next_publish_work_not_this_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The memo is written once the release is live: a disk full by then leaves the release
    live and the invites written, and the next publish makes every file again. Only the
    secret's fingerprint, sealed in before the release went out, is in it."""
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    memos: list[Path] = []

    def full(path: Path, data: bytes) -> None:
        memos.append(path)
        if len(memos) > 1:  # the seal went in; the disk is full by the memo
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        write_atomically(path, data)

    monkeypatch.setattr(memo, "write_atomically", full)
    report = publish(source, out, SECRET, URL)
    monkeypatch.undo()
    assert report.release is not None and out.resolve() == report.release
    assert report.invites is not None and (report.invites / "invites.csv").is_file()
    assert memo.load_memo(report.release) == kept_with(SECRET)
    edit(source / "activities.csv", "mon-lunch", room_en="Terrace Room")
    publish(source, out, SECRET, URL)
    assert served(out) == full_render(source, report.release, out)


def test_a_disk_full_before_the_secret_is_sealed_in_publishes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A release that cannot name its secret must not go out: it would take a publish with
    any other secret, and every delegate's link would break."""
    source, out = copy_example(tmp_path), tmp_path / "feed"
    first = publish(source, out, SECRET, URL).release
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(memo, "write_atomically", full)
    with pytest.raises(OSError):
        publish(source, out, SECRET, URL)
    monkeypatch.undo()
    assert out.resolve() == first and [e.revision for e in history(out)] == [1]
