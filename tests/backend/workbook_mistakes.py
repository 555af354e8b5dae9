"""The example workbook with one mistake made in it, and the message that mistake must give."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from backend.commands import EXAMPLE_WORKBOOK


def row_of(sheet: Worksheet, row_id: str) -> int:
    for row in sheet.iter_rows(min_row=3):
        if row[0].value == row_id:
            return int(row[0].row)
    raise AssertionError(row_id)


def text_date(book: Workbook) -> str:
    line = row_of(book["Activities"], "mon-lunch")
    book["Activities"][f"C{line}"] = "next monday"
    return f"Activities!C{line}: 'next monday' is not a date (e.g. 2025-10-06 or 6/10/2025)"


def merged(book: Workbook) -> str:
    book["Venues"].merge_cells("B3:C3")
    return "Venues!B3:C3: merged cells"


def hidden(book: Workbook) -> str:
    book["Sectors"].sheet_state = "hidden"
    return "Sectors!A1: this sheet is hidden"


def blank_row(book: Workbook) -> str:
    book["Activities"].insert_rows(10)
    return "Activities!A10: empty row inside the table"


def formula(book: Workbook) -> str:
    book["Venues"]["E3"] = "=37+0.78"
    return "Venues!E3: formula =37+0.78"


def missing_sheet(book: Workbook) -> str:
    del book["Meetings"]
    return "Meetings!A1: sheet Meetings is missing"


def renamed_header(book: Workbook) -> str:
    header = [c.value for c in book["Activities"][1]]
    letter = get_column_letter(header.index("title_en") + 1)
    book["Activities"][f"{letter}1"] = "Title EN"
    return f"Activities!{letter}1: missing column title_en"


def bad_time(book: Workbook) -> str:
    line = row_of(book["Activities"], "mon-lunch")
    book["Activities"][f"D{line}"] = "noon"
    return f"Activities!D{line}: 'noon' is not a time (e.g. 09:30 or 9u30)"


def company_without_sectors(book: Workbook) -> str:
    """A list inside a row left empty is that row's cell, not the sheet of the same name
    (it said 'Sectors: no rows ...; add at least one row' though Sectors has its rows)."""
    companies = book["Companies"]
    header = [c.value for c in companies[1]]
    letter = get_column_letter(header.index("sectors") + 1)
    companies[f"{letter}3"] = None
    return f"Companies!{letter}3: empty: fill in at least one"


def number_as_start(book: Workbook) -> str:
    """11.3 ("11,30" typed in an h:mm cell) is 11 days and 07:12: it published as 07:12."""
    book["Activities"]["D11"] = 11.3
    return "Activities!D11: 11.3 is a number, not a time (Excel counts it in days): type the time"


def whole_number_as_end(book: Workbook) -> str:
    """10.5 published as 12:00, and 11 as 00:00."""
    book["Activities"]["E10"] = 10.5
    return "Activities!E10: 10.5 is a number, not a time"


def number_as_coach_time(book: Workbook) -> str:
    logistics = book["Logistics"]
    letter = get_column_letter([c.value for c in logistics[1]].index("coach_time") + 1)
    logistics[f"{letter}3"] = 8.45
    return f"Logistics!{letter}3: 8.45 is a number, not a time (Excel counts it in days): type the"


def number_as_arrive_by(book: Workbook) -> str:
    logistics = book["Logistics"]
    letter = get_column_letter([c.value for c in logistics[1]].index("arrive_by") + 1)
    logistics[f"{letter}3"] = 2
    return f"Logistics!{letter}3: 2 is a number, not a time"


def time_without_its_colon(book: Workbook) -> str:
    """930 typed for 9:30 is 930 days (18 July 1902): it said '1902-07-18 00:00 is a date and
    time, not a time', a date nobody typed."""
    book["Activities"]["D11"] = 930
    return (
        "Activities!D11: 930 is a number, not a time (Excel counts it in days): type the time"
        " with a colon, e.g. 09:30"
    )


def day_as_date(book: Workbook) -> str:
    """6 typed for 6 October in a date cell: 'Sat 6 Jan 1900 is outside the mission'."""
    line = row_of(book["Activities"], "mon-lunch")
    book["Activities"][f"C{line}"] = 6
    return (
        f"Activities!C{line}: 6 is a number, not a date (Excel counts it in days): type the"
        " date, e.g. 6/10/2025"
    )


def mission_without_id(book: Workbook) -> str:
    """Mission's id left empty was also said at every delegate's id cell, which is not empty
    ('Delegates!A3: empty: fill it in', once per delegate)."""
    fields = book["Mission"]
    line = next(r[0].row for r in fields.iter_rows(min_row=3) if r[0].value == "id")
    fields.cell(line, 2).value = None
    return f"Mission!B{line}: id: empty: fill it in"


def date_and_time_as_start(book: Workbook) -> str:
    book["Activities"]["D11"] = datetime(2025, 10, 7, 11, 0)
    return "Activities!D11: 2025-10-07 11:00 is a date and time, not a time: type only the time"


def decimal_text_as_start(book: Workbook) -> str:
    """Python reads '11.3' as 11:00:00.3."""
    book["Activities"]["D11"] = "11.3"
    return "Activities!D11: '11.3' is not a time (e.g. 09:30 or 9u30)"


def swapped_date(book: Workbook) -> str:
    """10/7/2025 for 7 October: it was said at the start and the end, as raw timestamps."""
    book["Activities"]["C7"] = "10/7/2025"
    return (
        "Activities!C7: Thu 10 Jul 2025 is outside the mission (Sun 5 to Fri 10 Oct 2025):"
        " did you mean 7 October?"
    )


def date_before_mission(book: Workbook) -> str:
    book["Meetings"]["E3"] = "4/10/2025"
    return "Meetings!E3: Sat 4 Oct 2025 is outside the mission (Sun 5 to Fri 10 Oct 2025)"


def mission_ends_before_it_starts(book: Workbook) -> str:
    """Every activity and hotel stay was also said to be outside the mission: 201 problems."""
    line = row_of(book["Mission"], "end_date")
    book["Mission"][f"B{line}"] = datetime(2025, 10, 1)
    return f"Mission!B{line}: end_date: 2025-10-01 is before 2025-10-05"


def empty_activities(book: Workbook) -> str:
    """Not also 137 'unknown activity' at every registration, logistics row and company."""
    activities = book["Activities"]
    activities.delete_rows(3, activities.max_row)
    return "Activities: no rows: only the header (and help row) is filled in"


def misspelt_header(book: Workbook) -> str:
    """Not 86 'missing language nl' at the title_en column, with the header never named."""
    header = [c.value for c in book["Activities"][1]]
    letter = get_column_letter(header.index("title_nl") + 1)
    book["Activities"][f"{letter}1"] = "titel_nl"
    return f"Activities!{letter}1: unknown column 'titel_nl'; the column 'title_nl' is missing"


def unknown_language(book: Workbook) -> str:
    """It was said at the id (A3), in pydantic's words ('Input should be ...')."""
    book["Delegates"]["D3"] = "de"
    return "Delegates!D3: language 'de' must be one of en, fr, nl"


def merged_language_cells(book: Workbook) -> str:
    """The merge alone: not also 'missing language fr' at the cell under it."""
    book["Activities"].merge_cells("N13:O13")
    return "Activities!N13:O13: merged cells: unmerge them"


def short_year_date(book: Workbook) -> str:
    """The date alone: not also `Logistics:4: coach_time: 5/10/25 '18:00' is not a time`."""
    book["Activities"]["C8"] = "5/10/25"
    return "Activities!C8: '5/10/25' is not a date (e.g. 2025-10-06 or 6/10/2025)"


def comma_sectors(book: Workbook) -> str:
    """A comma separates like a space: 'ai' alone is wrong, not also 'media,' twice."""
    book["Activities"]["K4"] = "media, ai"
    return "Activities!K4: unknown sector 'ai'"


def en_dash_id(book: Workbook) -> str:
    """Once, not also as 'unknown activity'."""
    book["Registrations"]["B5"] = "mon\u2013lunch"
    return "Registrations!B5: not an id: use only a-z, 0-9, - and _"


def bad_coach_time(book: Workbook) -> str:
    """At its cell, not 'Logistics:3: coach_time: ...'."""
    logistics = book["Logistics"]
    letter = get_column_letter([c.value for c in logistics[1]].index("coach_time") + 1)
    logistics[f"{letter}3"] = "7h99"
    return f"Logistics!{letter}3: "


def registered_twice(book: Workbook) -> str:
    """It said "duplicate activity id 'tue-nasa-ames'" and not where the first one is."""
    registrations = book["Registrations"]
    last = registrations.max_row + 1
    registrations[f"A{last}"] = registrations["A12"].value
    registrations[f"B{last}"] = registrations["B12"].value
    return (
        f"Registrations!B{last}: the same registration twice: "
        f"{registrations['B12'].value!r} (also row 12)"
    )


def end_past_midnight(book: Workbook) -> str:
    """18:30 to 00:30: said how to type an end after midnight."""
    book["Activities"]["E8"] = time(0, 30)
    return (
        "Activities!E8: end 00:30 is not after start 18:30: for an end after midnight, type 24:30"
    )


def end_24_30_in_a_time_cell(book: Workbook) -> str:
    """Excel keeps 24:30 typed in an h:mm cell as 1.02 days: it says to type it as text."""
    book["Activities"]["E8"] = 1 + 30 / 1440
    return (
        "Activities!E8: 1.020833 is a number, not a time (Excel counts it in days): type the"
        " time with a colon, e.g. '24:30"
    )


def very_long_title(book: Workbook) -> str:
    """A text pasted twice over: pydantic's 'String should have at most 500 characters'."""
    line = row_of(book["Activities"], "mon-lunch")
    book["Activities"][f"N{line}"] = "Networking lunch " * 40
    return f"Activities!N{line}: too long: 679 characters, at most 500: shorten it"


def renamed_sheet(book: Workbook) -> str:
    """Venues renamed in French: it said the sheet is missing, and not which one it may be."""
    book["Venues"].title = "Lieux"
    book.create_sheet("Notes")  # a sheet of the organiser's own
    return (
        "Venues!A1: sheet Venues is missing (a workbook has the sheets Mission, Sectors, Cities,"
        " Venues, Activities, Contacts, Delegates, Registrations, Meetings); this workbook also has"
        " Lieux, Notes: if one of them is Venues, rename it Venues"
    )


def renamed_optional_sheet(book: Workbook) -> str:
    """Hotels (optional) renamed: every delegate's hotel was silently left out."""
    book["Hotels"].title = "Hôtels"
    book.create_sheet("Notes")  # a sheet of the organiser's own, far from any name: not named
    return "Hôtels!A1: unknown sheet Hôtels: if it is Hotels, rename it Hotels"


def misspelt_venue(book: Workbook) -> str:
    """A letter left out of a venue id: said once, with the id it may be."""
    line = row_of(book["Activities"], "mon-lunch")
    book["Activities"][f"F{line}"] = "moscone-centre"
    return f"Activities!F{line}: unknown venue 'moscone-centre': did you mean 'moscone-center'?"


def venue_in_brussels(book: Workbook) -> str:
    """Coordinates of another place left in: published, the map of the Bay Area framed Europe."""
    book["Venues"]["E3"], book["Venues"]["F3"] = "50,8467", 4.3525
    return (
        "Venues!E3: 50.8467, 4.3525 is 8877 km from the other places of city 'sf': check the"
        " latitude and longitude"
    )


def swapped_coordinates(book: Workbook) -> str:
    """pydantic's 'Input should be greater than or equal to -90.0, got '-122.4101''."""
    book["Venues"]["E3"], book["Venues"]["F3"] = book["Venues"]["F3"].value, 37.786
    return "Venues!E3: -122.4101 is not between -90 and 90: are the latitude and longitude swapped?"


def meeting_without_delegate(book: Workbook) -> str:
    """A B2B meeting whose delegate cell was cleared: it silently left the feed."""
    book["Meetings"]["B3"] = None
    return "Meetings!B3: empty: fill it in"


def participant_without_activity(book: Workbook) -> str:
    """Princess Astrid's row with its activity cleared: silently gone from the opening."""
    book["Participants"]["A3"] = None
    return "Participants!A3: empty: fill it in"


def empty_end(book: Workbook) -> str:
    """It said "'' is not a time (e.g. 09:30 or 9u30)"."""
    book["Activities"]["E8"] = None
    return "Activities!E8: empty: fill it in (e.g. 09:30 or 9u30)"


def delegate_without_language(book: Workbook) -> str:
    """Lotte's language left empty: she was sent English invites and pages without a word."""
    book["Delegates"]["D3"] = None
    return "Delegates!D3: empty: fill in one of en, fr, nl"


def activity_without_id(book: Workbook) -> str:
    """The briefing's id cleared: five echoes "unknown activity 'sun-delegation-briefing'" from
    the Registrations came with it; one mistake, one message, naming the id to type back."""
    line = row_of(book["Activities"], "sun-delegation-briefing")
    book["Activities"][f"A{line}"] = None
    return (
        f"Activities!A{line}: empty: fill it in; 'sun-delegation-briefing' is named in"
        " Registrations, and no row here has it: was that this row's id?"
    )


def delegate_without_id(book: Workbook) -> str:
    """Lotte's id cleared: her contacts, meetings and registrations each said 'unknown
    delegate'; the sheets that name her, once, at her row."""
    book["Delegates"]["A3"] = None
    return (
        "Delegates!A3: empty: fill it in; 'demo' is named in Contacts, Meetings, Registrations,"
        " and no row here has it: was that this row's id?"
    )


def venue_without_id(book: Workbook) -> str:
    """The Hilton's id cleared: seven "unknown venue 'hilton-union-square'" from Activities."""
    book["Venues"]["A3"] = None
    return (
        "Venues!A3: empty: fill it in; 'hilton-union-square' is named in Activities, and no row"
        " here has it: was that this row's id?"
    )


def city_without_id(book: Workbook) -> str:
    """San Francisco's id cleared: 56 "unknown city 'sf'" from Venues and Companies."""
    book["Cities"]["A3"] = None
    return "Cities!A3: empty: fill it in; 'sf' is named in Venues, and no row here has it"


def sector_without_id(book: Workbook) -> str:
    """A sector's id cleared: 28 "unknown sector 'aero'" from Activities and Companies."""
    book["Sectors"]["A3"] = None
    return "Sectors!A3: empty: fill it in; 'aero' is named in Activities, and no row here has it"


ONE_MISTAKE = [merged_language_cells, short_year_date, comma_sectors, en_dash_id, bad_coach_time]
ONE_MISTAKE += [registered_twice, end_past_midnight, end_24_30_in_a_time_cell, very_long_title]
ONE_MISTAKE += [mission_without_id]

TIME_MISTAKES = [number_as_start, whole_number_as_end, number_as_coach_time, number_as_arrive_by]
TIME_MISTAKES += [date_and_time_as_start, decimal_text_as_start, time_without_its_colon]
TIME_MISTAKES += [day_as_date]
DATE_MISTAKES = [swapped_date, date_before_mission, mission_ends_before_it_starts]
SHEET_MISTAKES = [empty_activities, misspelt_header, unknown_language]

MISTAKES = [text_date, bad_time, merged, hidden, blank_row, formula, missing_sheet, renamed_header]

MISTAKES += [company_without_sectors, *TIME_MISTAKES, *DATE_MISTAKES]
MISTAKES += SHEET_MISTAKES + ONE_MISTAKE + [renamed_sheet, renamed_optional_sheet]
MISTAKES += [misspelt_venue, venue_in_brussels, swapped_coordinates]
MISTAKES += [meeting_without_delegate, participant_without_activity, empty_end]
MISTAKES += [delegate_without_language, activity_without_id]
MISTAKES += [delegate_without_id, venue_without_id, city_without_id, sector_without_id]


def with_mistake(tmp_path: Path, mistake: Callable[[Workbook], str]) -> tuple[Path, str]:
    """The example workbook with `mistake` made in it, and the message it must give."""
    book = load_workbook(EXAMPLE_WORKBOOK)
    expected = mistake(book)
    book.save(tmp_path / "m.xlsx")
    return tmp_path / "m.xlsx", expected
