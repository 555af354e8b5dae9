"""The safety card's facts: tonight's hotel, where the person is now, the nearest hospital."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from services.agenda import AgendaItem
from services.geo import distance_between
from services.models import Contact, DelegateDoc, MissionDoc, Place, Stay, Venue


def tonight(delegate: DelegateDoc | None, day: date) -> Stay | None:
    """The hotel for the night that starts on `day`; on the last morning, the one just left."""
    stays = delegate.stays if delegate else []
    current = next((s for s in stays if s.check_in <= day < s.check_out), None)
    return current or next((s for s in stays if s.check_out == day), None)


def as_venue(stay: Stay) -> Venue:
    """A hotel as a place to travel from (for distances and the leave-by time)."""
    return Venue(
        id=stay.hotel_id,
        name=stay.name,
        address=stay.address,
        city=stay.city,
        lat=stay.lat,
        lon=stay.lon,
    )


def current_venue(items: Sequence[AgendaItem], now: datetime, zone: ZoneInfo) -> Venue | None:
    """Where the person is, or is about to be: the item on now, else the last one begun today,
    else the next one today."""
    today = now.astimezone(zone).date()
    live = [
        i
        for i in items
        if not i.cancelled and i.venue is not None and i.start.astimezone(zone).date() == today
    ]
    on = next((i for i in live if i.start <= now < i.end), None)
    begun = [i for i in live if i.start <= now]
    later = [i for i in live if i.start > now]
    chosen = on or (begun[-1] if begun else None) or (later[0] if later else None)
    return chosen.venue if chosen else None


@dataclass(frozen=True)
class Nearest:
    place: Place
    km: float
    origin: Venue  # measured from here


def nearest_hospital(mission: MissionDoc, here: Venue | None) -> Nearest | None:
    if here is None or not mission.hospitals:
        return None
    spots = tuple((p.id, p.lat, p.lon) for p in mission.hospitals)
    km, index = _nearest((here.lat, here.lon), spots)
    return Nearest(mission.hospitals[index], km, here)


@lru_cache(maxsize=4096)
def _nearest(
    here: tuple[float, float], spots: tuple[tuple[str, float, float], ...]
) -> tuple[float, int]:
    """(km, index) of the nearest of `spots` (id, lat, lon), ties to the smaller id. Asked for
    every item of every agenda, with the same few places: measured once per place."""
    ranked = sorted(
        (distance_between(*here, lat, lon), spot_id, n)
        for n, (spot_id, lat, lon) in enumerate(spots)
    )
    km, _pid, index = ranked[0]
    return km, index


def place_as_venue(place: Place) -> Venue:
    fields = place.model_dump(include={"id", "name", "address", "city", "lat", "lon"})
    return Venue.model_validate(fields)


def consulate(mission: MissionDoc) -> Contact | None:
    wanted = mission.safety.consulate if mission.safety else None
    by_id = next((c for c in mission.contacts if c.id == wanted), None)
    return by_id or next((c for c in mission.contacts if c.category == "consular"), None)


def emergency(mission: MissionDoc) -> Contact | None:
    """The number for police, fire and ambulance: 911 in the US, else the emergency line
    with a short number (112, 999)."""
    found = next((c for c in mission.contacts if c.phone == "911"), None)
    return found or next((c for c in mission.contacts if emergency_number(c)), None)


def emergency_number(contact: Contact) -> bool:
    """An emergency line dialled as a short number (911, 112, 999): the red button."""
    phone = contact.phone or ""
    return contact.category == "emergency" and phone.isdigit() and len(phone) <= 3


def other_line(contact: Contact) -> bool:
    """An emergency line with a whole number (police non-emergency, poison help): listed with
    911, 112 or 999, but never called the way they are."""
    return contact.category == "emergency" and not emergency_number(contact)
