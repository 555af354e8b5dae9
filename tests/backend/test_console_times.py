"""Release times on the console: in the mission's time zone, named in the reader's language,
with UTC kept beside them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from backend.console.times import mission_clock
from backend.releases import history
from services.i18n import Translator
from tests.backend.test_console import signed_in
from tests.backend.test_numbering import lunch_moved


async def test_console_release_times_are_in_mission_time_with_the_zone_named_and_utc_kept(
    tmp_path: Path,
) -> None:
    _, out = lunch_moved(tmp_path)  # a mission in America/Los_Angeles, revisions 1 and 2
    instant = datetime.fromisoformat(history(out)[0].at)
    local = instant.astimezone(ZoneInfo("America/Los_Angeles"))
    utc = f"{instant.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
    async with signed_in(out) as (client, _):
        pages = {lang: (await client.get(f"/?lang={lang}")).text for lang in ("en", "fr", "nl")}
    assert "When (Los Angeles time)" in pages["en"] and "(UTC)" not in pages["en"]
    assert "Quand (heure de Los Angeles)" in pages["fr"]
    assert "Wanneer (tijd in Los Angeles)" in pages["nl"]
    for text in pages.values():
        assert f"{local:%H:%M}</time>" in text and utc in text  # mission time, then UTC
    assert f"{local.year} {local:%H:%M}, heure de Los Angeles)" in pages["fr"]  # rollback line


def test_release_times_without_a_readable_mission_are_utc_and_say_so() -> None:
    clock = mission_clock(None, Translator("fr"))
    assert clock.name == "UTC" and clock.is_utc
    assert clock.moment("2025-10-06T16:30:00+00:00").local == "lun. 6 oct. 2025 16:30"
