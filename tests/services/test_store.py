"""The offline store: atomic writes, last good copy with its ETag, settings, data directory."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.atomic import HOST, write_atomically
from services.keyvalue import FileKeyValue
from services.origin import normalise_origin
from services.settings import Settings, SettingsStore
from services.store import (
    FeedStore,
    Unit,
    data_dir,
    namespace_for,
)

WHEN = datetime(2025, 10, 6, 7, 0, tzinfo=UTC)
NS = namespace_for("https://feed.example.org/")


def unit(data: bytes, etag: str, revision: int = 1) -> Unit:
    return Unit(data, etag, WHEN, revision, {"changes": {"x": {"id": "x"}}} if revision > 1 else {})


def test_commit_then_load_returns_the_whole_unit(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    store.commit(NS, {"mission": unit(b'{"a":1}', '"v2"', 2)})
    stored = store.load(NS, "mission")
    assert stored is not None
    assert (stored.data, stored.etag, stored.fetched_at) == (b'{"a":1}', '"v2"', WHEN)
    assert stored.revision == 2 and dict(stored.changes) == {"changes": {"x": {"id": "x"}}}


def test_load_missing_document_returns_none(tmp_path: Path) -> None:
    assert FeedStore(tmp_path).load(NS, "mission") is None


def test_namespaces_of_two_origins_never_overwrite_each_other(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    other = namespace_for("https://staging.example.org/")
    store.commit(NS, {"mission": unit(b"live", '"l"')})
    store.commit(other, {"mission": unit(b"staging", '"s"')})
    live, staging = store.load(NS, "mission"), store.load(other, "mission")
    assert live is not None and staging is not None
    assert (live.data, staging.data) == (b"live", b"staging")


def test_one_origin_spelled_differently_is_one_namespace() -> None:
    spellings = [
        "https://feed.example.org",
        "HTTPS://Feed.Example.org:443/",
        " https://feed.example.org/ ",
    ]
    assert {namespace_for(s) for s in spellings} == {NS}
    assert normalise_origin("http://127.0.0.1:8787") == "http://127.0.0.1:8787/"
    assert namespace_for("http://127.0.0.1:8787/") != namespace_for("http://127.0.0.1:8788/")


@pytest.mark.parametrize("fault", ["crash", "disk-full"])
def test_failed_commit_keeps_the_previous_unit_whole_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    store = FeedStore(tmp_path)
    store.commit(NS, {"mission": unit(b"old", '"v1"')})

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt("power cut")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if fault == "crash":
        monkeypatch.setattr(os, "replace", crash)
    else:
        monkeypatch.setattr(os, "fsync", full)
    with pytest.raises((KeyboardInterrupt, OSError)):
        store.commit(NS, {"mission": unit(b"new" * 1000, '"v2"', 2)})
    monkeypatch.undo()
    stored = store.load(NS, "mission")
    assert stored is not None
    assert (stored.data, stored.etag, stored.revision, dict(stored.changes)) == (
        b"old",
        '"v1"',
        1,
        {},
    )
    assert [p.name for p in (store.root / NS).iterdir() if p.name.endswith(".tmp")] == []


def test_document_etag_and_change_log_are_one_file(tmp_path: Path) -> None:
    """One rename commits all three: no crash can separate an ETag from its document."""
    store = FeedStore(tmp_path)
    store.commit(NS, {"mission": unit(b"doc", '"v2"', 2)})
    assert sorted(p.name for p in (store.root / NS).iterdir()) == ["mission.unit"]


def test_damaged_unit_loads_as_nothing(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    store.commit(NS, {"mission": unit(b"doc", '"v1"')})
    (store.root / NS / "mission.unit").write_bytes(b"{broken")
    assert store.load(NS, "mission") is None


def test_checked_records_the_time_and_leaves_the_unit(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    store.commit(NS, {"mission": unit(b"doc", '"v1"')})
    before = store.stamp(NS, "mission")
    later = WHEN.replace(hour=9)
    store.checked(NS, "mission", later)
    assert store.checked_at(NS, "mission") == later and store.stamp(NS, "mission") == before


def test_open_sweeps_stale_temporary_files_only(tmp_path: Path) -> None:
    folder = tmp_path / "feed" / NS
    folder.mkdir(parents=True)
    stale, fresh = folder / ".mission.unit.a.tmp", folder / ".mission.unit.b.tmp"
    stale.write_bytes(b"x" * 100)
    fresh.write_bytes(b"y")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    assert FeedStore(tmp_path).sweep() == 0  # the constructor already swept
    assert not stale.exists() and fresh.exists()  # a live write (another process) is spared


def test_open_sweeps_a_dead_writers_leftover_at_once_and_keeps_a_live_ones(
    tmp_path: Path,
) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    folder = tmp_path / "feed" / NS
    folder.mkdir(parents=True)
    dead = folder / f".mission.unit.{HOST}-{gone.pid}-k3j.tmp"  # its writer was killed
    live = folder / f".mission.unit.{HOST}-{os.getppid()}-x9q.tmp"  # a running process writes
    elsewhere = folder / f".mission.unit.0badc0de-{gone.pid}-p2z.tmp"  # another container's
    for path in (dead, live, elsewhere):
        path.write_bytes(b"half")
    FeedStore(tmp_path)
    assert not dead.exists() and live.exists() and elsewhere.exists()


def test_commit_notifies_listeners_once_and_unsubscribe_stops_it(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    heard: list[tuple[str, frozenset[str]]] = []

    def broken(_ns: str, _names: frozenset[str]) -> None:
        raise RuntimeError("one session's bug")

    store.subscribe(broken)
    stop = store.subscribe(lambda ns, names: heard.append((ns, names)))
    store.commit(NS, {"mission": unit(b"a", '"1"'), "delegate-x": unit(b"b", '"2"')})
    assert heard == [(NS, frozenset({"mission", "delegate-x"}))]
    stop()
    store.commit(NS, {"mission": unit(b"c", '"3"')})
    assert len(heard) == 1


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
