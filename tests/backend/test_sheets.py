"""Spreadsheet columns to localized names, sample marks and short titles."""

from __future__ import annotations

import shutil
from pathlib import Path

from backend.build import build
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "bem-west-coast-2025"


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    shutil.copytree(EXAMPLE, source)
    return source


def test_plain_name_column_is_every_language_and_language_columns_override(
    tmp_path: Path,
) -> None:
    source = _source(tmp_path)
    (source / "participants.csv").write_text(
        "activity,role,name,name_fr,organisation_en,organisation_nl,sample\n"
        "mon-lunch,host,Ada Lovelace,,Analytical Engines,Analytische Machines,yes\n"
        "mon-lunch,guest,Her Highness,Son Altesse,,,\n",
        encoding="utf-8",
    )
    built = build(source)
    assert built.errors == [] and built.mission is not None
    lunch = next(a for a in built.mission.activities if a.id == "mon-lunch")
    ada, guest = lunch.participants
    assert ada.name == {"en": "Ada Lovelace", "fr": "Ada Lovelace", "nl": "Ada Lovelace"}
    assert ada.organisation == {"en": "Analytical Engines", "nl": "Analytische Machines"}
    assert ada.sample is True and guest.sample is False
    assert guest.name == {"en": "Her Highness", "fr": "Son Altesse", "nl": "Her Highness"}


def test_meeting_plain_column_is_the_delegates_language_and_language_columns_add(
    tmp_path: Path,
) -> None:
    """A meeting's place and notes are written for one delegate: the plain column is in their
    language (d-lambert: French), so the app marks it "not translated" in the others."""
    source = _source(tmp_path)
    (source / "meetings.csv").write_text(
        "id,delegate,counterpart,company,date,start,end,location,notes,notes_en\n"
        "m-1,d-lambert,Ann Lee,Lee Inc,2025-10-06,15:00,15:30,Salle 3,Apportez le dossier.,"
        "Bring the file.\n",
        encoding="utf-8",
    )
    built = build(source)
    assert built.errors == []
    (meeting,) = built.delegates["d-lambert"].meetings
    assert meeting.location == {"fr": "Salle 3"}
    assert meeting.notes == {"fr": "Apportez le dossier.", "en": "Bring the file."}


def test_sheet_without_any_name_column_is_explained(tmp_path: Path) -> None:
    source = _source(tmp_path)
    (source / "participants.csv").write_text(
        "activity,role,who\nmon-lunch,host,Ada\n", encoding="utf-8"
    )
    messages = [str(e) for e in build(source).errors]
    assert "participants.csv:1: missing column name or name_en or name_fr or name_nl" in messages


def test_contact_row_without_a_name_points_at_its_line(tmp_path: Path) -> None:
    source = _source(tmp_path)
    path = source / "contacts.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = dict.fromkeys(header, "")
    cells.update(id="nameless", category="organiser")
    lines.append(",".join(cells[h] for h in header))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    messages = [str(e) for e in build(source).errors]
    assert any(m.startswith(f"contacts.csv:{len(lines)}: name:") for m in messages), messages


def test_example_marks_what_is_illustrative_and_has_a_short_title() -> None:
    built = build(EXAMPLE)
    assert built.mission is not None
    assert all(a.sample for a in built.mission.activities)
    contacts = {c.id: c for c in built.mission.contacts}
    assert not contacts["pierre-steverlynck"].sample and contacts["mission-desk"].sample
    assert all(len(t) <= 40 for t in built.mission.mission.short_title.values())
    assert all(d.delegate.sample for d in built.delegates.values())


def test_misspelt_language_header_in_a_csv_is_said_once_at_the_header(tmp_path: Path) -> None:
    source = _source(tmp_path)
    path = source / "activities.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title_nl", "titel_nl", 1), encoding="utf-8")
    assert [str(e) for e in build(source).errors] == [
        "activities.csv:1: unknown column 'titel_nl'; the column 'title_nl' is missing"
    ]
