"""Fixtures for view tests: a started app on an empty data directory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.views.harness import App


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[App]:
    started = await App(tmp_path).start()
    yield started
    await started.close()
