"""Composition root: wires configuration, store, repository and screens, then starts Flet."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import flet as ft
from flet.utils.platform_utils import is_linux_server

from services.clock import clock_from
from services.feed_client import FeedClient
from services.i18n import pick_language
from services.repository import Repository
from services.settings import SettingsStore
from services.store import FeedStore, FileKeyValue, KeyValue, data_dir
from services.sync import Synchronizer
from views.platform import Platform, PrefsKeyValue
from views.screens import SCREENS
from views.shell import AppShell

ASSETS = Path(__file__).resolve().parent / "assets"


_SYNCERS: dict[str, Synchronizer] = {}


def syncer_for(feed_url: str, store: FeedStore) -> Synchronizer:
    """One synchronizer per feed per process: web sessions share the mission download."""
    if feed_url not in _SYNCERS:
        _SYNCERS[feed_url] = Synchronizer(FeedClient(feed_url), store)
    return _SYNCERS[feed_url]


async def main(page: ft.Page) -> None:
    root = data_dir()
    store = FeedStore(root)
    kv: KeyValue = (
        PrefsKeyValue(ft.SharedPreferences()) if page.web else FileKeyValue(root / "settings.json")
    )
    repo = await Repository.open(
        store, SettingsStore(kv), clock=clock_from(os.environ.get("DELEGATE_NOW"))
    )
    language = repo.settings.language
    if language is None:
        info = await page.get_device_info()
        tags = [
            f"{loc.language_code}-{loc.country_code or ''}"
            for loc in (info.locales if info else [])
        ]
        language = pick_language(tags)
    feed_url = repo.settings.feed_url or os.environ.get("DELEGATE_FEED_URL")
    syncer = syncer_for(feed_url, store) if feed_url else None
    shell = AppShell(
        page,
        repo,
        language,
        Platform(),
        screens=SCREENS,
        syncer=syncer,
        make_syncer=lambda url: syncer_for(url, store),
    )
    shell.start()


def run() -> None:
    logging.basicConfig(level=os.environ.get("DELEGATE_LOG", "WARNING"))
    if is_linux_server():  # type: ignore[no-untyped-call]
        port = int(os.environ.get("DELEGATE_PORT", "8550"))
        print(f"Delegate Companion: http://127.0.0.1:{port}/", file=sys.stderr, flush=True)
        ft.run(
            main,
            view=ft.AppView.WEB_BROWSER,
            host="127.0.0.1",
            port=port,
            no_cdn=True,
            assets_dir=str(ASSETS),
        )
    else:
        ft.run(main, assets_dir=str(ASSETS))


if __name__ == "__main__":
    run()
