"""Sync on the wire, through a byte-counting proxy, against `backend serve` and nginx.

    python -m bench.sync

Unchanged sync: requests and bytes (goal: <= 2 requests, <= 2 KB).
Changed sync: bytes on the wire against the raw size of the documents (gzip in use).
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

from backend.publish import publish
from backend.tokens import token_for
from bench.wire import CountingProxy
from services.feed_client import FeedClient
from services.library import Library
from services.store import FeedStore, namespace_for
from services.sync import Synchronizer
from tests.backend.servers import EXAMPLE, SECRET, backend_server, nginx_server

CODE = token_for("demo", SECRET)


async def measure(url: str, source: Path, out: Path, phone: Path) -> list[str]:
    port = int(url.rstrip("/").rsplit(":", 1)[1])
    async with CountingProxy(port) as proxy:
        client = FeedClient(f"http://127.0.0.1:{proxy.port}/")
        sync = Synchronizer(client, Library(FeedStore(phone)), namespace_for(url))
        first = await sync.sync(CODE)
        cold = proxy.reset()
        again = await sync.sync(CODE)
        unchanged = proxy.reset()
        rows = (source / "activities.csv").read_text(encoding="utf-8")
        (source / "activities.csv").write_text(
            rows.replace("Venetian Room", "Grand Ballroom"), encoding="utf-8"
        )
        publish(source, out, SECRET, "http://127.0.0.1/")
        changed_result = await sync.sync(CODE)
        changed = proxy.reset()
        await client.aclose()
    raw = sum(len((out / p).read_bytes()) for p in ("mission.json", f"delegates/{CODE}.json"))
    return [
        f"  first sync      {first.status:10} {cold.total:>8} B on the wire "
        f"({cold.requests} requests)",
        f"  unchanged sync  {again.status:10} {unchanged.total:>8} B on the wire "
        f"({unchanged.requests} requests, {unchanged.connections} connection)"
        "  goal <= 2 requests, <= 2048 B",
        f"  changed sync    {changed_result.status:10} {changed.total:>8} B on the wire vs "
        f"{raw} B raw documents = {changed.total / raw:.2f}x",
    ]


def main() -> None:
    for name, start in (("backend serve", backend_server), ("nginx", nginx_server)):
        base = Path(tempfile.mkdtemp(prefix="bench-sync-"))
        try:
            source = base / "source"
            shutil.copytree(EXAMPLE, source)
            out = base / "feed"
            publish(source, out, SECRET, "http://127.0.0.1/")
            with start(out) as url:
                lines = asyncio.run(measure(url, source, out, base / "phone"))
            print(name)
            print("\n".join(lines))
        finally:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
