"""The pocket agenda: feed documents -> one small, self-contained HTML page (no script).

One pure renderer shared by the app (the offline copy its service worker keeps, and *Print or
save my agenda*) and by the publisher (a page beside each personal feed document). One page per
language; its language switch links to the other two pages (`links`).
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, cached_property
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from markupsafe import Markup

from services.agenda import AgendaItem
from services.changes import Change
from services.contacts import display_phone, mail_link, tel_link
from services.i18n import LANGUAGE_NAMES, LOCALES, Translator
from services.mission_time import zone_words
from services.models import LANGS, Contact, DelegateDoc, Lang, MissionDoc
from services.pocket_layout import Layout, Measure, arrange
from services.pocket_parts import PocketParts, attributes, environment, joined, render_part
from services.pocket_safety import safety_section
from services.pocket_sections import agenda_days, venue_parts
from services.safety import nearest_hospital, other_line

Banner = Literal["offline", "published", "file"]  # "file": shared from the phone app, read anywhere
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
    # a publish measures each venue's nearest hospital once for all its pages (PocketParts)
    nearest: Measure = field(default=nearest_hospital, compare=False)

    @cached_property
    def layout(self) -> Layout:
        """What goes where, the same in every language."""
        return arrange(self.mission, self.delegate, self.items, self.nearest)


def render_pocket(
    source: PocketSource,
    lang: Lang,
    links: Mapping[Lang, str],
    banner: Banner = "offline",
    base: str | None = None,
    localedir: Path = LOCALES,
    parts: PocketParts | None = None,
) -> str:
    """The whole page in `lang`; `links` gives the address of the page in each other language,
    relative to `base` (the app's root, for the pages the app's service worker and server keep),
    or else to the page itself (published pages, side by side in one folder).
    `parts`: pieces already rendered for other pages of the same mission (a publish)."""
    parts = parts or PocketParts()
    parts.bind(source.mission, localedir)
    section = _section(source, lang, banner, localedir, parts)
    section["switch"] = [
        (code, LANGUAGE_NAMES[code], _address(links[code], base))
        for code in LANGS
        if code in links and code != lang
    ]
    section["home"] = base or "./"
    images = {r: _map_image(r) for r in source.layout.regions}
    return environment().get_template("pocket.html.j2").render(s=attributes(section), images=images)


def _address(link: str, base: str | None) -> str:
    """A link that leads to the same page wherever the page is served: the service worker
    shows one copy at pocket/mine.nl.html and, offline, at any address of the app (a relative
    'pocket/mine.fr.html' led to pocket/pocket/mine.fr.html, and deeper at every tap)."""
    return urljoin(base, link) if base else link


def _section(
    source: PocketSource, lang: Lang, banner: Banner, localedir: Path, parts: PocketParts
) -> dict[str, object]:
    tr = Translator(lang, localedir)
    mission = source.mission
    zone = ZoneInfo(mission.mission.time_zone)
    personal, layout = source.delegate is not None, source.layout
    maps, listed = venue_parts(tr, mission, layout.venues, parts, tr.gettext("Venues"))
    texts = parts.memo(("texts", lang, personal, banner), _texts, tr, mission, personal, banner)
    return texts | {
        "who": _person(source.delegate),
        "stamp": _stamp(source.delegate) if banner == "published" else "",
        "as_of": parts.memo(
            ("as of", lang, source.as_of, banner), _as_of, tr, source.as_of, zone, banner
        ),
        "days": agenda_days(tr, mission, layout.days, source.changes, zone, parts),
        "empty": tr.gettext("Nothing on your agenda yet.") if personal and not layout.items else "",
        "venues": listed,
        "maps": maps,
        "card": safety_section(tr, mission, source.delegate, layout.hospitals, parts),
        "safety": _contacts(tr, source, parts, "safety"),
        "contacts": _contacts(tr, source, parts, "contacts"),
    }


def _texts(
    tr: Translator, mission: MissionDoc, personal: bool, banner: Banner
) -> dict[str, object]:
    """What every page of the mission in this language says the same way."""
    _ = tr.gettext
    title = tr.text(mission.mission.title).text
    heading = _("My agenda") if personal else _("Programme")
    labels = {
        "venues": _("Venues"),
        "safety": _("Safety"),
        "contacts": _("Contacts"),
        "maps": _("Open in Maps"),
        "languages": _("Language"),
        "days": _("Days"),
    }
    return {
        "lang": tr.lang,
        "title": f"{heading} · {title}",
        "mission": title,
        "heading": heading,
        "banner": _("Offline copy, read-only") if banner == "offline" else _("Copy, read-only"),
        # the same page opened online (Print or save): our worker turns class="offline" into
        # "saved", and the banner no longer says offline
        "saved": _("Copy, read-only") if banner == "offline" else "",
        "zone": _zone_line(tr, ZoneInfo(mission.mission.time_zone)),
        "live": _("Open the live app") if banner == "offline" else "",
        # the offline copy still open when the network comes back (our worker's script)
        "online": _("Online again") if banner == "offline" else "",
        # the copies our worker keeps: it opens them on today's day (see its onToday)
        "time_zone": mission.mission.time_zone if banner == "offline" else "",
        "labels": attributes(labels),
    }


def _as_of(tr: Translator, when: datetime | None, zone: ZoneInfo, banner: Banner) -> str:
    """When the data was fetched (the app's offline copy), or when a published page last
    changed: it keeps the time of that publish (backend.stamps), which can be days old."""
    if when is None:
        return ""
    text = (
        tr.gettext("last changed {time}") if banner == "published" else tr.gettext("as of {time}")
    )
    return text.format(time=tr.moment(when, zone))


def _zone_line(tr: Translator, zone: ZoneInfo) -> str:
    name, city = zone_words(zone.key, tr.locale)
    return tr.gettext("Times are {zone} ({city}).").format(zone=name, city=city)


def _contacts(tr: Translator, source: PocketSource, parts: PocketParts, section: str) -> Markup:
    """The contacts of a `section` of the page: the mission's, then the person's own."""
    wanted = other_line if section == "safety" else _not_safety
    key, mission = ("contacts", tr.lang, section), source.mission
    shared = parts.memo(key, _mission_contacts, tr, mission, wanted)
    mine = source.delegate.contacts if source.delegate else []
    own = [parts.part(None, "contact", _contact, tr, c) for c in mine if wanted(c)]
    return joined([shared, *own])


def _mission_contacts(
    tr: Translator, mission: MissionDoc, wanted: Callable[[Contact], bool]
) -> Markup:
    return joined(render_part("contact", _contact(tr, c)) for c in mission.contacts if wanted(c))


def _not_safety(contact: Contact) -> bool:
    return contact.category not in SAFETY


def _stamp(delegate: DelegateDoc | None) -> str:
    """The revision and time a published page was made in, for the next publish to read back
    (backend.stamps): '<revision> <ISO time>'."""
    return f"{delegate.revision} {delegate.published_at.isoformat()}" if delegate else ""


def _person(delegate: DelegateDoc | None) -> str:
    if delegate is None:
        return ""
    d = delegate.delegate
    return f"{d.name} · {d.company}" if d.company else d.name


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
def _map_image(region: str) -> str:
    data = (MAPS / f"{region}-pocket.png").read_bytes()
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")
