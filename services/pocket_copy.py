"""The pocket agenda copy one person's browser keeps for offline use.

After every successful sync (and at start, sign-in and sign-out) the app writes this person's
pages into their own browser storage; the page's script hands them to our service worker.
Signed out, the copy is emptied: the worker then shows the programme-only page.
"""

from __future__ import annotations

import asyncio
import hashlib
import json

from services.keyvalue import KeyValue
from services.models import LANGS
from services.pocket import PocketSource, render_pocket
from services.repository import Repository

KEY = "delegate_companion.pocket"


def pocket_pages(repo: Repository, base: str = "/") -> dict[str, str]:
    """This person's pages in the three languages, as the service worker will show them."""
    source = PocketSource(
        repo.mission,
        repo.delegate,
        repo.agenda(),
        {c.id: c for c in repo.unseen_changes()},
        as_of=repo.data_time(),
    )
    links = {lang: f"pocket/mine.{lang}.html" for lang in LANGS}
    return {lang: render_pocket(source, lang, links, base=base) for lang in LANGS}


class PocketCopy:
    """Writes or clears the copy in `kv` (the browser's storage in hosted web mode)."""

    def __init__(self, kv: KeyValue) -> None:
        self.kv = kv

    async def refresh(self, repo: Repository, lang: str) -> None:
        code = repo.settings.personal_code
        if not code or repo.delegate is None:
            await self.clear()
            return
        owner = hashlib.sha256(code.encode()).hexdigest()[:16]
        pages = await asyncio.to_thread(pocket_pages, repo)  # ~30 ms of CPU: off the event loop
        value = {"owner": owner, "lang": lang, "pages": pages}
        await self.kv.set(KEY, json.dumps(value, ensure_ascii=False))

    async def clear(self) -> None:
        await self.kv.set(KEY, "")
