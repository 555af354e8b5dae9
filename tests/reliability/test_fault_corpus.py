"""The sync fault corpus: each named fault of tests/reliability/faults.py, replayed over TCP.

Every fault asserts the status, that the stored units (document, ETag, change log) are kept
where they must be, that no request went off the feed's origin, that no token reached the log,
and that the next sync against a good server still works.
"""

from __future__ import annotations

import logging
import tracemalloc
from pathlib import Path

import pytest

from services.feed_client import FeedClient
from services.library import Library
from services.staging import clean_etag
from services.store import FeedStore
from services.sync import Synchronizer
from tests.reliability.faults import FAULTS, FaultServer
from tests.reliability.replay import CODE, NS, snapshot, sync_once


@pytest.mark.parametrize("fault", sorted(FAULTS))
async def test_fault_keeps_what_it_must_and_the_next_sync_works(
    tmp_path: Path, fault: str, caplog: pytest.LogCaptureFixture
) -> None:
    _build, expected, kept = FAULTS[fault]
    store = FeedStore(tmp_path)
    caplog.set_level(logging.DEBUG)
    async with FaultServer() as server:
        assert (await sync_once(server, store, "ok", "05")).status == "updated"
        before = snapshot(store)
        result = await sync_once(server, store, fault, "06")
        after = snapshot(store)
        server.revision += 2  # the organisers publish again
        recovered = await sync_once(server, store, "ok", "07")
    assert result.status == expected, result
    if kept:
        assert after == before
    else:
        assert after != before and all(u is not None and u[1] == clean_etag(u[1]) for u in after)
    assert server.spied == [], "a request left the feed's origin"
    assert recovered.status == "updated", recovered
    assert snapshot(store)[0] is not None and f'"ok-{server.revision}"' in str(snapshot(store))
    assert CODE not in caplog.text


async def test_not_modified_without_a_stored_copy_is_not_up_to_date(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    async with FaultServer() as server:
        result = await sync_once(server, store, "not-modified-other-etag", "06")
        assert result.status not in ("up_to_date", "updated"), result
        assert snapshot(store) == [None, None]
        assert (await sync_once(server, store, "ok", "07")).status == "updated"


async def test_gzip_bomb_is_refused_with_bounded_memory(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    async with FaultServer() as server:
        await sync_once(server, store, "ok", "05")
        tracemalloc.start()
        try:
            result = await sync_once(server, store, "gzip-bomb", "06")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert result.status == "invalid"
    assert peak < 64 * 1024 * 1024, f"peak {peak / 2**20:.0f} MB while refusing a 256 MiB bomb"


def test_corpus_has_at_least_forty_named_faults() -> None:
    assert len(FAULTS) >= 40


def test_readme_lists_every_fault_with_its_status() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    rows = {
        cells[0]: cells[2]
        for line in readme.splitlines()
        if line.startswith("| ")
        and len(cells := [c.strip() for c in line.strip("|").split("|")]) == 4
    }
    assert {name: rows.get(name) for name in FAULTS} == {n: f[1] for n, f in FAULTS.items()}


async def test_feed_moving_to_another_mission_without_a_code_moves_the_mission(
    tmp_path: Path,
) -> None:
    store = FeedStore(tmp_path)
    async with FaultServer() as server:
        client = FeedClient(server.url("ok"), retries=0)
        await Synchronizer(client, Library(store), NS).sync(None)
        await client.aclose()
        client = FeedClient(server.url("whole-feed-moves-to-another-mission"), retries=0)
        moved = await Synchronizer(client, Library(store), NS).sync(None)
        await client.aclose()
    assert moved.status == "updated"
    assert Library(store).mission(NS).doc.mission.id == "another-mission"
