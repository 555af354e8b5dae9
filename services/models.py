"""The feed contract (pydantic v2): mission.json for everyone, delegates/<token>.json per person.

Field-level rules live here; whole-document rules (unique ids, references, dates inside the
mission, all three languages) live in `services.validation`, which is the only way to parse.
Unknown fields are ignored so that an older app can read a newer feed.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

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

# Localized text: {"en": ..., "fr": ..., "nl": ...}; readers fall back per field.
Title = dict[Lang, Label]
Text = dict[Lang, Prose]

ActivityKind = Literal[
    "seminar", "b2b", "visit", "reception", "signing", "briefing", "networking", "transfer"
]
ActivityState = Literal["confirmed", "changed", "cancelled"]
ContactCategory = Literal["organiser", "press", "consular", "emergency", "liaison", "counterpart"]


class Model(BaseModel):
    # Feed text is mostly unique strings: caching only keys parses ~30% faster than caching all.
    model_config = ConfigDict(frozen=True, extra="ignore", cache_strings="keys")


class Sector(Model):
    id: Id
    name: Title


class City(Model):
    id: Id
    name: Title
    start_date: date
    end_date: date


class Fact(Model):
    """A figure or statement quoted from a named public source (never illustrative)."""

    id: Id
    text: Text
    source: Line


class Mission(Model):
    id: Id
    title: Title
    led_by: Text = Field(default_factory=dict)
    start_date: date
    end_date: date
    time_zone: Annotated[str, StringConstraints(max_length=64)]
    languages: list[Lang] = Field(min_length=1)
    sectors: list[Sector] = Field(min_length=1, max_length=64)
    cities: list[City] = Field(min_length=1, max_length=32)
    facts: list[Fact] = Field(default_factory=list, max_length=64)
    sample: bool
    sample_note: Text = Field(default_factory=dict)


class Venue(Model):
    id: Id
    name: Name
    address: Line
    city: Id
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    access: Text = Field(default_factory=dict)
    map_image: Line | None = None


class Participant(Model):
    name: Name
    role: Literal["host", "speaker", "moderator", "guest"]
    organisation: Line | None = None


class Activity(Model):
    id: Id
    kind: ActivityKind
    title: Title
    description: Text = Field(default_factory=dict)
    sectors: list[Id] = Field(default_factory=list, max_length=16)
    start: AwareDatetime
    end: AwareDatetime
    venue_id: Id
    room: Line | None = None
    state: ActivityState = "confirmed"
    registration: Literal["open", "invite"] = "open"
    participants: list[Participant] = Field(default_factory=list, max_length=100)


class Contact(Model):
    id: Id
    name: Name
    category: ContactCategory
    role: Title = Field(default_factory=dict)
    organisation: Line | None = None
    phone: Dial | None = None
    mobile: Dial | None = None
    email: Email | None = None
    website: Url | None = None
    address: Line | None = None
    hours: Title = Field(default_factory=dict)


class MissionDoc(Model):
    """mission.json: what every delegate shares."""

    revision: int = Field(ge=1)
    published_at: AwareDatetime
    mission: Mission
    venues: list[Venue] = Field(min_length=1, max_length=2000)
    activities: list[Activity] = Field(min_length=1, max_length=20000)
    contacts: list[Contact] = Field(default_factory=list, max_length=2000)


class Delegate(Model):
    id: Id
    name: Name
    company: Line
    language: Lang = "en"


class Meeting(Model):
    """A private B2B meeting: only in this delegate's document."""

    id: Id
    counterpart: Name
    company: Line
    start: AwareDatetime
    end: AwareDatetime
    venue_id: Id | None = None
    location: Line | None = None
    notes: Prose | None = None


class DelegateDoc(Model):
    """delegates/<token>.json: one person's agenda, meetings and personal contacts."""

    revision: int = Field(ge=1)
    published_at: AwareDatetime
    mission_id: Id
    delegate: Delegate
    registered: list[Id] = Field(default_factory=list, max_length=2000)
    meetings: list[Meeting] = Field(default_factory=list, max_length=500)
    contacts: list[Contact] = Field(default_factory=list, max_length=200)


def encode(doc: MissionDoc | DelegateDoc) -> bytes:
    """The canonical bytes of a document: same document, same bytes (UTF-8, compact)."""
    return doc.model_dump_json(exclude_none=True).encode()


def feed_schema() -> dict[str, object]:
    """JSON Schema of both documents, as published in docs/feed-schema.json."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Delegate Companion feed",
        "description": "mission.json (shared) and delegates/<token>.json (one per delegate).",
        "mission.json": MissionDoc.model_json_schema(),
        "delegates/<token>.json": DelegateDoc.model_json_schema(),
    }
