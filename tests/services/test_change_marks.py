"""Change marks across the two documents: an item the person opened is marked again when either
document changes it later (the registration that put it on their agenda must not hide a room
change a few publishes on)."""

from __future__ import annotations

import shutil
from pathlib import Path

from backend.publish import publish
from services.keyvalue import FileKeyValue
from services.repository import Repository
from services.settings import SettingsStore
from tests.backend.servers import EXAMPLE, SECRET, backend_server
from tests.services.test_sync_servers import CODE, append, edit, make

URL = "http://127.0.0.1/"


async def test_change_for_registration_opened_then_room_changed_marks_the_room(
    tmp_path: Path,
) -> None:
    source, out, phone = tmp_path / "source", tmp_path / "feed", tmp_path / "phone"
    shutil.copytree(EXAMPLE, source)
    publish(source, out, SECRET, URL)
    with backend_server(out) as url:
        async with make(phone, url) as (sync, _transport, clock):
            settings = SettingsStore(FileKeyValue(phone / "s.json"))
            repo = await Repository.open(sync.library, settings, lambda _: url, clock)
            await repo.switch(url, CODE)
            assert (await sync.sync(CODE)).ok
            append(source / "registrations.csv", delegate="demo", activity="mon-energy-seminar")
            publish(source, out, SECRET, URL)  # her document changes: new on her agenda
            assert (await sync.sync(CODE)).ok
            repo.refresh()
            registered = repo.change_for("mon-energy-seminar")
            assert registered is not None and registered.kind == "new"
            await repo.mark_seen("mon-energy-seminar")
            edit(
                source / "activities.csv", "mon-energy-seminar", room_en="Room 9", room_nl="Zaal 9"
            )
            publish(source, out, SECRET, URL)  # only the programme changes it now
            assert (await sync.sync(CODE)).ok
            repo.refresh()
            moved = repo.change_for("mon-energy-seminar")
            unseen = {c.id for c in repo.unseen_changes()}
            repo.close()
    assert moved is not None and moved.kind == "changed", moved
    assert [f.field for f in moved.fields] == ["room"] and "mon-energy-seminar" in unseen
