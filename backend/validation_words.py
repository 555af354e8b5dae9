"""pydantic's validation errors in the words of an organiser filling in a sheet: what is wrong
with the cell and what to type instead, then the value found."""

from __future__ import annotations

from typing import Any

# The contract's patterns (services/contract_types.py), as a person would say them.
PATTERNS = {
    "^[a-z0-9][a-z0-9_-]{0,63}$": "not an id: use only a-z, 0-9, - and _ (no capitals, spaces "
    "or accents), at most 64",
    "^(\\+[1-9][0-9]{6,14}|[0-9]{3})$": "not a phone number in international form (+1 415 555 "
    "0100, or a three-digit emergency number such as 911)",
    "^https?://\\S+$": "not a web address (https://...)",
}
TYPES = {
    "int_parsing": "not a whole number",
    "float_parsing": "not a number",
    "date_from_datetime_parsing": "not a date (e.g. 2025-10-06)",
    "date_parsing": "not a date (e.g. 2025-10-06)",
    "datetime_from_date_parsing": "not a date and time (e.g. 2025-10-01T09:00:00+02:00)",
    "datetime_parsing": "not a date and time (e.g. 2025-10-01T09:00:00+02:00)",
    "too_short": "empty: fill in at least one",
}


def message(err: Any) -> str:
    """The sentence for one of pydantic's error dicts."""
    value = err.get("input")
    if err["type"] != "missing" and isinstance(value, str) and not value.strip():
        return "empty: fill it in"
    pattern = (err.get("ctx") or {}).get("pattern")
    text = PATTERNS.get(str(pattern)) or TYPES.get(err["type"]) or str(err["msg"])
    if err["type"] == "string_pattern_mismatch" and "@" in str(pattern):
        text = "not an e-mail address"
    if isinstance(value, (str, int, float)) and err["type"] != "missing":
        shown = repr(value)
        text += f", got {shown if len(shown) <= 60 else shown[:57] + '...'}"
    return text
