"""A synchronizer over the real transport, counting what it downloads."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from backend.tokens import token_for
from services.feed_client import FeedClient
from services.library import Library
from services.store import FeedStore, namespace_for
from services.sync import Synchronizer
from tests.backend.servers import SECRET
from tests.conftest import FixedClock

CODE = token_for("demo", SECRET)


class Counting(httpx.AsyncHTTPTransport):
    """The real transport, noting each response's status and compressed body size."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[int, int]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await super().handle_async_request(request)
        self.seen.append((response.status_code, int(response.headers.get("content-length", "0"))))
        return response


@asynccontextmanager
async def make(root: Path, url: str) -> AsyncIterator[tuple[Synchronizer, Counting, FixedClock]]:
    transport = Counting()
    clock = FixedClock("2025-10-06T07:00:00-07:00")
    client = FeedClient(url, transport=transport)
    try:
        yield (
            Synchronizer(client, Library(FeedStore(root)), namespace_for(url), clock),
            transport,
            clock,
        )
    finally:
        await client.aclose()
