"""The organiser console over a live mission damaged by hand or by the disk (no browser: the
app itself, through httpx)."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from backend.commands import EXAMPLE_WORKBOOK
from backend.console.app import create_app
from backend.console.config import ConsoleConfig
from tests.backend.servers import SECRET
from tests.backend.test_numbering import URL, lunch_moved
from tests.backend.test_preview import UNREADABLE
from tests.backend.test_releases import mission
from tests.backend.test_rollback import damage

PASSWORD = "correct horse battery"


@asynccontextmanager
async def signed_in(out: Path) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    """A client signed in to a console publishing to `out`, and its form token."""
    app = create_app(ConsoleConfig(out=out, secret=SECRET, public_url=URL, password=PASSWORD))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://console") as client:
        page = (await client.get("/?lang=en")).text
        found = re.search(r'name="csrf" value="([^"]+)"', page)
        assert found is not None
        csrf = found.group(1)
        signed = await client.post("/login", data={"csrf": csrf, "password": PASSWORD})
        assert signed.status_code == 303
        yield client, csrf


async def test_console_over_a_damaged_live_mission_previews_and_rolls_back(
    tmp_path: Path,
) -> None:
    _, out = lunch_moved(tmp_path)  # revisions 1 and 2
    damage(out, b"not json")
    async with signed_in(out) as (client, csrf):
        home = await client.get("/")
        assert home.status_code == 200 and "Live revision: 2" in home.text  # from the history
        with EXAMPLE_WORKBOOK.open("rb") as workbook:
            files = {"workbook": ("mission.xlsx", workbook.read())}
        result = await client.post("/upload", data={"csrf": csrf}, files=files)
        assert result.status_code == 200 and html.escape(UNREADABLE) in result.text
        back = await client.post("/rollback", data={"csrf": csrf})
        assert (back.status_code, back.headers["location"]) == (303, "/?done=rolled-back")
        assert "Live revision: 3" in (await client.get("/")).text
    assert mission(out)["revision"] == 3
