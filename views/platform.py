"""Adapters to the phone or browser: links, clipboard, share sheet, and per-person storage."""

from __future__ import annotations

import logging
from typing import Protocol

import flet as ft

log = logging.getLogger(__name__)


class PhoneServices(Protocol):
    """What the shell asks of the phone: `Platform` on a device, a recording fake in view tests."""

    async def open_url(self, url: str) -> None: ...

    async def copy(self, text: str) -> None: ...

    async def share(self, text: str, subject: str) -> bool: ...

    async def share_file(self, name: str, data: bytes, mime: str) -> None: ...


class Platform:
    """Phone services (links, clipboard, share sheet); view tests swap in a recording fake."""

    def __init__(self) -> None:
        self.launcher = ft.UrlLauncher()
        self.clipboard = ft.Clipboard()
        self.sharer = ft.Share()
        self.saver = ft.FilePicker()

    async def open_url(self, url: str) -> None:
        await self.launcher.launch_url(url)

    async def copy(self, text: str) -> None:
        await self.clipboard.set(text)

    async def share(self, text: str, subject: str) -> bool:
        """The share sheet; where there is none (most desktop browsers), the text is copied.
        Returns True when it was copied instead, so the person can be told."""
        try:
            result = await self.sharer.share_text(text, subject=subject)
        except Exception as exc:  # no Web Share API: 'canShare is not a function', ...
            log.info("share sheet unavailable, copying instead: %s", exc)
        else:
            if result.status != ft.ShareResultStatus.UNAVAILABLE:
                return False
        await self.clipboard.set(text)
        return True

    async def share_file(self, name: str, data: bytes, mime: str) -> None:
        """The share sheet with a file (an .ics or .vcf); where the browser has no share sheet
        for files, the file is downloaded instead: retrying could never work."""
        file = ft.ShareFile.from_bytes(data, mime_type=mime, name=name)
        try:
            result = await self.sharer.share_files([file])
        except Exception as exc:
            log.info("file sharing unavailable, downloading instead: %s", exc)
        else:
            if result.status != ft.ShareResultStatus.UNAVAILABLE:
                return
        await self.saver.save_file(file_name=name, src_bytes=data)


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
