"""Fixtures of the feed-server tests: the example published once per module, served by
`backend serve` and by real nginx in turn."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.backend.servers import backend_server, nginx_server, publish_example


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return publish_example(tmp_path_factory.mktemp("published"))


@pytest.fixture(scope="module", params=["backend", "nginx"])
def base(request: pytest.FixtureRequest, folder: Path) -> Iterator[str]:
    start = backend_server if request.param == "backend" else nginx_server
    with start(folder) as url:
        yield url
