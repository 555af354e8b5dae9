"""The pocket agenda copy one person's browser keeps for offline use.

After every successful sync (and at start, sign-in and sign-out) the app writes this person's
pages into their own browser storage; the page's script hands them to our service worker.
Signed out, the copy is emptied: the worker then shows the programme-only page.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Callable

from services.keyvalue import KeyValue
from services.models import LANGS, Lang
from services.pocket import PocketSource, render_pocket
from services.pocket_parts import PocketParts
from services.repository import Repository

KEY = "delegate_companion.pocket"
log = logging.getLogger(__name__)


def pocket_pages(repo: Repository, base: str = "/") -> dict[str, str]:
    """This person's pages in the three languages, as the service worker will show them."""
    return rendered(pocket_source(repo), base)


def pocket_source(repo: Repository) -> PocketSource:
    """What the pages show, read from the repository at one instant."""
    return PocketSource(
        repo.mission,
        repo.delegate,
        repo.agenda(),
        {c.id: c for c in repo.unseen_changes()},
        as_of=repo.data_time(),
    )


def rendered(source: PocketSource, base: str = "/") -> dict[str, str]:
    links, parts = {lang: f"pocket/mine.{lang}.html" for lang in LANGS}, PocketParts()
    return {lang: render_pocket(source, lang, links, base=base, parts=parts) for lang in LANGS}


def file_page(repo: Repository, lang: Lang) -> str:
    """This person's page in `lang` as a file the phone app shares (to print, save or send): no
    links to the other languages or to the live app, which lead nowhere from a file."""
    return render_pocket(pocket_source(repo), lang, {}, banner="file")


class PocketCopy:
    """Writes or clears the copy in `kv` (the browser's storage in hosted web mode)."""

    def __init__(self, kv: KeyValue, not_stored: Callable[[], None] | None = None) -> None:
        """`not_stored` is told when the storage refuses the copy (the browser's quota is
        full), once until a copy is stored again: the person keeps an older copy offline."""
        self.kv = kv
        self.not_stored = not_stored
        self._refused = False
        self._latest: asyncio.Task[None] | None = None

    def request(self, repo: Repository, lang: str) -> None:
        """Rewrite the copy in the background: never delays or breaks a sign-in or a sync. The
        latest request wins: it cancels the one before (a sign-out is never overwritten by an
        older refresh), which may still be rendering, or may wait for an answer that never
        comes. Flet drops what it sends while the page is away (a reload, a link opened in the
        same tab, a network blip) and waits for the answer without a time limit: queued behind
        such a write, every later copy of the session waited with it, and a delegate who signed
        in as someone else kept the first person's copy."""
        if self._latest is not None:
            self._latest.cancel()
        self._latest = asyncio.get_running_loop().create_task(self._write(repo, lang))

    async def settled(self) -> None:
        """Wait for the latest requested write (tests, shutdown)."""
        while self._latest is not None and not self._latest.done():
            await asyncio.wait([self._latest])

    async def _write(self, repo: Repository, lang: str) -> None:
        try:
            await self.refresh(repo, lang)
        except (TimeoutError, ConnectionError):  # OSErrors, but the browser's, not its storage
            log.warning("the offline pocket agenda could not be written", exc_info=True)
        except OSError:  # storage full: the older copy stays, and the person should know
            log.warning("the offline pocket agenda could not be stored", exc_info=True)
            if not self._refused and self.not_stored is not None:
                self.not_stored()
            self._refused = True
        except Exception:  # the copy is a convenience: the next sync tries again
            log.warning("the offline pocket agenda could not be written", exc_info=True)
        else:
            self._refused = False

    async def refresh(self, repo: Repository, lang: str) -> None:
        code = repo.settings.personal_code
        if not code or repo.delegate is None:
            await self.clear()
            return
        owner = hashlib.sha256(code.encode()).hexdigest()[:16]
        # read on the event loop, with the code: a sign-in may switch the repository while the
        # pages render (~30 ms of CPU, in a thread), and the thread must not read it meanwhile
        pages = await asyncio.to_thread(rendered, pocket_source(repo))
        value = {"owner": owner, "lang": lang, "pages": pages}
        await self._store(json.dumps(value, ensure_ascii=False))

    async def clear(self) -> None:
        await self._store("")

    async def _store(self, value: str) -> None:
        # Cancelled by a newer request, a write already under way still ends: its answer is
        # Flet's to collect (a call cancelled before its answer leaves its bookkeeping behind),
        # and what it sent reaches the browser before the newer write, which follows it.
        await asyncio.shield(self.kv.set(KEY, value))
