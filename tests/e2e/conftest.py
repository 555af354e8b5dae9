"""Browser fixtures: a feed with two delegates, our feed server, the app in web mode, Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from backend.publish import publish
from backend.tokens import token_for
from tests.backend.servers import EXAMPLE, SECRET, backend_server
from tests.e2e.browser import VIEWPORT, app_server, chromium, open_app

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
NOW = "2025-10-07T15:40:00-07:00"
DEMO = token_for("demo", SECRET)
SECOND = token_for("d-second", SECRET)


def two_delegates(folder: Path) -> Path:
    source = folder / "source"
    shutil.copytree(EXAMPLE, source)
    with (source / "delegates.csv").open("a", encoding="utf-8") as f:
        f.write("d-second,Jean Dupont,Example Labs (illustrative),fr\n")
    with (source / "registrations.csv").open("a", encoding="utf-8") as f:
        f.write(
            "d-second,tue-mou-signing\nd-second,tue-b2b-lifesci\nd-second,wed-biotech-finance\n"
        )
    return source


@pytest.fixture(scope="session")
def feed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("e2e-feed")
    report = publish(two_delegates(base), base / "feed", SECRET, "http://127.0.0.1/")
    assert not report.errors
    return base / "feed"


@pytest.fixture(scope="session")
def feed_url(feed_folder: Path) -> Iterator[str]:
    with backend_server(feed_folder) as url:
        yield url


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory, feed_url: str) -> Iterator[str]:
    data = tmp_path_factory.mktemp("e2e-app")
    with app_server(data, {"DELEGATE_FEED_URL": feed_url, "DELEGATE_NOW": NOW}) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Module-scoped: the sync Playwright loop must be gone before any asyncio test runs."""
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser: Browser, app_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    tab = context.new_page()
    open_app(tab, app_url)
    yield tab
    context.close()
