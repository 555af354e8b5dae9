"""The command line's rollback question names when the release went live as the console does:
in mission time with the zone's name, and in UTC."""

from __future__ import annotations

from datetime import UTC

from backend.release_times import Clock
from backend.releases import Entry
from backend.rollback_question import question
from backend.undo import Undo


def _undo(went_live: str) -> Undo:
    back = Entry("r1", 1, "2025-10-01T09:00:00+02:00", went_live, 86, 6)
    return Undo(back, 2, 6, 3, 1, 0, 0)


def test_question_without_a_mission_zone_says_the_time_in_utc() -> None:
    said = question(_undo("2025-10-01T07:00:00+00:00"), Clock(UTC, "UTC", "en"))
    assert said.startswith("The release of revision 1 (published Wed 1 Oct 2025 07:00 UTC) ")


def test_question_with_a_publishing_time_that_cannot_be_read_shows_it_as_written() -> None:
    said = question(_undo("sometime"), Clock(UTC, "UTC", "en"))
    assert said.startswith("The release of revision 1 (published sometime) ")
