"""What an activity asks of a delegate before they go, from the organisers' logistics: the
coach, when to be there, the security check, what to bring and to wear, how to get in.

Each line is whole, in the reader's language and the zone shown; a coach or a deadline on
another day than the activity's says which day (a coach may leave the evening before).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from services.i18n import Translator
from services.logistics import logistics_for
from services.models import Activity, Lang, Logistics, MissionDoc
from services.present import zoned, zoned_time

Kind = Literal["coach", "arrive", "security", "bring", "dress", "access"]
PRESSING: frozenset[Kind] = frozenset({"coach", "arrive", "security"})  # late is too late


@dataclass(frozen=True)
class Practical:
    kind: Kind
    text: str
    fallback: Lang | None = None  # the organisers' words are shown in this other language

    @property
    def pressing(self) -> bool:
        return self.kind in PRESSING


def practical(
    tr: Translator,
    mission: MissionDoc,
    activity: Activity,
    zone: ZoneInfo,
    now: datetime | None = None,
) -> list[Practical]:
    """The lines, most pressing first; none when the organisers gave no logistics. `now`: a
    coach gone by then is said to have left (a printed card leaves it out: no tense to go stale)."""
    info = logistics_for(mission, activity.id)
    if info is None:
        return []
    return [*_times(tr, mission, activity, zone, info, now), *_words(tr, info)]


def _times(
    tr: Translator,
    mission: MissionDoc,
    activity: Activity,
    zone: ZoneInfo,
    info: Logistics,
    now: datetime | None,
) -> list[Practical]:
    _ = tr.gettext
    lines: list[Practical] = []
    if info.departure_time is not None:
        at = _when(tr, mission, activity, zone, info.departure_time)
        place = tr.text(info.departure_point)
        if now is not None and info.departure_time <= now:
            # at 19:05 the gala's page still said 'The coach leaves at 18:45', My agenda 'left'
            lines.append(Practical("coach", _("The coach left at {time}").format(time=at)))
        elif place.text:
            text = _("The coach leaves at {time} from {place}").format(time=at, place=place.text)
            lines.append(Practical("coach", text, place.fallback))
        else:
            lines.append(Practical("coach", _("The coach leaves at {time}").format(time=at)))
    if info.arrive_by is not None:
        at = _when(tr, mission, activity, zone, info.arrive_by)
        lines.append(Practical("arrive", _("Be there by {time}").format(time=at)))
    return lines


def _words(tr: Translator, info: Logistics) -> list[Practical]:
    _ = tr.gettext
    lines: list[Practical] = []
    said: list[tuple[Kind, str, Mapping[Lang, str]]] = [
        ("security", "{what}", info.security),
        ("bring", _("Bring: {what}"), info.bring),
        ("dress", _("Dress code: {what}"), info.dress_code),
        ("access", "{what}", info.access),
    ]
    for kind, template, value in said:
        words = tr.text(value)
        if words.text:
            lines.append(Practical(kind, template.format(what=words.text), words.fallback))
    return lines


def _when(
    tr: Translator, mission: MissionDoc, activity: Activity, zone: ZoneInfo, at: datetime
) -> str:
    """'18:45'; 'Mon 6 Oct 21:00' when that is not the activity's own day in `zone`."""
    if at.astimezone(zone).date() == activity.start.astimezone(zone).date():
        return zoned_time(tr, at, zone, mission)
    return zoned(tr, tr.moment(at, zone), zone, mission)
