"""A full disk: the commit is refused with ENOSPC, the old unit stays whole, nothing is left
behind, the app says so in one sentence, and the next sync after space returns works."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from services.i18n import Translator
from services.store import FeedStore
from services.sync_state import SyncState, describe
from tests.reliability.faults import FaultServer
from tests.reliability.replay import snapshot, sync_once
from tests.reliability.tmpfs import can_mount_tmpfs, on_tmpfs

ROOT = Path(__file__).resolve().parents[2]
MISSION_ZONE = ZoneInfo("America/Los_Angeles")


@pytest.mark.skipif(not can_mount_tmpfs(), reason="needs root and unshare for a private tmpfs")
def test_tiny_tmpfs_refuses_the_commit_and_keeps_the_old_unit(tmp_path: Path) -> None:
    result = on_tmpfs(tmp_path / "tiny", "256k", "tests.reliability.full_disk")
    assert result == {"errno": errno.ENOSPC, "revision": 1, "etag": '"r1"', "leftovers": []}


@pytest.mark.parametrize("step", ["mkstemp", "write", "fsync", "replace"])
async def test_disk_full_at_any_step_keeps_the_unit_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    store = FeedStore(tmp_path)
    async with FaultServer() as server:
        await sync_once(server, store, "ok", "05")
        before = snapshot(store)
        server.revision += 1
        with monkeypatch.context() as patched:
            inject_enospc(patched, step)
            result = await sync_once(server, store, "ok", "06")
        assert result.status == "storage"
        assert snapshot(store) == before
        assert list((tmp_path / "feed").glob("*/.*.tmp")) == []
        sentence = describe(Translator("en"), SyncState.done(result), MISSION_ZONE)
        assert sentence.startswith(
            "The update could not be saved (storage full); the previous version is kept."
        )
        assert (await sync_once(server, store, "ok", "07")).status == "updated"


def inject_enospc(patched: pytest.MonkeyPatch, step: str) -> None:
    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if step == "write":
        real = os.fdopen

        def fdopen(fd: int, *args: object, **kwargs: object) -> object:
            handle = real(fd, *args, **kwargs)  # type: ignore[call-overload]
            handle.write = full
            return handle

        patched.setattr(os, "fdopen", fdopen)
    else:
        patched.setattr(tempfile if step == "mkstemp" else os, step, full)
