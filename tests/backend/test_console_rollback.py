"""The console's Rollback asks first, saying what it will serve, in the organiser's language; and
the addresses of its forms, typed or bookmarked, lead to a page (no browser: httpx)."""

from __future__ import annotations

import asyncio
import html
import re
from pathlib import Path

import httpx

from backend.console.app import create_app
from backend.console.config import ConsoleConfig
from backend.publish import publish
from backend.releases import history, live, releases_of
from services.models import LANGS
from tests.backend.console_client import PASSWORD, roll_back, signed_in
from tests.backend.published import URL, lunch_moved, mission
from tests.backend.servers import SECRET
from tests.backend.sources import bump, copy_example, edit


def release_field(page: str) -> str:
    found = re.search(r'name="release" value="([^"]+)"', page)
    assert found is not None, page
    return found.group(1)


async def test_console_rollback_asks_first_and_says_what_it_will_serve(tmp_path: Path) -> None:
    """One click on Rollback brought back the previous release for every delegate, unasked."""
    _, out = lunch_moved(tmp_path)  # revisions 1 and 2: the lunch moved to another room
    async with signed_in(out) as (client, csrf):
        pressed = await client.post("/rollback", data={"csrf": csrf})  # the home page's form
        assert pressed.status_code == 200 and [e.revision for e in history(out)] == [1, 2]
        pages = {
            lang: (await client.get(f"/rollback?lang={lang}")).text for lang in ["en", "fr", "nl"]
        }
        english = html.unescape(pages["en"])
        assert "Roll back to revision 1?" in english
        published = r"\(Los Angeles time, [\d\u2011]+\s[:\d]+\sUTC\), instead of revision 2"
        assert re.search(published, english)
        assert "1 activity changes back to how it was." in english
        assert "It goes out as revision 3, so that phones take it." in english
        assert 'name="csrf"' in pages["en"] and release_field(pages["en"])
        assert "Revenir à la révision 1\u00a0?" in html.unescape(pages["fr"])
        assert "1 activité redevient comme elle était." in html.unescape(pages["fr"])
        assert "Terugzetten naar revisie 1?" in html.unescape(pages["nl"])
        assert "1 activiteit wordt weer zoals ze was." in html.unescape(pages["nl"])
        assert [e.revision for e in history(out)] == [1, 2]  # asking changes nothing
        forged = {"csrf": "an old page's", "release": release_field(pages["en"])}
        assert (await client.post("/rollback", data=forged)).status_code == 403
        done = await client.post("/rollback", data={"csrf": csrf, "release": forged["release"]})
        assert (done.status_code, done.headers["location"]) == (303, "/?done=rolled-back")
        said = {lang: (await client.get(f"/?done=rolled-back&lang={lang}")).text for lang in LANGS}
    assert "The release of revision 1 is live again, as revision 3." in said["en"]
    assert "La version de la révision 1 est de nouveau en ligne, en révision 3." in said["fr"]
    assert "De publicatie van revisie 1 staat opnieuw online, als revisie 3." in said["nl"]
    assert mission(out)["revision"] == 3


async def test_console_rollback_with_an_unreadable_live_revision_says_so_in_every_language(
    tmp_path: Path,
) -> None:
    """The live mission damaged, and no history line for it: the page said 'instead of
    revision None' and 'Cancel: keep revision None live'."""
    _, out = lunch_moved(tmp_path)
    current = live(out)
    assert current is not None
    for copy in current.glob("mission.json*"):
        copy.unlink()  # the release's own file (the next ones are linked to it)
        copy.write_bytes(b"damaged")
    lines = (releases_of(out) / "history.jsonl").read_text("utf-8").splitlines()
    kept = [line for line in lines if current.name not in line]
    (releases_of(out) / "history.jsonl").write_text("\n".join(kept) + "\n", "utf-8")
    async with signed_in(out) as (client, _csrf):
        pages = {
            lang: html.unescape((await client.get(f"/rollback?lang={lang}")).text)
            for lang in ["en", "fr", "nl"]
        }
    assert all("None" not in page for page in pages.values())
    assert "instead of the live release, whose revision cannot be read." in pages["en"]
    assert "Cancel: keep the live release" in pages["en"]
    assert "au lieu de la version en ligne, dont la révision est illisible." in pages["fr"]
    assert "Annuler\u00a0: garder la version en ligne" in pages["fr"]
    assert "in plaats van de publicatie die nu online staat" in pages["nl"]
    assert "Annuleren: de huidige publicatie online laten" in pages["nl"]


async def test_console_home_reloaded_after_another_publish_or_rollback_keeps_no_stale_notice(
    tmp_path: Path,
) -> None:
    """The home page after a rollback (/?done=rolled-back), reloaded once another publish went
    out, said 'The previous release is live again.' while the new publish was live; the page
    after a publish, reloaded after a rollback, said 'Published.'."""
    source, out = lunch_moved(tmp_path)
    async with signed_in(out) as (client, csrf):
        assert (await roll_back(client, csrf)).headers["location"] == "/?done=rolled-back"
        edit(source / "activities.csv", "mon-lunch", room_en="Rose Room")
        bump(source, 4)
        assert publish(source, out, SECRET, URL).release is not None  # another organiser
        reloaded = (await client.get("/?done=rolled-back&lang=en")).text
    assert "Live revision: 4" in reloaded
    assert "The previous release is live again." not in reloaded
    async with signed_in(out) as (client, csrf):
        await roll_back(client, csrf)  # the page after a publish, reloaded after a rollback
        published = (await client.get("/?done=published&lang=en")).text
    assert "Live revision: 5" in published
    assert "Published. Delegates get the changes" not in published
    assert 'class="notice"' not in reloaded  # nor 'The release of revision 1 is live again'


async def test_console_rollback_confirmed_before_another_publish_rolls_nothing_back(
    tmp_path: Path,
) -> None:
    source, out = lunch_moved(tmp_path)
    async with signed_in(out) as (client, csrf):
        asked = release_field((await client.get("/rollback")).text)
        edit(source / "activities.csv", "mon-lunch", room_en="Rose Room")
        bump(source, 3)
        publish(source, out, SECRET, URL)  # another organiser, meanwhile
        late = await client.post("/rollback", data={"csrf": csrf, "release": asked})
    assert late.status_code == 409 and "Nothing was rolled back" in late.text
    assert "Roll back to revision 2?" in late.text  # what it would bring back now
    assert [e.revision for e in history(out)] == [1, 2, 3]


async def test_console_rollback_confirmed_twice_rolls_back_once(tmp_path: Path) -> None:
    """A double click, or the confirmation sent again: the second press went one more release
    back, or said that nothing was rolled back though the first press had."""
    source, out = lunch_moved(tmp_path)  # revisions 1 and 2
    edit(source / "activities.csv", "mon-lunch", room_en="Rose Room")
    bump(source, 3)
    publish(source, out, SECRET, URL)
    async with signed_in(out) as (client, csrf):
        form = {"csrf": csrf, "release": release_field((await client.get("/rollback")).text)}
        both = await asyncio.gather(*(client.post("/rollback", data=form) for _ in range(2)))
        again = await client.post("/rollback", data=form)
    for sent in (*both, again):
        assert (sent.status_code, sent.headers["location"]) == (303, "/?done=rolled-back")
    assert [e.revision for e in history(out)] == [1, 2, 3, 4]
    assert mission(out)["revision"] == 4


async def test_console_rollback_with_nothing_to_go_back_to_says_so(tmp_path: Path) -> None:
    out = tmp_path / "feed"
    async with signed_in(out) as (client, _):
        empty = (await client.get("/rollback")).text
    assert "Nothing is published yet, so there is nothing to roll back." in empty
    publish(copy_example(tmp_path), out, SECRET, URL)
    async with signed_in(out) as (client, csrf):
        home = await client.get("/")  # no button, and a line that says why
        assert 'id="no-rollback">There is no earlier release to go back to.' in home.text
        one = await client.get("/rollback?lang=fr")
        pressed = await client.post("/rollback?lang=en", data={"csrf": csrf})
    said = html.unescape(one.text)
    assert "Il n’y a pas de version antérieure à rétablir." in said
    assert 'name="release"' not in one.text
    assert "There is no earlier release to go back to. Revision 1 stays live." in pressed.text
    assert [e.revision for e in history(out)] == [1]


async def test_console_get_of_its_form_addresses_leads_to_its_page(tmp_path: Path) -> None:
    """GET /login, /logout and /rollback (typed, bookmarked, reloaded) answered 405."""
    _, out = lunch_moved(tmp_path)
    app = create_app(ConsoleConfig(out=out, secret=SECRET, public_url=URL, password=PASSWORD))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://c") as outside:
        for path in ("/login", "/logout", "/rollback"):
            answer = await outside.get(f"{path}?lang=nl")
            assert (answer.status_code, answer.headers["location"]) == (303, "/?lang=nl")
        assert 'id="password"' in (await outside.get("/?lang=nl")).text
    async with signed_in(out) as (client, csrf):
        assert (await client.get("/login")).headers["location"] == "/?lang=en"
        assert (await client.get("/logout")).headers["location"] == "/?lang=en"
        assert "Live revision: 2" in (await client.get("/")).text  # still signed in
        assert (await roll_back(client, csrf)).headers["location"] == "/?done=rolled-back"


async def test_console_rollback_of_registrations_alone_does_not_say_nothing_differs(
    tmp_path: Path,
) -> None:
    """A republish that changed only who attends what: the page said 'The activities are the
    same in both releases.', and a rollback looked like it would change nothing."""
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    with (source / "registrations.csv").open("a", encoding="utf-8") as f:
        f.write("demo,wed-biotech-finance\n")
    assert not publish(source, out, SECRET, URL).errors
    async with signed_in(out) as (client, _csrf):
        english = html.unescape((await client.get("/rollback")).text)
    assert (
        "The activities are the same in both releases; delegates’ own agendas and B2B meetings"
        " may still differ." in english
    )


async def test_console_invites_opened_before_any_publish_say_so_in_the_organisers_language(
    tmp_path: Path,
) -> None:
    """A signed-in organiser opening an invites link (bookmarked, typed) before any publish met
    a bare English 'Not found'."""
    async with signed_in(tmp_path / "feed") as (client, _):
        for path in ("/invites.csv", "/invites.xlsx", "/invites.zip"):
            answer = await client.get(f"{path}?lang=fr")
            assert (answer.status_code, answer.headers["location"]) == (
                303,
                "/?done=no-invites&lang=fr",
            )
        said = html.unescape((await client.get("/?done=no-invites&lang=fr")).text)
    assert "Il n’y a pas encore d’invitations à télécharger\u00a0: elles sont faites" in said
