"""Signing in and out in Settings: a rejected code stays to be corrected, the visitor is told
what My agenda shows, the last person's bookmarks are not the next one's, and Export is
offered only with something to export."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import flet as ft
import httpx
import pytest

from backend.tokens import token_for
from services.feed_client import FeedClient
from services.feeds import Feeds
from services.library import Library
from services.models import Lang
from services.mycard import MyCard
from services.store import FeedStore
from services.sync_state import SyncResult, SyncState
from tests.backend.servers import SECRET, backend_server, publish_example
from tests.backend.sources import copy_example, edit
from tests.views.dialogs import answer, question, until
from tests.views.harness import App, walk

LOTTE, CAMILLE = token_for("demo", SECRET), token_for("d-lambert", SECRET)
MEDTECH = "tue-stanford-medtech"  # open, and on neither Lotte's nor Camille's registrations
NOT_SIGNED_IN = {
    "en": "You are not signed in. Enter your personal code to see your own agenda.",
    "nl": "U bent niet aangemeld. Voer uw persoonlijke code in om uw eigen agenda te zien.",
    # not 'you have not entered your code yet': also said right after signing out
    "fr": (
        "Aucun agenda personnel n’est ouvert sur cet appareil. "
        "Saisissez votre code personnel pour voir le vôtre."
    ),
}


@pytest.fixture(scope="module")
def feed_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with backend_server(publish_example(tmp_path_factory.mktemp("feed"))) as url:
        yield url


async def live(root: Path, url: str, route: str, lang: Lang = "en") -> App:
    feeds = Feeds(Library(FeedStore(root)), url, make_client=FeedClient)
    return await App(root, lang=lang, feeds=feeds).start(route)


async def closed(app: App) -> None:
    await app.close()
    if app.feeds is not None:
        await app.feeds.aclose()


def code_field(app: App) -> str:
    field = app.find("code-field").content
    assert isinstance(field, ft.TextField)
    return field.value or ""


async def submit_code(app: App, text: str) -> None:
    toasts = len(app.toasts())
    await app.type_into("code-field", text)
    await until(app, lambda: len(app.toasts()) > toasts)


async def sign_in(app: App, code: str) -> None:
    await app.go("/join/" + code)
    await until(app, lambda: app.repo.delegate is not None)


async def tap_sign_out(app: App) -> ft.AlertDialog | None:
    """Settings' Sign out tapped: the question it asks first."""
    await app.go("/settings")
    button = next(
        c
        for c in walk(app.find("signed-in"))
        if isinstance(c, ft.TextButton) and c.icon == ft.Icons.LOGOUT
    )
    await app.fire(button, "click")
    return question(app)


async def sign_out(app: App) -> None:
    asked = await tap_sign_out(app)
    assert asked is not None and app.repo.settings.personal_code is not None  # asked first
    assert app.shell is not None
    await answer(app, asked, app.shell.ctx.tr.gettext("Sign out"))
    await until(app, lambda: app.repo.settings.personal_code is None)


def row_text(app: App, identifier: str) -> str:
    texts = [getattr(c, "value", None) for c in walk(app.find(identifier))]
    return "\n".join(t for t in texts if isinstance(t, str))


async def test_settings_rejected_code_stays_in_the_field_until_one_is_accepted(
    tmp_path: Path, feed_url: str
) -> None:
    app = await live(tmp_path, feed_url, "/settings")
    try:
        await submit_code(app, "ab12-cd34")
        assert "That is not a personal code" in app.toasts()[-1]
        assert code_field(app) == "ab12-cd34", "the typo is there to be corrected"
        # and why, beside it: the toast is gone in seconds
        assert "That is not a personal code" in row_text(app, "sign-in-problem")
        await submit_code(app, "c" * 26)
        assert "No agenda was found for this code" in app.toasts()[-1]
        assert code_field(app) == "c" * 26
        assert "No agenda was found for this code" in row_text(app, "sign-in-problem")
        await app.pick_language("fr")  # said again in the language chosen beside it
        assert "Aucun agenda trouvé pour ce code" in row_text(app, "sign-in-problem")
        await app.pick_language("en")
        await submit_code(app, LOTTE)
        assert app.repo.delegate is not None and app.route == "/agenda"
        await sign_out(app)
        assert code_field(app) == "", "an accepted code is not left for the next person"
        assert not app.has("sign-in-problem"), "nor why the one before it was refused"
    finally:
        await closed(app)


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
async def test_settings_visitor_on_a_live_feed_is_told_they_are_not_signed_in(
    tmp_path: Path, feed_url: str, lang: Lang
) -> None:
    app = await live(tmp_path, feed_url, "/settings", lang)
    try:
        assert NOT_SIGNED_IN[lang] in row_text(app, "sign-in")
        await submit_code(app, "c" * 26)  # an unknown code: still no one's agenda
        assert NOT_SIGNED_IN[lang] in row_text(app, "sign-in")
        await app.go("/agenda")
        assert app.has("sign-in-card") and app.repo.delegate is None
    finally:
        await closed(app)


async def test_settings_visitor_without_a_feed_is_told_of_the_demo_they_see(
    tmp_path: Path,
) -> None:
    app = await App(tmp_path).start("/settings")
    try:
        assert "You are looking at a demo agenda" in row_text(app, "sign-in")
        await app.go("/agenda")
        assert app.repo.delegate is not None and "Demo agenda" in app.text()
    finally:
        await app.close()


async def test_agenda_after_sign_out_shows_the_programme_not_the_last_persons_bookmarks(
    tmp_path: Path, feed_url: str
) -> None:
    app = await live(tmp_path, feed_url, "/")
    try:
        await sign_in(app, LOTTE)
        await app.go(f"/activity/{MEDTECH}")
        await app.tap(f"bookmark-{MEDTECH}")
        assert app.repo.is_bookmarked(MEDTECH)
        await sign_out(app)
        await app.go("/agenda/2025-10-07")
        await app.tap("agenda-earlier")  # 15:40: what is over opens on a tap
        assert app.has("sign-in-card") and app.has("row-tue-nasa-ames"), "the day's programme"
        assert "Bookmarked" not in row_text(app, f"row-{MEDTECH}")
        assert not app.repo.is_bookmarked(MEDTECH)
        await sign_in(app, CAMILLE)
        assert not app.repo.is_bookmarked(MEDTECH), "never the next person's"
        await sign_out(app)
        await sign_in(app, LOTTE)
        assert app.repo.is_bookmarked(MEDTECH), "hers again when she signs in again"
    finally:
        await closed(app)


async def test_agenda_visitor_bookmark_is_marked_in_the_programme_and_kept_at_sign_in(
    tmp_path: Path, feed_url: str
) -> None:
    app = await live(tmp_path, feed_url, f"/activity/{MEDTECH}")
    try:
        await app.tap(f"bookmark-{MEDTECH}")
        await app.go("/agenda/2025-10-07")
        await app.tap("agenda-earlier")  # 15:40: the morning is folded away
        assert app.has("row-tue-nasa-ames") and app.has("row-tue-games-seminar")
        assert "Bookmarked" in row_text(app, f"row-{MEDTECH}")
        assert "Bookmarked" not in row_text(app, "row-tue-nasa-ames")
        await sign_in(app, LOTTE)
        assert app.repo.is_bookmarked(MEDTECH), "what she marked before signing in is hers"
    finally:
        await closed(app)


async def test_settings_export_is_offered_only_with_something_to_export(
    tmp_path: Path, feed_url: str
) -> None:
    app = await live(tmp_path, feed_url, "/settings")
    try:
        assert not app.has("export-agenda")
        assert "Nothing to export yet" in row_text(app, "my-calendar")
        await app.go(f"/activity/{MEDTECH}")
        await app.tap(f"bookmark-{MEDTECH}")
        await app.go("/settings")
        await app.tap("export-agenda")
        name, data, _mime = app.platform.files[-1]
        assert name == "my-agenda.ics" and data.count(b"BEGIN:VEVENT") == 1
        await sign_in(app, LOTTE)
        await app.go("/settings")
        assert app.has("export-agenda") and "Nothing to export yet" not in app.text()
    finally:
        await closed(app)


async def test_own_contact_card_is_never_shown_to_the_next_person(
    tmp_path: Path, feed_url: str
) -> None:
    app = await live(tmp_path, feed_url, "/")
    try:
        await sign_in(app, LOTTE)
        card = MyCard(given="Lotte", family="Vermeulen", phone="+32471123456")
        await app.repo.update_settings(my_card=card)
        await sign_out(app)
        await app.go("/mycard")
        assert "Vermeulen" not in app.text() and "471" not in app.text()
        await sign_in(app, CAMILLE)
        assert app.repo.settings.my_card is None, "never the last person's card"
        await sign_out(app)
        await sign_in(app, LOTTE)
        assert app.repo.settings.my_card == card, "hers again when she signs in again"
    finally:
        await closed(app)


async def test_a_visitors_today_starts_with_what_is_on_now_and_next(
    tmp_path: Path, feed_url: str
) -> None:
    """Not signed in, My agenda lists the day's programme; at 15:40 the morning is over: it
    folds into one line, so the list starts with what is on now and next."""
    app = await live(tmp_path, feed_url, "/", lang="nl")
    try:
        await until(app, lambda: app.has("row-tue-chm-reception"))
        assert app.has("sign-in-card") and app.has("row-tue-chm-reception")  # 16:30
        assert not app.has("row-tue-coach-valley") and not app.has("row-tue-nasa-ames")
        earlier = str(app.wrapped("agenda-earlier", ft.TextButton).content)
        assert earlier.endswith("eerdere activiteiten tonen"), earlier
        folded = int(earlier.split()[0])
        await app.tap("agenda-earlier")
        assert app.has("row-tue-coach-valley") and app.has("row-tue-nasa-ames")
        assert not app.has("agenda-earlier")
        await app.tap("day-2025-10-08")  # another day: every activity, nothing folded
        assert len(app.identifiers("row-")) > 5 and not app.has("agenda-earlier")
        await app.time_passes("2025-10-09T17:00:00-07:00")  # the next day, late afternoon
        assert app.has("agenda-earlier") and folded > 0
    finally:
        await closed(app)


@pytest.mark.parametrize(("lang", "word"), [("nl", "Geannuleerd"), ("fr", "Annulé")])
async def test_a_visitors_day_says_a_cancelled_activity_is_cancelled(
    tmp_path: Path, lang: Lang, word: str
) -> None:
    """Not signed in, My agenda's list of the day showed a cancelled activity only struck
    through and tinted red: no word for a screen reader, nor for who does not see red, where
    the Programme and a signed-in agenda say 'Cancelled'."""
    source = copy_example(tmp_path / "source-base")
    edit(source / "activities.csv", "tue-chm-reception", state="cancelled")
    with backend_server(publish_example(tmp_path / "published", source)) as url:
        app = await live(tmp_path / "app", url, "/", lang=lang)
        try:
            await until(app, lambda: app.has("row-tue-chm-reception"))
            assert app.has("sign-in-card")
            row = app.find("row-tue-chm-reception")
            assert word in [c.value for c in walk(row) if isinstance(c, ft.Text)]
        finally:
            await closed(app)


@pytest.mark.parametrize(
    ("last", "then"),
    [
        (
            SyncResult("offline"),
            "De organisatoren zijn nu niet bereikbaar: u kunt zich pas opnieuw aanmelden als ze"
            " weer bereikbaar zijn.",
        ),
        (
            SyncResult("offline", problems=("HTTP 503",)),  # online, the server refuses
            "De server van de organisatoren geeft nu een fout: u kunt zich pas opnieuw aanmelden"
            " als hij weer antwoordt.",
        ),
    ],
)
async def test_sign_out_asks_first_and_says_offline_that_signing_in_again_must_wait(
    tmp_path: Path, feed_url: str, last: SyncResult, then: str
) -> None:
    """One tap took the agenda off the phone; offline, signing in again was then refused while
    the agenda had been there all along. Lotte (Dutch) is asked first, and told it offline (or
    that the server answers with an error: her phone is online)."""
    app = await live(tmp_path, feed_url, "/settings")
    try:
        await submit_code(app, LOTTE)
        assert app.repo.delegate is not None and app.shell is not None
        app.shell.ctx.sync = SyncState.done(last)  # how the last sync ended
        asked = await tap_sign_out(app)
        assert asked is not None and isinstance(asked.content, ft.Text)
        assert isinstance(asked.title, ft.Text) and asked.title.value == "Afmelden?"
        assert asked.semantics_label == "Afmelden?"  # what a screen reader names it, not 'Melding'
        assert asked.content.value == (
            "Uw agenda verdwijnt van dit toestel. Om hem opnieuw te zien, hebt u uw persoonlijke"
            " code en een verbinding nodig. " + then
        )
        await answer(app, asked, "Annuleren")
        assert question(app) is None and app.repo.settings.personal_code is not None
        assert app.repo.delegate is not None
    finally:
        await closed(app)


@pytest.mark.parametrize("reloaded", [False, True], ids=["same-page", "reloaded"])
async def test_a_personal_link_opened_offline_signs_in_once_the_organisers_answer(
    tmp_path: Path, reloaded: bool
) -> None:
    """Lotte opened her personal link with no network: the app noticed the organisers were
    back (its sync went through), but she stayed 'Not signed in' under 'Could not reach the
    organisers', until she found the link again."""
    feed = publish_example(tmp_path / "published")
    down = True

    def respond(request: httpx.Request) -> httpx.Response:
        if down:
            raise httpx.ConnectError("the network is down", request=request)
        name = request.url.path.rsplit("/", 1)[-1]  # a delegate's files sit in their folder
        folder = (
            feed / "delegates" / name.split(".")[0] if "/delegates/" in request.url.path else feed
        )
        path = folder / name
        if not path.is_file():
            return httpx.Response(404)
        body = httpx.ByteStream(path.read_bytes())  # streamed, as the client reads it
        return httpx.Response(200, stream=body, headers={"Content-Type": "application/json"})

    def client(url: str) -> FeedClient:
        return FeedClient(url, transport=httpx.MockTransport(respond), backoff=0.0)

    feeds = Feeds(Library(FeedStore(tmp_path / "app")), "http://feed.test/", make_client=client)
    app = await App(tmp_path / "app", feeds=feeds).start("/join/" + LOTTE)
    try:
        await until(app, lambda: app.shell is not None and bool(app.toasts()))
        assert app.repo.delegate is None
        assert "signed in as soon as they can be reached" in app.text()  # no 'try again'
        if reloaded:  # the promise outlived the page: it said so, and she had closed it
            await app.close()
            app = await App(tmp_path / "app", feeds=feeds).start("/agenda")
            # the promise is still on screen: 'Not signed in' alone would have her find it again
            assert "signed in as soon as they can be reached" in app.text()
        down = False
        assert app.shell is not None
        app.shell.syncing.sync_now()  # as the loop does by itself, 30 s later
        await until(app, lambda: app.repo.delegate is not None)
        assert app.repo.delegate is not None
        assert app.repo.delegate.delegate.name == "Lotte Vermeulen"
        assert "Could not reach the organisers" not in app.text()
        assert app.repo.settings.waiting_code is None  # kept no longer than needed
    finally:
        await closed(app)


async def test_a_link_to_another_allowed_server_opened_offline_signs_in_once_that_server_answers(
    tmp_path: Path,
) -> None:
    """Her link is for the second server this app may use: once that one answers she is signed
    in, even while the app's own server still does not; and each try meanwhile is quiet (no
    'will be signed in' every round)."""
    feed = publish_example(tmp_path / "published")
    up: set[str] = set()
    asked: list[str] = []

    def respond(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.host)
        if request.url.host not in up:
            raise httpx.ConnectError("the network is down", request=request)
        name = request.url.path.rsplit("/", 1)[-1]
        folder = (
            feed / "delegates" / name.split(".")[0] if "/delegates/" in request.url.path else feed
        )
        path = folder / name
        if not path.is_file():
            return httpx.Response(404)
        body = httpx.ByteStream(path.read_bytes())
        return httpx.Response(200, stream=body, headers={"Content-Type": "application/json"})

    def client(url: str) -> FeedClient:
        return FeedClient(url, transport=httpx.MockTransport(respond), backoff=0.0)

    library = Library(FeedStore(tmp_path / "app"))
    feeds = Feeds(library, "http://feed.test/", ["http://other.test/"], make_client=client)
    app = await App(tmp_path / "app", feeds=feeds).start("/settings")
    try:
        await submit_code(app, f"http://other.test/delegates/{LOTTE}.json")
        assert "signed in as soon as they can be reached" in app.toasts()[-1]
        assert app.shell is not None
        told, tried = len(app.toasts()), asked.count("other.test")
        await app.sync_now()  # both still down: hers is tried again, and nothing said again
        await until(app, lambda: asked.count("other.test") > tried)
        for _ in range(30):  # that sign-in's end
            await asyncio.sleep(0.01)
            await app.settle()
        assert len(app.toasts()) == told + 1  # only Sync now's own answer
        assert app.repo.settings.waiting_code is not None
        up.add("other.test")  # hers answers; the app's own still does not
        await app.sync_now()
        await until(app, lambda: app.repo.delegate is not None)
        assert app.repo.origin == "http://other.test/"
        assert app.repo.settings.waiting_code is None
    finally:
        await closed(app)
