"""The pocket agenda in a real browser: kept by our service worker, shown when the app is gone."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, expect

from backend import layout
from services.agenda import now_and_next, personal_items
from services.i18n import Translator
from services.present import item_title
from services.validation import parse_delegate, parse_mission
from tests.e2e.browser import VIEWPORT, app_server, open_app
from tests.e2e.conftest import DEMO, NOW, SECOND

KEY = "flutter.delegate_companion.pocket"
KEPT = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
  }
  return urls;
}"""
CACHED = """async (name) => {
  const hit = await caches.match(new URL(name, location.href).href);
  return hit ? await hit.text() : '';
}"""


def cached(page: Page, name: str, contains: str, timeout: float = 90.0) -> str:
    """The page our worker keeps under `name`, once it contains `contains`."""
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = str(page.evaluate(CACHED, name))
        if contains in text:
            return text
        page.wait_for_timeout(300)
    # which step did not happen: the app writing the copy, or our worker keeping it
    written = contains in str(page.evaluate(f"localStorage.getItem('{KEY}') || ''"))
    where = f"at {page.url}; the app {'wrote' if written else 'never wrote'} it to localStorage"
    raise AssertionError(f"{name} never contained {contains!r} ({where}); last: {text[:200]!r}")


def gone(page: Page, name: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not page.evaluate(CACHED, name):
            return
        page.wait_for_timeout(300)
    raise AssertionError(f"{name} is still cached")


def next_item(feed: Path) -> tuple[str, str]:
    """Dutch title and address of the demo delegate's next activity at NOW."""
    mission = parse_mission((feed / "mission.json").read_bytes())
    doc = parse_delegate(layout.read(feed, f"delegates/{DEMO}.json"))
    upcoming = now_and_next(personal_items(mission, doc, []), datetime.fromisoformat(NOW))
    item = upcoming.next
    assert item is not None and item.venue is not None
    return item_title(Translator("nl"), item), item.venue.address


def signed_in(
    browser: Browser, url: str, token: str, locale: str, height: int = VIEWPORT["height"]
) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport={**VIEWPORT, "height": height}, locale=locale)
    page = context.new_page()
    open_app(page, f"{url}join/{token}")
    return context, page


def test_offline_reload_shows_the_next_activity_in_the_delegates_language(
    browser: Browser, feed_url: str, feed_folder: Path, tmp_path: Path
) -> None:
    title, address = next_item(feed_folder)
    env = {"DELEGATE_FEED_URL": feed_url, "DELEGATE_NOW": NOW}
    with app_server(tmp_path / "app", env) as url:
        context, page = signed_in(browser, url, DEMO, "nl-BE")
        cached(page, "pocket/mine.nl.html", "Lotte Vermeulen")
        kept = page.evaluate(KEPT)
        # online, 'Print or save my agenda' opens the same page: it must not say offline
        printed = context.new_page()
        printed.goto(f"{url}pocket/mine.nl.html?saved")
        expect(printed.get_by_text("Kopie, alleen lezen", exact=True)).to_be_visible()
        expect(printed.get_by_text("Offline kopie, alleen lezen")).to_be_hidden()
        assert "<script" not in printed.content()  # printed or saved: no script
        printed.get_by_role("link", name="English").click()
        expect(printed.get_by_text("Copy, read-only", exact=True)).to_be_visible()
        printed.close()
    try:
        # only our own pages: never the feed, the client files, the WebSocket or another host
        assert kept and all(urlsplit(u).path.startswith("/pocket/") for u in kept), kept
        context.set_offline(True)  # and the app server is stopped
        started = time.monotonic()
        page.reload()
        expect(page.get_by_text("Offline kopie, alleen lezen")).to_be_visible()
        opened = time.monotonic() - started
        body = page.content()
        assert title.replace("'", "&#39;") in body and address in body
        assert "Lotte Vermeulen" in body and 'lang="nl"' in body
        # a network again, but the app server is still gone (or venue Wi-Fi behind a login
        # page): the copy does not say 'Online again' to send the delegate nowhere
        context.set_offline(False)
        page.wait_for_timeout(1500)
        expect(page.get_by_text("Offline kopie, alleen lezen")).to_be_visible()
        expect(page.get_by_text("Weer online", exact=True)).to_be_hidden()
        context.set_offline(True)
        page.get_by_role("link", name="English").click()
        expect(page.get_by_text("Offline copy, read-only")).to_be_visible()
        print(f"offline open: {opened:.2f} s")  # a figure for the notes, never asserted here
    finally:
        context.close()


OLD_COPY = """async () => {
  // the copy as kept before its links led from the app's root: relative to the page
  const cache = await caches.open('dc-pocket-v1');
  for (const request of await cache.keys()) {
    if (!request.url.endsWith('.html')) continue;
    const html = (await (await cache.match(request)).text())
      .replaceAll('href="/pocket/', 'href="pocket/').replaceAll('href="/"', 'href="./"');
    await cache.put(request, new Response(html, {headers: {'Content-Type': 'text/html'}}));
  }
}"""


def test_language_links_lead_to_the_one_address_of_each_page_from_wherever_it_opens(
    browser: Browser, app_url: str
) -> None:
    """From pocket/mine.nl.html its French link led to pocket/pocket/mine.fr.html, and one folder
    deeper at each tap (our worker still answered: a saved copy or a bookmark kept it)."""
    context, page = signed_in(browser, app_url, DEMO, "nl-BE")
    try:
        cached(page, "pocket/mine.nl.html", "Lotte Vermeulen")
        tab = context.new_page()
        for old in (False, True):  # as kept now, and as kept before (relative links)
            if old:
                page.evaluate(OLD_COPY)
                assert 'href="pocket/mine.en.html"' in str(
                    page.evaluate(CACHED, "pocket/mine.nl.html")
                )
            tab.goto(f"{app_url}pocket/mine.nl.html?saved")
            english = tab.get_by_role("link", name="English")
            # in full: a page saved as a file, or printed to PDF, still leads there
            assert english.get_attribute("href") == f"{app_url}pocket/mine.en.html?saved"
            english.click()
            expect(tab).to_have_url(f"{app_url}pocket/mine.en.html?saved")
            tab.get_by_role("link", name="Français").click()
            expect(tab).to_have_url(f"{app_url}pocket/mine.fr.html?saved")
            expect(tab.get_by_text("Copie, en lecture seule", exact=True)).to_be_visible()
        # an address from before, in a bookmark or a saved copy: the page's one address
        tab.goto(f"{app_url}pocket/pocket/pocket/mine.fr.html?saved")
        expect(tab).to_have_url(f"{app_url}pocket/mine.fr.html?saved")
        # offline, the copy opens at the address the app was opened at
        context.set_offline(True)
        tab.goto(f"{app_url}agenda")
        expect(tab.get_by_text("Offline kopie, alleen lezen")).to_be_visible()
        assert tab.locator("footer a.live").evaluate("a => a.href") == app_url
        tab.get_by_role("link", name="English").click()
        expect(tab).to_have_url(f"{app_url}pocket/mine.en.html")
        expect(tab.get_by_text("Offline copy, read-only")).to_be_visible()
    finally:
        context.close()


RESTORE = """async (key) => {
  const registration = await navigator.serviceWorker.ready;
  const value = JSON.parse(JSON.parse(localStorage.getItem(key)));
  const url = new URL('pocket/mine.nl.html', location.href).href;
  let missing = 0;
  for (let round = 0; round < 10; round++) {
    registration.active.postMessage({type: 'store', owner: value.owner, lang: 'nl',
                                     pages: value.pages});
    for (let look = 0; look < 40; look++) if (!(await caches.match(url))) missing++;
  }
  return missing;
}"""


def test_storing_the_copy_again_never_leaves_a_moment_without_it(
    browser: Browser, app_url: str
) -> None:
    """A sync hands the worker the same pages again: a reload at any moment in between must still
    find the delegate's page (it had found the programme-only page while the copy was rewritten)."""
    context, page = signed_in(browser, app_url, DEMO, "nl-BE")
    try:
        cached(page, "pocket/mine.nl.html", "Lotte Vermeulen")
        assert page.evaluate(RESTORE, KEY) == 0
        assert "Lotte Vermeulen" in cached(page, "pocket/mine.nl.html", "Lotte Vermeulen")
    finally:
        context.close()


def test_signing_in_as_someone_else_replaces_the_copy(browser: Browser, app_url: str) -> None:
    context, page = signed_in(browser, app_url, DEMO, "en-GB")
    try:
        cached(page, "pocket/mine.en.html", "Lotte Vermeulen")
        open_app(page, f"{app_url}join/{SECOND}")
        french = cached(page, "pocket/mine.fr.html", "Jean Dupont")
        assert "Lotte Vermeulen" not in french
        assert "Lotte" not in str(page.evaluate(CACHED, "pocket/mine.en.html"))
        # signing out empties the copy: tests/services/test_pocket_copy.py
    finally:
        context.close()


def test_a_damaged_copy_falls_back_to_the_programme_page_offline(
    browser: Browser, app_url: str
) -> None:
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    page = context.new_page()
    try:
        open_app(page, app_url)  # a visitor: never signed in
        page.evaluate(f"localStorage.setItem('{KEY}', '\"{{not json')")
        gone(page, "pocket/mine.en.html")
        cached(page, "pocket/programme.en.html", "Programme")
        context.set_offline(True)
        page.reload()
        expect(page.get_by_text("Offline copy, read-only")).to_be_visible()
        expect(page.get_by_role("heading", name="Programme")).to_be_visible()
        # its language links, offline too: that language's programme page, at its own address
        page.get_by_role("link", name="Français").click()
        expect(page).to_have_url(f"{app_url}pocket/programme.fr.html")
        expect(page.get_by_text("Copie hors ligne, en lecture seule")).to_be_visible()
        page.get_by_role("link", name="Nederlands").click()
        expect(page).to_have_url(f"{app_url}pocket/programme.nl.html")
        expect(page.get_by_role("heading", name="Programma")).to_be_visible()
    finally:
        context.close()


def test_losing_the_network_says_so_at_once_and_opens_the_offline_copy(
    browser: Browser, app_url: str
) -> None:
    """The live screen is the server's: offline, taps reach nobody. The page says so the moment
    the browser knows, in the app's language, and its button opens the offline copy: on today's
    day (it opened on Sunday, the first), its banner still in view."""
    context, page = signed_in(browser, app_url, DEMO, "nl-BE")
    try:
        cached(page, "pocket/mine.nl.html", "Lotte Vermeulen")
        # the worker's clock at the app's demo instant (this Chromium's is today's real date)
        fixed = f"() => {{ const t = Date.parse('{NOW}'); Date.now = () => t; }}"
        context.service_workers[0].evaluate(fixed)
        notice = page.locator("#dc-offline")
        expect(notice).to_have_count(0)
        context.set_offline(True)
        expect(notice).to_contain_text("Geen verbinding")
        context.set_offline(False)  # back before anyone tapped: the notice goes
        expect(notice).to_have_count(0)
        context.set_offline(True)
        notice.get_by_role("button", name="Offline kopie openen").click()
        expect(page.get_by_text("Offline kopie, alleen lezen")).to_be_in_viewport()
        expect(page.locator("h3#day-2025-10-07")).to_be_focused()
        expect(page.locator("h3#day-2025-10-07")).to_be_in_viewport()
        expect(page.locator("h3#day-2025-10-05")).not_to_be_in_viewport()
        expect(page.get_by_text("Lotte Vermeulen").first).to_be_attached()
        assert "navigator.onLine" in page.content()  # served offline: the page watches
        # the network comes back while the copy is open and the app answers: it no longer says
        # offline, and says where the live app is; gone again, it says offline again
        context.set_offline(False)
        expect(page.get_by_text("Weer online", exact=True)).to_be_visible()
        expect(page.get_by_text("Offline kopie, alleen lezen")).to_be_hidden()
        expect(page.locator(".banner").get_by_role("link", name="Open de live app")).to_be_visible()
        context.set_offline(True)
        expect(page.get_by_text("Offline kopie, alleen lezen")).to_be_visible()
        expect(page.get_by_text("Weer online", exact=True)).to_be_hidden()
    finally:
        context.close()


def test_the_pocket_pages_links_are_48_px_high_for_a_thumb(
    browser: Browser, feed_folder: Path
) -> None:
    """Offline, the copy is all a delegate has: the days, languages, safety card, Open in Maps
    and the call links were 19-28 px high, a miss on a moving bus."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_content(layout.read(feed_folder, f"delegates/{DEMO}.html").decode())
    small = page.evaluate(
        """() => Array.from(document.querySelectorAll('main a'))
            .map(a => [a.textContent.trim(), a.getBoundingClientRect().height])
            .filter(([, height]) => height > 0 && height < 48)"""
    )
    context.close()
    assert small == []
