"""The pocket agenda: feed documents -> one small, self-contained HTML page (no script).

One pure renderer shared by the app (the offline copy its service worker keeps, and *Print or
save my agenda*) and by the publisher (a page beside each personal feed document). One page per
language; its language switch links to the other two pages (`links`).
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from babel.dates import get_timezone_name
from jinja2 import Environment, FileSystemLoader, select_autoescape

from services.agenda import AgendaItem
from services.changes import Change
from services.contacts import display_phone, mail_link, tel_link
from services.i18n import LANGUAGE_NAMES, LOCALES, Translator
from services.maps import google_maps_link
from services.models import LANGS, Contact, DelegateDoc, Lang, MissionDoc, Venue
from services.pocket_safety import other_lines, safety_section
from services.pocket_sections import agenda_days, venue_maps

Banner = Literal["offline", "published"]
TEMPLATES = Path(__file__).resolve().parent / "templates"
MAPS = Path(__file__).resolve().parent.parent / "assets" / "maps"
SAFETY = ("emergency", "consular")


@dataclass(frozen=True)
class PocketSource:
    """What the page shows. `delegate` None: the programme-only page for visitors."""

    mission: MissionDoc
    delegate: DelegateDoc | None = None
    items: Sequence[AgendaItem] = ()
    changes: Mapping[str, Change] = field(default_factory=dict)
    as_of: datetime | None = None


def programme_items(mission: MissionDoc) -> list[AgendaItem]:
    """Every activity of the mission, for the page of someone who has not signed in."""
    venues = {v.id: v for v in mission.venues}
    items = [
        AgendaItem(
            a.id, "registered", a.start, a.end, venues.get(a.venue_id), a.state == "cancelled", a
        )
        for a in mission.activities
    ]
    return sorted(items, key=lambda item: (item.start, item.end, item.id))


def render_pocket(
    source: PocketSource,
    lang: Lang,
    links: Mapping[Lang, str],
    banner: Banner = "offline",
    base: str | None = None,
    localedir: Path = LOCALES,
) -> str:
    """The whole page in `lang`; `links` gives the address of the page in each other language,
    relative to `base` (the app's root, for the copies the app's service worker keeps)."""
    section = _section(source, lang, banner, localedir)
    section["switch"] = [
        (code, LANGUAGE_NAMES[code], links[code])
        for code in LANGS
        if code in links and code != lang
    ]
    regions = sorted({str(m["region"]) for m in section["maps"]})  # type: ignore[attr-defined]
    return (
        _environment()
        .get_template("pocket.html.j2")
        .render(s=section, images={r: _map_image(r) for r in regions})
    )


def _section(
    source: PocketSource, lang: Lang, banner: Banner, localedir: Path
) -> dict[str, object]:
    tr = Translator(lang, localedir)
    _ = tr.gettext
    mission = source.mission
    zone = ZoneInfo(mission.mission.time_zone)
    personal = source.delegate is not None
    items = list(source.items) if personal else programme_items(mission)
    venues = _venues_of(mission, items, personal)
    contacts = [*mission.contacts, *(source.delegate.contacts if source.delegate else [])]
    title = tr.text(mission.mission.title).text
    heading = _("My agenda") if personal else _("Programme")
    zone_name = _zone_name(zone.key, tr.locale)
    as_of = tr.moment(source.as_of, zone) if source.as_of else ""
    return {
        "lang": lang,
        "title": f"{heading} · {title}",
        "mission": title,
        "heading": heading,
        "who": _person(source.delegate),
        "banner": _("Offline copy, read-only") if banner == "offline" else _("Copy, read-only"),
        "as_of": _("as of {time}").format(time=as_of) if as_of else "",
        "zone": _("Times are {zone} ({city}).").format(
            zone=zone_name, city=zone.key.split("/")[-1].replace("_", " ")
        ),
        "days": agenda_days(tr, mission, items, source.changes, zone),
        "empty": _("Nothing on your agenda yet.") if personal and not items else "",
        "venues": [_venue(tr, mission, v, n) for n, v in enumerate(venues, 1)],
        "maps": venue_maps(venues),
        "card": safety_section(tr, mission, source.delegate, items, zone),
        "safety": [_contact(tr, c) for c in other_lines(contacts)],
        "contacts": [_contact(tr, c) for c in contacts if c.category not in SAFETY],
        "live": _("Open the live app") if banner == "offline" else "",
        "labels": {
            "venues": _("Venues"),
            "safety": _("Safety"),
            "contacts": _("Contacts"),
            "maps": _("Open in Maps"),
            "languages": _("Language"),
        },
    }


def _person(delegate: DelegateDoc | None) -> str:
    if delegate is None:
        return ""
    d = delegate.delegate
    return f"{d.name} · {d.company}" if d.company else d.name


def _venues_of(mission: MissionDoc, items: list[AgendaItem], personal: bool) -> list[Venue]:
    if not personal:
        return list(mission.venues)
    used = {item.venue.id for item in items if item.venue is not None}
    return [v for v in mission.venues if v.id in used]


def _venue(tr: Translator, mission: MissionDoc, venue: Venue, number: int) -> dict[str, object]:
    city = next((c for c in mission.mission.cities if c.id == venue.city), None)
    return {
        "number": number,
        "name": venue.name,
        "address": venue.address,
        "city": tr.text(city.name).text if city else "",
        "access": tr.text(venue.access).text if venue.access else "",
        "link": google_maps_link(venue),
    }


def _contact(tr: Translator, contact: Contact) -> dict[str, object]:
    numbers = [n for n in (contact.phone, contact.mobile) if n]
    return {
        "name": tr.text(contact.name).text,
        "role": tr.text(contact.role).text if contact.role else "",
        "organisation": tr.text(contact.organisation).text if contact.organisation else "",
        "phones": [(tel_link(n), display_phone(n)) for n in numbers],
        "email": (mail_link(contact.email), contact.email) if contact.email else None,
        "hours": tr.text(contact.hours).text if contact.hours else "",
    }


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["j2", "html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


@cache
def _zone_name(zone: str, locale: str) -> str:
    """'Pacific Time', 'Pacific-tijd', 'heure du Pacifique nord-américain'."""
    return str(get_timezone_name(ZoneInfo(zone), "long", locale=locale))


@cache
def _map_image(region: str) -> str:
    data = (MAPS / f"{region}-pocket.png").read_bytes()
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")
