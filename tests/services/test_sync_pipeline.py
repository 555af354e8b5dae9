"""One sync is a short pipeline: each document downloaded is parsed once and committed with one
write (document, ETag and change log together); what the server confirms is parsed not at all."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from services import validation
from services.account import Account
from services.feed_client import FeedClient
from services.feeds import Feeds
from services.keyvalue import FileKeyValue
from services.library import Library
from services.repository import Repository
from services.settings import SettingsStore
from services.store import FeedStore
from tests.services.chaos import ChaosServer

CODE = "abcdefghijklmnopqrstuvwxyz"
PARSERS = {
    validation.parse_mission.__code__: "mission",
    validation.parse_delegate.__code__: "agenda",
}


@contextmanager
def parses() -> Iterator[Counter[str]]:
    """Count calls of the two document parsers, whoever calls them, without replacing them."""
    seen: Counter[str] = Counter()

    def profile(frame: FrameType, event: str, _arg: Any) -> None:
        if event == "call" and frame.f_code in PARSERS:
            seen[PARSERS[frame.f_code]] += 1

    sys.setprofile(profile)
    try:
        yield seen
    finally:
        sys.setprofile(None)


def count_replaces(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file the store puts in place (one atomic rename per write)."""
    names: list[str] = []
    real = os.replace

    def replace(src: Any, dst: Any) -> None:
        names.append(Path(dst).name)
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    return names


async def test_one_sync_parses_each_new_document_once_and_writes_each_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with ChaosServer() as server:
        url = server.url("ok")
        feeds = Feeds(Library(FeedStore(tmp_path)), url, make_client=FeedClient)
        settings = SettingsStore(FileKeyValue(tmp_path / "s.json"))
        account = Account(await Repository.open(feeds.library, settings, feeds.origin_for), feeds)
        assert (await account.sign_in(CODE)).ok
        server.republish_room("tue-nasa-ames", "Building N-200")
        person = json.loads(server.delegate)
        person["revision"] += 1
        person["registered"].append("tue-stanford-medtech")
        server.delegate = json.dumps(person).encode()
        written = count_replaces(monkeypatch)
        with parses() as parsed:
            result = await account.sync()  # fetch, parse once, diff, commit, notify
        assert result.status == "updated" and result.changes == 2
        assert parsed == {"mission": 1, "agenda": 1}  # the screens read the parsed copies
        assert len(written) == 2 and all(n.endswith(".unit") for n in written), written
        written.clear()
        with parses() as parsed:
            result = await account.sync()  # both answered 304
        await feeds.aclose()
    assert result.status == "up_to_date" and parsed == {}
    assert all(n.endswith(".checked") for n in written) and len(written) == 2, written
