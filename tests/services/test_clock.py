"""The device's clock against the organisers' server: measured at each sync from its Date
header, kept per person, and used for "now" when it is off by more than a few minutes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from services import clock_notice
from services.account import Account
from services.clock import SKEW, DemoClock, correction
from services.feed_client import FeedClient, server_date
from services.feeds import Feeds
from services.i18n import Translator
from services.keyvalue import FileKeyValue
from services.library import Library
from services.repository import Repository
from services.settings import SettingsStore
from services.store import FeedStore
from tests.backend.servers import backend_server, nginx_server, publish_example
from tests.conftest import DELEGATE_BYTES, MISSION_BYTES, FixedClock
from tests.services.sync_servers import CODE

SERVERS: dict[str, Callable[[Path], AbstractContextManager[str]]] = {
    "backend": backend_server,
    "nginx": nginx_server,
}
NEAR = timedelta(seconds=5)  # a loopback round trip and the Date header's whole seconds


@pytest.fixture(params=list(SERVERS))
def feed_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with SERVERS[request.param](publish_example(tmp_path)) as url:
        yield url


def device(shift: timedelta) -> FixedClock:
    """A phone whose clock was set by hand, `shift` from the true time."""
    return FixedClock((datetime.now(UTC) + shift).isoformat())


async def phone(
    root: Path,
    url: str,
    clock: Callable[[], datetime],
    hosted: bool = False,
    make_client: Callable[[str], FeedClient] = FeedClient,
) -> tuple[Account, Feeds]:
    feeds = Feeds(
        Library(FeedStore(root)), url, hosted=hosted, clock=clock, make_client=make_client
    )
    settings = SettingsStore(FileKeyValue(root / "settings.json"))
    repo = await Repository.open(feeds.library, settings, feeds.origin_for, clock)
    return Account(repo, feeds), feeds


async def test_a_phone_40_min_behind_uses_the_servers_time(feed_url: str, tmp_path: Path) -> None:
    clock = device(-timedelta(minutes=40))
    account, feeds = await phone(tmp_path / "phone", feed_url, clock)
    try:
        assert (await account.sign_in(CODE)).ok
        assert (await account.sync()).ok
    finally:
        await feeds.aclose()
    repo = account.repo
    assert repo.settings.clock_offset is not None
    assert abs(repo.settings.clock_offset - 2400) < NEAR.total_seconds()
    assert abs(repo.now() - datetime.now(UTC)) < NEAR  # the server's time, not the phone's
    kept = await SettingsStore(FileKeyValue(tmp_path / "phone" / "settings.json")).load()
    assert kept.clock_offset == repo.settings.clock_offset  # per person, on disk
    shift = clock_notice.untold(repo)
    assert shift is not None
    assert clock_notice.sentence(Translator("en"), shift) == (
        "Your phone's clock is 40 min behind the organisers' server. Times below use the "
        "server's time. Set your clock to automatic."
    )


async def test_a_phone_30_s_ahead_keeps_its_own_time(feed_url: str, tmp_path: Path) -> None:
    clock = device(timedelta(seconds=30))
    account, feeds = await phone(tmp_path / "phone", feed_url, clock)
    try:
        assert (await account.sign_in(CODE)).ok
    finally:
        await feeds.aclose()
    offset = account.repo.settings.clock_offset
    assert offset is not None and abs(offset + 30) < NEAR.total_seconds()  # measured...
    assert account.repo.now() == clock()  # ...and left alone: under SKEW
    assert clock_notice.untold(account.repo) is None


async def test_hosted_the_servers_own_clock_is_never_corrected(
    feed_url: str, tmp_path: Path
) -> None:
    clock = device(-timedelta(minutes=40))
    account, feeds = await phone(tmp_path / "server", feed_url, clock, hosted=True)
    try:
        assert (await account.sign_in(CODE)).ok
        assert (await account.sync()).ok
    finally:
        await feeds.aclose()
    assert account.repo.settings.clock_offset is None
    assert account.repo.now() == clock()


async def test_the_demo_clock_wins_over_the_server(feed_url: str, tmp_path: Path) -> None:
    demo = DemoClock(datetime.fromisoformat("2025-10-07T15:40:00-07:00"))
    account, feeds = await phone(tmp_path / "phone", feed_url, demo)
    try:
        assert (await account.sign_in(CODE)).ok
    finally:
        await feeds.aclose()
    assert account.repo.settings.clock_offset is None  # a year 'off' on purpose: not measured
    assert correction(demo, 2400.0) is None  # nor would a kept offset move it
    assert correction(device(timedelta(0)), 2400.0) == timedelta(minutes=40)


@pytest.mark.parametrize(
    "date",
    [
        None,
        "",
        "yesterday",
        "Wed, 99 Foo 2026 25:61:00 GMT",
        "Fri, 31 Dec 9999 23:59:59 GMT",  # moved to it, 'now' would overflow
        "Wed, 02 Dec 2026 18:40:00 +99999999999999999999",
    ],
)
async def test_a_missing_or_unreadable_date_changes_nothing(
    date: str | None, tmp_path: Path
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        body = MISSION_BYTES if request.url.path.endswith("mission.json") else DELEGATE_BYTES
        headers = {
            "content-type": "application/json",
            **({"date": date} if date is not None else {}),
        }
        return httpx.Response(200, stream=httpx.ByteStream(body), headers=headers)

    def make(url: str) -> FeedClient:
        return FeedClient(url, httpx.MockTransport(answer), retries=0)

    url = "https://feed.example.org/"
    account, feeds = await phone(tmp_path, url, device(timedelta(0)), make_client=make)
    await account.repo.update_settings(clock_offset=2400.0)  # measured at an earlier sync
    try:
        assert (await account.sign_in(CODE)).ok
        assert (await account.sync()).ok
    finally:
        await feeds.aclose()
    assert account.repo.settings.clock_offset == 2400.0


def test_server_date_reads_the_http_date_header() -> None:
    assert server_date("Wed, 02 Dec 2026 18:40:00 GMT") == datetime(2026, 12, 2, 18, 40, tzinfo=UTC)
    assert server_date("Wed, 02 Dec 2026 18:40:00 -0000") == datetime(
        2026, 12, 2, 18, 40, tzinfo=UTC
    )
    assert server_date("not a date") is None


def test_an_offset_under_skew_is_no_correction() -> None:
    clock = device(timedelta(0))
    assert correction(clock, SKEW.total_seconds() - 1) is None
    assert correction(clock, -SKEW.total_seconds()) == -SKEW


def test_a_phone_woken_in_1970_is_corrected_but_a_damaged_offset_is_not() -> None:
    clock, fifty_six_years = device(timedelta(0)), 56 * 365.25 * 86400.0
    assert correction(clock, fifty_six_years) == timedelta(seconds=fifty_six_years)
    for damaged in (1e300, float("inf"), float("nan")):  # a settings file edited or cut short
        assert correction(clock, damaged) is None


async def test_a_clock_set_right_is_told_of_again_when_it_goes_wrong(
    feed_url: str, tmp_path: Path
) -> None:
    clock = device(timedelta(0))
    account, feeds = await phone(tmp_path / "phone", feed_url, clock)
    await account.repo.update_settings(clock_offset=2400.0, clock_told=2400.0)  # dismissed
    try:
        assert (await account.sign_in(CODE)).ok  # the delegate set the clock to automatic
        assert account.repo.now() == clock()
        assert account.repo.settings.clock_told is None
        clock.set((datetime.now(UTC) - timedelta(minutes=40)).isoformat())  # and by hand again
        assert (await account.sync()).ok
    finally:
        await feeds.aclose()
    assert clock_notice.untold(account.repo) is not None
