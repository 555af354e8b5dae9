"""The repository: first launch seeds the store, reads never fail, events persist."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from services.repository import Repository, personal_doc_name
from services.settings import SettingsStore
from services.store import FeedStore, FileKeyValue
from tests.conftest import MISSION_BYTES, FixedClock


async def open_repo(root: Path, clock: FixedClock | None = None) -> Repository:
    clock = clock or FixedClock("2025-10-07T15:40:00-07:00")
    settings = SettingsStore(FileKeyValue(root / "settings.json"))
    return await Repository.open(FeedStore(root), settings, clock=clock)


async def test_first_launch_with_empty_directory_seeds_from_embedded(tmp_path: Path) -> None:
    repo = await open_repo(tmp_path)
    stored = FeedStore(tmp_path).load("mission")
    assert stored is not None and stored.data == MISSION_BYTES and stored.etag is None
    assert repo.is_demo and repo.delegate is not None and repo.delegate.delegate.id == "demo"


async def test_damaged_stored_mission_falls_back_to_embedded(tmp_path: Path) -> None:
    FeedStore(tmp_path).save("mission", b'{"revision": "garbage', '"v9"', None)
    repo = await open_repo(tmp_path)
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
    await repo.set_language("fr")
    assert (await open_repo(tmp_path)).settings.language == "fr"


async def test_signed_in_without_document_shows_no_one_elses_agenda(tmp_path: Path) -> None:
    kv = FileKeyValue(tmp_path / "settings.json")
    await kv.set("delegate_companion.settings", '{"personal_code": "abcdefghijklmnopqrstuvwxyz"}')
    repo = await open_repo(tmp_path)
    assert not repo.is_demo and repo.delegate is None
    assert [i.source for i in repo.agenda()] == []


def test_personal_doc_name_never_contains_the_code() -> None:
    code = "k3jx7q2mzp4rtw6yb5nc8dvhea"
    name = personal_doc_name(code)
    assert code not in name and name.startswith("delegate-") and len(name) == 33
    assert personal_doc_name(None) == "delegate-demo"
