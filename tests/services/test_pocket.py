"""The pocket agenda renderer: one self-contained page, readable without script or network."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

import pytest

from services.changes import Change, FieldChange
from services.models import Lang
from services.pocket import render_pocket
from tests.contrast import AA, contrast
from tests.services.pocket_source import LINKS, source_of, valid_html


def test_pocket_page_is_valid_html_with_print_css_and_no_script(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    page = render_pocket(source_of(mission, delegate), "en", LINKS)
    valid_html(page)
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()
    assert "@page{size:A4" in page and "@media print" in page
    assert "@media print and (max-width:120mm)" in page  # saved or printed on a phone


def test_pocket_page_makes_no_request_to_anyone(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    page = render_pocket(source_of(mission, delegate), "nl", LINKS)
    assert not re.search(r"\bsrc=", page)
    assert re.findall(r"url\(([^)]*)\)", page)
    assert all(u.startswith("data:image/png;base64,") for u in re.findall(r"url\(([^)]*)\)", page))
    assert "<link" not in page and "@import" not in page


def test_pocket_page_shows_person_zone_banner_and_language_switch(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    page = render_pocket(source_of(mission, delegate), "en", LINKS)
    name = delegate["delegate"]["name"]
    assert name in page
    assert "Offline copy, read-only" in page and "as of Tue\u00a07\u00a0Oct 07:05" in page
    assert "Pacific Time" in page
    assert 'href="p.fr.html"' in page and 'href="p.nl.html"' in page
    assert 'href="p.en.html"' not in page
    assert 'lang="en"' in page


def switch_and_home(page: str) -> tuple[list[str], list[str]]:
    """The addresses of the page's language links, and of its links to the live app."""
    nav = re.search(r'<nav aria-label="[^"]*">(.*?)</nav>', page)
    assert nav is not None
    return re.findall(r'href="([^"]*)"', nav.group(1)), re.findall(
        r'<a (?:class="live" )?href="([^"]*)">Open the live app', page
    )


@pytest.mark.parametrize("served_at", ["/pocket/mine.en.html", "/", "/agenda/2025-10-07"])
def test_links_from_the_apps_root_lead_to_the_same_pages_wherever_the_page_is_served(
    mission: dict[str, Any], delegate: dict[str, Any], served_at: str
) -> None:
    """The service worker shows the copy at pocket/mine.en.html and, offline, at any address of
    the app: relative links nested (/pocket/pocket/mine.fr.html, one folder more at each tap)."""
    links: dict[Lang, str] = {lang: f"pocket/mine.{lang}.html" for lang in ("en", "fr", "nl")}
    page = render_pocket(source_of(mission, delegate), "en", links, base="/")
    switch, home = switch_and_home(page)
    resolved = [urljoin(f"http://app.test{served_at}", href) for href in switch]
    assert resolved == [
        "http://app.test/pocket/mine.fr.html",
        "http://app.test/pocket/mine.nl.html",
    ]
    assert [urljoin(f"http://app.test{served_at}", href) for href in home] == 2 * [
        "http://app.test/"
    ]
    assert "<base" not in page  # a base address would send the page's #day and #safety away


def test_links_without_a_base_stay_beside_the_page(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    """Published pages: delegates/<token>.html and .<lang>.html, side by side in one folder."""
    switch, home = switch_and_home(render_pocket(source_of(mission, delegate), "en", LINKS))
    assert switch == ["p.fr.html", "p.nl.html"] and home == ["./", "./"]


@pytest.mark.parametrize(
    ("lang", "offline", "saved", "online"),
    [
        ("en", "Offline copy, read-only", "Copy, read-only", "Online again"),
        ("nl", "Offline kopie, alleen lezen", "Kopie, alleen lezen", "Weer online"),
        (
            "fr",
            "Copie hors ligne, en lecture seule",
            "Copie, en lecture seule",
            "De nouveau en ligne",
        ),
    ],
)
def test_offline_page_carries_the_online_banner_for_print_or_save(
    mission: dict[str, Any],
    delegate: dict[str, Any],
    lang: Lang,
    offline: str,
    saved: str,
    online: str,
) -> None:
    """'Print or save my agenda' opens this same page while online: it said 'Offline copy'.
    The page has the three sentences; its class (offline, saved as our worker serves it online,
    or offline and online once the network came back to the open copy) shows one."""
    page = render_pocket(source_of(mission, delegate), lang, LINKS)
    assert f'<html lang="{lang}" data-zone="America/Los_Angeles" class="offline">' in page
    banner = f'<em class="offline-only">{offline}</em><em class="saved-only">{saved}</em>'
    assert f'{banner}<em class="online-only">{online}</em>' in page
    assert ".offline .saved-only,.saved .offline-only,.online-only{display:none}" in page
    assert ".offline.online .offline-only{display:none}.offline.online .online-only" in page
    published = render_pocket(source_of(mission, delegate), lang, LINKS, banner="published")
    assert 'class="offline"' not in published and offline not in published
    assert "data-zone" not in published  # only the copies our worker keeps open on today


def test_offline_page_keeps_its_banner_in_view_when_it_opens_on_today(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    """Our worker opens the copy on today's day, far down the page: the banner (offline, and
    the way back to the live app) stays at the top of the screen, never in print."""
    page = render_pocket(source_of(mission, delegate), "nl", LINKS)
    assert ".offline .banner,.saved .banner{position:sticky;top:0;z-index:1}" in page
    assert "border:1px solid #999;position:static}" in page  # print: where it is


def test_offline_page_offers_the_live_app_at_the_top(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    """Walk-through: back online, the copy stayed; its only way back to the live app was at
    the very bottom, some 12,000 px down. The banner offers it (never in print)."""
    page = render_pocket(source_of(mission, delegate), "nl", LINKS)
    banner = re.search(r'<p class="banner">(.*?)</p>', page)
    assert banner is not None
    # a no-break space after the dot: a line never ends on it (360 px, French)
    assert '<span class="live">·&nbsp;<a href="./">Open de live app</a></span>' in banner.group(1)
    assert "nav,.live{display:none}" in page  # in print: not a link on paper


def test_pocket_page_has_a_row_of_days_that_jumps_to_each_one_without_script(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    page = render_pocket(source_of(mission, delegate), "nl", LINKS)
    nav = re.search(r'<nav class="days" aria-label="Dagen">(.*?)</nav>', page)
    assert nav is not None
    links = re.findall(r'<a href="#(day-[0-9-]+)">([^<]+)</a>', nav.group(1))
    headings = re.findall(r'<h3 id="(day-[0-9-]+)">', page)
    assert [anchor for anchor, _ in links] == headings and len(headings) > 1
    assert ("day-2025-10-07", "di 7") in links  # the day strip's words, in the page's language
    assert "<script" not in page.lower()


def test_pocket_page_links_contacts_and_maps(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    page = render_pocket(source_of(mission, delegate), "en", LINKS)
    assert 'href="tel:+' in page and 'href="mailto:' in page
    assert "{" not in page.split("</style>")[1]  # localized names rendered, never as dicts
    assert "Safety" in page and 'href="tel:911"' in page
    assert "Open in Maps" in page and 'class="pin"' in page


def test_cancelled_item_is_struck_through_and_said_in_words(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    first = delegate["registered"][0]
    activity = next(a for a in mission["activities"] if a["id"] == first)
    activity["state"] = "cancelled"
    title = activity["title"]["fr"]
    page = render_pocket(source_of(mission, delegate), "fr", LINKS)
    assert f"<del>{title}</del>" in page.replace("&#39;", "'")
    assert "Annulé" in page


def test_change_since_last_look_shows_old_and_new(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    first = delegate["registered"][0]
    room = FieldChange(field="room", old="Salon A", new="Salon B")
    changes = {first: Change(id=first, kind="changed", revision=2, fields=(room,))}
    page = render_pocket(source_of(mission, delegate, changes=changes), "en", LINKS)
    assert "Salon A → Salon B" in page


@pytest.mark.parametrize("lang", ["en", "fr", "nl"])
def test_programme_only_page_for_visitors_lists_every_activity(
    mission: dict[str, Any], lang: Lang
) -> None:
    page = render_pocket(source_of(mission, None), lang, LINKS, banner="published")
    valid_html(page)
    assert page.count('class="item') == len(mission["activities"])
    assert "Offline copy" not in page


def test_pocket_page_for_a_delegate_stays_small(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    page = render_pocket(source_of(mission, delegate), "nl", LINKS)
    assert len(page.encode()) <= 60_000


def test_published_page_says_when_it_last_changed_not_as_of(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    """A published page keeps the time of the publish where it last changed (backend.stamps):
    'as of' would read as out of date days later; the app's own offline copy says 'as of'."""
    source = source_of(mission, delegate)
    wording: list[tuple[Lang, str]] = [
        ("en", "last changed"),
        ("nl", "laatst gewijzigd"),
        ("fr", "modifié le"),
    ]
    for lang, words in wording:
        page = render_pocket(source, lang, LINKS, banner="published")
        assert f'<time class="as-of">{words} ' in page, lang
    assert '<time class="as-of">as of ' in render_pocket(source, "en", LINKS)


def test_pocket_page_says_what_to_do_before_each_activity(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    """Offline, the page is all a delegate has: the gala's coach, its security check and the
    passport to bring are on its row (they were on no page at all)."""
    delegate["registered"] = ["tue-gala-dinner"]
    page = render_pocket(source_of(mission, delegate), "nl", LINKS)
    assert "De bus vertrekt om 18:45 vanaf de ingang in O’Farrell St van het Hilton" in page
    assert "Meebrengen: paspoort, badge, uitnodiging" in page
    assert "de deuren sluiten 20 minuten voor de start" in page


def test_pocket_page_puts_the_way_to_safety_on_a_line_of_its_own(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    """At 360 px the link ran on after the time-zone sentence, and its 48 px tap target
    spread that sentence's lines apart."""
    page = render_pocket(source_of(mission, delegate), "fr", LINKS)
    zone = re.findall(r'<p class="zone">(.*?)</p>', page)
    assert len(zone) == 2 and "#safety" not in zone[0], zone
    assert zone[1].startswith('<a href="#safety">')


def test_offline_banner_never_ends_a_line_on_its_dot(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    """At 360 px in French Chromium still ended the offline copy's banner line on '·' and put
    'Ouvrir l’application en ligne' on the next: on screen a link is an inline block (its
    48 px tap target), and a line breaks before an inline block, no-break space or not."""
    page = render_pocket(source_of(mission, delegate), "fr", LINKS)
    assert "main a,.links a{display:inline-block" in page  # why the no-break space is not enough
    rule = re.search(r"\.banner span\{([^}]*)\}", page)
    assert rule is not None and "white-space:nowrap" in rule.group(1)


def colours(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z-]+):(#[0-9a-f]{6})", block))


def test_pocket_page_follows_a_dark_phone_on_screen_with_readable_text(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    """A phone in dark mode opened the copy as a white page beside the dark app: it now has a
    dark scheme on screen (print stays light), and every text colour is readable (WCAG AA) on
    the page and on its banners in both. The pins sit on the light map in both: no change."""
    page = render_pocket(source_of(mission, delegate), "nl", LINKS)
    light = colours(page.split(":root{", 1)[1].split("}", 1)[0])
    query = "@media screen and (prefers-color-scheme:dark){:root{"
    assert query in page
    dark = {**light, **colours(page.split(query, 1)[1].split("}", 1)[0])}
    assert "background:var(--page)" in page and "background:#fff" not in page
    for scheme in (light, dark):
        for text in ("ink", "mute", "accent", "warn"):
            assert contrast(scheme[text], scheme["page"]) >= AA, (scheme, text)
        for banner in ("banner", "online"):
            for text in ("ink", "mute", "accent"):
                assert contrast(scheme[text], scheme[banner]) >= AA, (scheme, banner, text)
        assert contrast("#ffffff", scheme["pin"]) >= AA
    assert dark["page"] != light["page"] and dark["pin"] == light["pin"]
