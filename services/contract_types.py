"""The contract's building blocks: languages, field types with their limits, and the base model.

`services.models` builds the feed documents from these and re-exports them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

Lang = Literal["en", "fr", "nl"]
LANGS: tuple[Lang, ...] = ("en", "fr", "nl")

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Line = Annotated[str, StringConstraints(max_length=500)]
Label = Annotated[str, StringConstraints(max_length=500, pattern=r"\S")]
Prose = Annotated[str, StringConstraints(max_length=8000)]
# E.164 (+ and up to 15 digits); a three-digit service number is allowed for emergency contacts.
Dial = Annotated[str, StringConstraints(pattern=r"^(\+[1-9][0-9]{6,14}|[0-9]{3})$")]
Email = Annotated[
    str, StringConstraints(max_length=254, pattern=r"^[^@\s]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
]
Url = Annotated[str, StringConstraints(max_length=500, pattern=r"^https?://\S+$")]

# Dates far from ours overflow datetime arithmetic (9999-12-31 + 1 day) or mean a typo.
EARLIEST, LATEST = date(1970, 1, 1), date(2999, 12, 31)


def _plausible_day(value: date) -> date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"{value} is not between {EARLIEST} and {LATEST}")
    return value


def _plausible_instant(value: datetime) -> datetime:
    _plausible_day(value.date())
    return value


Day = Annotated[date, AfterValidator(_plausible_day)]
Instant = Annotated[AwareDatetime, AfterValidator(_plausible_instant)]
# Revisions only go forward: one absurdly high revision would freeze a feed for good.
Revision = Annotated[int, Field(ge=1, le=2**53 - 1)]

# Localized text: {"en": ..., "fr": ..., "nl": ...}; readers fall back per field.
Title = dict[Lang, Label]
Text = dict[Lang, Prose]


def _same_in_every_language(value: object) -> object:
    """A plain string is the same text in every language: a person's name, or an older feed
    that sent names, rooms and sources as plain strings."""
    if isinstance(value, str):
        return {lang: value for lang in LANGS} if value.strip() else {}
    return value


def _absent_or_same(value: object) -> object:
    """Also null as absent: these fields were optional strings, and older feeds sent null."""
    return {} if value is None else _same_in_every_language(value)


# Localized text that may also be sent as one plain string (see `_same_in_every_language`),
# or null (older feeds) when there is none. The schema shows what a feed may send in each form,
# with the limits the model enforces (a blank plain string reads as none: `Line`, not `Label`).
Names = Annotated[
    dict[Lang, Label],
    BeforeValidator(_absent_or_same, json_schema_input_type=Line | Title | None),
]
RequiredNames = Annotated[
    dict[Lang, Label],
    BeforeValidator(_same_in_every_language, json_schema_input_type=Label | Title),
    Field(min_length=1),
]
# Longer localized text that may also be sent as one plain string (a meeting's notes).
Notes = Annotated[
    dict[Lang, Prose],
    BeforeValidator(_absent_or_same, json_schema_input_type=Prose | Text | None),
]
# A short title for narrow app bars (about 40 characters).
ShortTitle = dict[Lang, Annotated[str, StringConstraints(max_length=48, pattern=r"\S")]]

ActivityKind = Literal[
    "seminar", "b2b", "visit", "reception", "signing", "briefing", "networking", "transfer"
]
ActivityState = Literal["confirmed", "changed", "cancelled"]
ContactCategory = Literal["organiser", "press", "consular", "emergency", "liaison", "counterpart"]


class Model(BaseModel):
    # Feed text is mostly unique strings: caching only keys parses ~30% faster than caching all.
    model_config = ConfigDict(frozen=True, extra="ignore", cache_strings="keys")
