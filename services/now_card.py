"""The Now/Next card at the top of My agenda: what is on, what comes next, and when."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from services.agenda import AgendaItem, NowNext, Warning
from services.i18n import Translator
from services.models import MissionDoc
from services.present import item_sample, item_title, warning_of, zoned_range, zoned_time


@dataclass(frozen=True)
class NowNextCard:
    heading: str
    title: str
    detail: str
    route: str | None
    warning: str = ""
    sample: bool = False
    then: str = ""  # while something is on: what comes after it
    countdown: bool = False  # its heading counts the minutes to the next item


def now_next_card(
    tr: Translator, mission: MissionDoc, nn: NowNext, now: datetime, zone: ZoneInfo
) -> NowNextCard | None:
    """'Now' while something is on, else 'Next' with a countdown; before the mission, the days."""
    _ = tr.gettext
    first = mission.mission.start_date
    today = now.astimezone(zone).date()
    if today < first:
        days = (first - today).days
        heading = tr.ngettext(
            "The mission starts in {n} day", "The mission starts in {n} days", days
        ).format(n=days)
        return NowNextCard(heading, tr.text(mission.mission.title).text, tr.day(first), None)
    item = nn.now or nn.next
    if item is None:
        return _ended(tr, mission, now)
    if nn.now is not None:
        heading = _("Now, until {time}").format(time=zoned_time(tr, item.end, zone, mission))
    else:
        heading = _("Next: {countdown}").format(countdown=tr.in_minutes(nn.minutes_to_next or 0))
    detail = " · ".join(p for p in (_when(tr, item, today, zone, mission), *_where(tr, item)) if p)
    # The way to the next item: under 'Next' its own tight transfer; while something is on,
    # the one to what follows it (the person is already at the current item).
    ahead = nn.next if nn.now is not None else item
    warning = next(
        (
            warning_of(tr, w if nn.now else _from_now(w, item, now), "", zone, mission)
            for w in (ahead.warnings if ahead is not None else ())
            if w.kind == "tight"
        ),
        "",
    )
    then = ""
    if nn.now is not None and nn.next is not None:
        then = _then(tr, nn.next, today, zone, mission)
    route = f"/meeting/{item.id}" if item.meeting else f"/activity/{item.id}"
    title = item_title(tr, item)
    counting = nn.now is None
    return NowNextCard(heading, title, detail, route, warning, item_sample(item), then, counting)


def _from_now(w: Warning, item: AgendaItem, now: datetime) -> Warning:
    """Under 'Next' the item before is over: the minutes left count from now. At 19:05 the
    card said '70 min to be there by 19:10', the gap as it was when the reception ended."""
    left = max(0, int(((w.by or item.start) - now).total_seconds() // 60))
    return replace(w, gap_minutes=min(w.gap_minutes, left))


def _ended(tr: Translator, mission: MissionDoc, now: datetime) -> NowNextCard | None:
    """Once the programme's last activity is over, say so (the evening of the last day showed
    a greyed day and nothing on top); before that, a person with nothing left sees no card."""
    ends = [a.end for a in mission.activities if a.state != "cancelled"]
    if not ends or now < max(ends):
        return None
    days = tr.date_range(mission.mission.start_date, mission.mission.end_date)
    title = tr.text(mission.mission.title).text
    return NowNextCard(tr.gettext("The mission has ended"), title, days, None)


def _then(
    tr: Translator, item: AgendaItem, today: date, zone: ZoneInfo, mission: MissionDoc
) -> str:
    """'Then at 16:30: …', with its day when that is not today: at 15:40 a 'Then at 09:00'
    that is tomorrow's reads as if the person were already late. Brussels time says so."""
    _ = tr.gettext
    time, title = zoned_time(tr, item.start, zone, mission), item_title(tr, item)
    day = item.start.astimezone(zone).date()
    if day == today:
        return _("Then at {time}: {title}").format(time=time, title=title)
    if (day - today).days == 1:
        return _("Then tomorrow at {time}: {title}").format(time=time, title=title)
    return _("Then on {day} at {time}: {title}").format(day=tr.day(day), time=time, title=title)


def _when(
    tr: Translator, item: AgendaItem, today: date, zone: ZoneInfo, mission: MissionDoc
) -> str:
    """'09:00–10:00', or 'tomorrow, 09:00–10:00' when it is not today (in the zone shown)."""
    time = zoned_range(tr, item.start, item.end, zone, mission)
    day = item.start.astimezone(zone).date()
    if day == today:
        return time
    name = tr.gettext("tomorrow") if (day - today).days == 1 else tr.day(day)
    return f"{name}, {time}"


def _where(tr: Translator, item: AgendaItem) -> tuple[str, str]:
    """Venue and room (or a meeting's place), for the Now/Next card."""
    venue = item.venue.name if item.venue else ""
    if item.meeting is not None:
        return venue, tr.text(item.meeting.location).text
    return venue, tr.text(item.activity.room).text if item.activity else ""
