"""Release times on the console: in the mission's time zone, named in the reader's language,
with UTC kept beside them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from backend.release_times import mission_clock
from backend.releases import history, releases_of
from services.i18n import Translator
from tests.backend.console_client import signed_in
from tests.backend.published import lunch_moved


async def test_console_release_times_are_in_mission_time_with_the_zone_named_and_utc_kept(
    tmp_path: Path,
) -> None:
    _, out = lunch_moved(tmp_path)  # a mission in America/Los_Angeles, revisions 1 and 2
    instant = datetime.fromisoformat(history(out)[0].at)
    local = instant.astimezone(ZoneInfo("America/Los_Angeles"))
    utc = f"{instant.astimezone(UTC):%Y-%m-%d %H:%M} UTC".replace(" ", "\u00a0")
    utc = utc.replace("-", "\u2011")
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
    # a date is never cut in two at the end of a line (no-break spaces), the time may go below
    assert (
        clock.moment("2025-10-06T16:30:00+00:00").local == "lun.\u00a06\u00a0oct.\u00a02025 16:30"
    )
    assert (
        clock.moment("2025-10-01T08:05:00+00:00").local == "mer.\u00a01er\u00a0oct.\u00a02025 08:05"
    )
    # nor the UTC time: at 390 px the rollback question read '2025-10-' / '06 16:30 UTC'
    utc = clock.moment("2025-10-06T16:30:00+00:00").utc
    assert utc == "2025\u201110\u201106\u00a016:30\u00a0UTC"


async def test_console_home_with_a_hand_edited_unreadable_release_time_shows_it_as_written(
    tmp_path: Path,
) -> None:
    # history() keeps a line whose revision is a number ("must not stop the next one"): a time
    # that is not one is shown as written, never a server error on the console's home.
    _, out = lunch_moved(tmp_path)
    lines = (releases_of(out) / "history.jsonl").read_text("utf-8").splitlines()
    first = json.loads(lines[0])
    lines[0] = json.dumps({**first, "at": "yesterday 9h"})
    (releases_of(out) / "history.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    async with signed_in(out) as (client, _):
        page = await client.get("/?lang=fr")
    assert page.status_code == 200 and "yesterday 9h" in page.text
    assert mission_clock(None, Translator("en")).moment("2025-13-01").local == "2025-13-01"
