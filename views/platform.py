"""Adapters to the phone or browser: links, clipboard, share sheet, and per-person storage."""

from __future__ import annotations

import asyncio
import errno
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from functools import cached_property
from typing import Protocol, TypeVar

import flet as ft

log = logging.getLogger(__name__)
T = TypeVar("T")
PATIENCE = 5.0  # seconds without an answer before a question is asked again


async def asked(question: Callable[[], Awaitable[T]], page: ft.Page) -> T:
    """The browser's answer to a question that may be asked twice (a read). Flet drops what it
    sends and receives while the page is away (a reload, a link opened in the same tab) and
    waits for the answer without a time limit: a session that asked during its start waited
    for ever, and the page, back in the same tab, stayed blank. Unanswered for PATIENCE
    seconds, the question is asked again once `page` is connected (the page that came back
    answers); while it is away nothing is asked (it would be dropped), and once its session
    has expired (Flet ends it) the wait ends with TimeoutError: nobody is left to answer."""
    answer = asyncio.ensure_future(question())
    while True:
        done, _ = await asyncio.wait([answer], timeout=PATIENCE)
        if done:
            return answer.result()
        expires = page.session.expires_at
        if expires is not None and expires <= datetime.now(UTC):
            answer.cancel()
            raise TimeoutError("the browser never answered, and its session has ended")
        if expires is None:  # connected: a page that came back never got the question
            answer.cancel()
            log.info("no answer from the browser in %s s: asking again", PATIENCE)
            answer = asyncio.ensure_future(question())


class PhoneServices(Protocol):
    """What the shell asks of the phone: `Platform` on a device, a recording fake in view tests."""

    async def open_url(self, url: str) -> None: ...

    async def copy(self, text: str) -> None: ...

    async def share(self, text: str, subject: str) -> bool: ...

    async def share_file(self, name: str, data: bytes, mime: str) -> None: ...


class Platform:
    """Phone services (links, clipboard, share sheet); view tests swap in a recording fake.

    Each service is made on its first use, in the session that uses it (Flet sends it to the
    browser then, before the call): most visits never copy, share or save anything, and the
    four services were ~5 KB of every hosted session, held from its first screen."""

    @cached_property
    def launcher(self) -> ft.UrlLauncher:
        return ft.UrlLauncher()

    @cached_property
    def clipboard(self) -> ft.Clipboard:
        return ft.Clipboard()

    @cached_property
    def sharer(self) -> ft.Share:
        return ft.Share()

    @cached_property
    def saver(self) -> ft.FilePicker:
        return ft.FilePicker()

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
        value = await asked(lambda: self.prefs.get(key), self.prefs.page)
        return value if isinstance(value, str) else None

    async def set(self, key: str, value: str) -> None:
        """Raises OSError, as a full disk does natively, when the browser refuses to store
        (its quota is full: 'QuotaExceededError', which reached the person as 'That did not
        work. Please try again.')."""
        try:
            stored = await self.prefs.set(key, value)
        except RuntimeError as exc:  # the browser's error, as Flet passes it on
            raise OSError(errno.ENOSPC, f"the browser did not store {key}: {exc}") from exc
        if stored is False:
            raise OSError(errno.ENOSPC, f"the browser did not store {key}")
