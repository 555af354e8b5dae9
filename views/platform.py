"""Adapters to the phone or browser: links, clipboard, share sheet, and per-person storage."""

from __future__ import annotations

import flet as ft


class Platform:
    """Phone services (links, clipboard, share sheet); view tests swap in a recording fake."""

    def __init__(self) -> None:
        self.launcher = ft.UrlLauncher()
        self.clipboard = ft.Clipboard()
        self.sharer = ft.Share()

    async def open_url(self, url: str) -> None:
        await self.launcher.launch_url(url)

    async def copy(self, text: str) -> None:
        await self.clipboard.set(text)

    async def share(self, text: str, subject: str) -> None:
        await self.sharer.share_text(text, subject=subject)

    async def share_file(self, name: str, data: bytes, mime: str) -> None:
        """The share sheet with a file (an .ics or .vcf); browsers download it instead."""
        await self.sharer.share_files([ft.ShareFile.from_bytes(data, mime_type=mime, name=name)])


class PrefsKeyValue:
    """services.store.KeyValue over SharedPreferences: localStorage in a browser, so in hosted
    web mode each person's settings stay in their own browser, never in a shared server file."""

    def __init__(self, prefs: ft.SharedPreferences) -> None:
        self.prefs = prefs

    async def get(self, key: str) -> str | None:
        value = await self.prefs.get(key)
        return value if isinstance(value, str) else None

    async def set(self, key: str, value: str) -> None:
        await self.prefs.set(key, value)
