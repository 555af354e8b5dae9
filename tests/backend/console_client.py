"""A client signed in to the organisers' console, and what it reads from its pages."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from backend.console.app import create_app
from backend.console.config import ConsoleConfig
from tests.backend.published import URL
from tests.backend.servers import SECRET

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


def upload_id(page: str) -> str:
    found = re.search(r'name="upload" value="([^"]+)"', page)
    assert found is not None, page
    return found.group(1)


async def roll_back(client: httpx.AsyncClient, csrf: str) -> httpx.Response:
    """The home page's Rollback, then its confirmation's "Yes, roll back"."""
    asked = await client.get("/rollback")
    found = re.search(r'name="release" value="([^"]+)"', asked.text)
    assert found is not None, asked.text
    return await client.post("/rollback", data={"csrf": csrf, "release": found.group(1)})
