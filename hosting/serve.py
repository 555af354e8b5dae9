"""Start the hosted web app under uvicorn: `make run` on a machine without a display."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import uvicorn
from flet.app import AppCallable
from platformdirs import user_cache_dir

from hosting.app import create_app
from services.feeds import Feeds
from services.models import MissionDoc
from services.store import namespace_for


def cache_dir() -> Path:
    """Where the compressed twins of the client live (made once per Flet version)."""
    return Path(user_cache_dir("DelegateCompanion", appauthor=False)) / "web"


def programme_of(feeds: Feeds) -> Callable[[], MissionDoc]:
    """The mission of the operator's feed as this process last stored it (else the embedded
    one): what the programme-only pocket pages show."""
    return lambda: feeds.library.mission(namespace_for(feeds.origin_for(None))).doc


def serve(
    main: AppCallable,
    assets: Path,
    host: str,
    port: int,
    programme: Callable[[], MissionDoc],
    shutdown: Callable[[], Awaitable[None]],
) -> None:
    app = create_app(main, assets, cache_dir(), programme, shutdown)
    uvicorn.run(
        app, host=host, port=port, access_log=False, log_level="warning", ws="websockets-sansio"
    )
