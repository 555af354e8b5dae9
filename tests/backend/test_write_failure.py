"""A publish that cannot write. Onto a full disk, for real (a private tmpfs): the command line and
the console say so in a sentence an organiser can act on, in their language, and nothing live
changes; once there is space again the same upload publishes. And a failure after the release
went live (the invites cannot be written) says that it is live."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.releases import history
from backend.write_failure import WriteFailure, sentence
from tests.backend.published import run_cli
from tests.backend.servers import EXAMPLE
from tests.reliability.tmpfs import can_mount_tmpfs, on_tmpfs

FULL = "The server's disk is full. Nothing was published: what is live stays live."


@pytest.mark.skipif(not can_mount_tmpfs(), reason="needs root and unshare for a private tmpfs")
def test_publish_onto_a_full_disk_changes_nothing_and_says_so(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    seen = on_tmpfs(tmp_path / "disk", "8m", "tests.backend.full_disk_publish", work)
    unchanged = {"live": 2, "history": [1, 2], "consistent": True, "leftovers": []}
    cli, answer, back, upload = seen["cli"], seen["publish"], seen["rollback"], seen["upload"]
    assert cli["code"] == 1 and f"error: {FULL}" in cli["stderr"], cli["stderr"]
    assert "No space left on device" in cli["stderr"]  # the system's words, for the operator
    assert {k: cli[k] for k in unchanged} == unchanged
    assert answer["status"] == 507 and FULL in answer["text"].replace("&#39;", "'")
    assert 'action="/check"' in answer["text"]  # the upload is kept: check it again, publish
    assert {k: answer[k] for k in unchanged} == unchanged
    assert "Le disque du serveur est plein." in seen["french"]["text"]
    assert back["status"] == 507 and "Nothing was rolled back" in back["text"]
    assert {k: back[k] for k in unchanged} == unchanged
    assert upload["status"] == 507 and "Your workbook could not be kept" in upload["text"]
    assert len(upload["uploads"]) == 1  # the first one; nothing half-written
    after = seen["after"]
    assert after["location"] == "/?done=published" and after["live"] == 3
    assert after["history"] == [1, 2, 3] and after["consistent"] and not after["leftovers"]
    behind = seen["behind"]  # waited behind another publish (revision 4), then found it full
    assert behind["code"] == 1 and f"error: {FULL}" in behind["stderr"], behind["stderr"]
    assert "Revision 4" not in behind["stderr"] and behind["history"] == [1, 2, 3, 4]


def test_publish_whose_invites_cannot_be_written_says_the_release_is_live(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("s" * 40)
    (tmp_path / "invites").write_text("a file where the invites folder should be")
    done = run_cli(
        "publish", str(EXAMPLE), str(tmp_path / "feed"), "--secret", str(tmp_path / "secret.txt"),
        "--public-url", "https://f/", "--invites", str(tmp_path / "invites"),
    )  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(
        "error: The server could not write its files. Revision 1 is live, but what follows it"
        " (the invites) could not all be written."
    ), done.stderr
    assert "Publish the same workbook again to complete it" in done.stderr
    assert [e.revision for e in history(tmp_path / "feed")] == [1]


def test_rollback_live_but_unfinished_says_not_to_roll_back_again() -> None:
    failure = WriteFailure(full=True, reason="No space left on device", went_live=True, live=3)
    text = sentence(failure, "rollback", str)
    assert text == (
        "The server's disk is full. The rollback went out: revision 3 is live."
        " Do not roll back again: that would go back one more release."
    )
    assert "try again" not in text  # a second rollback would go back one more release


@pytest.mark.skipif(not can_mount_tmpfs(), reason="needs root and unshare for a private tmpfs")
def test_invites_cut_short_by_a_full_disk_are_whole_after_the_next_publish(
    tmp_path: Path,
) -> None:
    """A QR code is drawn again only when its file is missing: one cut short stayed broken."""
    work = tmp_path / "work"
    work.mkdir()
    seen = on_tmpfs(tmp_path / "disk", "1m", "tests.backend.full_disk_invites", work)
    assert seen["first"] == "No space left on device", seen  # the disk did fill up
    assert seen["codes"] >= 4 and seen["wrong"] == [] and seen["left"] == [], seen
