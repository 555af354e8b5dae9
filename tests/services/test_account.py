"""Sign-in checks the code against an admitted feed first: a wrong code, a refused server or
another mission's mismatch changes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from services.account import Account
from services.feed_client import FeedClient
from services.feeds import Feeds
from services.i18n import Translator
from services.keyvalue import FileKeyValue
from services.library import Library
from services.repository import Repository
from services.settings import Settings, SettingsStore
from services.store import FeedStore, Unit, namespace_for
from services.sync_state import SyncResult, SyncState, describe
from tests.conftest import DELEGATE_BYTES, MISSION_BYTES
from tests.services.chaos import ChaosServer

CODE = "abcdefghijklmnopqrstuvwxyz"
ZONE = ZoneInfo("America/Los_Angeles")


def quick(url: str) -> FeedClient:
    return FeedClient(url, retries=0, connect_timeout=1)


async def account_at(
    root: Path, feed: str | None, hosted: bool = True, allow: tuple[str, ...] = ()
) -> tuple[Account, Feeds]:
    feeds = Feeds(Library(FeedStore(root)), feed, allow, hosted=hosted, make_client=quick)
    settings = SettingsStore(FileKeyValue(root / "s.json"))
    repo = await Repository.open(feeds.library, settings, feeds.origin_for)
    return Account(repo, feeds), feeds


async def test_not_a_code_and_no_feed(tmp_path: Path) -> None:
    account, feeds = await account_at(tmp_path, None)
    assert (await account.sign_in("hello there")).status == "not_a_code"
    assert (await account.sign_in(CODE)).status == "no_feed"
    assert (await account.sync()).status == "no_feed"
    await feeds.aclose()


async def test_wrong_code_keeps_the_current_agenda(tmp_path: Path) -> None:
    async with ChaosServer() as server:
        account, feeds = await account_at(tmp_path, server.url("http-404"))
        outcome = await account.sign_in(CODE)
        await feeds.aclose()
    repo = account.repo
    assert outcome.status == "not_found"
    assert repo.is_demo and repo.delegate is not None and repo.delegate.delegate.id == "demo"
    assert (await SettingsStore(FileKeyValue(tmp_path / "s.json")).load()).personal_code is None


async def test_right_code_signs_in_and_persists(tmp_path: Path) -> None:
    async with ChaosServer() as server:
        account, feeds = await account_at(tmp_path, server.url("ok"))
        outcome = await account.sign_in("ABCD-EFGH ijkl-mnop-qrst-uvwx-yz")
        await feeds.aclose()
    assert (outcome.status, outcome.name) == ("signed_in", "Lotte Vermeulen")
    again, feeds = await account_at(tmp_path, server.url("ok"))
    assert again.repo.settings.personal_code == CODE and not again.repo.is_demo
    assert again.repo.delegate is not None


async def test_hosted_server_refuses_a_link_to_another_feed_and_sends_nothing(
    tmp_path: Path,
) -> None:
    async with ChaosServer() as ours, ChaosServer() as staging:
        account, feeds = await account_at(tmp_path, ours.url("ok"))
        assert (await account.sync()).ok
        before = FeedStore(tmp_path).load(namespace_for(ours.url("ok")), "mission")
        outcome = await account.sign_in(f"{staging.url('ok')}delegates/{CODE}.json")
        await feeds.aclose()
    assert outcome.status == "other_origin" and outcome.host == f"127.0.0.1:{staging.port}"
    assert staging.requests == []  # no request left for the other server
    after = FeedStore(tmp_path).load(namespace_for(ours.url("ok")), "mission")
    assert before is not None and after is not None and after.data == before.data
    assert feeds.open_clients == 0


async def test_operator_allow_list_admits_a_second_feed_in_its_own_namespace(
    tmp_path: Path,
) -> None:
    async with ChaosServer() as ours, ChaosServer() as staging:
        staging.mission = staging.mission.replace(b'"room":{"en":"', b'"room":{"en":"Staging ', 1)
        account, feeds = await account_at(tmp_path, ours.url("ok"), allow=(staging.url("ok"),))
        assert (await account.sync()).ok
        outcome = await account.sign_in(f"{staging.url('ok')}delegates/{CODE}.json")
        settings = SettingsStore(FileKeyValue(tmp_path / "newcomer.json"))
        newcomer = await Repository.open(feeds.library, settings, feeds.origin_for)
        await feeds.aclose()
    assert outcome.status == "signed_in" and account.repo.origin == staging.url("ok")
    assert "Staging" in account.repo.mission.model_dump_json()
    assert "Staging" not in newcomer.mission.model_dump_json()  # a new visitor sees ours
    ours_unit = FeedStore(tmp_path).load(namespace_for(ours.url("ok")), "mission")
    assert ours_unit is not None and ours_unit.data == MISSION_BYTES  # never overwritten
    assert account.repo.mission_changes.changes == {}  # no spurious "changed" entry


async def test_native_app_asks_before_following_a_link_to_another_server(
    tmp_path: Path,
) -> None:
    async with ChaosServer() as other:
        account, feeds = await account_at(tmp_path, None, hosted=False)
        link = f"{other.url('ok')}delegates/{CODE}.json"
        first = await account.sign_in(link)
        assert first.status == "confirm_origin" and other.requests == []
        second = await account.sign_in(link, confirmed=True)
        synced = await account.sync()
        await feeds.aclose()
    assert second.status == "signed_in" and synced.ok
    assert account.repo.origin == other.url("ok")


async def test_sign_in_to_another_mission_stages_both_documents(tmp_path: Path) -> None:
    mission = json.loads(MISSION_BYTES)
    mission["mission"]["id"] = "next-mission"
    person = json.loads(DELEGATE_BYTES)
    person["mission_id"] = "next-mission"
    async with ChaosServer() as old, ChaosServer() as new:
        new.mission, new.delegate = json.dumps(mission).encode(), json.dumps(person).encode()
        account, feeds = await account_at(tmp_path, old.url("ok"), allow=(new.url("ok"),))
        assert (await account.sync()).ok
        outcome = await account.sign_in(f"{new.url('ok')}delegates/{CODE}.json")
        await feeds.aclose()
    assert outcome.status == "signed_in", outcome
    assert account.repo.mission.mission.id == "next-mission"
    assert account.repo.delegate is not None


async def test_personal_document_of_another_mission_changes_nothing(tmp_path: Path) -> None:
    person = json.loads(DELEGATE_BYTES)
    person["mission_id"] = "next-mission"
    async with ChaosServer() as server:
        server.delegate = json.dumps(person).encode()
        account, feeds = await account_at(tmp_path, server.url("ok"))
        outcome = await account.sign_in(CODE)
        await feeds.aclose()
    assert outcome.status == "invalid" and account.repo.is_demo
    assert FeedStore(tmp_path).load(namespace_for(server.url("ok")), "mission") is None


async def test_feed_clients_are_bounded_and_closed(tmp_path: Path) -> None:
    feeds = Feeds(Library(FeedStore(tmp_path)), None, hosted=False, limit=2, make_client=quick)
    clients = [feeds.syncer(f"https://feed{i}.example/").client for i in range(5)]
    assert feeds.open_clients == 2
    await feeds.aclose()
    assert feeds.open_clients == 0 and all(c.http.is_closed for c in clients)


async def test_a_copy_another_process_committed_is_reported_as_updated(tmp_path: Path) -> None:
    async with ChaosServer() as server:
        account, feeds = await account_at(tmp_path, server.url("ok"))
        assert (await account.sync()).ok
        ns = namespace_for(server.url("ok"))
        mine = FeedStore(tmp_path).load(ns, "mission")
        assert mine is not None
        doc = json.loads(mine.data)
        doc["revision"] += 1
        newer = json.dumps(doc).encode()
        other = FeedStore(tmp_path)  # a second app process sharing the data folder
        other.commit(ns, {"mission": Unit(newer, mine.etag, mine.fetched_at, doc["revision"])})
        result = await account.sync()  # the server answers 304 to the shared ETag
        await feeds.aclose()
    assert result.status == "updated" and account.repo.mission.revision == doc["revision"]


def said(outcome: SyncResult, sign_in: bool = False) -> str:
    """The sentence a person reads about `outcome`, in English."""
    return describe(Translator("en"), SyncState.done(outcome), ZONE, sign_in)


def next_mission(without: str = "") -> tuple[bytes, bytes]:
    """The same feed's next mission (another id, `without` one activity) and Lotte's agenda
    for it."""
    mission = json.loads(MISSION_BYTES)
    mission["mission"]["id"] = "next-mission"
    mission["activities"] = [a for a in mission["activities"] if a["id"] != without]
    person = json.loads(DELEGATE_BYTES)
    person["mission_id"] = "next-mission"
    person["registered"] = [i for i in person["registered"] if i != without]
    return json.dumps(mission).encode(), json.dumps(person).encode()


@pytest.mark.parametrize("hosted", [True, False])
@pytest.mark.parametrize(
    ("netloc", "shown"),
    [
        ("127.0.0.1:99999", "127.0.0.1:99999"),
        ("127.0.0.1:8o8o", "127.0.0.1:8o8o"),
        ("[::1", "[::1"),
    ],
)
async def test_a_mistyped_link_is_refused_naming_its_server_and_nothing_is_sent(
    tmp_path: Path, hosted: bool, netloc: str, shown: str
) -> None:
    async with ChaosServer() as ours:
        account, feeds = await account_at(tmp_path, ours.url("ok"), hosted=hosted)
        outcome = await account.sign_in(f"http://{netloc}/delegates/{CODE}.json")
        await feeds.aclose()
    assert (outcome.status, outcome.host) == ("other_origin", shown)
    assert ours.requests == [] and account.repo.settings.personal_code is None


async def test_an_international_host_spelled_in_unicode_or_ascii_is_one_origin(
    tmp_path: Path,
) -> None:
    feeds = Feeds(Library(FeedStore(tmp_path)), "https://fëed.example.org/", make_client=quick)
    assert feeds.admit("https://XN--FED-JMA.example.org:443/") == "allowed"
    # a look-alike is named as the ASCII it really is, not as the name it imitates
    settings = SettingsStore(FileKeyValue(tmp_path / "s.json"))
    account = Account(await Repository.open(feeds.library, settings), feeds)
    look_alike = "f\u0435\u0435d.example.org"  # two Cyrillic letters
    outcome = await account.sign_in(f"https://{look_alike}/delegates/{CODE}.json")
    assert outcome.status == "other_origin" and outcome.host.startswith("xn--"), outcome.host
    await feeds.aclose()


async def test_sign_in_when_the_feed_now_serves_another_mission_takes_both(
    tmp_path: Path,
) -> None:
    async with ChaosServer() as server:
        account, feeds = await account_at(tmp_path, server.url("ok"))
        assert (await account.sync()).ok  # the old mission is stored
        server.mission, server.delegate = next_mission()
        outcome = await account.sign_in(CODE)
        await feeds.aclose()
    assert outcome.status == "signed_in", outcome
    assert account.repo.mission.mission.id == "next-mission"
    assert account.repo.delegate is not None and account.repo.mission_changes.changes == {}


async def test_sync_when_the_feed_now_serves_another_mission_brings_the_agenda_with_it(
    tmp_path: Path,
) -> None:
    async with ChaosServer() as server:
        account, feeds = await account_at(tmp_path, server.url("ok"))
        assert (await account.sign_in(CODE)).ok
        server.mission, server.delegate = next_mission()
        outcome = await account.sync()
        await feeds.aclose()
    assert outcome.status == "updated", outcome
    assert account.repo.delegate is not None
    assert account.repo.delegate.mission_id == account.repo.mission.mission.id == "next-mission"
    assert said(outcome).endswith(": a new mission was loaded")  # not "nothing changed"


async def test_sync_without_a_code_when_the_feed_now_serves_another_mission_says_so(
    tmp_path: Path,
) -> None:
    async with ChaosServer() as server:
        account, feeds = await account_at(tmp_path, server.url("ok"))
        assert (await account.sync()).ok  # the programme only: no personal code
        server.mission, _person = next_mission()
        outcome = await account.sync()
        await feeds.aclose()
    assert account.repo.mission.mission.id == "next-mission"
    assert said(outcome).endswith(": a new mission was loaded"), outcome


async def test_half_a_move_left_by_a_crash_is_never_shown_and_the_next_sync_completes_it(
    tmp_path: Path,
) -> None:
    async with ChaosServer() as server:
        account, feeds = await account_at(tmp_path, server.url("ok"))
        assert (await account.sign_in(CODE)).ok
        before = account.repo.delegate
        assert before is not None and before.registered
        mission, person = next_mission(without=before.registered[0])
        server.mission, server.delegate = mission, person
        # what a crash between the two writes of the move leaves: the new mission, the old agenda
        unit = Unit(mission, None, None, json.loads(mission)["revision"])
        FeedStore(tmp_path).commit(namespace_for(server.url("ok")), {"mission": unit})
        account.repo.refresh()
        assert account.repo.mission.mission.id == "next-mission"
        assert account.repo.delegate is None  # the old agenda is not read against it
        assert not [i for i in account.repo.agenda() if i.cancelled]  # nothing looks cancelled
        outcome = await account.sync()
        await feeds.aclose()
    assert outcome.ok and account.repo.delegate is not None
    assert account.repo.delegate.mission_id == "next-mission"


async def test_a_personal_link_redirected_to_another_server_never_reaches_it(
    tmp_path: Path,
) -> None:
    async with ChaosServer() as ours, ChaosServer() as other:
        ours.redirect_to = f"http://127.0.0.1:{other.port}/"  # same address, another port
        account, feeds = await account_at(tmp_path, ours.url("redirect-personal"))
        outcome = await account.sign_in(CODE)
        await feeds.aclose()
    assert outcome.status == "offline" and other.requests == []  # the token stayed home
    assert len(ours.requests) == 2 and account.repo.settings.personal_code is None


@pytest.mark.parametrize(
    "spelled",
    [
        "HTTP://127.0.0.1:{port}/%6Fk//",
        "http://127.0.0.1.:{port}/ok/",
        "http://x@127.0.0.1:{port}/ok",
        "http://127.0.0.1:{port}/x/../ok/",  # dot segments, resolved as a browser does
        "http://127.0.0.1:{port}/x/%2e%2E/./ok",
    ],
)
async def test_the_operators_feed_spelled_another_way_is_the_same_server(
    tmp_path: Path, spelled: str
) -> None:
    async with ChaosServer() as ours:
        account, feeds = await account_at(tmp_path, ours.url("ok"))
        link = spelled.format(port=ours.port) + f"/delegates/{CODE}.json"
        outcome = await account.sign_in(link)
        clients = feeds.open_clients
        await feeds.aclose()
    assert outcome.status == "signed_in", outcome
    assert account.repo.origin == ours.url("ok") and clients == 1
    assert {scenario for scenario, _ in ours.requests} == {"ok"}  # checked is what is fetched


@pytest.mark.parametrize("saved", ["http://127.0.0.1:{port}/ok/", "http://127.0.0.1:99999/"])
async def test_a_hosted_server_never_fetches_a_feed_address_saved_in_the_browser(
    tmp_path: Path, saved: str
) -> None:
    """A visitor's settings live in their browser, which they may edit: a saved address of
    another server (or one that cannot be read) is not followed; the operator's feed is."""
    async with ChaosServer() as ours, ChaosServer() as other:
        settings = SettingsStore(FileKeyValue(tmp_path / "s.json"))
        feed_url = saved.format(port=other.port)
        await settings.save(Settings(personal_code=CODE, feed_url=feed_url))
        account, feeds = await account_at(tmp_path, ours.url("ok"))
        outcome = await account.sync()
        await feeds.aclose()
    assert account.repo.origin == ours.url("ok") and outcome.ok
    assert other.requests == [] and len(ours.requests) == 2


@pytest.mark.parametrize(
    ("spelled", "shown"),
    [
        ("https://127.0.0.1:{port}/ok/", "https://127.0.0.1:{port}/ok/"),  # the scheme
        ("http://127.0.0.1:{port}/OK/", "http://127.0.0.1:{port}/OK/"),  # the path's case
        ("http://127.0.0.1:{port}/ok/../http-404/", "http://127.0.0.1:{port}/http-404/"),
    ],
)
async def test_a_link_to_another_address_of_the_operators_server_names_that_address(
    tmp_path: Path, spelled: str, shown: str
) -> None:
    """It said 'another server (127.0.0.1:P)', naming the operator's own server."""
    async with ChaosServer() as ours:
        account, feeds = await account_at(tmp_path, ours.url("ok"))
        link = spelled.format(port=ours.port) + f"delegates/{CODE}.json"
        outcome = await account.sign_in(link)
        await feeds.aclose()
    assert outcome.status == "other_origin" and ours.requests == []
    sentence = said(outcome, sign_in=True)
    assert shown.format(port=ours.port) in sentence and "another server" not in sentence


@pytest.mark.parametrize("hosted", [True, False])
@pytest.mark.parametrize(
    "netloc", ["user:s3cret@127.0.0.1:99999", "user:s3cret@127.0.0.1:{other}", "user:s3cret@[::1"]
)
async def test_a_link_not_followed_never_echoes_its_credentials(
    tmp_path: Path, hosted: bool, netloc: str
) -> None:
    async with ChaosServer() as ours, ChaosServer() as other:
        account, feeds = await account_at(tmp_path, ours.url("ok"), hosted=hosted)
        link = f"http://{netloc.format(other=other.port)}/delegates/{CODE}.json"
        outcome = await account.sign_in(link)
        await feeds.aclose()
    sentence = said(outcome, sign_in=True)
    server = netloc.format(other=other.port).split("@")[1]
    assert outcome.status in ("other_origin", "confirm_origin") and server in sentence
    assert "s3cret" not in sentence and "user" not in sentence, sentence
    assert ours.requests == other.requests == []


async def test_native_app_refuses_plain_http_to_a_remote_server_without_asking(
    tmp_path: Path,
) -> None:
    """Only https (or this machine) may be followed once confirmed: a personal token over
    plain http to a remote host is never offered."""
    account, feeds = await account_at(tmp_path, None, hosted=False)
    outcome = await account.sign_in(f"http://feed.example.org/delegates/{CODE}.json", True)
    await feeds.aclose()
    assert (outcome.status, outcome.host) == ("other_origin", "feed.example.org")


async def test_a_new_mission_another_process_committed_is_reported_as_a_new_mission(
    tmp_path: Path,
) -> None:
    async with ChaosServer() as server:
        account, feeds = await account_at(tmp_path, server.url("ok"))
        assert (await account.sync()).ok
        server.mission, _person = next_mission()
        etag = '"ok-' + str(hash(server.mission) & 0xFFFF) + '"'  # what the server sends
        other = FeedStore(tmp_path)  # a second app process sharing the data folder
        unit = Unit(server.mission, etag, None, json.loads(server.mission)["revision"])
        other.commit(namespace_for(server.url("ok")), {"mission": unit})
        outcome = await account.sync()  # the server answers 304 to the shared ETag
        await feeds.aclose()
    assert account.repo.mission.mission.id == "next-mission"
    assert said(outcome).endswith(": a new mission was loaded"), outcome


async def test_a_refused_code_carries_what_was_typed_but_a_link_does_not(tmp_path: Path) -> None:
    """The sentence names what is wrong with a typed code; a pasted link's last part (a page
    of the organisers' site, say) is no code that was typed."""
    account, feeds = await account_at(tmp_path, None)
    assert (await account.sign_in("abcd-efgh-1")).typed == "abcdefgh1"
    assert (await account.sign_in("https://example.org/welcome")).typed == ""
    await feeds.aclose()
