"""A publish always goes out under a revision phones take: organisers who forget to raise it in
the mission sheet, or publish after a rollback, are numbered on; a publish that changes nothing
keeps the live revision and bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backend.build import build
from backend.publish import publish
from backend.release_files import render
from backend.releases import Entry, history, releases_of, write_release
from backend.rollback import rollback
from backend.tokens import token_for
from backend.wording import describe
from tests.backend.published import NOW, URL, english_plural, lunch_moved, served, shown
from tests.backend.servers import SECRET, backend_server
from tests.backend.sources import bump, copy_example, edit
from tests.services.sync_servers import make


async def test_publish_change_without_a_new_revision_goes_out_as_the_next_and_phones_see_it(
    tmp_path: Path,
) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    code = token_for("demo", SECRET)
    with backend_server(out) as url:
        async with make(tmp_path / "phone", url) as (sync, _transport, _clock):
            assert (await sync.sync(code)).status == "updated"
            edit(source / "activities.csv", "mon-lunch", room_nl="Tuinzaal")  # sheet still says 1
            check = publish(source, out, SECRET, URL, check=True, now=NOW)
            report = publish(source, out, SECRET, URL, now=NOW)
            again = await sync.sync(code)
    assert shown(out) == (2, "2025-10-06T15:30:00Z")
    assert (again.status, again.changes) == ("updated", 1)  # marked as new on the phone
    assert check.preview is not None and report.preview is not None
    lines = describe(check.preview, str, english_plural)
    assert lines[-1] == (
        "Revision 1 in the mission sheet is not above 1, the highest published: "
        "this publish goes out as revision 2, so that phones take it."
    )
    assert lines == describe(report.preview, str, english_plural)


async def test_publish_after_rollback_goes_out_above_the_rollback(tmp_path: Path) -> None:
    source, out = lunch_moved(tmp_path)
    code = token_for("demo", SECRET)
    with backend_server(out) as url:
        async with make(tmp_path / "phone", url) as (sync, _transport, _clock):
            rollback(out)  # revision 3
            assert (await sync.sync(code)).status == "updated"
            edit(source / "activities.csv", "mon-lunch", room_en="Rose Room")  # the sheet says 2
            publish(source, out, SECRET, URL, now=NOW)
            assert (await sync.sync(code)).status == "updated"  # not refused as older
    assert shown(out)[0] == 4


def test_publish_same_sheet_again_keeps_the_live_revision_and_every_byte(tmp_path: Path) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    before = served(out)
    report = publish(source, out, SECRET, URL, now=NOW)
    assert served(out) == before and report.written == 0
    assert report.preview is not None and report.preview.renumbered is None


def test_publish_same_content_after_rollback_keeps_the_rollbacks_revision(tmp_path: Path) -> None:
    source, out = lunch_moved(tmp_path)
    rollback(out)
    edit(source / "activities.csv", "mon-lunch", room_en="")  # the sheet is back as it was
    bump(source, 1)
    before = served(out)
    report = publish(source, out, SECRET, URL, now=NOW)
    assert served(out) == before  # the schedule exports too: the rollback gave them its version
    assert report.preview is not None and report.preview.renumbered == (1, 3, 3)
    assert describe(report.preview, str, english_plural)[-1] == (
        "Revision 1 in the mission sheet: nothing changed, so revision 3 stays."
    )


def test_publish_sheet_revision_above_the_live_one_goes_out_as_the_sheet_says(
    tmp_path: Path,
) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    edit(source / "activities.csv", "mon-lunch", room_nl="Tuinzaal")
    bump(source, 7, "2025-10-02T08:00:00+02:00")
    report = publish(source, out, SECRET, URL, now=NOW)
    assert shown(out) == (7, "2025-10-02T08:00:00+02:00")
    assert report.preview is not None and report.preview.renumbered is None


def test_publish_new_revision_but_old_time_in_sheet_is_dated_now_only_when_renumbered(
    tmp_path: Path,
) -> None:
    """A sheet that raised the revision keeps its time; one that did not is dated now, unless
    its time is later than the live one's."""
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    edit(source / "activities.csv", "mon-lunch", room_nl="Tuinzaal")
    bump(source, 1, "2025-10-03T08:00:00+02:00")
    publish(source, out, SECRET, URL, now=NOW)
    assert shown(out) == (2, "2025-10-03T08:00:00+02:00")


def publish_as_before_numbering(source: Path, out: Path) -> None:
    """A release as publishers before backend.numbering made it: under the sheet's revision,
    even when a rollback had gone out above it."""
    built = build(source)
    assert built.mission is not None
    files = render(built.mission, built.delegates, SECRET, out.resolve(), URL)
    mission = built.mission
    entry = Entry("", mission.revision, mission.published_at.isoformat(), "-", 1, 1)
    write_release(out, files, entry)


async def test_publish_same_sheet_over_a_live_revision_below_a_rollback_goes_out_above_it(
    tmp_path: Path,
) -> None:
    """Phones took the rollback (3); an older publisher then put revision 2 live, which they
    refuse. The same sheet again changes nothing live, but must go out as 4 to reach them."""
    source, out = lunch_moved(tmp_path)
    code = token_for("demo", SECRET)
    with backend_server(out) as url:
        async with make(tmp_path / "phone", url) as (sync, _transport, _clock):
            rollback(out)
            assert (await sync.sync(code)).status == "updated"
            publish_as_before_numbering(source, out)
            assert (await sync.sync(code)).status == "older"
            report = publish(source, out, SECRET, URL, now=NOW)
            again = await sync.sync(code)
    assert shown(out)[0] == 4 and again.status == "updated", again
    assert report.preview is not None and report.preview.renumbered == (2, 3, 4)


def damage_history(out: Path) -> None:
    """A publish killed while it appended its line to the history (or a hand edit)."""
    with (releases_of(out) / "history.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"release": "0123", "revision": "x"}\n["not", "an", "entry"]\n{"release": "ab')


def test_publish_after_damaged_history_lines_goes_out_above_every_readable_revision(
    tmp_path: Path,
) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    bump(source, 5)
    publish(source, out, SECRET, URL)
    damage_history(out)
    edit(source / "activities.csv", "mon-lunch", room_en="Rose Room")  # the sheet says 5
    publish(source, out, SECRET, URL, now=NOW)
    edit(source / "activities.csv", "mon-lunch", room_en="Tulip Room")
    publish(source, out, SECRET, URL, now=NOW)
    assert shown(out)[0] == 7
    assert [e.revision for e in history(out)] == [1, 5, 6, 7]  # the line after the cut is kept


@pytest.mark.parametrize(
    "damage",
    [
        {"published_at": "2025-10-02T08:00:00"},  # no zone
        {"revision": "five"},
        {"published_at": None},
    ],
)
def test_publish_over_a_live_mission_damaged_by_hand_goes_out_above_the_history(
    tmp_path: Path, damage: dict[str, object]
) -> None:
    source, out = lunch_moved(tmp_path)
    files = served(out)
    files["mission.json"] = json.dumps({**json.loads(files["mission.json"]), **damage}).encode()
    write_release(out, files, None, base=out.resolve())
    edit(source / "activities.csv", "mon-lunch", room_en="Rose Room")  # the sheet says 2
    report = publish(source, out, SECRET, URL, now=NOW)
    assert shown(out) == (3, "2025-10-06T15:30:00Z")
    assert report.preview is not None and report.preview.renumbered == (2, 2, 3)


def test_publish_renumbered_after_a_release_dated_in_the_future_is_never_dated_before_it(
    tmp_path: Path,
) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    bump(source, 1, "2025-10-09T08:00:00+02:00")  # typed ahead of time by the organisers
    publish(source, out, SECRET, URL)
    edit(source / "activities.csv", "mon-lunch", room_nl="Tuinzaal")
    publish(source, out, SECRET, URL, now=NOW)  # NOW is 6 October
    assert shown(out) == (2, "2025-10-09T08:00:00+02:00")
