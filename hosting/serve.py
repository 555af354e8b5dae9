"""Start the hosted web app under uvicorn: `make run` on a machine without a display."""

from __future__ import annotations

import gc
import sys
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from types import CodeType

import flet as ft
import uvicorn
from flet.app import AppCallable
from platformdirs import user_cache_dir

from hosting import construct, events, lean, takedown, unlink, validated, walk
from hosting.app import create_app
from services.contacts import dials, display_phone
from services.feeds import Feeds
from services.i18n import Translator
from services.listing import listed
from services.models import LANGS, MissionDoc
from services.present import display_zone
from services.search import shared_index
from services.store import namespace_for


def cache_dir() -> Path:
    """Where the compressed twins of the client live (made once per Flet version)."""
    return Path(user_cache_dir("DelegateCompanion", appauthor=False)) / "web"


def programme_of(feeds: Feeds) -> Callable[[], MissionDoc]:
    """The mission of the operator's feed as this process last stored it (else the embedded
    one): what the programme-only pocket pages show."""
    return lambda: feeds.library.mission(namespace_for(feeds.origin_for(None))).doc


# Seconds a stopping server gives its connections to close after telling each to (SIGTERM: a
# deploy, a restart): a browser that does not answer no longer holds the process until its
# manager kills it (systemd: 90 s).
GRACE = 10


def serve(
    main: AppCallable,
    assets: Path,
    host: str,
    port: int,
    programme: Callable[[], MissionDoc],
    shutdown: Callable[[], Awaitable[None]],
) -> None:
    app = create_app(main, assets, cache_dir(), programme, shutdown)
    warm(programme)
    lean.install()
    walk.install()
    construct.install()
    events.install()
    unlink.install()
    takedown.install()
    validated.install()
    tune_gc()
    uvicorn.run(
        app,
        host=host,
        port=port,
        access_log=False,
        log_level="warning",
        ws="websockets-sansio",
        timeout_graceful_shutdown=GRACE,
    )


def warm(programme: Callable[[], MissionDoc]) -> None:
    """What every session reads of the operator's mission and the process makes once, made
    before the first visitor: the Programme's search index, and its list texts in each
    language in mission time (~0.1 s and ~20 ms a language of pure Python, which the first
    visitor to open the Programme after a restart paid in their tap, and every other session
    waited through: one process, one event loop); the phone numbers' country rules; the Flet
    classes the screens name."""
    mission = programme()
    shared_index(mission)
    for lang in LANGS:
        listed(Translator(lang), mission, display_zone(mission, "mission"))
    for number in set(dials(mission)):  # loads each country's numbering rules (~40 ms for BE)
        display_phone(number)
    import_flet_names("views")


def import_flet_names(package: str) -> None:
    """Every Flet name the code of `package`'s loaded modules mentions, imported now. Flet 1.0
    imports a class's module the first time the class is named (~35 ms of the first visit to
    the Programme after a restart, in someone's tap, the others waiting)."""
    known = set(ft.__all__)
    for name, module in list(sys.modules.items()):
        spec = getattr(module, "__spec__", None)
        if spec is None or not (name == package or name.startswith(f"{package}.")):
            continue
        code = spec.loader.get_code(name) if hasattr(spec.loader, "get_code") else None
        for used in _names(code) if code is not None else ():
            if used in known:
                getattr(ft, used)


def _names(code: CodeType) -> Iterator[str]:
    """The attribute and global names a module's code (and every function in it) reads."""
    yield from code.co_names
    for const in code.co_consts:
        if isinstance(const, CodeType):
            yield from _names(const)


# Young collections every 20,000 allocations instead of 700, and a full one only after 50 of
# the middle ones (on top of CPython's own rule: 25% new long-lived objects). A full collection
# walks every session's controls: with 200 sessions it paused the event loop for 0.25-0.54 s,
# six times in a 40-switch bench run, and set the tab-switch p99 (529 ms; 204 ms with this).
# Since hosting/idle_gc.py freezes what was made every quarter second, these only come into
# play when more than 20,000 new objects live on within one (everyone tapping at once).
GC_THRESHOLDS = (20_000, 20, 50)


def tune_gc() -> None:
    """A server holding hundreds of sessions: fewer, rarer collections, and the objects made
    before the first session (modules, the parsed mission) are frozen (hosting/idle_gc.py
    freezes the sessions' as they come)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
