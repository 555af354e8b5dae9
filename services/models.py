"""The feed contract (pydantic v2): mission.json for everyone, delegates/<token>.json per person.

Field-level rules live here; whole-document rules (unique ids, references, dates inside the
mission, all three languages) live in `services.document_rules`; `services.validation` is the only
way to parse. Unknown fields are ignored so that an older app can read a newer feed.

Text a person reads is localized ({"en", "fr", "nl"}, with a marked fallback): titles, contact
and participant names, organisations and roles, rooms, fact sources. Addresses keep the form
printed at the source (`address`) with a localized form beside it where one exists
(`address_local`). Items the organisers invented for a demo carry `sample: true`, and every
screen that shows them says so.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from services.contract_types import (
    EARLIEST as EARLIEST,
)
from services.contract_types import (
    LANGS as LANGS,
)
from services.contract_types import (
    LATEST as LATEST,
)
from services.contract_types import (
    ActivityKind as ActivityKind,
)
from services.contract_types import (
    ActivityState as ActivityState,
)
from services.contract_types import (
    ContactCategory as ContactCategory,
)
from services.contract_types import (
    Day as Day,
)
from services.contract_types import (
    Dial as Dial,
)
from services.contract_types import (
    Email as Email,
)
from services.contract_types import (
    Id as Id,
)
from services.contract_types import (
    Instant as Instant,
)
from services.contract_types import (
    Label as Label,
)
from services.contract_types import (
    Lang as Lang,
)
from services.contract_types import (
    Line as Line,
)
from services.contract_types import (
    Model as Model,
)
from services.contract_types import (
    Name as Name,
)
from services.contract_types import (
    Names as Names,
)
from services.contract_types import (
    Notes as Notes,
)
from services.contract_types import (
    Prose as Prose,
)
from services.contract_types import (
    RequiredNames as RequiredNames,
)
from services.contract_types import (
    Revision as Revision,
)
from services.contract_types import (
    ShortTitle as ShortTitle,
)
from services.contract_types import (
    Text as Text,
)
from services.contract_types import (
    Title as Title,
)
from services.contract_types import (
    Url as Url,
)
from services.models_day import (
    Announcement as Announcement,
)
from services.models_day import (
    Audience as Audience,
)
from services.models_day import (
    Company as Company,
)
from services.models_day import (
    ListedContact as ListedContact,
)
from services.models_day import (
    Logistics as Logistics,
)
from services.models_day import (
    Place as Place,
)
from services.models_day import (
    Safety as Safety,
)


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
    # In the reader's language where the organisers wrote one; a plain string (older feeds, or
    # one column in the sheet) is the same text in every language.
    location: Names = Field(default_factory=dict)
    notes: Notes = Field(default_factory=dict)
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
