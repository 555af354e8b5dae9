"""The organisers' logistics by activity id (a coach, a 'be there by', what to bring), made once
per mission document: a publish asks for it for every delegate, a screen for every row."""

from __future__ import annotations

from collections.abc import Mapping

from services.models import Logistics, MissionDoc

_made: list[tuple[list[Logistics], dict[str, Logistics]]] = []  # the last few, by identity
KEEP = 4


def logistics_by_activity(mission: MissionDoc) -> Mapping[str, Logistics]:
    rows = mission.logistics
    for known, index in _made:
        if known is rows:
            return index
    index = {row.activity_id: row for row in rows}
    _made.insert(0, (rows, index))
    del _made[KEEP:]
    return index
