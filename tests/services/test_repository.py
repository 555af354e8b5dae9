"""The repository: reads never fail, it follows the store, events persist."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from services.keyvalue import FileKeyValue
from services.library import Library
from services.reader import activities_by_id
from services.repository import Repository
from services.settings import SettingsStore
from services.store import FeedStore, namespace_for, personal_name
from tests.conftest import DELEGATE_BYTES, MISSION_BYTES, TEST_ORIGIN, FixedClock, store_unit


async def open_repo(
    root: Path, clock: FixedClock | None = None, origin: str | None = None
) -> Repository:
    clock = clock or FixedClock("2025-10-07T15:40:00-07:00")
    settings = SettingsStore(FileKeyValue(root / "settings.json"))
    return await Repository.open(Library(FeedStore(root)), settings, lambda _: origin, clock)


async def test_without_a_feed_reads_the_embedded_mission_and_demo(tmp_path: Path) -> None:
    repo = await open_repo(tmp_path)
    assert repo.mission.mission.id == "bem-west-coast-2025" and repo.data_time() is None
    assert repo.is_demo and repo.delegate is not None and repo.delegate.delegate.id == "demo"
    assert not (tmp_path / "feed" / "embedded").exists()  # nothing copied: read-only


async def test_damaged_stored_mission_falls_back_to_embedded(tmp_path: Path) -> None:
    store_unit(tmp_path, b'{"revision": "garbage')
    repo = await open_repo(tmp_path, origin=TEST_ORIGIN)
    assert repo.mission.mission.id == "bem-west-coast-2025"


async def test_agenda_for_day_and_now_next_use_the_clock(tmp_path: Path) -> None:
    clock = FixedClock("2025-10-07T13:30:00-07:00")
    repo = await open_repo(tmp_path, clock)
    assert repo.default_day() == date(2025, 10, 7)
    assert "tue-nasa-ames" in [i.id for i in repo.agenda_for(date(2025, 10, 7))]
    now_item = repo.now_next().now
    assert now_item is not None and now_item.id == "tue-nasa-ames"
    clock.set("2025-10-09T08:00:00-07:00")
    assert repo.default_day() == date(2025, 10, 9)


async def test_bookmark_persists_across_restarts(tmp_path: Path) -> None:
    repo = await open_repo(tmp_path)
    assert await repo.toggle_bookmark("mon-design-seminar") is True
    again = await open_repo(tmp_path)
    assert again.is_bookmarked("mon-design-seminar")
    assert "mon-design-seminar" in [i.id for i in again.agenda()]
    assert await again.toggle_bookmark("mon-design-seminar") is False
    assert not (await open_repo(tmp_path)).is_bookmarked("mon-design-seminar")


async def test_language_persists(tmp_path: Path) -> None:
    repo = await open_repo(tmp_path)
    await repo.update_settings(language="fr")
    assert (await open_repo(tmp_path)).settings.language == "fr"


async def test_a_bad_setting_is_refused_before_anything_is_saved(tmp_path: Path) -> None:
    repo = await open_repo(tmp_path)
    await repo.update_settings(language="fr", time_display="brussels")
    with pytest.raises(ValueError, match="no such setting: lang"):
        await repo.update_settings(lang="nl")
    with pytest.raises(ValidationError):
        await repo.update_settings(time_display="Brussels")  # would reset everything on load
    again = await open_repo(tmp_path)
    assert (again.settings.language, again.settings.time_display) == ("fr", "brussels")


async def test_signed_in_without_document_shows_no_one_elses_agenda(tmp_path: Path) -> None:
    kv = FileKeyValue(tmp_path / "settings.json")
    await kv.set("delegate_companion.settings", '{"personal_code": "abcdefghijklmnopqrstuvwxyz"}')
    repo = await open_repo(tmp_path, origin=TEST_ORIGIN)
    assert not repo.is_demo and repo.delegate is None
    assert [i.source for i in repo.agenda()] == []


async def test_a_commit_reaches_every_repository_of_its_namespace_only(tmp_path: Path) -> None:
    library = Library(FeedStore(tmp_path))
    store_unit(tmp_path, MISSION_BYTES)
    settings = SettingsStore(FileKeyValue(tmp_path / "s.json"))
    a = Repository(library, settings, await settings.load(), TEST_ORIGIN)
    b = Repository(library, settings, await settings.load(), TEST_ORIGIN)
    other = Repository(library, settings, await settings.load(), "https://other.example/")
    heard: list[int] = []
    b.listen(heard.append)
    doc = json.loads(MISSION_BYTES)
    doc["revision"] += 1
    next(x for x in doc["activities"] if x["id"] == "tue-nasa-ames")["room"] = "Building N-200"
    store_unit(tmp_path, json.dumps(doc).encode())  # another FeedStore: a second process
    assert b.refresh() is True  # picked up by the file's stamp
    library.store.notify(namespace_for(TEST_ORIGIN), frozenset({"mission"}))
    for repo in (a, b):
        nasa = repo.activity("tue-nasa-ames")
        assert nasa is not None and nasa.room["en"] == "Building N-200"
    assert heard == [0] and other.activity("tue-nasa-ames") is not None
    assert a.mission is b.mission  # one parsed copy shared by every session
    assert a.search_index() is b.search_index() is not other.search_index()
    a.close()
    b.close()
    other.close()
    assert library.store.listener_count == 0


async def test_an_activity_looked_up_before_a_commit_is_the_new_one_after_it(
    tmp_path: Path,
) -> None:
    """Activities by id are made once per parsed mission and shared by every session; a commit
    of a new version is read at once, never answered from the older copy's lookup."""
    library = Library(FeedStore(tmp_path))
    store_unit(tmp_path, MISSION_BYTES)
    settings = SettingsStore(FileKeyValue(tmp_path / "s.json"))
    a = Repository(library, settings, await settings.load(), TEST_ORIGIN)
    b = Repository(library, settings, await settings.load(), TEST_ORIGIN)
    before = a.activity("tue-nasa-ames")
    assert before is not None and before.room["en"] != "Building N-200"
    assert activities_by_id(a.mission) is activities_by_id(b.mission)  # made once, shared
    doc = json.loads(MISSION_BYTES)
    doc["revision"] += 1
    next(x for x in doc["activities"] if x["id"] == "tue-nasa-ames")["room"] = "Building N-200"
    store_unit(tmp_path, json.dumps(doc).encode())  # the store's commit: written, then told
    library.store.notify(namespace_for(TEST_ORIGIN), frozenset({"mission"}))
    for repo in (a, b):
        after = repo.activity("tue-nasa-ames")
        assert after is not None and after.room["en"] == "Building N-200"
        assert repo.activity("no-such-activity") is None
    a.close()
    b.close()


def test_personal_name_never_contains_the_code() -> None:
    code = "k3jx7q2mzp4rtw6yb5nc8dvhea"
    name = personal_name(code)
    assert code not in name and name.startswith("delegate-") and len(name) == 33


async def test_a_person_signed_in_reads_their_own_language_until_they_choose(
    tmp_path: Path,
) -> None:
    """The session that signed them in can end before it saves their language (a reload, a
    phone asleep): the next one greets them in the sheet's language, not the browser's."""
    code = "abcdefghijklmnopqrstuvwxyz"
    store_unit(tmp_path, MISSION_BYTES)
    person = json.loads(DELEGATE_BYTES)
    person["delegate"]["language"] = "fr"
    store_unit(tmp_path, json.dumps(person).encode(), name=personal_name(code))
    visitor = await open_repo(tmp_path, origin=TEST_ORIGIN)
    assert visitor.own_language is None  # a visitor: the browser's language decides
    await visitor.update_settings(personal_code=code)
    repo = await open_repo(tmp_path, origin=TEST_ORIGIN)
    assert repo.delegate is not None and repo.own_language == "fr"
    await repo.update_settings(language="en")
    assert (await open_repo(tmp_path, origin=TEST_ORIGIN)).own_language == "en"
