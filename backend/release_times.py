"""Release times as organisers read them, on the console and the command line: in the mission's
time zone, with the zone named and the UTC time the history keeps beside it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from babel.dates import get_timezone_location

from backend.live_mission import mission_json
from services.i18n import Translator, dated
from services.mission_time import zone_named

NBSP = "\u00a0"
NO_BREAK_HYPHEN = "\u2011"  # Chromium breaks '2026-12-02' after a hyphen: '2026-12-' / '02'


@dataclass(frozen=True)
class Moment:
    """One instant of the history: `local` in the mission's zone, `utc` as stored."""

    iso: str
    local: str
    utc: str


@dataclass(frozen=True)
class Clock:
    """The zone release times are shown in, and its name in the reader's language."""

    zone: tzinfo
    name: str  # 'Los Angeles time', 'heure de Los Angeles', 'UTC'
    locale: str

    @property
    def is_utc(self) -> bool:
        return self.zone is UTC

    def moment(self, at: str) -> Moment:
        """'Mon 6 Oct 2025 09:30' in the mission's zone, and '16:30 UTC' (a history line's
        `at`; one without an offset is UTC, as every line is written). A time that cannot be
        read (a hand edit the history keeps) is shown as written."""
        try:
            instant = datetime.fromisoformat(at)
        except (TypeError, ValueError):
            return Moment(str(at), str(at), "")
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=UTC)
        there = instant.astimezone(self.zone)
        # no-break spaces: at 390 px 'wo 2 dec 2026' broke after '2', '2026-12-02 13:55 UTC'
        # after the date (and, in the rollback question, after '2026-12-': no-break hyphens);
        # a line may still break between the local date and its time
        day = str(dated(there, "EEE d MMM y", self.locale)).replace(" ", NBSP)  # '1er' in French
        utc = f"{instant.astimezone(UTC):%Y-%m-%d %H:%M} UTC".replace(" ", NBSP)
        utc = utc.replace("-", NO_BREAK_HYPHEN)
        return Moment(at, f"{day} {there:%H:%M}", utc)


def mission_clock(release: Path | None, words: Translator) -> Clock:
    """The live mission's zone ('America/Los_Angeles'); UTC when no mission can be read."""
    mission = mission_json(release) or {}
    zone = zone_named(str(mission.get("mission", {}).get("time_zone", "")))
    if zone is None:
        return Clock(UTC, "UTC", words.locale)
    city = get_timezone_location(zone, locale=words.locale, return_city=True)
    return Clock(zone, words.gettext("{city} time").format(city=city), words.locale)
