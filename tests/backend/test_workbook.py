"""One workbook in: the example workbook equals the CSVs, and every workbook mistake is named
by sheet and cell with nothing published."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from backend.build import COLUMNS, OPTIONAL
from backend.commands import EXAMPLE_WORKBOOK
from backend.publish import publish
from backend.row_checks import REFERENCES
from backend.sources import sheet_name
from backend.template import write_workbook
from services.i18n import Translator
from tests.backend.published import files_of, mission
from tests.backend.servers import EXAMPLE, SECRET
from tests.backend.sources import copy_example, edit
from tests.backend.workbook_mistakes import (
    MISTAKES,
    row_of,
    with_mistake,
)

REGENERATE = (
    "python -m backend template examples/bem-west-coast-2025.xlsx "
    "--from examples/bem-west-coast-2025"
)


def test_example_workbook_publishes_the_same_bytes_as_the_csvs(tmp_path: Path) -> None:
    from_csv = publish(EXAMPLE, tmp_path / "csv", SECRET, "https://x/")
    from_xlsx = publish(EXAMPLE_WORKBOOK, tmp_path / "xlsx", SECRET, "https://x/")
    assert not from_csv.errors, from_csv.errors
    same = not from_xlsx.errors and files_of(tmp_path / "csv") == files_of(tmp_path / "xlsx")
    assert same, (
        "examples/bem-west-coast-2025.xlsx no longer matches the example CSVs beside it. "
        f"Regenerate it with `{REGENERATE}` and commit it. ({from_xlsx.errors[:3]})"
    )


def test_template_has_every_sheet_help_row_drop_downs_and_frozen_headers(tmp_path: Path) -> None:
    write_workbook(tmp_path / "t.xlsx")
    book = load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames == [sheet_name(n) for n in {**COLUMNS, **OPTIONAL}]
    activities = book["Activities"]
    header = [c.value for c in activities[1]]
    assert set(COLUMNS["activities.csv"]) <= set(header)
    assert all(str(c.value).startswith("ⓘ") for c in activities[2])
    assert activities.freeze_panes == "A3" and activities.max_row == 2
    lists = {
        header[activities[str(v.sqref).split(":")[0]].column - 1]: v.formula1
        for v in activities.data_validations.dataValidation
    }
    assert lists["venue"].startswith("'Venues'!$A$3") and "seminar" in lists["kind"]
    assert lists["sectors"].startswith("'Sectors'!") and "cancelled" in lists["state"]
    assert book["Venues"].data_validations.dataValidation[0].formula1.startswith("'Cities'!")


def test_template_publishes_nothing_and_points_at_the_empty_settings(tmp_path: Path) -> None:
    write_workbook(tmp_path / "t.xlsx")
    report = publish(tmp_path / "t.xlsx", tmp_path / "feed", SECRET, "https://x/")
    assert any(str(e).startswith("Mission!B") for e in report.errors), report.errors
    assert not (tmp_path / "feed").exists()


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda f: f.__name__)
def test_workbook_mistake_is_named_by_sheet_and_cell_and_publishes_nothing(
    tmp_path: Path, mistake: Callable[[Workbook], str]
) -> None:
    path, expected = with_mistake(tmp_path, mistake)
    report = publish(path, tmp_path / "feed", SECRET, "https://x/")
    messages = [str(e) for e in report.errors]
    assert len(messages) == 1 and messages[0].startswith(expected), messages  # once, no echo
    assert not (tmp_path / "feed").exists() and not (tmp_path / "feed-invites").exists()


def test_a_formula_in_a_column_of_the_organisers_own_is_left_alone(tmp_path: Path) -> None:
    """A 'remarks' column the contract does not read, with =1+1 in it, blocked the publish
    ('formula =1+1: type the value'); a formula in a column that is read still does."""
    book = load_workbook(EXAMPLE_WORKBOOK)
    activities = book["Activities"]
    extra = get_column_letter(activities.max_column + 1)
    activities[f"{extra}1"] = "remarks"
    activities[f"{extra}3"] = "=1+1"
    book.save(tmp_path / "own.xlsx")
    report = publish(tmp_path / "own.xlsx", tmp_path / "own", SECRET, "https://x/")
    assert not report.errors, report.errors
    assert not publish(EXAMPLE_WORKBOOK, tmp_path / "plain", SECRET, "https://x/").errors
    assert files_of(tmp_path / "own") == files_of(tmp_path / "plain")


def test_workbook_belgian_text_dates_times_and_commas_publish_like_iso(tmp_path: Path) -> None:
    book = load_workbook(EXAMPLE_WORKBOOK)
    activities, venues = book["Activities"], book["Venues"]
    line = row_of(activities, "mon-lunch")
    activities[f"C{line}"], activities[f"D{line}"] = "6/10/2025", "12u15"
    activities[f"E{line}"] = 0.5625  # 13:30 typed in a cell formatted as a number
    venues["E3"], venues["F3"] = "37,7857", "-122,4101"
    book.save(tmp_path / "be.xlsx")
    source = copy_example(tmp_path)
    edit(source / "activities.csv", "mon-lunch", date="2025-10-06", start="12:15", end="13:30")
    edit(source / "venues.csv", str(venues["A3"].value), lat="37.7857", lon="-122.4101")
    assert not publish(source, tmp_path / "csv", SECRET, "https://x/").errors
    report = publish(tmp_path / "be.xlsx", tmp_path / "xlsx", SECRET, "https://x/")
    assert not report.errors, report.errors
    assert files_of(tmp_path / "csv") == files_of(tmp_path / "xlsx")
    assert isinstance(activities[f"D{line + 1}"].value, time)  # the example types real times


@pytest.mark.parametrize(
    "typed",
    [datetime(2025, 10, 1, 0, 0), datetime(2025, 10, 1, 9, 0), "2025-10-01 00:00", "1/10/2025"],
    ids=["excel-date", "excel-date-and-time", "typed", "typed-belgian"],
)
def test_workbook_published_at_without_an_offset_is_mission_time(
    tmp_path: Path, typed: datetime | str
) -> None:
    """An Excel date in Mission's published_at was refused as 'Input should have timezone
    info', in English: organisers do not type '+02:00'."""
    book = load_workbook(EXAMPLE_WORKBOOK)
    fields = book["Mission"]
    line = next(r[0].row for r in fields.iter_rows(min_row=3) if r[0].value == "published_at")
    fields.cell(line, 2, typed)
    book.save(tmp_path / "at.xlsx")
    report = publish(tmp_path / "at.xlsx", tmp_path / "feed", SECRET, "https://x/")
    assert not report.errors, report.errors
    hour = "09" if typed == datetime(2025, 10, 1, 9, 0) else "00"
    assert mission(tmp_path / "feed")["published_at"] == f"2025-10-01T{hour}:00:00-07:00"


def test_workbook_published_at_not_a_date_gives_an_example_it_reads(tmp_path: Path) -> None:
    """The hint was '2025-10-01T09:00:00+02:00', a form nobody types in a sheet; the example
    it gives now is one the sheet reads."""
    book = load_workbook(EXAMPLE_WORKBOOK)
    fields = book["Mission"]
    line = next(r[0].row for r in fields.iter_rows(min_row=3) if r[0].value == "published_at")
    fields.cell(line, 2, "soon")
    book.save(tmp_path / "soon.xlsx")
    refused = publish(tmp_path / "soon.xlsx", tmp_path / "feed", SECRET, "https://x/")
    assert [str(e) for e in refused.errors] == [
        f"Mission!B{line}: published_at: not a date and time (e.g. 1/10/2025 09:00), got 'soon'"
    ]
    fields.cell(line, 2, "1/10/2025 09:00")  # the example, as typed
    book.save(tmp_path / "example.xlsx")
    report = publish(tmp_path / "example.xlsx", tmp_path / "feed", SECRET, "https://x/")
    assert not report.errors, report.errors
    assert mission(tmp_path / "feed")["published_at"] == "2025-10-01T09:00:00-07:00"


def test_workbook_date_not_read_gives_an_example_the_sheet_reads(tmp_path: Path) -> None:
    """A hotel's check-in the contract refused said 'e.g. 2025-10-06', beside the date and time
    example '1/10/2025 09:00': a workbook reads its dates the Belgian way, and says it so; a
    CSV reads them as typed, and keeps the ISO example."""
    book = load_workbook(EXAMPLE_WORKBOOK)
    hotels = book["Hotels"]
    line = next(r[0].row for r in hotels.iter_rows(min_row=3) if r[0].value)
    hotels[f"H{line}"] = "4 okt"
    book.save(tmp_path / "okt.xlsx")
    refused = publish(tmp_path / "okt.xlsx", tmp_path / "feed", SECRET, "https://x/")
    assert [str(e) for e in refused.errors] == [
        f"Hotels!H{line}: not a date (e.g. 6/10/2025), got '4 okt'"
    ]
    hotels[f"H{line}"] = "4/10/2025"  # as the example has it
    book.save(tmp_path / "example.xlsx")
    report = publish(tmp_path / "example.xlsx", tmp_path / "feed", SECRET, "https://x/")
    assert not report.errors, report.errors
    source = copy_example(tmp_path / "csv")
    edit(source / "hotels.csv", "hilton-union-square", check_in="4/10/2025")
    refused = publish(source, tmp_path / "csv-feed", SECRET, "https://x/")
    assert [str(e) for e in refused.errors] == [
        "hotels.csv:2: check_in: not a date (e.g. 2025-10-06), got '4/10/2025'"
    ]


def test_phone_numbers_typed_with_spaces_publish_as_the_feed_writes_them(tmp_path: Path) -> None:
    """'+1 415 555 0100' was refused as 'not ... in international form (+1 415 555 0100 ...)':
    the very example it gave. Spaces, dots, dashes, brackets and a Belgian '(0)' are read."""
    book = load_workbook(EXAMPLE_WORKBOOK)
    contacts, safety = book["Contacts"], book["Safety"]
    header = [c.value for c in contacts[1]]
    phone = get_column_letter(header.index("phone") + 1)
    assert contacts[f"{phone}3"].value == "+14155550100"
    contacts[f"{phone}3"] = "+1 (415) 555-0100"
    line = next(r[0].row for r in safety.iter_rows(min_row=2) if r[0].value == "duty_phone")
    assert safety[f"B{line}"].value == "+14155550199"
    safety[f"B{line}"] = "+1\u00a0415.555.0199"
    book.save(tmp_path / "spaced.xlsx")
    report = publish(tmp_path / "spaced.xlsx", tmp_path / "xlsx", SECRET, "https://x/")
    assert not report.errors, report.errors
    publish(EXAMPLE_WORKBOOK, tmp_path / "example", SECRET, "https://x/")
    assert files_of(tmp_path / "xlsx") == files_of(tmp_path / "example")
    source = copy_example(tmp_path)
    edit(source / "contacts.csv", "mission-desk", phone="+32 (0)2 501 81 11")
    assert not publish(source, tmp_path / "csv", SECRET, "https://x/").errors
    desk = json.loads((tmp_path / "csv" / "mission.json").read_bytes())["contacts"][0]
    assert (desk["id"], desk["phone"]) == ("mission-desk", "+3225018111")


def test_workbook_choices_in_capitals_and_comma_lists_publish_as_listed(tmp_path: Path) -> None:
    """`FR`, `Open `, `Briefing` mean what `fr`, `open`, `briefing` mean; `a, b` is `a b`."""
    book = load_workbook(EXAMPLE_WORKBOOK)
    delegates, activities = book["Delegates"], book["Activities"]
    header = [c.value for c in activities[1]]
    for sheet, column in ((delegates, "D"), (activities, "B")):
        sheet[f"{column}3"] = f" {str(sheet[f'{column}3'].value).upper()} "
    letter = get_column_letter(header.index("registration") + 1)
    activities[f"{letter}3"] = str(activities[f"{letter}3"].value).title()
    letter = get_column_letter(header.index("sectors") + 1)
    activities[f"{letter}6"] = "cleantech,;"  # a comma or semicolon separates like a space
    fields = book["Mission"]
    line = next(r[0].row for r in fields.iter_rows(min_row=3) if r[0].value == "languages")
    fields.cell(line, 2, "EN, fr; nl")  # it said "languages 'en,' must be one of en, fr, nl"
    book.save(tmp_path / "caps.xlsx")
    assert publish(EXAMPLE, tmp_path / "csv", SECRET, "https://x/").errors == []
    report = publish(tmp_path / "caps.xlsx", tmp_path / "xlsx", SECRET, "https://x/")
    assert not report.errors, report.errors
    assert files_of(tmp_path / "csv") == files_of(tmp_path / "xlsx")


def test_workbook_end_typed_24_30_is_half_past_midnight_the_next_day(tmp_path: Path) -> None:
    book = load_workbook(EXAMPLE_WORKBOOK)
    activities = book["Activities"]
    activities["E8"] = "24:30"
    book.save(tmp_path / "late.xlsx")
    report = publish(tmp_path / "late.xlsx", tmp_path / "feed", SECRET, "https://x/")
    assert not report.errors, report.errors
    mission = json.loads(next((tmp_path / "feed").rglob("mission.json")).read_text())
    late = next(a for a in mission["activities"] if a["id"] == activities["A8"].value)
    assert (late["start"], late["end"]) == (
        "2025-10-05T18:30:00-07:00",
        "2025-10-06T00:30:00-07:00",
    )


def test_workbook_that_is_not_one_is_reported(tmp_path: Path) -> None:
    (tmp_path / "x.xlsx").write_bytes(b"not a zip")
    report = publish(tmp_path / "x.xlsx", tmp_path / "feed", SECRET, "https://x/")
    assert str(report.errors[0]).startswith("x.xlsx: cannot be opened as an Excel workbook")
    shutil.rmtree(tmp_path / "feed", ignore_errors=True)


@pytest.mark.parametrize("sheet", ["Mission", "Activities", "Venues", "Contacts", "Delegates"])
def test_workbook_without_a_required_sheet_says_that_alone(tmp_path: Path, sheet: str) -> None:
    """Not two dozen echoes of it (every setting empty, every delegate without a mission)."""
    book = load_workbook(EXAMPLE_WORKBOOK)
    del book[sheet]
    book.save(tmp_path / "m.xlsx")
    report = publish(tmp_path / "m.xlsx", tmp_path / "feed", SECRET, "https://x/")
    assert [str(e).split(" (")[0] for e in report.errors] == [
        f"{sheet}!A1: sheet {sheet} is missing"
    ]


def test_template_drop_downs_are_the_sheets_own_choices(tmp_path: Path) -> None:
    """A company's kind is not an activity's: Excel would refuse 'federation' in Companies."""
    write_workbook(tmp_path / "t.xlsx")
    book = load_workbook(tmp_path / "t.xlsx")
    companies = book["Companies"]
    header = [c.value for c in companies[1]]
    letter = get_column_letter(header.index("kind") + 1)
    lists = {str(v.sqref): v.formula1 for v in companies.data_validations.dataValidation}
    assert lists[f"{letter}3:{letter}5000"] == '"company,federation,institution,administration"'
    assert (
        companies[f"{letter}2"].value
        == "ⓘ one of: company, federation, institution, administration"
    )


def test_empty_template_problems_say_what_is_missing_in_plain_words(tmp_path: Path) -> None:
    """Not pydantic's "String should match pattern '^[a-z0-9]...', got ''" under mission.csv."""
    write_workbook(tmp_path / "t.xlsx")
    report = publish(tmp_path / "t.xlsx", tmp_path / "feed", SECRET, "https://x/")
    messages = [str(e) for e in report.errors]
    # each setting with what to type: the template has no value to copy
    assert "Mission!B3: id: empty: fill it in (e.g. bem-west-coast-2025)" in messages
    assert "Mission!B5: published_at: empty: fill it in (e.g. 1/10/2025 09:00)" in messages
    assert "Mission!B15: start_date: empty: fill it in (e.g. 5/10/2025)" in messages
    assert "Mission!B18: languages: empty: fill in at least one (e.g. en fr nl)" in messages
    french = [e.sentence().say(Translator("fr").gettext) for e in report.errors]
    assert "Mission!B4\u00a0: revision\u00a0: vide\u00a0: à remplir (p. ex. 1)" in french
    # not "time_zone '' is not a known zone"
    assert "Mission!B17: time_zone: empty: fill it in (e.g. America/Los_Angeles)" in messages
    assert (
        "Sectors: no rows: only the header (and help row) is filled in; add at least one row"
        in (messages)
    )
    assert not [m for m in messages if "mission.csv" in m or "should" in m], messages


def test_template_help_row_names_the_sheet_an_id_column_points_at(tmp_path: Path) -> None:
    """'ⓘ venue' said nothing; 'a venue id from the Venues sheet' says where to look."""
    write_workbook(tmp_path / "t.xlsx")
    book = load_workbook(tmp_path / "t.xlsx")
    for table, column, target in REFERENCES:
        sheet = book[sheet_name(table)]
        header = [c.value for c in sheet[1]]
        assert sheet_name(target) in str(sheet.cell(2, header.index(column) + 1).value), column
