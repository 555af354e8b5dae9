"""pydantic's validation errors in the words of an organiser filling in a sheet: what is wrong
with the cell and what to type instead, then the value found."""

from __future__ import annotations

from typing import Any

from backend.origins import COLUMN_OF, NOT_A_DATE, NOT_A_DATETIME
from services.said import Said, said

# The contract's patterns (services/contract_types.py), as a person would say them.
ID_PATTERN = "^[a-z0-9][a-z0-9_-]{0,63}$"
PATTERNS = {
    ID_PATTERN: said(
        "not an id: use only a-z, 0-9, - and _ (no capitals, spaces or accents), at most 64"
    ),
    "^(\\+[1-9][0-9]{6,14}|[0-9]{3})$": said(
        "not a phone number in international form (+1 415 555 0100, or a three-digit emergency "
        "number such as 911)"
    ),
    "^https?://\\S+$": said("not a web address (https://...)"),
}
_DATE = NOT_A_DATE  # a workbook's own examples: backend.origins
_DATETIME = NOT_A_DATETIME
TYPES = {
    "int_parsing": said("not a whole number"),
    "float_parsing": said("not a number"),
    "date_from_datetime_parsing": _DATE,
    "date_parsing": _DATE,
    "datetime_from_date_parsing": _DATETIME,
    "datetime_parsing": _DATETIME,
    "too_short": said("empty: fill in at least one"),
}


def message(err: Any) -> str:
    """The sentence for one of pydantic's error dicts (pydantic's own words, in English, for
    the rare kinds this table does not know)."""
    value = err.get("input")
    if err["type"] != "missing" and isinstance(value, str) and not value.strip():
        return said("empty: fill it in")
    if err["type"] in ("literal_error", "enum") and isinstance(value, str):
        return _not_listed(err, value)
    coordinate = next((p for p in reversed(err.get("loc", ())) if isinstance(p, str)), "")
    if coordinate in ("lat", "lon") and err["type"] in ("greater_than_equal", "less_than_equal"):
        limit = 90 if coordinate == "lat" else 180
        outside = said("{value} is not between -{limit} and {limit}", value=value, limit=limit)
        try:
            swapped = coordinate == "lat" and abs(float(value)) <= 180
        except (TypeError, ValueError):
            swapped = False
        if swapped:  # a longitude: in the latitude's cell
            return said("{problem}: are the latitude and longitude swapped?", problem=outside)
        return outside
    if err["type"] == "string_too_long" and isinstance(value, str):
        limit = (err.get("ctx") or {}).get("max_length", "")
        return said(
            "too long: {length} characters, at most {limit}: shorten it",
            length=len(value), limit=limit,
        )  # fmt: skip
    pattern = (err.get("ctx") or {}).get("pattern")
    text: str = PATTERNS.get(str(pattern)) or TYPES.get(err["type"]) or _pydantic(err)
    if err["type"] == "string_pattern_mismatch" and "@" in str(pattern):
        text = said("not an e-mail address")
    if isinstance(value, (str, int, float)) and err["type"] != "missing":
        return got(text, _shown(value))
    return text


def not_an_id(value: str) -> Said:
    """What the contract says of an id it refuses, in the same words."""
    return got(PATTERNS[ID_PATTERN], _shown(value))


def _shown(value: object) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _not_listed(err: Any, value: str) -> Said:
    """`language 'FR' must be one of en, fr, nl`."""
    expected = str((err.get("ctx") or {}).get("expected", ""))
    listed = ", ".join(v.strip("'") for v in expected.replace(" or ", ", ").split(", "))
    column = next((p for p in reversed(err.get("loc", ())) if isinstance(p, str)), "")
    return said(
        "{column} {value} must be one of {choices}",
        column=COLUMN_OF.get(column, column), value=repr(value), choices=listed,
    )  # fmt: skip


def _pydantic(err: Any) -> str:
    """pydantic's own sentence, said from the catalog for the kinds an organiser meets (a
    choice outside its list, a number out of range); its English words are kept."""
    ctx = err.get("ctx") or {}
    kind = err["type"]
    if kind in ("literal_error", "enum") and "expected" in ctx:
        choices, sep, last = str(ctx["expected"]).rpartition(" or ")
        if sep:
            return said("Input should be {choices} or {last}", choices=choices, last=last)
        return said("Input should be {expected}", expected=str(ctx["expected"]))
    if kind == "less_than_equal" and "le" in ctx:
        return said("Input should be less than or equal to {le}", le=ctx["le"])
    if kind == "greater_than_equal" and "ge" in ctx:
        return said("Input should be greater than or equal to {ge}", ge=ctx["ge"])
    return str(err["msg"])


def got(text: str, shown: str) -> Said:
    """`not a whole number, got 'abc'`: what is wrong, then the value found."""
    return said("{problem}, got {value}", problem=text, value=shown)
