"""Announcements, the safety card, the directory, meeting notes, the leave-by line and change
impacts, driven through the real shell in all three languages."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import flet as ft
import pytest

from services.changes import Change, ChangeLog, FieldChange
from services.models import Lang
from services.store import personal_name
from tests.conftest import DELEGATE_BYTES, MISSION_BYTES, TEST_ORIGIN, store_unit
from tests.views.harness import App, walk

TUESDAY = "2025-10-07T08:00:00-07:00"
WEDNESDAY = "2025-10-08T17:30:00-07:00"
HOTEL_LA = "900 Wilshire Blvd, Los Angeles, CA 90017"


async def test_an_urgent_note_about_a_visit_leaves_the_banner_once_the_visit_is_over(
    tmp_path: Path,
) -> None:
    during = await App(tmp_path / "a", now="2025-10-07T14:30:00-07:00").start("/agenda")
    try:
        assert "banner-nasa-passport" in during.identifiers("banner-")
    finally:
        await during.close()
    after = await App(tmp_path / "b", now="2025-10-07T15:40:00-07:00").start("/agenda")
    try:
        assert "banner-nasa-passport" not in after.identifiers("banner-")
        await after.tap("announcements-link")
        assert "announcement-nasa-passport" in after.identifiers("announcement-")  # still listed
    finally:
        await after.close()


async def test_a_shared_coach_does_not_bring_another_sectors_news_to_the_banner(
    tmp_path: Path,
) -> None:
    """Lotte (aerospace) rode the coach to Silicon Valley, listed for three sectors: at 12:10
    'Life sciences B2B: now in the Genentech Hall atrium' topped her agenda, above her visit."""
    app = await App(tmp_path, lang="nl", now="2025-10-07T12:10:00-07:00").start("/agenda")
    try:
        assert "banner-lifesci-room" not in app.identifiers("banner-")
        assert "banner-nasa-passport" in app.identifiers("banner-")  # her own visit's word stays
    finally:
        await app.close()


async def test_news_that_is_not_urgent_leaves_the_banner_after_a_day(tmp_path: Path) -> None:
    evening = await App(tmp_path / "a", now="2025-10-05T22:00:00-07:00").start("/agenda")
    try:
        assert evening.identifiers("banner-") == ["banner-monday-coaches"]
        assert "+1" in evening.texts()  # and the welcome desk, of the same morning
    finally:
        await evening.close()
    later = await App(tmp_path / "b", now="2025-10-06T21:30:00-07:00").start("/agenda")
    try:
        assert "banner-monday-coaches" not in later.identifiers("banner-")
        await later.tap("announcements-link")
        assert "announcement-monday-coaches" in later.identifiers("announcement-")
    finally:
        await later.close()


def _urgent_for_everyone(root: Path) -> None:
    """Tuesday 15:30: an urgent word to the whole delegation, tied to no activity."""
    mission = json.loads(MISSION_BYTES)
    mission["announcements"].append(
        {
            "id": "flash-chm",
            "at": "2025-10-07T15:30:00-07:00",
            "urgency": "urgent",
            "audience": {"kind": "everyone"},
            "title": {
                "en": "Reception now at 17:00",
                "fr": "Réception à 17:00",
                "nl": "Receptie om 17:00",
            },
        }
    )
    store_unit(root, json.dumps(mission).encode(), etag='"v2"')


async def test_urgent_news_for_everyone_leaves_the_banner_after_a_day(tmp_path: Path) -> None:
    """It stayed on top until dismissed: on Wednesday evening Tuesday's 'Reception now at
    17:00' still topped My agenda, even for someone signing in for the first time then."""
    _urgent_for_everyone(tmp_path)
    app = await App(tmp_path, now="2025-10-08T15:00:00-07:00", origin=TEST_ORIGIN).start("/agenda")
    try:
        assert "banner-flash-chm" in app.identifiers("banner-")  # not yet a day old
        assert app.shell is not None
        due = app.shell.clock.due
        assert due is not None and due <= datetime.fromisoformat("2025-10-08T15:30:00-07:00")
        await app.time_passes("2025-10-08T15:30:05-07:00")
        assert "banner-flash-chm" not in app.identifiers("banner-")
        await app.tap("announcements-link")
        assert "announcement-flash-chm" in app.identifiers("announcement-")  # still listed
    finally:
        await app.close()


async def test_my_agenda_is_drawn_again_when_an_announcement_turns_a_day_old(
    tmp_path: Path,
) -> None:
    """Monday 13:15's note on the space B2B tables leaves the banner at Tuesday 13:15, during
    the NASA visit (13:00-15:00), when nothing else on My agenda is due."""
    app = await App(tmp_path, now="2025-10-07T13:05:00-07:00").start("/agenda")
    try:
        assert "banner-space-b2b-tables" in app.identifiers("banner-")
        assert app.shell is not None
        assert app.shell.clock.due == datetime.fromisoformat("2025-10-07T13:15:00-07:00")
        await app.time_passes("2025-10-07T13:15:05-07:00")
        assert "banner-space-b2b-tables" not in app.identifiers("banner-")
    finally:
        await app.close()


async def test_banner_urgent_stays_until_dismissed_others_go_once_read(tmp_path: Path) -> None:
    app = await App(tmp_path, now="2025-10-07T08:00:00-07:00").start("/agenda")
    try:
        assert app.identifiers("banner-") == ["banner-nasa-passport", "banner-space-b2b-tables"]
        # Sunday's two are over a day old: listed as unread, no longer on top
        assert not [t for t in app.texts() if t.startswith("+")]
        assert "Announcements (4 unread)" in app.text()
        await app.tap("announcements-link")
        assert app.identifiers("announcement-")[:2] == [
            "announcement-nasa-passport",
            "announcement-space-b2b-tables",
        ]
        assert "For those registered for “Visit: NASA Ames Research Center”" in app.text()
        assert "New" in app.texts()  # marked for this visit, read on arrival
        await app.go("/agenda")
        assert app.identifiers("banner-") == ["banner-nasa-passport"]  # urgent stays
        await app.tap("dismiss-nasa-passport")
        assert app.identifiers("banner-") == []
        assert "Announcements" in app.texts()
    finally:
        await app.close()
    again = await App(tmp_path, now="2025-10-07T08:00:00-07:00").start("/agenda")
    try:
        assert again.identifiers("banner-") == []  # read and dismissed survive a restart
    finally:
        await again.close()


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            [
                "Tonight's hotel",
                "Show this to your driver",
                "Nearest hospital",
            ],
        ),
        ("nl", ["Uw hotel vannacht", "Toon dit aan uw chauffeur"]),
        ("fr", ["Votre hôtel ce soir", "Montrez ceci à votre chauffeur"]),
    ],
)
async def test_safety_card_from_any_screen_in_each_language(
    tmp_path: Path, lang: Lang, words: list[str]
) -> None:
    app = await App(tmp_path, lang=lang, now=WEDNESDAY).start("/programme")
    try:
        await app.tap("safety-button")
        assert app.route == "/safety"
        text = app.text()
        assert all(w in text for w in words), text
        assert HOTEL_LA in text  # the LA leg starts tonight
        assert "Please take me to this address:" in text  # English for the driver, always
        assert app.has("hospital-saint-francis-sf")  # nearest to the Hilton, where the coach leaves
        await app.tap("call-911")
        assert app.platform.opened[-1] == "tel:911"
        await app.tap("call-duty")
        assert app.platform.opened[-1] == "tel:+14155550199"
        await app.tap("hospital-maps-saint-francis-sf")
        assert "google.com/maps" in app.platform.opened[-1]
    finally:
        await app.close()


@pytest.mark.parametrize(
    ("lang", "title", "hosts"),
    [
        ("en", "Directory", "Hosts"),
        ("fr", "Annuaire", "Organise"),  # 'Annuaire de la délégation' was cut at 360 px
        ("nl", "Delegatiegids", "Organiseert"),
    ],
)
async def test_directory_search_filter_and_company_links(
    tmp_path: Path, lang: Lang, title: str, hosts: str
) -> None:
    app = await App(tmp_path, lang=lang).start("/contacts")
    try:
        await app.tap("directory-link")
        assert title in app.texts() and len(app.identifiers("company-")) >= 40
        await app.tap("chip-sector-mobility")
        listed = app.identifiers("company-")
        assert "company-port-alliance" in listed and "company-celltx" not in listed
        await app.type_into("directory-search", "haven" if lang == "nl" else "port")
        assert "company-port-alliance" in app.identifiers("company-")
        assert "company-celltx" not in app.identifiers("company-")
        await app.tap("company-port-alliance")
        assert hosts in app.texts() and "Frank Verbeke" in app.text()
        await app.tap("hosted-thu-b2b-logistics")
        assert app.route == "/activity/thu-b2b-logistics"
    finally:
        await app.close()


@pytest.mark.parametrize(
    ("lang", "mark"),
    [
        ("en", "Illustrative"),
        ("fr", "d’illustration"),
        ("nl", "illustratie"),
    ],  # no-break spaces inside
)
async def test_made_up_companies_are_marked_in_the_readers_language(
    tmp_path: Path, lang: Lang, mark: str
) -> None:
    app = await App(tmp_path, lang=lang).start("/contacts")
    try:
        await app.tap("directory-link")
        listed = [i.removeprefix("company-") for i in app.identifiers("company-")]
        spans = [
            [c for c in walk(app.find(f"company-{x}")) if isinstance(c, ft.TextSpan)]
            for x in listed
        ]
        assert listed and all(len(s) == 1 and mark in str(s[0].text) for s in spans)
        assert "illustrative)" not in app.text() and mark in app.text()
        await app.tap("company-orbyt-aerospace")
        assert "Orbyt Aerospace" in app.texts()
        assert mark in app.text()
    finally:
        await app.close()


async def test_meeting_notes_are_saved_exported_and_survive_restart(tmp_path: Path) -> None:
    app = await App(tmp_path, lang="fr").start("/meeting/m-patel")
    try:
        await app.type_into("note-text", "Pilote de 3 unités", event="blur")
        await app.choose("note-outcome", "deal")
        await app.tap("note-follow-up-week")
        await app.tap("notes-csv")
        name, data, mime = app.platform.files[-1]
        assert (name, mime) == ("b2b-notes.csv", "text/csv")
        assert "Raj Patel" in data.decode("utf-8-sig") and ",deal,2025-10-17," in data.decode(
            "utf-8-sig"
        )
        await app.tap("notes-share")
        assert "Résultat\u00a0: Accord" in app.platform.shared[-1][0]
    finally:
        await app.close()
    again = await App(tmp_path, lang="fr").start("/meeting/m-patel")
    try:
        assert "Pilote de 3 unités" in again.text() and "17/10/2025" in again.text()
        await again.type_into("note-follow-up", "31/02/2025", event="submit")
        toasts = again.toasts()
        assert "Ce n’est pas une date\u00a0: utilisez jj/mm/aaaa, p.\u00a0ex. 20/10/2025." in toasts
        assert "17/10/2025" in again.text()  # the bad date is refused, the old one kept
    finally:
        await again.close()


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Leave by 08:05 from the O'Farrell St entrance of the Hilton — passport, badge"),
        (
            "nl",
            "Vertrek uiterlijk om 08:05 vanaf de ingang in O’Farrell St van het Hilton — paspoort",
        ),
        (
            "fr",
            "Partez au plus tard à 08:05 (départ\u00a0: l’entrée O’Farrell St du Hilton) "
            "— passeport",
        ),
    ],
)
async def test_now_next_card_says_when_to_leave(tmp_path: Path, lang: Lang, line: str) -> None:
    app = await App(tmp_path, lang=lang, now="2025-10-06T07:00:00-07:00").start("/agenda")
    try:
        assert app.has("leave-by")
        assert any(t.startswith(line) for t in app.texts()), app.texts()
    finally:
        await app.close()


@pytest.mark.parametrize(
    ("lang", "now", "line"),
    [
        (
            "nl",
            "2025-10-07T06:30:00-07:00",
            "Zorg dat u uiterlijk om 07:20 bij de ingang in O’Farrell St van het Hilton bent: de "
            "bus vertrekt om 07:30 — paspoort",
        ),
        (
            "fr",
            "2025-10-07T07:25:00-07:00",  # late for the organisers, the coach still there
            "Soyez au départ au plus tard à 07:20 (l’entrée O’Farrell St du Hilton)\u00a0: "
            "l’autocar part à 07:30 — passeport",
        ),
        (
            "en",
            "2025-10-06T21:00:00-07:00",
            "Tomorrow, be at the O'Farrell St entrance of the Hilton by 07:20: the coach leaves "
            "at 07:30",
        ),
    ],
)
async def test_a_coach_to_be_at_by_a_time_says_that_time_not_only_its_departure(
    tmp_path: Path, lang: Lang, now: str, line: str
) -> None:
    """The card said 'Leave by 07:30 from the O'Farrell St entrance' where the coach's page
    said 'Be there by 07:20': at 07:25 that read as five minutes to spare."""
    app = await App(tmp_path, lang=lang, now=now).start("/agenda")
    try:
        assert any(t.startswith(line) for t in app.texts()), app.texts()
    finally:
        await app.close()


def _moved_reception(root: Path, start: str) -> None:
    mission = json.loads(MISSION_BYTES)
    activity = next(a for a in mission["activities"] if a["id"] == "tue-chm-reception")
    old = activity["start"]
    activity["start"] = f"2025-10-07T{start}:00-07:00"
    mission["revision"] = 2
    field = FieldChange(field="start", old=old, new=activity["start"])
    change = Change(id="tue-chm-reception", kind="changed", revision=2, fields=(field,))
    _signed_in_over(root, mission, ChangeLog(changes={change.id: change}))


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "now overlaps your B2B with Sierra Photonics"),
        ("nl", "Overlapt nu met: uw B2B met"),
        ("fr", "Conflit d’horaire\u00a0: votre B2B avec"),
    ],
)
async def test_change_impact_shows_in_what_changed_and_on_items(
    tmp_path: Path, lang: Lang, words: str
) -> None:
    _moved_reception(tmp_path, "15:30")
    app = await App(tmp_path, lang, TUESDAY, origin=TEST_ORIGIN).start("/agenda")
    try:
        assert sum(words in t for t in app.texts()) == 2  # on the reception and on the B2B
        await app.go("/changes")
        assert any(words in t for t in app.texts())
    finally:
        await app.close()
    _moved_reception(tmp_path, "17:00")
    app = await App(tmp_path, lang, TUESDAY, origin=TEST_ORIGIN).start("/agenda")
    try:
        assert not any(words in t for t in app.texts())
    finally:
        await app.close()


@pytest.mark.parametrize(
    ("lang", "why"),
    [
        ("fr", "Cette fiche a peut-être été retirée."),
        ("nl", "Deze fiche werd mogelijk verwijderd."),
    ],
)
async def test_a_company_gone_from_the_directory_says_what_was_removed(
    tmp_path: Path, lang: Lang, why: str
) -> None:
    """Walk-through: 'Absent de l’annuaire. Elle a peut-être été retirée.' ('elle' of nothing
    on the screen)."""
    app = await App(tmp_path, lang=lang).start("/company/nowhere")
    try:
        assert why in app.texts()
    finally:
        await app.close()


async def test_an_announcement_posted_time_in_brussels_time_says_so(tmp_path: Path) -> None:
    """Walk-through: with Brussels time chosen, 'Tue 7 Oct 23:00 · For those registered for
    Gala dinner…' (posted at 14:00 in San Francisco) read as a time still to come, unlabelled,
    beside a title that says 'coaches at 18:45' in mission time."""
    app = await App(tmp_path).start("/announcements")
    try:
        await app.repo.update_settings(time_display="brussels")
        await app.go("/announcements")
        line = next(t for t in app.texts() if "For those registered for “Gala dinner" in t)
        assert line.startswith("Tue\u00a07\u00a0Oct 23:00 Brussels time · "), line
    finally:
        await app.close()


async def test_the_banner_title_wraps_rather_than_losing_its_point(tmp_path: Path) -> None:
    """Walk-through (FR, 390 px): 'B2B sciences du vivant : désormais dans l’atriu…': on one
    line the new room was cut off; the title now has two lines."""
    app = await App(tmp_path, lang="fr").start("/agenda")
    try:
        banners = [
            c
            for c in walk(app.page)
            if isinstance(c, ft.Semantics) and (c.identifier or "").startswith("banner-")
        ]
        assert banners
        titles = [t for b in banners for t in walk(b) if isinstance(t, ft.Text)]
        assert all(t.max_lines is None or t.max_lines >= 2 for t in titles)
    finally:
        await app.close()


async def test_the_now_next_card_says_its_item_changed(tmp_path: Path) -> None:
    """Walk-through: after a republish moved the next item, its row said 'Gewijzigd' but the
    card on top, the one a delegate reads first, did not."""
    _moved_reception(tmp_path, "16:50")
    app = await App(tmp_path, "nl", "2025-10-07T15:50:00-07:00", origin=TEST_ORIGIN).start()
    try:
        card = app.find("now-next")
        texts = [t.value for t in walk(card) if isinstance(t, ft.Text)]
        assert "Gewijzigd" in texts, texts
        assert any("Computer History Museum" in (t or "") for t in texts), texts
    finally:
        await app.close()


def _signed_in_over(root: Path, mission: dict[str, object], log: ChangeLog | None = None) -> None:
    """The demo delegate signed in over `mission` as synced (with its change log)."""
    store_unit(root, json.dumps(mission).encode(), etag='"v2"', changes=log)
    code = "abcdefghijklmnopqrstuvwxyz"
    store_unit(root, DELEGATE_BYTES, personal_name(code), etag='"p1"')
    settings = {"personal_code": code, "feed_url": TEST_ORIGIN}
    (root / "settings.json").write_text(
        json.dumps({"delegate_companion.settings": json.dumps(settings)}), encoding="utf-8"
    )


async def test_the_mission_countdown_card_carries_no_items_badge(tmp_path: Path) -> None:
    """Review: before the mission the card names the mission, yet it took the first item's
    'Changed' badge."""
    mission = json.loads(MISSION_BYTES)
    mission["revision"] = 2
    first = "sun-delegation-briefing"
    change = Change(id=first, kind="changed", revision=2, fields=())
    _signed_in_over(tmp_path, mission, ChangeLog(changes={first: change}))
    app = await App(tmp_path, "en", "2025-10-01T09:00:00-07:00", origin=TEST_ORIGIN).start()
    try:
        card = app.find("now-next")
        texts = [t.value for t in walk(card) if isinstance(t, ft.Text)]
        assert any("The mission starts in" in (t or "") for t in texts), texts
        assert "Changed" not in texts
    finally:
        await app.close()


async def test_a_cancelled_activity_says_nothing_about_its_coach(tmp_path: Path) -> None:
    """Review: the gala, cancelled, still said 'The coach leaves at 18:45'; its row on the
    offline page did not."""
    mission = json.loads(MISSION_BYTES)
    mission["revision"] = 2
    gala = next(a for a in mission["activities"] if a["id"] == "tue-gala-dinner")
    gala["state"] = "cancelled"
    _signed_in_over(tmp_path, mission)
    app = await App(tmp_path, "en", origin=TEST_ORIGIN).start("/activity/tue-gala-dinner")
    try:
        assert "Cancelled" in app.text()
        assert not app.has("practical-heading") and "The coach leaves" not in app.text()
    finally:
        await app.close()
