"""Sync against the real feed server and real nginx serving the same published folder."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from backend.publish import publish
from services.account import Account
from services.feeds import Feeds
from services.keyvalue import FileKeyValue
from services.library import Library
from services.repository import Repository
from services.settings import SettingsStore
from services.store import FeedStore, namespace_for, personal_name
from services.sync_state import SyncResult
from tests.backend.servers import EXAMPLE, SECRET, backend_server, nginx_server
from tests.backend.sources import append, edit
from tests.conftest import FixedClock
from tests.services.sync_servers import CODE, make

SERVERS: dict[str, Callable[[Path], AbstractContextManager[str]]] = {
    "backend": backend_server,
    "nginx": nginx_server,
}


@pytest.fixture(params=list(SERVERS))
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, Path, str]]:
    source = tmp_path / "source"
    shutil.copytree(EXAMPLE, source)
    out = tmp_path / "feed"
    assert not publish(source, out, SECRET, "http://127.0.0.1/").errors
    with SERVERS[request.param](out) as url:
        yield source, out, url


async def test_first_then_unchanged_sync(served: tuple[Path, Path, str], tmp_path: Path) -> None:
    _source, _out, url = served
    async with make(tmp_path / "phone", url) as (sync, transport, _clock):
        first = await sync.sync(CODE)
        assert (first.status, first.changes) == ("updated", 0)
        stored = FeedStore(tmp_path / "phone").load(namespace_for(url), personal_name(CODE))
        assert stored is not None and stored.etag
        transport.seen.clear()
        again = await sync.sync(CODE)
    assert again.status == "up_to_date"
    assert [status for status, _ in transport.seen] == [304, 304]


async def test_republish_flags_exactly_what_changed(
    served: tuple[Path, Path, str], tmp_path: Path
) -> None:
    source, out, url = served
    phone = tmp_path / "phone"
    async with make(phone, url) as (sync, _transport, clock):
        repo = await Repository.open(
            sync.library, SettingsStore(FileKeyValue(phone / "s.json")), lambda _: url, clock
        )
        await repo.switch(url, CODE)
        feeds = Feeds(sync.library, url, make_client=lambda _url: sync.client)
        assert (await Account(repo, feeds).sync()).status == "updated"
        result = await _republish_and_sync(source, out, Account(repo, feeds), clock)
    logged = {*repo.mission_changes.changes, *repo.personal_changes.changes}
    changes = [c for c in map(repo.change_for, logged) if c is not None]
    flags = {c.id: (c.kind, tuple(f.field for f in c.fields)) for c in changes}
    assert flags == {
        "mon-lunch": ("changed", ("start", "end")),
        "tue-nasa-ames": ("changed", ("room",)),
        "wed-ai-act": ("cancelled", ("state",)),
        "thu-caltech": ("cancelled", ()),
        "wed-extra-b2b": ("new", ()),
        "m-obrien": ("changed", ("start", "end")),
    }
    caltech = next(i for i in repo.agenda() if i.id == "thu-caltech")
    assert caltech.cancelled and caltech.activity is not None  # shown from its tombstone
    # hers, by item (thu-caltech is gone and unregistered); the programme's two are marked there
    assert {c.id for c in repo.unseen_changes()} == set(flags) - {"wed-ai-act", "wed-extra-b2b"}
    assert result.changes == 4


async def _republish_and_sync(
    source: Path, out: Path, account: Account, clock: FixedClock
) -> SyncResult:
    edit(source / "activities.csv", "mon-lunch", start="13:00", end="14:15")
    edit(
        source / "activities.csv",
        "tue-nasa-ames",
        room_en="Building N-200",
        room_fr="Bâtiment N-200",
        room_nl="Gebouw N-200",
    )
    edit(source / "activities.csv", "wed-ai-act", state="cancelled")
    edit(source / "activities.csv", "thu-caltech", _delete="1")
    append(
        source / "activities.csv",
        id="wed-extra-b2b",
        kind="b2b",
        date="2025-10-08",
        start="15:00",
        end="16:00",
        venue="moscone-center",
        room_en="Room 3",
        sectors="aero",
        registration="invite",
        title_en="Extra B2B",
        title_fr="B2B supplémentaire",
        title_nl="Extra B2B-sessie",
    )
    with (source / "mission.csv").open(encoding="utf-8") as f:
        text = f.read()
    (source / "mission.csv").write_text(text.replace("revision,1", "revision,2"), encoding="utf-8")
    rows = (source / "registrations.csv").read_text(encoding="utf-8").splitlines()
    (source / "registrations.csv").write_text(
        "\n".join(r for r in rows if r != "demo,thu-caltech") + "\n", encoding="utf-8"
    )
    edit(source / "meetings.csv", "m-obrien", start="12:30", end="13:00")
    report = publish(source, out, SECRET, "http://127.0.0.1/")
    assert not report.errors, report.errors
    clock.set("2025-10-06T09:00:00-07:00")
    result = await account.sync()
    assert result.status == "updated"
    return result


async def test_server_stopped_app_restarted_shows_last_good_data_offline(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(EXAMPLE, source)
    out = tmp_path / "feed"
    edit(
        source / "activities.csv",
        "mon-lunch",
        room_en="Garden Room",
        room_fr="Garden Room",
        room_nl="Garden Room",
    )
    publish(source, out, SECRET, "http://127.0.0.1/")
    phone = tmp_path / "phone"
    with backend_server(out) as url:
        async with make(phone, url) as (sync, _t, clock):
            assert (await sync.sync(CODE)).status == "updated"
    # the app is restarted while the server is down
    kv = FileKeyValue(phone / "s.json")
    settings = SettingsStore(kv)
    repo = await Repository.open(Library(FeedStore(phone)), settings, lambda _: url, clock=clock)
    await repo.switch(url, CODE)
    lunch = repo.activity("mon-lunch")
    assert lunch is not None and lunch.room["nl"] == "Garden Room"
    assert repo.delegate is not None and repo.delegate.delegate.id == "demo"
    async with make(phone, url) as (sync2, _t2, _c):
        result = await sync2.sync(CODE)
    assert result.status == "offline"
    assert result.at == clock.now
