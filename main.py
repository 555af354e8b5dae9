"""Composition root: wires configuration, store, repository and screens, then starts Flet."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Awaitable
from pathlib import Path

import flet as ft
from flet.utils.platform_utils import is_linux_server

from hosting.serve import programme_of, serve
from services.clock import clock_from
from services.feeds import Feeds, Misconfigured
from services.i18n import pick_language
from services.keyvalue import FileKeyValue, KeyValue
from services.library import Library
from services.pocket_copy import PocketCopy
from services.process_settings import log_level, port_from
from services.repository import Repository
from services.settings import SettingsStore
from services.store import FeedStore, data_dir
from views.platform import Platform, PrefsKeyValue, asked
from views.screens import SCREENS
from views.shell import AppShell

ASSETS = Path(__file__).resolve().parent / "assets"


_FEEDS: dict[Path, Feeds] = {}


def process_feeds(root: Path, hosted: bool) -> Feeds:
    """One store, one parsed-document library and one client per feed origin per process:
    every session of a hosted server shares them."""
    if root not in _FEEDS:
        clock = clock_from(os.environ.get("DELEGATE_NOW"))
        _FEEDS[root] = Feeds.from_environment(Library(FeedStore(root)), hosted, clock)
    return _FEEDS[root]


async def shutdown() -> None:
    """Close every feed client (called by the hosting server's lifespan)."""
    for feeds in list(_FEEDS.values()):
        await feeds.aclose()
    _FEEDS.clear()


async def until_exit(app: Awaitable[None]) -> None:
    """Run the desktop app; when its window closes, close every feed client while the event
    loop still runs (the clients belong to it)."""
    try:
        await app
    finally:
        await shutdown()


async def main(page: ft.Page) -> None:
    root = data_dir()
    feeds = process_feeds(root, hosted=bool(page.web))
    kv: KeyValue = (
        PrefsKeyValue(ft.SharedPreferences()) if page.web else FileKeyValue(root / "settings.json")
    )
    # the process's one clock: a demo clock started again for each session ran behind the one
    # that stamps each sync ('checked 16:40' at 15:40 on a server started an hour before)
    repo = await Repository.open(feeds.library, SettingsStore(kv), feeds.origin_for, feeds.clock)
    language = repo.own_language
    if language is None:
        info = await asked(page.get_device_info, page)
        tags = [
            f"{loc.language_code}-{loc.country_code or ''}"
            for loc in (info.locales if info else [])
        ]
        language = pick_language(tags)
    shell = AppShell(page, repo, language, Platform(), screens=SCREENS, feeds=feeds)
    if page.web:
        keep_pocket_copy(shell, PocketCopy(kv, shell.offline_copy_not_stored), language)
    shell.start()


def keep_pocket_copy(shell: AppShell, copy: PocketCopy, language: str) -> None:
    """The offline pocket agenda in this browser, rewritten now and after every sync."""

    def refresh() -> None:
        copy.request(shell.repo, shell.repo.settings.language or language)

    shell.account.on_change.append(refresh)
    refresh()


def run() -> None:
    hosted = is_linux_server()  # type: ignore[no-untyped-call]
    try:  # the native app's first page reads the same registry: checked once, before any window
        logging.basicConfig(level=log_level(os.environ.get("DELEGATE_LOG")))
        port = port_from(os.environ.get("DELEGATE_PORT"))
        feeds = process_feeds(data_dir(), hosted=hosted)
    except Misconfigured as error:  # the operator's to fix: their words, no traceback
        sys.exit(f"Delegate Companion cannot start: {error}")
    if hosted:
        print(f"Delegate Companion: http://127.0.0.1:{port}/", file=sys.stderr, flush=True)
        serve(main, ASSETS, "127.0.0.1", port, programme_of(feeds), shutdown)
    else:
        asyncio.run(until_exit(ft.run_async(main, assets_dir=str(ASSETS))))


if __name__ == "__main__":
    run()
