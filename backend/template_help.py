"""What the template's help row says under each header, and the choices that are a sheet's own
(the contract's other choices come from services.models)."""

from __future__ import annotations

from typing import get_args

from services.models_day import AudienceKind, OrganisationKind, Urgency

# Sheets whose choices are their own (the day sheets, backend.day_sheets).
OWN_CHOICES = {
    "companies.csv": {"kind": list(get_args(OrganisationKind))},
    "announcements.csv": {
        "urgency": list(get_args(Urgency)),
        "audience": list(get_args(AudienceKind)),
    },
}
HELP = {
    "id": "unique id: a-z, 0-9, - (never change it once published)",
    "date": "a date: 2025-10-06 or 6/10/2025",
    "start": "mission time: 09:30 or 9u30",
    "end": "mission time, after start",
    "start_date": "a date: 2025-10-05 or 5/10/2025",
    "end_date": "a date",
    "lat": "latitude, e.g. 37,7845",
    "lon": "longitude, e.g. -122,4010",
    "sectors": "sector ids from the Sectors sheet, separated by spaces",
    "delegates": "delegate ids from the Delegates sheet (space-separated): makes it personal",
    "phone": "international form: +32 ...",
    "mobile": "international form: +32 ...",
    "field": "setting name (do not change)",
    "value": "the setting's value",
    "sample": "yes if made up for a demo: the app labels it Illustrative",
    "organisation": "the same in every language; organisation_fr etc. override it",
    "room": "the same in every language (a room's name); room_fr etc. override it",
    "location": "where at the venue, in the delegate's language; location_fr etc. add others",
    "notes": "the organisers' notes, in the delegate's language; notes_fr etc. add others",
    "source": "the same in every language; source_fr etc. override it",
    "city": "a city id from the Cities sheet (e.g. sf)",
    "cities": "city ids from the Cities sheet, separated by spaces",
    "venue": "a venue id from the Venues sheet",
    "activity": "an activity id from the Activities sheet",
    "delegate": "a delegate id from the Delegates sheet",
    "hosts": "ids of the activities it hosts, separated by spaces",
    "time": "mission time: 09:30 or 9u30",
    "arrive_by": "mission time to be there: 08:45 or 8u45",
    "coach_time": "mission time the coach leaves: 08:05 or 8u05",
    "target": "with audience city, sector or activity: which one (its id)",
    "consent": "yes once the organisation agreed to be listed (else it is left out)",
    "check_in": "a date: 2025-10-04 or 4/10/2025",
    "check_out": "a date",
}
