"""The pocket agenda copy a person's browser keeps: written for them, emptied when they leave."""

from __future__ import annotations

import asyncio
import errno
import hashlib
import json
import re
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from services.keyvalue import FileKeyValue
from services.library import Library
from services.pocket_copy import KEY, PocketCopy, pocket_pages
from services.repository import Repository
from services.settings import SettingsStore
from services.store import FeedStore, personal_name
from tests.conftest import DELEGATE_BYTES, MISSION_BYTES, TEST_ORIGIN, FixedClock, store_unit


async def open_repo(root: Path, kv: FileKeyValue) -> Repository:
    clock = FixedClock("2025-10-07T15:40:00-07:00")
    return await Repository.open(
        Library(FeedStore(root)), SettingsStore(kv), lambda _: TEST_ORIGIN, clock
    )


async def signed_in(root: Path, kv: FileKeyValue) -> Repository:
    """The repository of a browser where the demo delegate signed in with `code-one`."""
    store_unit(root, MISSION_BYTES)
    store_unit(root, DELEGATE_BYTES, name=personal_name("code-one"))
    repo = await open_repo(root, kv)
    await repo.switch(TEST_ORIGIN, "code-one")
    return repo


class PageThatLeft(FileKeyValue):
    """The browser's storage in hosted mode when the page goes away while the copy is written (a
    reload, or a link opened in the same tab): Flet drops the answer, the write never ends."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.asked = asyncio.Event()  # the first write of the copy has been sent
        self.back = asyncio.Event()  # its answer comes after all (the end of the test)

    async def set(self, key: str, value: str) -> None:
        if key == KEY and not self.asked.is_set():
            self.asked.set()
            await self.back.wait()
            return
        await super().set(key, value)


class HeldThreads(ThreadPoolExecutor):
    """The event loop's threads, holding what is handed to them until `run()`: what the event
    loop does meanwhile happens while the work 'runs', at a known moment."""

    def __init__(self) -> None:
        super().__init__(max_workers=1)
        self.held: list[tuple[Future[Any], Callable[[], Any]]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self.held.append((future, lambda: fn(*args, **kwargs)))
        return future

    def run(self) -> None:
        for future, work in self.held:
            future.set_result(work())


async def stored(kv: FileKeyValue) -> object:
    raw = await kv.get(KEY)
    return json.loads(raw) if raw else raw


async def test_signed_in_person_gets_their_pages_in_three_languages(tmp_path: Path) -> None:
    kv = FileKeyValue(tmp_path / "browser.json")
    repo = await signed_in(tmp_path, kv)
    await PocketCopy(kv).refresh(repo, "fr")
    value = await stored(kv)
    assert isinstance(value, dict) and value["lang"] == "fr"
    assert set(value["pages"]) == {"en", "fr", "nl"}
    assert "Lotte Vermeulen" in value["pages"]["fr"] and 'lang="fr"' in value["pages"]["fr"]
    assert "code-one" not in json.dumps(value)  # the owner is a hash, never the code


async def test_each_language_link_leads_to_that_page_wherever_the_worker_shows_the_copy(
    tmp_path: Path,
) -> None:
    """At pocket/mine.nl.html, or at the address the app was opened at offline: never to
    pocket/pocket/mine.fr.html (the links were relative to the page)."""
    kv = FileKeyValue(tmp_path / "browser.json")
    repo = await signed_in(tmp_path, kv)
    for lang, page in pocket_pages(repo).items():
        switch = re.findall(r'href="([^"]*)" hreflang="(\w+)"', page)
        assert sorted(code for _, code in switch) == sorted({"en", "fr", "nl"} - {lang})
        for served_at in (f"/pocket/mine.{lang}.html", "/", "/join/code-one"):
            for href, code in switch:
                url = urljoin(f"http://app.test{served_at}", href)
                assert url == f"http://app.test/pocket/mine.{code}.html", (lang, served_at)


async def test_signed_out_or_not_yet_fetched_empties_the_copy(tmp_path: Path) -> None:
    store_unit(tmp_path, MISSION_BYTES)
    kv = FileKeyValue(tmp_path / "browser.json")
    repo = await open_repo(tmp_path, kv)
    await kv.set(KEY, json.dumps({"owner": "someone", "pages": {"en": "<html>"}}))
    await PocketCopy(kv).refresh(repo, "en")  # the demo agenda is nobody's: no copy
    assert await stored(kv) == ""
    await repo.switch(TEST_ORIGIN, "code-without-a-document")
    await kv.set(KEY, "x")
    await PocketCopy(kv).refresh(repo, "en")
    assert await stored(kv) == ""


async def test_background_requests_let_the_latest_win(tmp_path: Path) -> None:
    kv = FileKeyValue(tmp_path / "browser.json")
    repo = await signed_in(tmp_path, kv)
    copy = PocketCopy(kv)
    copy.request(repo, "en")
    await copy.settled()
    assert "Lotte Vermeulen" in str(await stored(kv))
    copy.request(repo, "en")  # a refresh still queued when the person signs out
    await repo.switch(TEST_ORIGIN, None)
    copy.request(repo, "en")
    await copy.settled()
    assert await stored(kv) == ""


async def test_a_write_never_answered_does_not_hold_back_the_next_persons_copy(
    tmp_path: Path,
) -> None:
    kv = PageThatLeft(tmp_path / "browser.json")
    repo = await signed_in(tmp_path, kv)
    copy = PocketCopy(kv)
    copy.request(repo, "en")
    await kv.asked.wait()  # and the page goes: its answer is lost
    await repo.switch(TEST_ORIGIN, None)  # the next page signs out (or in as someone else)
    copy.request(repo, "en")
    try:
        await asyncio.wait_for(copy.settled(), timeout=5)  # it had waited for ever
        assert await stored(kv) == ""
    finally:
        kv.back.set()


async def test_the_pages_are_of_the_person_whose_code_the_copy_is_filed_under(
    tmp_path: Path,
) -> None:
    """The pages render in a thread: read there, the repository could already be another
    person's (a sign-in switched it meanwhile), under the first person's owner."""
    second = json.loads(DELEGATE_BYTES)
    second["delegate"].update(id="d-second", name="Jean Dupont")
    store_unit(tmp_path, MISSION_BYTES)
    store_unit(tmp_path, DELEGATE_BYTES, name=personal_name("code-one"))
    store_unit(tmp_path, json.dumps(second).encode(), name=personal_name("code-two"))
    kv = FileKeyValue(tmp_path / "browser.json")
    repo = await open_repo(tmp_path, kv)
    await repo.switch(TEST_ORIGIN, "code-one")
    threads = HeldThreads()
    asyncio.get_running_loop().set_default_executor(threads)
    writing = asyncio.create_task(PocketCopy(kv).refresh(repo, "en"))
    while not threads.held:  # the pages are rendering
        await asyncio.sleep(0)
    await repo.switch(TEST_ORIGIN, "code-two")  # someone else signs in meanwhile
    threads.run()
    await writing
    value = await stored(kv)
    assert isinstance(value, dict)
    assert value["owner"] == hashlib.sha256(b"code-one").hexdigest()[:16]
    assert "Lotte Vermeulen" in value["pages"]["en"]
    assert "Jean Dupont" not in value["pages"]["en"]


class QuotaFull(FileKeyValue):
    """Browser storage whose quota is used up until `room` is made."""

    room = False

    async def set(self, key: str, value: str) -> None:
        if key == KEY and not self.room:
            raise OSError(errno.ENOSPC, "QuotaExceededError")
        await super().set(key, value)


async def test_a_copy_the_browser_refuses_keeps_the_old_one_and_is_told_once(
    tmp_path: Path,
) -> None:
    """With the browser's storage full the copy was not updated and only the log knew: offline,
    the delegate met an older agenda without having been told."""
    kv = QuotaFull(tmp_path / "browser.json")
    repo = await signed_in(tmp_path, kv)
    await FileKeyValue.set(kv, KEY, "the older copy")
    told: list[str] = []
    copy = PocketCopy(kv, lambda: told.append("full"))
    for _ in range(2):  # after every sync: told once, not every 15 minutes
        copy.request(repo, "en")
        await copy.settled()
    assert told == ["full"] and await kv.get(KEY) == "the older copy"
    kv.room = True
    copy.request(repo, "en")
    await copy.settled()
    assert "Lotte Vermeulen" in str(await stored(kv))
    kv.room = False
    copy.request(repo, "en")
    await copy.settled()
    assert told == ["full", "full"]  # full again after a stored copy: told again


class Unanswered(FileKeyValue):
    """A browser that does not answer in time (Flet's call times out), its storage not full."""

    async def set(self, key: str, value: str) -> None:
        if key == KEY:
            raise TimeoutError("the client did not answer")
        await super().set(key, value)


async def test_a_copy_the_browser_did_not_answer_for_is_not_told_as_storage_full(
    tmp_path: Path,
) -> None:
    """TimeoutError is an OSError: a slow browser was told its storage was full."""
    kv = Unanswered(tmp_path / "browser.json")
    repo = await signed_in(tmp_path, kv)
    told: list[str] = []
    copy = PocketCopy(kv, lambda: told.append("full"))
    copy.request(repo, "en")
    await copy.settled()
    assert told == []
