"""A hosted server is its operator's: a pasted link to another server is refused, in the
person's language and naming that server, before any request leaves; a mistyped one too.
The native app asks first, and follows such a link only once the person says yes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import flet as ft
import httpx
import pytest

from backend.tokens import token_for
from services.feed_client import FeedClient
from services.feeds import Feeds
from services.library import Library
from services.models import Lang
from services.store import FeedStore
from tests.backend.servers import SECRET, publish_example
from tests.services.chaos import ChaosServer
from tests.views.dialogs import answer, question, until
from tests.views.harness import App, walk

CODE = "abcdefghijklmnopqrstuvwxyz"
LOTTE = token_for("demo", SECRET)
REFUSED = {
    "en": "This link is for another server ({host}), which this app does not use.",
    "nl": "Deze link hoort bij een andere server ({host}), die deze app niet gebruikt.",
    "fr": "Ce lien mène à un autre serveur ({host}), que cette application n’utilise pas.",
}


async def submit(app: App, text: str) -> None:
    field = next(c for c in walk(app.find("code-field")) if isinstance(c, ft.TextField))
    app.client_sets(field, value=text)
    await app.fire(field, "submit")


async def paste(app: App, text: str) -> str:
    """Paste into Settings' code field; returns the sentence shown (bounded wait)."""
    before = len(app.toasts())
    await submit(app, text)
    for _ in range(300):
        if len(app.toasts()) > before:
            break
        await asyncio.sleep(0.01)
        await app.settle()
    assert len(app.toasts()) > before, "no answer to the pasted link"
    return app.toasts()[-1]


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
async def test_settings_link_to_another_server_is_refused_in_their_language_and_sends_nothing(
    tmp_path: Path, lang: Lang
) -> None:
    async with ChaosServer() as ours, ChaosServer() as other:
        feeds = Feeds(Library(FeedStore(tmp_path)), ours.url("ok"), make_client=FeedClient)
        app = await App(tmp_path, lang=lang, feeds=feeds).start("/settings")
        try:
            sent_before = len(ours.requests)
            host = f"127.0.0.1:{other.port}"
            shown = await paste(app, f"http://{host}/ok/delegates/{CODE}.json")
            assert shown.startswith(REFUSED[lang].format(host=host)), shown
            mistyped = await paste(app, f"http://127.0.0.1:99999/delegates/{CODE}.json")
            assert mistyped.startswith(REFUSED[lang].format(host="127.0.0.1:99999")), mistyped
            await app.go("/agenda")
            assert mistyped in app.text()  # it stays on My agenda's sign-in card
        finally:
            await app.close()
            await feeds.aclose()
        assert other.requests == [] and len(ours.requests) == sent_before
        assert app.repo.settings.personal_code is None


async def test_native_app_asks_in_their_language_before_following_a_link_to_another_server(
    tmp_path: Path,
) -> None:
    async with ChaosServer() as other:
        feeds = Feeds(Library(FeedStore(tmp_path)), None, hosted=False, make_client=FeedClient)
        app = await App(tmp_path, lang="fr", feeds=feeds).start("/settings")
        host = f"127.0.0.1:{other.port}"
        try:
            await submit(app, f"http://{host}/ok/delegates/{CODE}.json")
            asked = question(app)
            assert asked is not None and other.requests == []
            assert isinstance(asked.content, ft.Text)
            assert (
                asked.content.value
                == f"Ce lien mène à un autre serveur\u202f: {host}. L’utiliser\u202f?"
            )
            await answer(app, asked, "Annuler")
            assert other.requests == [] and app.repo.settings.personal_code is None
            await submit(app, f"http://{host}/ok/delegates/{CODE}.json")
            asked = question(app)
            assert asked is not None
            await answer(app, asked, "Utiliser ce serveur")
            for _ in range(300):
                if app.repo.settings.personal_code == CODE:
                    break
                await asyncio.sleep(0.01)
                await app.settle()
        finally:
            await app.close()
            await feeds.aclose()
        assert app.repo.settings.personal_code == CODE and len(other.requests) >= 2


@pytest.mark.parametrize("then", ["restarted", "another-link"])
async def test_native_app_keeps_use_this_server_with_a_sign_in_waiting_for_that_server(
    tmp_path: Path, then: str
) -> None:
    """Lotte said 'Use this server' to her link offline: the app kept the link to sign in with
    once that server answers, but not her answer; restarted before then, she was asked again,
    and Cancel lost the sign-in. Her answer now waits with the link, and goes with it (another
    link pasted meanwhile replaces both)."""
    feed, up = publish_example(tmp_path / "published"), set[str]()

    def respond(request: httpx.Request) -> httpx.Response:
        if request.url.host not in up:
            raise httpx.ConnectError("the network is down", request=request)
        name = request.url.path.rsplit("/", 1)[-1]  # a delegate's files sit in their folder
        personal = "/delegates/" in request.url.path
        path = (feed / "delegates" / name.split(".")[0] if personal else feed) / name
        if not path.is_file():
            return httpx.Response(404)
        body, kind = httpx.ByteStream(path.read_bytes()), {"Content-Type": "application/json"}
        return httpx.Response(200, stream=body, headers=kind)

    def client(url: str) -> FeedClient:
        return FeedClient(url, transport=httpx.MockTransport(respond), backoff=0.0)

    library = Library(FeedStore(tmp_path / "app"))
    feeds = Feeds(library, "http://feed.test/", hosted=False, make_client=client)
    app = await App(tmp_path / "app", feeds=feeds).start("/settings")
    try:
        await submit(app, f"https://other.test/delegates/{LOTTE}.json")
        asked = question(app)
        assert asked is not None
        await answer(app, asked, "Use this server")
        await until(app, lambda: bool(app.toasts()))
        assert "signed in as soon as they can be reached" in app.toasts()[-1]
        if then == "another-link":  # asked about that one, and not sure after all
            await submit(app, f"https://third.test/delegates/{LOTTE}.json")
            asked = question(app)
            assert asked is not None
            await answer(app, asked, "Cancel")
        await app.close()  # the phone restarts the app before the network is back
        app = await App(tmp_path / "app", feeds=feeds).start("/agenda")
        await app.sync_now()  # nothing answers yet: a sign-in waiting is tried again
        assert question(app) is None, "asked again after a restart"
        if then == "another-link":
            assert app.repo.settings.waiting_code is None
            assert not app.repo.settings.waiting_confirmed
            return
        up.add("other.test")
        await app.sync_now()
        await until(app, lambda: app.repo.delegate is not None)
        assert question(app) is None and app.repo.origin == "https://other.test/"
        assert app.repo.settings.waiting_code is None
        assert not app.repo.settings.waiting_confirmed  # kept no longer than needed
    finally:
        await app.close()
        await feeds.aclose()
