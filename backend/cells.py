"""Workbook cells to the text a CSV export would hold: Excel dates and times, text dates typed
the Belgian way (6/10/2025, 9u30), and decimal commas (37,7857) all become one canonical form.

The kind of a column follows from its name, so a new table's `*_date` column works unchanged.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from services.said import Said, said

NUMBER_COLUMNS = frozenset({"lat", "lon", "latitude", "longitude"})
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_CLOCK = re.compile(r"^(\d{1,2})\s*(?:[:hHuU.,]\s*(\d{2})?)?(?::(\d{2}))?\s*$")
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
EXCEL_EPOCH = date(1899, 12, 30)
# before it, a "date" in a time cell is a number of days: up to 2400, a time typed without its
# colon (930 for 9:30, 18 July 1902); nobody means a date and time of 1906 there
_NUMBERS_END = datetime(1907, 1, 1)
_LEAP_BUG = datetime(1900, 3, 1)  # Excel's 29 February 1900: its serial numbers shift by one
TIME_COLUMNS = frozenset({"arrive_by"})
DATE_COLUMNS = frozenset({"check_in", "check_out"})


def kind_of(column: str) -> str:
    """'date', 'time', 'number' or 'text', from the column's name."""
    if column == "date" or column.endswith("_date") or column in DATE_COLUMNS:
        return "date"
    if column in ("start", "end", "time", *TIME_COLUMNS) or column.endswith("_time"):
        return "time"
    return "number" if column in NUMBER_COLUMNS else "text"


def cell_text(value: object, kind: str) -> str:
    """The canonical text of one cell value for a column of `kind`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return _from_datetime(value, kind)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return _clock(value)
    if isinstance(value, timedelta):
        minutes = round(value.total_seconds() / 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    if isinstance(value, (int, float)):
        return _from_number(value, kind)
    return _from_text(str(value).strip(), kind)


def not_a_time(value: object) -> Said | None:
    """Why a time-of-day cell's value is not a time of day, or None. An Excel time is a
    fraction of a day: 11.3 typed (as "11,30") in an h:mm cell is 11 days and 07:12, which
    Excel shows as 7:12; its days would be lost without a word."""
    if isinstance(value, bool):
        return None
    if isinstance(value, datetime) and value.date() != EXCEL_EPOCH:
        if value >= _NUMBERS_END:
            return said(
                "{value} is a date and time, not a time: type only the time (e.g. {example});"
                " the date goes in the date column",
                value=value.strftime("%Y-%m-%d %H:%M"), example=_clock(value.time()),
            )  # fmt: skip
        # openpyxl counts these as Excel does: before its 29 February 1900, from 31 December
        origin = datetime(1899, 12, 31) if value < _LEAP_BUG else datetime(1899, 12, 30)
        value = (value - origin).total_seconds() / 86400
    elif isinstance(value, timedelta):
        value = value.total_seconds() / 86400
    if isinstance(value, (int, float)) and not 0 <= value < 1:
        number = f"{value:.6f}".rstrip("0").rstrip(".")
        return said(
            "{value} is a number, not a time (Excel counts it in days): type the time with a"
            " colon, e.g. {example}",
            value=number, example=_example(number, value),
        )  # fmt: skip
    return None


def days_typed(day: date) -> int | None:
    """The number a date cell holds when it is one typed, not a date: Excel shows 6 in a
    date cell as 6 January 1900; None for a date someone may mean."""
    if day >= _NUMBERS_END.date():
        return None
    origin = date(1899, 12, 31) if day < _LEAP_BUG.date() else EXCEL_EPOCH
    return (day - origin).days


def _example(number: str, days: float) -> str:
    """11.3 (typed as "11,30") as 11:30; 930 (a time typed without its colon) as 09:30; 24:30
    typed in a time cell (1.02 days) as '24:30, which Excel keeps as text; 09:30 when the
    digits are no time."""
    minutes_past = round(days * 24 * 60)
    if 24 * 60 <= minutes_past < 30 * 60 and abs(days * 24 * 60 - minutes_past) < 1e-6:
        return f"'{minutes_past // 60}:{minutes_past % 60:02d}"
    hours, _, minutes = number.partition(".")
    if not minutes and len(hours) in (3, 4):  # 930, 1130: hours and minutes without a colon
        hours, minutes = hours[:-2], hours[-2:]
    minutes = minutes.ljust(2, "0")
    if hours.isdigit() and int(hours) < 24 and len(minutes) == 2 and int(minutes) < 60:
        return f"{int(hours):02d}:{minutes}"
    return "09:30"


def _from_datetime(value: datetime, kind: str) -> str:
    if kind == "time" or value.date() == EXCEL_EPOCH:
        return _clock(value.time())
    if kind == "date" or value.time() == time(0):
        return value.date().isoformat()
    return value.isoformat(timespec="minutes")


def _from_number(value: float, kind: str) -> str:
    if kind == "time" and 0 <= value < 1:  # a time typed in a cell formatted as a number
        minutes = round(value * 24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def _from_text(text: str, kind: str) -> str:
    if kind == "date":
        match = _DAY_FIRST.match(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return date(year, month, day).isoformat()
            except ValueError:
                return text
    elif kind == "time":
        match = _CLOCK.match(text)
        if match and int(match.group(1)) < 24 and int(match.group(2) or 0) < 60:
            seconds = f":{match.group(3)}" if match.group(3) not in (None, "00") else ""
            return f"{int(match.group(1)):02d}:{match.group(2) or '00'}{seconds}"
    elif kind == "number" and _DECIMAL_COMMA.match(text):
        return text.replace(",", ".")
    return text


def _clock(value: time) -> str:
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")
