"""Shared fixtures: the embedded documents as bytes and as mutable dicts."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

# Helpers that test files share keep pytest's detailed assertion messages, as they had when
# they lived in the test files (registered before any test module imports them).
pytest.register_assert_rewrite(
    *("tests.backend." + m for m in ("console_client", "locks", "published", "sources")),
    *("tests.backend.workbook_mistakes", "tests.hosting.bundled", "tests.hosting.session_messages"),
    *("tests.reliability.replay", "tests.reliability.tmpfs", "tests.services.parsed"),
    *("tests.services.pocket_source", "tests.services.sync_servers", "tests.wording"),
)

ROOT = Path(__file__).resolve().parent.parent
FEED = ROOT / "assets" / "feed"
MISSION_BYTES = (FEED / "mission.json").read_bytes()
DELEGATE_BYTES = (FEED / "delegates" / "demo.json").read_bytes()
_MISSION = json.loads(MISSION_BYTES)
_DELEGATE = json.loads(DELEGATE_BYTES)


TEST_ORIGIN = "http://127.0.0.1:9/"  # a feed origin for stored test data; never contacted


def store_unit(
    root: Path,
    data: bytes,
    name: str = "mission",
    origin: str | None = TEST_ORIGIN,
    etag: str | None = None,
    fetched_at: datetime | None = None,
    changes: Any = None,
) -> None:
    """Commit a document as a sync would (optionally with its change log) into `origin`'s
    namespace of the store at `root`."""
    from services.store import FeedStore, Unit, namespace_for

    log = changes.model_dump(mode="json") if changes is not None else {}
    try:
        revision = int(json.loads(data).get("revision", 0))
    except (ValueError, TypeError, AttributeError):
        revision = 0  # a damaged document, on purpose
    unit = Unit(data, etag, fetched_at, revision, log)
    FeedStore(root).commit(namespace_for(origin), {name: unit})


def dump(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode()


@pytest.fixture
def mission() -> dict[str, Any]:
    return copy.deepcopy(_MISSION)


@pytest.fixture
def delegate() -> dict[str, Any]:
    return copy.deepcopy(_DELEGATE)


class FixedClock:
    """A clock the test moves by hand."""

    def __init__(self, iso: str) -> None:
        self.now = datetime.fromisoformat(iso)

    def __call__(self) -> datetime:
        return self.now

    def set(self, iso: str) -> None:
        self.now = datetime.fromisoformat(iso)


@pytest.fixture
def utc_now() -> datetime:
    return datetime(2025, 10, 7, 22, 40, tzinfo=UTC)


# What pytest-timeout raises when a test hangs (the `timeout` setting in pyproject.toml).
HANG = r"^Failed: Timeout \(>[\d.]+s\) from pytest-timeout"
BROWSER_HANG_S = 180  # the slowest browser test takes under a minute on a loaded machine


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last: they are the slowest, and Playwright's sync loop must not be open
    while asyncio tests run.

    Chromium, rarely and only under load, stops answering Playwright mid-test: a 30 s wait for
    text then never returns (once in CI, after a personal link reloaded a running app; it did
    not come back in 16 runs of that file under a load average of up to 10). Such a hang, and
    only a hang, gets one more try in a fresh page after 180 s: a failed check fails at once,
    and a test that hangs twice fails."""
    items.sort(key=lambda item: "/e2e/" in str(item.path))
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.timeout(BROWSER_HANG_S))
            item.add_marker(pytest.mark.flaky(reruns=1, only_rerun=[HANG]))
