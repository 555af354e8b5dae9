"""A hosted server is its operator's: a pasted link to another server is refused, in the
person's language and naming that server, before any request leaves; a mistyped one too.
The native app asks first, and follows such a link only once the person says yes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import flet as ft
import pytest

from services.feed_client import FeedClient
from services.feeds import Feeds
from services.library import Library
from services.models import Lang
from services.store import FeedStore
from tests.services.chaos import ChaosServer
from tests.views.dialogs import answer, question
from tests.views.harness import App, walk

CODE = "abcdefghijklmnopqrstuvwxyz"
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
