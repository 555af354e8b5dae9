"""Every problem in one run, each once, at the file, row and column a person can find."""

from __future__ import annotations

from pathlib import Path

from backend.build import build
from backend.publish import publish
from tests.backend.servers import SECRET
from tests.backend.sources import copy_example, edit, line_of, nine_mistakes


def test_build_nine_mistakes_reports_nine_problems_once_each(tmp_path: Path) -> None:
    source = nine_mistakes(tmp_path)
    activities = source / "activities.csv"
    registrations = len((source / "registrations.csv").read_text("utf-8").splitlines())
    messages = [str(e) for e in build(source).errors]
    lunch = line_of(activities, "mon-lunch")
    assert messages == [
        f"activities.csv:{line_of(activities, 'mon-opening-seminar')}: end: "
        "end 12:00 is not after start 13:00",
        f"activities.csv:{lunch}: title_nl: empty: fill it in",
        f"activities.csv:{lunch}: venue: unknown venue 'nowhere'",
        f"activities.csv:{line_of(activities, 'wed-ai-act')}: date: "
        "'tomorrow' is not a date (e.g. 2025-10-06)",
        "contacts.csv:2: phone: not a phone number in international form (+1 415 555 0100, or a "
        "three-digit emergency number such as 911), got '0800 FLOWERS'",
        f"mission.csv:{line_of(source / 'mission.csv', 'time_zone')}: value: "
        "time_zone 'PST' is not a known zone (e.g. America/Los_Angeles)",
        f"registrations.csv:{registrations - 1}: delegate: unknown delegate 'ghost'",
        f"registrations.csv:{registrations}: activity: unknown activity 'wed-imaginary'",
        "venues.csv:1: missing column lat (found: id, name, address, city, latitude, lon, "
        "access_en, access_fr, access_nl)",
    ]


def test_publish_registration_of_unknown_delegate_publishes_nothing(tmp_path: Path) -> None:
    source = copy_example(tmp_path)
    with (source / "registrations.csv").open("a", encoding="utf-8") as f:
        f.write("ghost,mon-lunch\n")
    report = publish(source, tmp_path / "feed", SECRET, "https://x/")
    assert [e.message for e in report.errors] == ["unknown delegate 'ghost'"]
    assert not (tmp_path / "feed").exists()


def test_build_duplicate_mentions_the_other_row_not_a_document_path(tmp_path: Path) -> None:
    source = copy_example(tmp_path)
    first = line_of(source / "activities.csv", "mon-opening-seminar")
    edit(source / "activities.csv", "mon-lunch", id="mon-opening-seminar")
    messages = [str(e) for e in build(source).errors]
    assert messages[0].endswith(f"id: duplicate id 'mon-opening-seminar' (also row {first})")
    assert not any("activities[" in m for m in messages), messages


def test_build_shared_contact_with_bad_phone_is_one_problem(tmp_path: Path) -> None:
    source = copy_example(tmp_path)
    with (source / "delegates.csv").open("a", encoding="utf-8") as f:
        f.write("demo2,Second Delegate,Example NV,nl\n")
    edit(source / "contacts.csv", "liaison-aero", delegates="demo demo2", phone="0800 1234")
    messages = [str(e) for e in build(source).errors]
    line = line_of(source / "contacts.csv", "liaison-aero")
    assert len(messages) == 1 and messages[0].startswith(f"contacts.csv:{line}: phone:"), messages
