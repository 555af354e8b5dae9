"""The mission-day sheets: line-numbered problems, consent, and what ends up in the documents."""

from __future__ import annotations

import shutil
from pathlib import Path

from backend.build import build
from tests.backend.servers import EXAMPLE


def copy_with(tmp_path: Path, name: str, text: str) -> Path:
    source = tmp_path / "source"
    shutil.copytree(EXAMPLE, source)
    with (source / name).open("a", encoding="utf-8") as f:
        f.write(text)
    return source


def lines_of(source: Path, name: str) -> int:
    return len((source / name).read_text(encoding="utf-8").splitlines())


def test_bad_announcement_rows_are_reported_at_their_line(tmp_path: Path) -> None:
    source = copy_with(
        tmp_path,
        "announcements.csv",
        "x1,2025-10-06,25:00,info,everyone,,Title,Titre,Titel,,,\n"
        "x3,2025-10-06,09:00,loud,everyone,,Title,,Titel,,,\n",
    )
    n = lines_of(source, "announcements.csv")
    errors = [str(e) for e in build(source).errors]
    assert f"announcements.csv:{n - 1}: time: '25:00' is not a time (e.g. 09:30)" in errors
    assert any(e.startswith(f"announcements.csv:{n}: urgency:") for e in errors)


def test_announcement_audience_must_name_a_known_target(tmp_path: Path) -> None:
    source = copy_with(
        tmp_path,
        "announcements.csv",
        "x2,2025-10-06,09:00,urgent,city,tokyo,Title,Titre,Titel,,,\n"
        "x4,2025-10-06,09:00,info,activity,,Title,Titre,Titel,,,\n"
        "x5,2025-10-06,09:00,info,everyone,,Title,,Titel,,,\n",
    )
    n = lines_of(source, "announcements.csv")
    assert [str(e) for e in build(source).errors] == [
        f"announcements.csv:{n - 2}: target: unknown city 'tokyo'",
        f"announcements.csv:{n - 1}: target: 'activity' needs a target id",
        f"announcements.csv:{n}: title_fr: empty: fill it in",
    ]


def test_logistics_for_unknown_activity_or_late_coach_is_an_error(tmp_path: Path) -> None:
    source = copy_with(
        tmp_path,
        "logistics.csv",
        "no-such-activity" + "," * 14 + "\nmon-lunch,,,,,,,,,,,,,,13:30\n",
    )
    n = lines_of(source, "logistics.csv")
    errors = [str(e) for e in build(source).errors]
    assert f"logistics.csv:{n - 1}: activity: unknown activity 'no-such-activity'" in errors
    assert f"logistics.csv:{n}: coach_time: 13:30 is not before the start 12:30" in errors


def test_company_without_consent_is_left_out_and_bad_sector_reported(tmp_path: Path) -> None:
    row = (
        "{id},Acme (illustrative),company,{sector},sf,,Profile,Profil,Profiel,Ann,,,,"
        "a@example.org,{ok}\n"
    )
    source = copy_with(
        tmp_path,
        "companies.csv",
        row.format(id="acme-a", sector="aero", ok="no")
        + row.format(id="acme-b", sector="space", ok="yes"),
    )
    n = lines_of(source, "companies.csv")
    errors = [str(e) for e in build(source).errors]
    assert errors == [f"companies.csv:{n}: sectors: unknown sector 'space'"]
    fixed = copy_with(
        tmp_path / "2", "companies.csv", row.format(id="acme-a", sector="aero", ok="no")
    )
    built = build(fixed)
    assert built.mission is not None and "acme-a" not in {c.id for c in built.mission.companies}


def test_hotel_stays_reach_every_delegate_and_are_checked(tmp_path: Path) -> None:
    source = copy_with(
        tmp_path,
        "hotels.csv",
        "motel,Motel,1 Road,sf,37.7,-122.4,,2025-10-06,2025-10-05,demo\n",
    )
    n = lines_of(source, "hotels.csv")
    errors = [str(e) for e in build(source).errors]
    assert f"hotels.csv:{n}: check_out: 2025-10-05 is not after 2025-10-06" in errors
    built = build(EXAMPLE)
    stays = built.delegates["demo"].stays
    assert [(s.city, s.check_in.day, s.check_out.day) for s in stays] == [
        ("sf", 4, 8),
        ("la", 8, 10),
    ]
