"""The offline store: atomic writes, last good copy with its ETag, settings, data directory."""

from __future__ import annotations

import errno
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.settings import Settings, SettingsStore
from services.store import FeedStore, FileKeyValue, data_dir, write_atomically

WHEN = datetime(2025, 10, 6, 7, 0, tzinfo=UTC)


def test_save_then_load_returns_bytes_etag_and_time(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    store.save("mission", b'{"a":1}', '"v1"', WHEN)
    stored = store.load("mission")
    assert stored is not None
    assert (stored.data, stored.etag, stored.fetched_at) == (b'{"a":1}', '"v1"', WHEN)


def test_load_missing_document_returns_none(tmp_path: Path) -> None:
    assert FeedStore(tmp_path).load("mission") is None


def test_write_crash_before_replace_keeps_old_copy_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FeedStore(tmp_path)
    store.save("mission", b"old", '"v1"', WHEN)

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        store.save("mission", b"new", '"v2"', WHEN)
    monkeypatch.undo()
    stored = store.load("mission")
    assert stored is not None and (stored.data, stored.etag) == (b"old", '"v1"')
    assert [p.name for p in store.root.iterdir() if p.name.endswith(".tmp")] == []


def test_write_disk_full_raises_oserror_and_keeps_old_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FeedStore(tmp_path)
    store.save("mission", b"old", '"v1"', WHEN)

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space left"):
        store.save("mission", b"new" * 1000, '"v2"', WHEN)
    monkeypatch.undo()
    stored = store.load("mission")
    assert stored is not None and (stored.data, stored.etag) == (b"old", '"v1"')
    assert [p.name for p in store.root.iterdir() if p.name.endswith(".tmp")] == []


def test_etag_is_written_after_the_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FeedStore(tmp_path)
    store.save("mission", b"old", '"v1"', WHEN)
    calls: list[str] = []
    real = os.replace

    def spy(src: str, dst: Path) -> None:
        calls.append(Path(dst).name)
        if str(dst).endswith(".meta.json"):
            raise OSError(errno.ENOSPC, "disk full")
        real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    with pytest.raises(OSError):
        store.save("mission", b"new", '"v2"', WHEN)
    monkeypatch.undo()
    assert calls == ["mission.json", "mission.meta.json"]
    stored = store.load("mission")
    # new bytes with the old ETag is safe: the next sync gets a full 200 instead of a 304
    assert stored is not None and (stored.data, stored.etag) == (b"new", '"v1"')


def test_damaged_meta_file_still_loads_document(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    store.save("mission", b"doc", '"v1"', WHEN)
    (store.root / "mission.meta.json").write_text("{broken")
    stored = store.load("mission")
    assert stored is not None and stored.data == b"doc" and stored.etag is None


def test_touch_records_check_time_keeps_etag(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    store.save("mission", b"doc", '"v1"', WHEN)
    later = WHEN.replace(hour=9)
    store.touch("mission", later)
    stored = store.load("mission")
    assert stored is not None and stored.etag == '"v1"' and stored.fetched_at == later


def test_write_atomically_creates_parent_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "c.json"
    write_atomically(target, b"x")
    assert target.read_bytes() == b"x"


def test_data_dir_prefers_delegate_then_flet_then_platform(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLET_APP_STORAGE_DATA", str(tmp_path / "flet"))
    monkeypatch.setenv("DELEGATE_DATA_DIR", str(tmp_path / "mine"))
    assert data_dir() == tmp_path / "mine"
    monkeypatch.delenv("DELEGATE_DATA_DIR")
    assert data_dir() == tmp_path / "flet"
    monkeypatch.delenv("FLET_APP_STORAGE_DATA")
    assert "DelegateCompanion" in str(data_dir())


async def test_settings_round_trip_through_file(tmp_path: Path) -> None:
    store = SettingsStore(FileKeyValue(tmp_path / "settings.json"))
    await store.save(Settings(language="nl", bookmarks=["a", "b"], seen={"x": 2}))
    again = await SettingsStore(FileKeyValue(tmp_path / "settings.json")).load()
    assert (again.language, again.bookmarks, again.seen) == ("nl", ["a", "b"], {"x": 2})


async def test_settings_damaged_file_gives_defaults(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text('{"delegate_companion.settings": "{not json"}')
    assert await SettingsStore(FileKeyValue(tmp_path / "settings.json")).load() == Settings()


async def test_settings_invalid_values_give_defaults(tmp_path: Path) -> None:
    kv = FileKeyValue(tmp_path / "s.json")
    await kv.set("delegate_companion.settings", '{"language": "de", "bookmarks": 5}')
    assert await SettingsStore(kv).load() == Settings()
