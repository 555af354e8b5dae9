"""The feed contract (pydantic v2): mission.json for everyone, delegates/<token>.json per person.

Field-level rules live here; whole-document rules (unique ids, references, dates inside the
mission, all three languages) live in `services.validation`, which is the only way to parse.
Unknown fields are ignored so that an older app can read a newer feed.

Text a person reads is localized ({"en", "fr", "nl"}, with a marked fallback): titles, contact
and participant names, organisations and roles, rooms, fact sources. Addresses keep the form
printed at the source (`address`) with a localized form beside it where one exists
(`address_local`). Items the organisers invented for a demo carry `sample: true`, and every
screen that shows them says so.
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


# Localized text that may also be sent as one plain string (see `_same_in_every_language`).
Names = Annotated[
    dict[Lang, Label],
    BeforeValidator(_same_in_every_language, json_schema_input_type=str | dict[Lang, str]),
]
RequiredNames = Annotated[Names, Field(min_length=1)]
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


class Sector(Model):
    id: Id
    name: Title


class City(Model):
    id: Id
    name: Title
    start_date: Day
    end_date: Day


class Fact(Model):
    """A figure or statement quoted from a named public source (never illustrative)."""

    id: Id
    text: Text
    source: RequiredNames


class Mission(Model):
    id: Id
    title: Title
    short_title: ShortTitle = Field(default_factory=dict)
    led_by: Text = Field(default_factory=dict)
    start_date: Day
    end_date: Day
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
    address_local: Title = Field(default_factory=dict)
    city: Id
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    access: Text = Field(default_factory=dict)
    map_image: Line | None = None


class Participant(Model):
    name: RequiredNames
    role: Literal["host", "speaker", "moderator", "guest"]
    organisation: Names = Field(default_factory=dict)
    sample: bool = False


class Activity(Model):
    id: Id
    kind: ActivityKind
    title: Title
    description: Text = Field(default_factory=dict)
    sectors: list[Id] = Field(default_factory=list, max_length=16)
    start: Instant
    end: Instant
    venue_id: Id
    room: Names = Field(default_factory=dict)
    state: ActivityState = "confirmed"
    registration: Literal["open", "invite"] = "open"
    participants: list[Participant] = Field(default_factory=list, max_length=100)
    sample: bool = False


class Contact(Model):
    id: Id
    name: RequiredNames
    category: ContactCategory
    role: Title = Field(default_factory=dict)
    organisation: Names = Field(default_factory=dict)
    phone: Dial | None = None
    mobile: Dial | None = None
    email: Email | None = None
    website: Url | None = None
    address: Line | None = None
    address_local: Title = Field(default_factory=dict)
    hours: Title = Field(default_factory=dict)
    sample: bool = False


Urgency = Literal["info", "important", "urgent"]
AudienceKind = Literal["everyone", "city", "sector", "activity"]
OrganisationKind = Literal["company", "federation", "institution", "administration"]


class Audience(Model):
    """Who an announcement is for: everyone, or one city leg, sector or activity (by id)."""

    kind: AudienceKind = "everyone"
    id: Id | None = None


class Announcement(Model):
    id: Id
    at: AwareDatetime
    urgency: Urgency = "info"
    audience: Audience = Field(default_factory=Audience)
    title: Title
    body: Text = Field(default_factory=dict)


class Logistics(Model):
    """What one activity asks of a delegate: clothes, papers, screening, the coach."""

    activity_id: Id
    dress_code: Text = Field(default_factory=dict)
    bring: Text = Field(default_factory=dict)
    security: Text = Field(default_factory=dict)
    arrive_by: AwareDatetime | None = None
    departure_point: Text = Field(default_factory=dict)
    departure_time: AwareDatetime | None = None
    access: Text = Field(default_factory=dict)


class Place(Model):
    """A place that is not on the programme, e.g. a hospital for the safety card."""

    id: Id
    name: Name
    address: Line
    city: Id
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    phone: Dial | None = None


class ListedContact(Model):
    """A directory entry's contact person; only published with their consent."""

    name: Name
    role: Text = Field(default_factory=dict)
    email: Email | None = None
    phone: Dial | None = None


class Company(Model):
    """One organisation of the delegation, as listed in the mission booklet."""

    id: Id
    name: Name
    kind: OrganisationKind = "company"
    sectors: list[Id] = Field(min_length=1, max_length=6)
    profile: Text
    cities: list[Id] = Field(default_factory=list, max_length=32)
    website: Url | None = None
    contact: ListedContact
    hosts: list[Id] = Field(default_factory=list, max_length=100)


class Safety(Model):
    """The mission's duty phone and the consulate (a contact id) for the safety card."""

    duty_phone: Dial
    duty_name: Title = Field(default_factory=dict)
    consulate: Id | None = None


class MissionDoc(Model):
    """mission.json: what every delegate shares."""

    revision: Revision
    published_at: Instant
    mission: Mission
    venues: list[Venue] = Field(min_length=1, max_length=2000)
    activities: list[Activity] = Field(min_length=1, max_length=20000)
    contacts: list[Contact] = Field(default_factory=list, max_length=2000)
    announcements: list[Announcement] = Field(default_factory=list, max_length=2000)
    logistics: list[Logistics] = Field(default_factory=list, max_length=20000)
    companies: list[Company] = Field(default_factory=list, max_length=5000)
    hospitals: list[Place] = Field(default_factory=list, max_length=200)
    safety: Safety | None = None


class Delegate(Model):
    id: Id
    name: Name
    company: Line
    language: Lang = "en"
    sample: bool = False


class Meeting(Model):
    """A private B2B meeting: only in this delegate's document."""

    id: Id
    counterpart: Name
    company: Line
    start: Instant
    end: Instant
    venue_id: Id | None = None
    location: Line | None = None
    notes: Prose | None = None
    sample: bool = False


class Stay(Model):
    """A hotel night block: the delegate sleeps here from check_in to check_out."""

    hotel_id: Id
    name: Name
    address: Line
    city: Id
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    phone: Dial | None = None
    check_in: date
    check_out: date


class DelegateDoc(Model):
    """delegates/<token>.json: one person's agenda, meetings and personal contacts."""

    revision: Revision
    published_at: Instant
    mission_id: Id
    delegate: Delegate
    registered: list[Id] = Field(default_factory=list, max_length=2000)
    meetings: list[Meeting] = Field(default_factory=list, max_length=500)
    contacts: list[Contact] = Field(default_factory=list, max_length=200)
    stays: list[Stay] = Field(default_factory=list, max_length=64)


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
