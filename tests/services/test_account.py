"""Sign-in checks the code against the feed first: a wrong code changes nothing."""

from __future__ import annotations

from pathlib import Path

from services.account import Account
from services.feed_client import FeedClient
from services.repository import Repository
from services.settings import SettingsStore
from services.store import FeedStore, FileKeyValue
from services.sync import Synchronizer
from tests.services.chaos import ChaosServer

CODE = "abcdefghijklmnopqrstuvwxyz"


async def repo_at(root: Path) -> Repository:
    return await Repository.open(FeedStore(root), SettingsStore(FileKeyValue(root / "s.json")))


async def test_not_a_code_and_no_feed(tmp_path: Path) -> None:
    account = Account(await repo_at(tmp_path), None)
    assert (await account.sign_in("hello there")).status == "not_a_code"
    assert (await account.sign_in(CODE)).status == "no_feed"
    assert (await account.sync()).status == "no_feed"


async def test_wrong_code_keeps_the_current_agenda(tmp_path: Path) -> None:
    repo = await repo_at(tmp_path)
    async with ChaosServer() as server:
        client = FeedClient(server.url("http-404"), retries=0)
        outcome = await Account(repo, Synchronizer(client, FeedStore(tmp_path))).sign_in(CODE)
        await client.aclose()
    assert outcome.status == "not_found"
    assert repo.is_demo and repo.delegate is not None and repo.delegate.delegate.id == "demo"
    assert (await repo_at(tmp_path)).settings.personal_code is None


async def test_right_code_signs_in_and_persists(tmp_path: Path) -> None:
    repo = await repo_at(tmp_path)
    async with ChaosServer() as server:
        client = FeedClient(server.url("ok"))
        outcome = await Account(repo, Synchronizer(client, FeedStore(tmp_path))).sign_in(
            "ABCD-EFGH ijkl-mnop-qrst-uvwx-yz"
        )
        await client.aclose()
    assert (outcome.status, outcome.name) == ("signed_in", "Lotte Vermeulen")
    again = await repo_at(tmp_path)
    assert again.settings.personal_code == CODE and not again.is_demo
    assert again.delegate is not None


async def test_personal_link_sets_the_feed_address(tmp_path: Path) -> None:
    repo = await repo_at(tmp_path)
    made: list[str] = []

    async with ChaosServer() as server:

        def make(url: str) -> Synchronizer:
            made.append(url)
            return Synchronizer(FeedClient(url), FeedStore(tmp_path))

        account = Account(repo, None, make)
        outcome = await account.sign_in(f"{server.url('ok')}delegates/{CODE}.json")
        assert account.syncer is not None and account.syncer.client is not None
        await account.syncer.client.aclose()
    assert outcome.status == "signed_in"
    assert made == [server.url("ok")]
    assert (await repo_at(tmp_path)).settings.feed_url == server.url("ok")
