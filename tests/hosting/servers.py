"""deploy/nginx-app.conf on a free loopback port, in front of the given app processes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.backend.servers import nginx_with

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def nginx_app(client: Path, upstreams: list[str], log: Path) -> Iterator[str]:
    servers = " ".join(f"server {u};" for u in upstreams)
    with nginx_with(
        "nginx-app.conf", {"@CLIENT@": str(client), "@UPSTREAMS@": servers}, log
    ) as url:
        yield url
