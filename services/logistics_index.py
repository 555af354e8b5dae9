"""When the organisers want a delegate at an activity before it starts (logistics' `arrive_by`:
a security check, doors that close early), by activity id: what a tight transfer is measured
against. Made once per mission document: a publish asks for it for every delegate."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from services.models import Logistics, MissionDoc

_made: list[tuple[list[Logistics], dict[str, datetime]]] = []  # the last few, by identity
KEEP = 4


def arrival_dues(mission: MissionDoc) -> Mapping[str, datetime]:
    rows = mission.logistics
    for known, dues in _made:
        if known is rows:
            return dues
    dues = {row.activity_id: row.arrive_by for row in rows if row.arrive_by is not None}
    _made.insert(0, (rows, dues))
    del _made[KEEP:]
    return dues
