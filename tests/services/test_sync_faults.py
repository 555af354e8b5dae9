"""Every fault keeps the previous data and its ETag, and gives the right status."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from services.clock import Clock, system_clock
from services.errors import FeedUnavailable
from services.feed_client import FeedClient
from services.i18n import Translator
from services.library import Library
from services.store import FeedStore, namespace_for, personal_name
from services.sync import Synchronizer
from services.sync_state import SyncState, describe
from tests.conftest import FixedClock
from tests.e2e.browser import free_port
from tests.services.chaos import ChaosServer

CODE = "abcdefghijklmnopqrstuvwxyz"
FAULTS = [
    ("bad-json", "invalid"),
    ("empty-body", "invalid"),
    ("contract-wrong-type", "invalid"),
    ("contract-no-activities", "invalid"),
    ("contract-dangling-venue", "invalid"),
    ("html-200", "invalid"),
    ("wrong-content-type", "invalid"),
    ("declared-too-big", "invalid"),
    ("chunked-too-big", "invalid"),
    ("bad-gzip", "invalid"),
    ("truncated-gzip", "invalid"),
    ("http-500", "offline"),
    ("http-502", "offline"),
    ("http-503", "offline"),
    ("http-429", "offline"),
    ("http-418", "offline"),
    ("http-404", "not_found"),
    ("http-401", "not_found"),
    ("http-403", "not_found"),
    ("redirect-loop", "offline"),
    ("timeout", "offline"),
    ("reset-mid-body", "offline"),
    ("trickle", "offline"),
]


def client(url: str) -> FeedClient:
    async def no_wait(_seconds: float) -> None:
        return None

    return FeedClient(
        url,
        read_timeout=0.5,
        total_timeout=1.5,
        retries=1,
        sleep=no_wait,
        max_bytes=5 * 1024 * 1024,
    )


NS = namespace_for("http://feed.test/")  # one namespace: each scenario is a client's URL


def syncer(c: FeedClient, store: FeedStore, clock: Clock = system_clock) -> Synchronizer:
    return Synchronizer(c, Library(store), NS, clock)


async def seeded(server: ChaosServer, store: FeedStore) -> None:
    good = syncer(client(server.url("ok")), store, FixedClock("2025-10-06T07:00:00-07:00"))
    first = await good.sync(CODE)
    assert first.status == "updated" and first.changes == 0  # the first load flags nothing
    await good.client.aclose()


def snapshot(store: FeedStore) -> list[tuple[bytes, str | None, dict[str, object]]]:
    out = []
    for name in ("mission", personal_name(CODE)):
        stored = store.load(NS, name)
        assert stored is not None
        out.append((stored.data, stored.etag, dict(stored.changes)))
    return out


@pytest.mark.parametrize(("scenario", "expected"), FAULTS, ids=[f[0] for f in FAULTS])
async def test_fault_keeps_previous_copy_and_etag(
    tmp_path: Path, scenario: str, expected: str
) -> None:
    store = FeedStore(tmp_path)
    async with ChaosServer() as server:
        await seeded(server, store)
        before = snapshot(store)
        faulty = client(server.url(scenario))
        result = await syncer(faulty, store, FixedClock("2025-10-07T07:00:00-07:00")).sync(CODE)
        await faulty.aclose()
    assert result.status == expected, result
    assert snapshot(store) == before
    assert result.at == datetime.fromisoformat("2025-10-06T07:00:00-07:00")  # the last good fetch
    if expected == "invalid":
        assert result.problems


async def test_connection_refused_is_offline(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    async with ChaosServer() as server:
        await seeded(server, store)
    before = snapshot(store)
    nobody = client(f"http://127.0.0.1:{free_port()}/")
    result = await syncer(nobody, store).sync(CODE)
    await nobody.aclose()
    assert result.status == "offline" and snapshot(store) == before


async def test_a_server_that_answers_with_an_error_is_not_said_to_be_unreachable(
    tmp_path: Path,
) -> None:
    """A 500 or 503 read 'Could not reach the organisers', as if the delegate's own network
    (roaming, hotel wifi) were at fault: the sentence now names the server's error."""
    store = FeedStore(tmp_path)
    async with ChaosServer() as server:
        await seeded(server, store)
        faulty = client(server.url("http-503"))
        answered = await syncer(faulty, store).sync(CODE)
        await faulty.aclose()
    nobody = client(f"http://127.0.0.1:{free_port()}/")
    unreachable = await syncer(nobody, store).sync(CODE)
    await nobody.aclose()
    tr, zone = Translator("en"), ZoneInfo("America/Los_Angeles")
    assert answered.status == unreachable.status == "offline"  # both retried, both kept
    said = describe(tr, SyncState.done(answered), zone)
    assert said.startswith("The organisers' server answered with an error (HTTP 503)"), said
    assert describe(tr, SyncState.done(unreachable), zone).startswith("Could not reach")


async def test_server_errors_are_retried_but_not_found_is_not(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    async with ChaosServer() as server:
        for scenario, attempts in (("http-503", 2), ("http-404", 1)):
            server.requests.clear()
            c = client(server.url(scenario))
            await syncer(c, store).sync(None)
            await c.aclose()
            assert len(server.requests) == attempts, scenario


async def test_unchanged_sync_sends_the_etag_and_gets_304(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    async with ChaosServer() as server:
        await seeded(server, store)
        server.requests.clear()
        c = client(server.url("ok"))
        result = await syncer(c, store).sync(CODE)
        await c.aclose()
    assert result.status == "up_to_date"
    assert [etag.startswith('"ok-') for _, etag in server.requests] == [True, True]


async def test_wrong_code_says_not_found_and_keeps_the_current_agenda(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    async with ChaosServer() as server:
        await seeded(server, store)
        before = snapshot(store)
        c = client(server.url("http-404"))
        result = await syncer(c, store).sign_in("zzzzzzzzzzzzzzzzzzzzzzzzzz")
        await c.aclose()
    assert result.status == "not_found" and snapshot(store) == before
    assert store.load(NS, personal_name("zzzzzzzzzzzzzzzzzzzzzzzzzz")) is None


async def test_disk_full_while_storing_keeps_the_old_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    store = FeedStore(tmp_path)
    async with ChaosServer() as server:
        await seeded(server, store)
        before = snapshot(store)
        server.mission = server.mission.replace(b'"revision":1', b'"revision":2')

        def full(_fd: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "fsync", full)
        c = client(server.url("ok"))
        result = await syncer(c, store).sync(CODE)
        await c.aclose()
        monkeypatch.undo()
    assert result.status == "storage" and snapshot(store) == before


async def test_older_revision_is_refused_and_ours_kept(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    async with ChaosServer() as server:
        server.mission = server.mission.replace(b'"revision":1', b'"revision":5')
        await seeded(server, store)
        before = snapshot(store)
        server.mission = server.mission.replace(b'"revision":5', b'"revision":4')
        c = client(server.url("ok"))
        result = await syncer(c, store).sync(CODE)
        await c.aclose()
    assert result.status == "older" and snapshot(store) == before


async def test_304_with_nothing_stored_is_not_up_to_date(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    async with ChaosServer() as server:
        c = client(server.url("always-304"))
        result = await syncer(c, store).sync(CODE)
        await c.aclose()
    assert result.status == "invalid" and store.load(NS, "mission") is None


async def test_invalid_etag_is_never_stored_or_sent_back(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    async with ChaosServer() as server:
        c = client(server.url("non-ascii-etag"))
        first = await syncer(c, store).sync(None)
        second = await syncer(c, store).sync(None)
        await c.aclose()
        stored = store.load(NS, "mission")
    assert first.status == "updated" and second.ok
    assert stored is not None and stored.etag is None
    assert all(etag == "" for _, etag in server.requests)


async def test_redirect_to_another_host_is_not_followed(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    async with ChaosServer() as server:
        c = client(server.url("redirect-off-origin"))
        result = await syncer(c, store).sync(CODE)
        await c.aclose()
    assert result.status == "offline" and store.load(NS, "mission") is None


async def test_redirect_from_https_to_plain_http_on_the_same_host_is_not_followed() -> None:
    """The token would travel in clear. A TLS origin on 127.0.0.1 needs a certificate, so an
    httpx MockTransport stands in for the server here."""
    asked: list[httpx.URL] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(request.url)
        plain = request.url.copy_with(scheme="http")
        return httpx.Response(307, headers={"Location": str(plain)})

    c = FeedClient("https://feed.example.org/", httpx.MockTransport(answer), retries=0)
    with pytest.raises(FeedUnavailable):
        await c.fetch(f"delegates/{CODE}.json", None, "personal agenda")
    await c.aclose()
    assert [url.scheme for url in asked] == ["https"]


async def test_sign_in_with_the_programme_missing_never_says_to_check_the_code(
    tmp_path: Path,
) -> None:
    """mission.json answering 404 (a folder moved on the server) told a delegate signing in
    'No agenda was found for this code. Please check it.'"""
    async with ChaosServer() as server:
        c = client(server.url("http-404"))
        result = await syncer(c, FeedStore(tmp_path)).sign_in(CODE)
        await c.aclose()
    assert result.status == "not_found" and result.document == "mission.json"
    tr, zone = Translator("en"), ZoneInfo("America/Los_Angeles")
    said = describe(tr, SyncState.done(result), zone, sign_in=True)
    assert "code" not in said and said.startswith("The programme is missing"), said
