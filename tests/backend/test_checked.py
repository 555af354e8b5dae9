"""The console checks a workbook, then publishes it: the publish takes the check's build instead of
reading and checking the same bytes again (backend.checked, which only the console turns on)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from backend import checked
from backend.build import build
from backend.commands import EXAMPLE_WORKBOOK
from backend.publish import publish
from backend.sources import read_tables
from backend.tables import SourceError, Table
from tests.backend.published import files_of
from tests.backend.servers import SECRET
from tests.backend.workbook_mistakes import row_of


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Every workbook or folder whose tables were read (the real reader still reads them)."""
    checked.enable()  # as the console does
    seen: list[Path] = []

    def counted(
        source: Path,
        columns: dict[str, list[str]],
        optional: dict[str, list[str]],
        errors: list[SourceError],
    ) -> dict[str, Table]:
        seen.append(source)
        return read_tables(source, columns, optional, errors)

    monkeypatch.setattr("backend.build.read_tables", counted)
    yield seen
    checked.enable(False)


def test_workbook_checked_then_published_is_read_once_with_the_same_bytes_out(
    tmp_path: Path, reads: list[Path]
) -> None:
    book = Path(shutil.copy(EXAMPLE_WORKBOOK, tmp_path / "upload.xlsx"))
    check = publish(book, tmp_path / "feed", SECRET, "https://x/", check=True)
    report = publish(book, tmp_path / "feed", SECRET, "https://x/")
    assert check.preview is not None and report.release is not None and not report.errors
    assert reads == [book]  # the publish took the check's build
    checked.forget()
    assert not publish(book, tmp_path / "fresh", SECRET, "https://x/").errors
    assert files_of(tmp_path / "feed") == files_of(tmp_path / "fresh")


def test_workbook_build_kept_gives_each_caller_documents_of_its_own(
    tmp_path: Path, reads: list[Path]
) -> None:
    first = build(EXAMPLE_WORKBOOK)
    assert first.mission is not None
    whole = dict(first.delegates)
    assert isinstance(first.delegates, dict)  # read afresh, not from a build cache
    first.delegates.clear()  # whoever takes a build may change it
    first.mission.activities.clear()
    again = build(Path(shutil.copy(EXAMPLE_WORKBOOK, tmp_path / "same-bytes.xlsx")))
    assert len(reads) == 1 and again.delegates == whole
    assert again.mission is not None and len(again.mission.activities) > 50


def test_workbook_changed_or_wrong_is_read_again_every_time(
    tmp_path: Path, reads: list[Path]
) -> None:
    build(EXAMPLE_WORKBOOK)
    book = load_workbook(EXAMPLE_WORKBOOK)
    sheet = book["Activities"]
    room = [c.value for c in sheet[1]].index("room_en") + 1
    sheet.cell(row_of(sheet, "mon-lunch"), room, "Garden Room")
    book.save(tmp_path / "changed.xlsx")
    changed = build(tmp_path / "changed.xlsx")
    assert changed.mission is not None
    lunch = next(a for a in changed.mission.activities if a.id == "mon-lunch")
    assert lunch.room is not None and lunch.room["en"] == "Garden Room"
    book["Venues"]["E3"] = "=37+0.78"  # a formula: an error, found on every check
    book.save(tmp_path / "wrong.xlsx")
    errors = [build(tmp_path / "wrong.xlsx").errors for _ in range(2)]
    assert errors[0] and errors[0] == errors[1]
    assert len(reads) == 4
