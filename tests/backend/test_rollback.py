"""Rollback over a live mission damaged by hand or by the disk, and the schedule exports of a
rolled-back release."""

from __future__ import annotations

import gzip
import json
import shutil
from argparse import Namespace
from pathlib import Path

import pytest

from backend import layout
from backend.calendars import personal_calendar
from backend.commands import cmd_releases, cmd_rollback
from backend.publish import publish
from backend.releases import history, releases_of
from backend.rollback import Damaged, previous, rollback
from backend.schedule_export import schedule_files
from services.calendar import EventCache
from services.models import DelegateDoc, MissionDoc
from tests.backend.published import DAMAGED, URL, damage, lunch_moved, mission
from tests.backend.servers import SECRET
from tests.backend.sources import bump, copy_example, edit


@pytest.mark.parametrize("data", DAMAGED)
def test_rollback_over_a_damaged_live_mission_goes_out_above_the_history(
    tmp_path: Path, data: bytes
) -> None:
    _, out = lunch_moved(tmp_path)  # revisions 1 and 2, the lunch moved in 2
    first = history(out)[0].release
    damage(out, data)
    entry = rollback(out)
    assert entry.revision == 3 and entry.action == f"rollback:{first}"
    served = mission(out)
    assert served["revision"] == 3
    assert isinstance(served["activities"], list)
    lunch = next(a for a in served["activities"] if a["id"] == "mon-lunch")
    assert "Garden Room" not in json.dumps(lunch)


def test_rollback_schedule_exports_carry_the_new_revision_as_their_version(
    tmp_path: Path,
) -> None:
    """Schedule apps (Giggity, EventFahrplan) take a schedule only when its version changes."""
    _, out = lunch_moved(tmp_path)
    rollback(out)
    current = out.resolve()
    back = MissionDoc.model_validate_json(layout.read(current, "mission.json"))
    assert back.revision == 3
    data = json.loads(layout.read(current, "schedule.json"))
    assert data["schedule"]["version"] == "3"
    assert b"<version>3</version>" in layout.read(current, "schedule.xml")
    for name, made in schedule_files(back, URL).items():  # as a publish of it makes them
        assert layout.read(current, name) == made
        assert gzip.decompress(layout.read(current, f"{name}.gz")) == made


def test_rollback_over_a_damaged_live_mission_without_its_history_line_goes_out_above_it(
    tmp_path: Path,
) -> None:
    _, out = lunch_moved(tmp_path)  # revisions 1 and 2
    damage(out, b"", twin=False)
    log = releases_of(out) / "history.jsonl"
    log.write_text(log.read_text("utf-8").splitlines()[0] + "\n", "utf-8")  # 2 went unlogged
    entry = rollback(out)  # the gzip twin, which phones may have been served, still says 2
    assert entry.revision == 3 and mission(out)["revision"] == 3


def test_publishing_the_live_workbook_again_adds_no_release_and_rollback_skips_nothing(
    tmp_path: Path,
) -> None:
    """A double click on Publish, or the same workbook again: nothing went out, so the history
    does not list it twice, and a rollback still goes back to the release before."""
    source, out = lunch_moved(tmp_path)  # revisions 1 and 2
    publish(source, out, SECRET, URL)
    entries = history(out)
    assert [e.revision for e in entries] == [1, 2]
    back = previous(out, out.resolve(), entries)
    assert back is not None and back.revision == 1
    assert rollback(out).action == f"rollback:{back.release}"


def test_cli_rollback_and_releases_name_the_revision_brought_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not only a release id ('release 0600664dc736994a is live again'), which means nothing
    to an organiser."""
    _, out = lunch_moved(tmp_path)  # revisions 1 and 2
    assert cmd_rollback(Namespace(out=str(out))) == 0
    assert cmd_releases(Namespace(out=str(out))) == 0
    lines = capsys.readouterr().out.splitlines()
    assert (
        lines[0]
        == "rolled back: the release of revision 1 is live again, as revision 3 (phones take it)"
    )
    assert lines[1].startswith("note: the invites in ")  # no secret given: not remade
    del lines[1]
    assert "rollback to revision 1" in lines[2] and lines[2].startswith("*        3")


def test_rollback_after_a_rollback_goes_back_one_more_release(tmp_path: Path) -> None:
    """Revisions 1, 2, 3 published; a rollback brings 2 back. Rolling back again goes back to 1,
    as the console's "Roll back to the previous release" and the full-disk sentence say; it
    never puts back 3, the release the organiser just rolled back from."""
    source, out = lunch_moved(tmp_path)  # revisions 1 and 2
    edit(source / "activities.csv", "mon-lunch", room_en="Rose Room")
    bump(source, 3)
    publish(source, out, SECRET, URL)
    first, second, _third = history(out)
    assert rollback(out).action == f"rollback:{second.release}"
    back = previous(out, out.resolve(), history(out))
    assert back is not None and back.release == first.release, back
    assert rollback(out).action == f"rollback:{first.release}"
    assert previous(out, out.resolve(), history(out)) is None  # nothing before the first
    assert "Rose Room" not in json.dumps(mission(out))


def test_rollback_after_a_rollback_of_a_rollback_goes_back_from_what_is_live(
    tmp_path: Path,
) -> None:
    """1, 2, 3; rollback (4: 2 is live); a new publish (5); rollback (6: 4's release, which is
    2's, is live); the next rollback brings 1, never 3 or 5."""
    source, out = lunch_moved(tmp_path)  # revisions 1 and 2
    edit(source / "activities.csv", "mon-lunch", room_en="Rose Room")
    bump(source, 3)
    publish(source, out, SECRET, URL)
    first, _second, _third = history(out)
    undo = rollback(out)  # revision 4: 2's content
    edit(source / "activities.csv", "mon-lunch", room_en="Tea Room")
    bump(source, 5)
    publish(source, out, SECRET, URL)  # revision 5
    assert rollback(out).action == f"rollback:{undo.release}"  # revision 6: 2's content again
    back = previous(out, out.resolve(), history(out))
    assert back is not None and back.release == first.release, back


@pytest.mark.parametrize("missing", [False, True], ids=["cut-short", "missing"])
@pytest.mark.parametrize("name", ["mission.json", "a delegate's document"])
def test_rollback_to_a_damaged_release_changes_nothing_and_names_the_file(
    tmp_path: Path, name: str, missing: bool
) -> None:
    """The release to go back to, with a document cut short on disk or gone: the rollback is
    refused with a sentence that names the revision and the file (a delegate's token masked:
    it goes to logs), and the live release, its files and the history stay as they were."""
    _, out = lunch_moved(tmp_path)  # revisions 1 and 2
    back = releases_of(out) / history(out)[0].release
    token = next(p.name for p in (back / layout.DELEGATES).iterdir())
    if name == "mission.json":
        path = back / "mission.json"
    else:
        path = next((back / layout.DELEGATES / token).glob("*.json")).resolve()
        name = "delegates/<token>.json"
    if missing:
        path.unlink()
    else:
        path.write_bytes(path.read_bytes()[:40])
    live, lines = out.resolve(), history(out)
    with pytest.raises(Damaged) as refused:
        rollback(out)
    what = "is missing" if missing else "is damaged"
    assert str(refused.value).startswith(
        f"the release of revision 1 cannot be made live again: its {name} {what}"
    )
    assert token not in str(refused.value)
    assert out.resolve() == live and history(out) == lines and mission(out)["revision"] == 2


@pytest.mark.parametrize("gone", ["object", "base", "page", "calendar"])
def test_rollback_to_a_release_with_files_gone_changes_nothing(tmp_path: Path, gone: str) -> None:
    """A delegate's object, the release's whole base, or one page or calendar gone from the
    release to go back to: rolled back, it would serve fewer files (with its base gone, no
    delegate at all), so the rollback is refused and what is live stays live."""
    _, out = lunch_moved(tmp_path)  # revisions 1 and 2
    back = releases_of(out) / history(out)[0].release
    token = next(p.name for p in (back / layout.DELEGATES).iterdir())
    own = (back / layout.DELEGATES / token).resolve()
    if gone == "object":
        shutil.rmtree(own)
    elif gone == "base":
        shutil.rmtree((back / layout.DELEGATES).resolve())
    else:
        next(own.glob("*.html" if gone == "page" else "*.ics")).unlink()
    live, lines = out.resolve(), history(out)
    with pytest.raises(Damaged, match="is missing"):
        rollback(out)
    assert out.resolve() == live and history(out) == lines and mission(out)["revision"] == 2


def test_rollback_to_a_release_whose_changed_object_is_gone_changes_nothing(
    tmp_path: Path,
) -> None:
    """A release holds its own link for a delegate whose files differ from its base. With that
    object gone, the base's older files answer in its place: rolled back, the delegate would be
    served another revision's document as the newest. Refused."""
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    for name in ("Camille Lambert 1", "Camille Lambert 2"):
        edit(source / "delegates.csv", "d-lambert", name=name)
        publish(source, out, SECRET, URL)
    back = releases_of(out) / history(out)[1].release  # the one with "Camille Lambert 1"
    (own,) = (back / layout.CHANGED).iterdir()
    shutil.rmtree(own.resolve())
    live, lines = out.resolve(), history(out)
    with pytest.raises(Damaged, match="its changed/<token> is missing"):
        rollback(out)
    assert out.resolve() == live and history(out) == lines


def test_rollback_to_a_release_with_a_page_edited_by_hand_changes_nothing(tmp_path: Path) -> None:
    """A file still there and still readable, but not the one published (its manifest's
    sha-256): refused too, as it would go out under a new revision as if it were."""
    _, out = lunch_moved(tmp_path)  # revisions 1 and 2
    back = releases_of(out) / history(out)[0].release
    page = next(next((back / layout.DELEGATES).iterdir()).resolve().glob("*.html"))
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<p>edited</p></body>"))
    live = out.resolve()
    with pytest.raises(Damaged, match=r"is damaged \(not as it was published\)"):
        rollback(out)
    assert out.resolve() == live


def test_rollback_calendars_are_those_made_again_after_the_live_ones(tmp_path: Path) -> None:
    """Each calendar of a rollback is the release's own made again to follow what the live
    release published (backend.calendars), also for the delegates whose calendar the live
    release left as it was (kept as they are, not made again)."""
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    edit(source / "activities.csv", "mon-lunch", start="12:45")  # only its guests' calendars
    publish(source, out, SECRET, URL)
    back, current = releases_of(out) / history(out)[0].release, out.resolve()
    mission = MissionDoc.model_validate_json(layout.read(back, "mission.json"))
    calendars = [n for n in layout.listing(back) if n.endswith(".ics")]
    same = [n for n in calendars if layout.read(back, n) == layout.read(current, n)]
    assert same and len(same) < len(calendars)  # both kinds
    rollback(out)
    for name in calendars:
        doc = DelegateDoc.model_validate_json(layout.read(back, f"{name[:-4]}.json"))
        again = personal_calendar(mission, doc, layout.read(current, name), EventCache())
        assert layout.read(out.resolve(), name) == again, name


def test_publish_with_another_secret_after_a_rollback_refused(tmp_path: Path) -> None:
    source, out = lunch_moved(tmp_path)
    rollback(out)  # the release it brings back was made with SECRET: so is the new live one
    other = b"another-secret-not-for-production-987654"
    report = publish(source, out, other, URL, tmp_path / "invites", force=True)
    assert report.preview is not None and report.preview.other_secret
    assert report.release is None and len(history(out)) == 3


def test_a_release_names_its_secret_before_it_goes_out_even_if_its_memo_is_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fingerprint was written with the memo once the release was live, and a memo that
    could not be written (a disk filling just then) is no error: that release, or a rollback
    to one, then took a publish with any secret, and every delegate's link broke."""
    monkeypatch.setattr("backend.publish.save_memo", lambda *_args: None)  # the memo is lost
    source, out = lunch_moved(tmp_path)
    other = b"another-secret-not-for-production-987654"
    refused = publish(source, out, other, URL, tmp_path / "invites", force=True)
    assert refused.preview is not None and refused.preview.other_secret
    rollback(out)
    again = publish(source, out, other, URL, tmp_path / "invites", force=True)
    assert again.preview is not None and again.preview.other_secret
    assert again.release is None and len(history(out)) == 3
