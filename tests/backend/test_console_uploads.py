"""The console's kept uploads: names as labels only, and old uploads do not pile up."""

from __future__ import annotations

import os
import time
from pathlib import Path

from backend.console.uploads import KEEP_SECONDS, Uploads, label


def test_label_keeps_the_last_part_without_control_characters() -> None:
    assert label("C:\\Users\\An\\Programme v3.xlsx") == "Programme v3.xlsx"
    assert label("../../\u202etxt.xlsx\x00") == "txt.xlsx"
    assert len(label("x" * 500 + ".xlsx")) == 120


def test_uploads_of_more_than_a_week_ago_go_when_another_comes(tmp_path: Path) -> None:
    uploads = Uploads(tmp_path / "uploads")
    old, recent = uploads.keep(b"old", "old.xlsx"), uploads.keep(b"recent", "recent.xlsx")
    week_ago = time.time() - KEEP_SECONDS - 60
    for path in (uploads.path(old), uploads.folder / f"{old}.name"):
        os.utime(path, (week_ago, week_ago))
    new = uploads.keep(b"new", "new.xlsx")
    assert not uploads.known(old) and uploads.name(old) == ""
    assert uploads.known(recent) and uploads.known(new) and uploads.name(new) == "new.xlsx"
