"""Change marks across the two documents: an item the person opened is marked again when either
document changes it later (the registration that put it on their agenda must not hide a room
change a few publishes on)."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from backend.publish import publish
from services.changes import Change
from services.feed_client import FeedClient
from services.keyvalue import FileKeyValue
from services.library import Library
from services.repository import Repository
from services.settings import SettingsStore
from services.store import FeedStore, namespace_for
from services.sync import Synchronizer
from tests.backend.servers import EXAMPLE, SECRET, backend_server
from tests.backend.sources import append, edit
from tests.conftest import FixedClock
from tests.services.sync_servers import CODE, make

URL = "http://127.0.0.1/"


@asynccontextmanager
async def synced_phone(
    tmp_path: Path,
) -> AsyncIterator[tuple[Path, Path, Synchronizer, Repository]]:
    """The example published and served, and a phone signed in as the demo delegate that has
    synced it: the source, the feed folder, the phone's synchronizer and repository."""
    source, out, phone = tmp_path / "source", tmp_path / "feed", tmp_path / "phone"
    shutil.copytree(EXAMPLE, source)
    publish(source, out, SECRET, URL)
    with backend_server(out) as url:
        async with make(phone, url) as (sync, _transport, clock):
            settings = SettingsStore(FileKeyValue(phone / "s.json"))
            repo = await Repository.open(sync.library, settings, lambda _: url, clock)
            try:
                await repo.switch(url, CODE)
                assert (await sync.sync(CODE)).ok
                yield source, out, sync, repo
            finally:
                repo.close()


async def test_change_for_registration_opened_then_room_changed_marks_the_room(
    tmp_path: Path,
) -> None:
    async with synced_phone(tmp_path) as (source, out, sync, repo):
        append(source / "registrations.csv", delegate="demo", activity="mon-energy-seminar")
        publish(source, out, SECRET, URL)  # her document changes: new on her agenda
        assert (await sync.sync(CODE)).ok
        repo.refresh()
        registered = repo.change_for("mon-energy-seminar")
        assert registered is not None and registered.kind == "new"
        await repo.mark_seen("mon-energy-seminar")
        edit(source / "activities.csv", "mon-energy-seminar", room_en="Room 9", room_nl="Zaal 9")
        publish(source, out, SECRET, URL)  # only the programme changes it now
        assert (await sync.sync(CODE)).ok
        repo.refresh()
        moved = repo.change_for("mon-energy-seminar")
        unseen = {c.id for c in repo.unseen_changes()}
    assert moved is not None and moved.kind == "changed", moved
    assert [f.field for f in moved.fields] == ["room"] and "mon-energy-seminar" in unseen


class PersonalDown(httpx.AsyncHTTPTransport):
    """The real transport, except that personal documents fail while `down` (a phone whose
    second request of a sync is lost)."""

    down = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.down and "/delegates/" in request.url.path:
            return httpx.Response(503, request=request)
        return await super().handle_async_request(request)


async def test_own_change_arriving_a_publish_late_is_still_marked(tmp_path: Path) -> None:
    """Publish 2 registers her for the seminar and moves its room; her phone gets only the
    programme. Publish 3 moves it again; she opens it. Her document of publish 2 arrives after
    that: 'new on your agenda' must still be marked, though publish 3's change was opened."""
    source, out, phone = tmp_path / "source", tmp_path / "feed", tmp_path / "phone"
    shutil.copytree(EXAMPLE, source)
    publish(source, out, SECRET, URL)
    seminar = "mon-energy-seminar"
    with backend_server(out) as url:
        transport = PersonalDown()
        client, clock = (
            FeedClient(url, transport=transport),
            FixedClock("2025-10-06T07:00:00-07:00"),
        )
        sync = Synchronizer(client, Library(FeedStore(phone)), namespace_for(url), clock)
        settings = SettingsStore(FileKeyValue(phone / "s.json"))
        repo = await Repository.open(sync.library, settings, lambda _: url, clock)
        try:
            await repo.switch(url, CODE)
            assert (await sync.sync(CODE)).ok
            append(source / "registrations.csv", delegate="demo", activity=seminar)
            edit(source / "activities.csv", seminar, room_en="Room 9", room_nl="Zaal 9")
            publish(source, out, SECRET, URL)
            transport.down = True
            await sync.sync(CODE)  # the programme comes in, her document does not
            edit(source / "activities.csv", seminar, room_en="Room 10", room_nl="Zaal 10")
            publish(source, out, SECRET, URL)
            await sync.sync(CODE)
            repo.refresh()
            assert repo.change_for(seminar) is not None
            await repo.mark_seen(seminar)  # she opens it from the programme
            assert repo.change_for(seminar) is None
            transport.down = False
            assert (await sync.sync(CODE)).ok  # her document of publish 2 arrives
            repo.refresh()
            late = repo.change_for(seminar)
            unseen = {c.id for c in repo.unseen_changes()}
        finally:
            repo.close()
            await client.aclose()
    assert late is not None and late.kind == "new", late
    assert seminar in unseen


async def opened_then_changed_again(
    tmp_path: Path, item: str, first: dict[str, str], then: dict[str, str]
) -> Change | None:
    """The change mark of `item` after the organisers changed it (`first`), she opened it, and
    they changed it again (`then`); each time published and synced."""
    async with synced_phone(tmp_path) as (source, out, sync, repo):
        for step, fields in enumerate((first, then)):
            edit(source / "activities.csv", item, **fields)
            publish(source, out, SECRET, URL)
            assert (await sync.sync(CODE)).ok
            repo.refresh()
            if step == 0:
                await repo.mark_seen(item)  # she read what the first change said
        return repo.change_for(item)


async def test_an_opened_room_change_is_not_reported_again_with_a_later_time_change(
    tmp_path: Path,
) -> None:
    """The room moves, she opens the activity; then its time moves. The banner says the time
    changed, not the room again: the change log is shared by every delegate on a server and
    merges both, but she has read the room (a delegate signed in after the room moved, marked
    as read at sign-in, read 'Room: Visitor badging office → Building N-202' beside the time)."""
    room = {"room_en": "Building N-202", "room_nl": "Gebouw N-202"}
    moved = await opened_then_changed_again(
        tmp_path, "tue-nasa-ames", room, {"start": "13:30", "end": "15:30"}
    )
    assert moved is not None and moved.kind == "changed", moved
    assert [f.field for f in moved.fields] == ["start", "end"], moved.fields


async def test_a_field_changed_again_after_she_read_it_shows_what_she_last_saw(
    tmp_path: Path,
) -> None:
    """13:00 moves to 13:30, she opens it; then to 14:30. She reads '13:30 → 14:30', not
    '13:00 → 14:30': 13:00 is what the log began with, not what she last knew."""
    moved = await opened_then_changed_again(
        tmp_path, "tue-nasa-ames", {"start": "13:30"}, {"start": "14:30", "end": "16:00"}
    )
    assert moved is not None
    start = next(f for f in moved.fields if f.field == "start")
    assert (start.old[11:16], start.new[11:16]) == ("13:30", "14:30"), start
