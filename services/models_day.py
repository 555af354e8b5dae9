"""The mission-day content of mission.json: announcements, logistics, the delegation directory,
hospitals and the safety card's numbers. `services.models` re-exports these.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from services.contract_types import Dial, Email, Id, Line, Model, Name, Text, Title, Url

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
    sample: bool = False  # made up for a demo: the app labels it Illustrative


class Safety(Model):
    """The mission's duty phone and the consulate (a contact id) for the safety card."""

    duty_phone: Dial
    duty_name: Title = Field(default_factory=dict)
    consulate: Id | None = None
