"""Activity, venue, meeting, contacts, settings and about screens."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import flet as ft
import pytest

from services.changes import Change, ChangeLog, FieldChange
from services.i18n import Translator
from services.keyvalue import FileKeyValue
from services.models import Lang
from services.store import FeedStore, namespace_for, personal_name
from tests.conftest import DELEGATE_BYTES, MISSION_BYTES, TEST_ORIGIN, store_unit
from tests.views.harness import App, sign_in_as, walk
from views.settings import zone_note

CODE = "d" * 26


async def test_the_activity_page_says_the_coach_has_left_once_it_has(tmp_path: Path) -> None:
    """At 19:05 the gala's 'Before you go' still said 'The coach leaves at 18:45 from the
    Hilton', while My agenda said it had left: drawn again at 18:45, it says so too."""
    app = await App(tmp_path, lang="fr", now="2025-10-07T18:40:00-07:00").start(
        "/activity/tue-gala-dinner"
    )
    try:
        leaves = [t for t in app.texts() if t.startswith("L’autocar part à 18:45")]
        assert leaves and "l’entrée O’Farrell St du Hilton" in leaves[0]
        await app.time_passes("2025-10-07T18:45:05-07:00")
        assert "L’autocar est parti à 18:45" in app.texts()
        assert not [t for t in app.texts() if t.startswith("L’autocar part")]
    finally:
        await app.close()


async def test_a_meeting_page_warns_of_its_tight_transfer_and_overlap(tmp_path: Path) -> None:
    """My agenda's row warned of the way from NASA Ames to Raj Patel's table, and of Jennifer
    Liu's meeting running into the signing; each meeting's own page said nothing of either."""
    app = await App(tmp_path, lang="nl", now="2025-10-07T13:55:00-07:00").start("/meeting/m-patel")
    try:
        assert (
            "Krappe verplaatsing: 15 min na Bezoek: NASA Ames Research Center, ongeveer 36 min "
            "nodig" in app.texts()
        )
        await app.go("/meeting/m-liu")
        assert "Overlapt met Ondertekening van handels- en samenwerkingsakkoorden" in app.texts()
    finally:
        await app.close()


async def test_activity_shows_time_venue_people_and_actions(app: App) -> None:
    await app.go("/activity/tue-mou-signing")
    text = app.text()
    assert "Meeting with Governor Gavin Newsom" in text
    assert "Tuesday 7 October, 10:00–11:00" in text
    assert "Fairmont San Francisco" in text and "950 Mason St" in text
    assert "Gavin Newsom" in text and "Governor of California" in text
    await app.tap("open-maps-fairmont-sf")
    assert app.platform.opened[-1].startswith("https://www.google.com/maps/search/")
    await app.tap("add-to-calendar")
    name, data, mime = app.platform.files[-1]
    assert name == "tue-mou-signing.ics" and mime == "text/calendar"
    assert b"DTSTART;TZID=America/Los_Angeles:20251007T100000" in data
    await app.tap("share-activity")
    assert "Fairmont San Francisco" in app.platform.shared[-1][0]


async def test_activity_brussels_time_on_demand(app: App) -> None:
    await app.go("/activity/tue-mou-signing")
    assert "Brussels time: Tuesday 7 October, 19:00–20:00" not in app.text()
    button = next(c for c in app.controls() if getattr(c, "content", None) == "Show Brussels time")
    await app.fire(button, "click")
    assert "Brussels time: Tuesday 7 October, 19:00–20:00" in app.text()


async def test_meeting_says_call_and_e_mail_beside_the_counterparts_number_and_address(
    app: App,
) -> None:
    """A bare number and address under 'Reach Raj Patel': a screen reader read '+1 408-555-
    0182' with no word of what a tap does, unlike every number on Contacts."""
    await app.go("/meeting/m-patel")
    assert "Call +1 408-555-0182" in app.text()
    assert "E-mail raj.patel@example.com" in app.text()


async def test_meeting_brussels_time_on_demand(app: App) -> None:
    """A B2B set for 16:00 in San Francisco: its page offers the other zone as an activity's
    does (it had no switch: in Brussels time, the local hour agreed with the counterpart was
    only in Settings)."""
    await app.go("/meeting/m-whitfield")  # Monday 16:00 in San Francisco
    assert "Brussels time: Tuesday 7 October, 01:00–01:30" not in app.texts()
    await app.tap("toggle-zone")
    assert "Brussels time: Tuesday 7 October, 01:00–01:30" in app.texts()
    await app.repo.update_settings(time_display="brussels")
    await app.go("/meeting/m-whitfield")
    assert "Mission time: Monday 6 October, 16:00–16:30" in app.texts()


async def test_activity_brussels_time_past_midnight_says_the_day_it_ends(app: App) -> None:
    await app.go("/activity/tue-startup-pitch")  # 13:30–15:30 in San Francisco
    await app.tap("toggle-zone")
    assert "Brussels time: Tuesday 7 October, 22:30–00:30 (Wed\u00a08\u00a0Oct)" in app.texts()


async def test_changed_activity_banner_shows_old_and_new_then_clears(tmp_path: Path) -> None:
    log = ChangeLog(
        changes={
            "tue-nasa-ames": Change(
                id="tue-nasa-ames",
                kind="changed",
                revision=2,
                fields=(
                    FieldChange(
                        field="start",
                        old="2025-10-07T12:30:00-07:00",
                        new="2025-10-07T13:00:00-07:00",
                    ),
                    FieldChange(field="room", old="Main gate", new="Visitor badging office"),
                ),
            )
        }
    )
    store_unit(tmp_path, MISSION_BYTES, changes=log)
    app = await App(tmp_path, origin=TEST_ORIGIN).start("/agenda")
    try:
        assert "Changed" in app.texts()
        await app.tap("row-tue-nasa-ames")
        text = app.text()
        assert "Changed by the organisers" in text and "Time: 12:30 → 13:00" in text
        assert "Room: Main gate → Visitor badging office" in text
        await app.go("/agenda")
        assert "Changed" not in app.texts()
    finally:
        await app.close()


async def test_venue_screen_lists_activities_there(app: App) -> None:
    await app.go("/venue/santa-clara-cc")
    bar = app.page.views[-1].appbar
    assert isinstance(bar, ft.AppBar)  # its name was the title, cut: 'Santa Clara Conve…'
    assert next(c.value for c in walk(bar.title) if isinstance(c, ft.Text)) == "Venue"
    assert "Santa Clara Convention Center" in app.texts()  # in full, atop the card
    await app.go("/venue/moscone-center")
    assert "747 Howard St" in app.text()
    assert app.has("venue-activity-mon-ai-seminar")


async def test_venue_screen_lists_my_own_meetings_there(tmp_path: Path) -> None:
    """A private B2B meeting is not a mission activity: the venue page names it all the same."""
    app = await App(tmp_path, lang="nl").start("/venue/moscone-center")
    try:
        assert "Mijn B2B-afspraken hier" in app.texts()
        assert app.identifiers("venue-meeting-") == ["venue-meeting-m-whitfield"]
        assert "B2B met Dana Whitfield" in app.texts()
        await app.tap("venue-meeting-m-whitfield")
        assert app.route == "/meeting/m-whitfield"
        await app.repo.update_settings(time_display="brussels")
        await app.go("/venue/moscone-center")  # Monday 16:00 in San Francisco
        assert "dinsdag 7 oktober, 01:00–01:30 Brusselse tijd" in app.texts()
        await app.go("/venue/hilton-union-square")  # no meeting of hers there
        assert not app.identifiers("venue-meeting-") and "Mijn B2B-afspraken hier" not in app.text()
    finally:
        await app.close()


async def test_map_numbers_the_days_stops_in_agenda_order(app: App) -> None:
    await app.tab(2)
    assert app.route == "/map"
    assert app.identifiers("stop-")[:3] == ["stop-1", "stop-2", "stop-3"]
    assert "1. Hilton San Francisco Union Square" in app.text()
    assert "km from the previous stop" in app.text()
    await app.tap("day-2025-10-09")
    assert app.route == "/map/2025-10-09"


async def test_contacts_are_grouped_and_dial(app: App) -> None:
    await app.tab(3)
    groups = app.identifiers("contacts-")
    assert groups == [
        "contacts-mine",  # the liaison officer and B2B counterparts come first
        "contacts-organiser",
        "contacts-press",
        "contacts-consular",
        "contacts-emergency",
    ]
    assert "+32 471 44 06 04" in app.text()
    await app.tap("call-pierre-steverlynck-Mobile")
    assert app.platform.opened[-1] == "tel:+32471440604"
    await app.tap("mail-pierre-steverlynck")
    assert app.platform.opened[-1] == "mailto:pierre.steverlynck@diplobel.fed.be"
    assert "Pieter Van den Broeck" in app.text()


async def test_settings_language_switch_keeps_route_and_filters(app: App) -> None:
    await app.go("/programme")
    await app.tap("programme-filters")
    await app.tap("chip-sector-lifesci")
    await app.go("/settings")
    await app.choose("setting-language", "nl")
    assert app.repo.settings.language == "nl" and app.shell is not None
    assert app.shell.ctx.tr.lang == "nl"
    await app.go("/programme")
    assert app.route == "/programme"
    assert app.shell is not None and app.shell.ctx.state.programme.sectors == {"lifesci"}


async def test_settings_time_display_changes_agenda_times(app: App) -> None:
    await app.go("/settings")
    await app.choose("setting-time", "brussels")
    await app.go("/agenda/2025-10-07")  # at 00:40 in Brussels My agenda opens on Wednesday
    assert app.repo.settings.time_display == "brussels"
    # NASA Ames, 13:00–15:00 in San Francisco, labelled as Brussels time
    assert "22:00–00:00 Brussels time" in app.texts()


async def test_about_shows_facts_and_illustrative_notice(app: App) -> None:
    await app.go("/about")
    text = app.text()
    assert app.has("sample-notice") and "Illustrative" in text
    assert "5–10 October 2025" in text
    assert "FPS Foreign Affairs announcement" in text and "news report of" in text
    assert "$3.3 billion" in text and "4,300" in text


async def test_routes_and_navigation_bar_agree(app: App) -> None:
    import flet as ft

    expected = ["/agenda", "/programme", "/map", "/contacts", "/settings"]
    for index, route in enumerate(expected):
        await app.tab(index)
        assert app.route == route
        bar = app.page.views[-1].navigation_bar
        assert isinstance(bar, ft.NavigationBar) and bar.selected_index == index
    for deep, tab in [
        ("/activity/thu-jpl", 1),
        ("/venue/jpl", 2),
        ("/meeting/m-liu", 0),
        ("/about", 4),
        ("/agenda/2025-10-06", 0),
        ("/nonsense/x", 0),
    ]:
        await app.go(deep)
        bar = app.page.views[-1].navigation_bar
        assert isinstance(bar, ft.NavigationBar) and bar.selected_index == tab, deep
    await app.go("/agenda/2025-10-07")
    await app.tap("row-tue-nasa-ames")
    assert app.route == "/activity/tue-nasa-ames"
    bar = app.page.views[-1].navigation_bar
    assert isinstance(bar, ft.NavigationBar) and bar.selected_index == 0, "opened from My agenda"


async def test_late_route_echo_does_not_pull_the_person_back(app: App) -> None:
    import flet as ft

    assert app.shell is not None
    app.shell.routes.navigate("/venue/jpl")  # as a tap does: shown now, pushed to the client
    await app.settle()
    await app.tab(3)  # Contacts; meanwhile the client echoes earlier pushes
    for echo in ("/venue/jpl", "/contacts"):
        app.shell.routes.changed(
            ft.RouteChangeEvent(name="route_change", control=app.page, route=echo)
        )
    await app.settle()
    assert app.route == "/contacts"
    app.shell.routes.changed(
        ft.RouteChangeEvent(name="route_change", control=app.page, route="/activity/thu-jpl")
    )
    assert app.route == "/activity/thu-jpl"  # a real deep link or Back still applies


async def test_read_marks_stored_before_seen_own_existed_still_hold(tmp_path: Path) -> None:
    """Settings from an older version: `seen` held the newest change of either document. A
    change of her own that was read then stays read; one published after it is marked."""
    await sign_in_as(tmp_path, CODE, ["mon-energy-seminar"])
    own = ChangeLog(
        changes={"mon-energy-seminar": Change(id="mon-energy-seminar", kind="new", revision=2)}
    )
    doc = FeedStore(tmp_path).load(namespace_for(TEST_ORIGIN), personal_name(CODE))
    assert doc is not None
    store_unit(tmp_path, doc.data, personal_name(CODE), etag='"p1"', changes=own)
    kv = FileKeyValue(tmp_path / "settings.json")
    stored = json.loads(await kv.get("delegate_companion.settings") or "{}")
    for seen, marked in ((2, False), (1, True)):
        await kv.set(
            "delegate_companion.settings",
            json.dumps({**stored, "seen": {"mon-energy-seminar": seen}}),
        )
        app = await App(tmp_path, origin=TEST_ORIGIN).start("/agenda")
        try:
            assert (app.repo.change_for("mon-energy-seminar") is not None) is marked, seen
        finally:
            await app.close()


async def test_opening_an_item_shows_every_change_it_reads(tmp_path: Path) -> None:
    """New on her agenda (her document) and moved since (the programme): opening the activity
    reads both, so its screen says both, also after a redraw."""
    seminar = "mon-energy-seminar"
    await sign_in_as(tmp_path, CODE, [seminar])
    doc = FeedStore(tmp_path).load(namespace_for(TEST_ORIGIN), personal_name(CODE))
    assert doc is not None
    own = ChangeLog(changes={seminar: Change(id=seminar, kind="new", revision=2)})
    store_unit(tmp_path, doc.data, personal_name(CODE), etag='"p1"', changes=own)
    moved = FieldChange(field="room", old="Room 1", new="Room 9")
    shared = Change(id=seminar, kind="changed", revision=3, fields=(moved,))
    store_unit(tmp_path, MISSION_BYTES, changes=ChangeLog(changes={seminar: shared}))
    app = await App(tmp_path, origin=TEST_ORIGIN).start(f"/activity/{seminar}")
    try:
        await app.settle()
        assert app.repo.change_for(seminar) is None  # opened: both read
        for _ in range(2):
            banner = "\n".join(t for t in app.texts() if t in ("New in the programme", "Room 9"))
            assert "New in the programme" in banner and "Room 9" in banner
            await app.tap("toggle-zone")  # a redraw keeps what it read
    finally:
        await app.close()


def store_cancelled(tmp_path: Path, activity_id: str) -> None:
    """The next revision of the mission, with `activity_id` cancelled, as a sync stores it."""
    doc = json.loads(MISSION_BYTES)
    doc["revision"] += 1
    next(a for a in doc["activities"] if a["id"] == activity_id)["state"] = "cancelled"
    store_unit(tmp_path, json.dumps(doc).encode())


async def test_cancelled_activity_offers_no_calendar_nor_registration_and_shares_it(
    tmp_path: Path,
) -> None:
    await sign_in_as(tmp_path, CODE, ["tue-nasa-ames"])
    store_cancelled(tmp_path, "tue-nasa-ames")
    app = await App(tmp_path, origin=TEST_ORIGIN).start("/activity/tue-nasa-ames")
    try:
        assert "Cancelled by the organisers" in app.text()
        assert "You are registered" not in app.text()  # not for what no longer takes place
        assert not app.has("add-to-calendar")
        await app.tap("share-activity")
        text = app.platform.shared[-1][0]
        assert text.splitlines()[:2] == [
            "Visit: NASA Ames Research Center",
            "Cancelled by the organisers",
        ]
    finally:
        await app.close()


async def test_venue_and_host_list_a_cancelled_activity_as_cancelled_and_dim_what_is_over(
    tmp_path: Path,
) -> None:
    """Walk-through: the Moscone Center page (and its host's page) listed the cancelled space
    B2B like any other."""
    store_cancelled(tmp_path, "wed-b2b-space")
    app = await App(tmp_path, origin=TEST_ORIGIN).start("/venue/moscone-center")
    try:

        def shown(identifier: str) -> tuple[list[str], float | None]:
            controls = list(walk(app.find(identifier)))
            texts = [c.value for c in controls if isinstance(c, ft.Text) and c.value]
            column = next(c for c in controls if isinstance(c, ft.Column))
            return [str(t) for t in texts], column.opacity

        texts, _ = shown("venue-activity-wed-b2b-space")
        assert texts[0] == "Cancelled" and "B2B: space and defence" in texts
        texts, opacity = shown("venue-activity-mon-ai-seminar")  # Monday: over on Tuesday
        assert "Cancelled" not in texts and opacity is not None and opacity < 1
        await app.go("/company/belgian-space-federation")  # it hosts the cancelled B2B
        texts, _ = shown("hosted-wed-b2b-space")
        assert texts[0] == "Cancelled" and "B2B: space and defence" in texts
    finally:
        await app.close()


async def test_company_meeting_time_in_brussels_says_brussels_time(tmp_path: Path) -> None:
    """'My B2B meetings with them' labels a Brussels time as the rest of the app does: a bare
    '01:00–01:30' was read as a time in San Francisco."""
    doc = json.loads(DELEGATE_BYTES)
    whitfield = next(m for m in doc["meetings"] if m["id"] == "m-whitfield")  # Mon 16:00
    whitfield["company"] = "Belgian Space & Defence Federation"  # a directory entry
    store_unit(tmp_path, MISSION_BYTES)
    store_unit(tmp_path, json.dumps(doc).encode(), personal_name(CODE), etag='"p1"')
    settings = {"personal_code": CODE, "feed_url": TEST_ORIGIN, "time_display": "brussels"}
    await FileKeyValue(tmp_path / "settings.json").set(
        "delegate_companion.settings", json.dumps(settings)
    )
    app = await App(tmp_path, lang="nl", origin=TEST_ORIGIN).start(
        "/company/belgian-space-federation"
    )
    try:
        assert app.identifiers("company-meeting-") == ["company-meeting-m-whitfield"]
        assert "dinsdag 7 oktober, 01:00–01:30 Brusselse tijd" in app.texts()
        await app.repo.update_settings(time_display="mission")
        await app.go("/company/belgian-space-federation")
        assert "maandag 6 oktober, 16:00–16:30" in app.texts()  # mission time: no label
    finally:
        await app.close()


async def test_activity_in_brussels_time_is_headed_with_its_brussels_day(tmp_path: Path) -> None:
    """The CHM reception (Tuesday 16:30 in California) is on Wednesday in Brussels: My agenda
    lists it under Wednesday and 'When' says Wednesday, but the top said Tuesday."""
    app = await App(tmp_path).start("/activity/tue-chm-reception")
    try:
        assert "Tuesday 7 October" in app.texts()
        await app.repo.update_settings(time_display="brussels")
        await app.go("/activity/tue-chm-reception")
        assert "Wednesday 8 October" in app.texts()  # the top, as the list and 'When'
        assert "Tuesday 7 October" not in app.texts()
    finally:
        await app.close()


async def test_meeting_text_in_one_language_is_shown_marked_in_another(tmp_path: Path) -> None:
    """A meeting's place and notes read in the app's language where the organisers wrote it;
    notes written only in Dutch still show in French, marked as not translated, and an older
    feed's plain-string place is taken as the same in every language."""
    doc = json.loads(DELEGATE_BYTES)
    patel = next(m for m in doc["meetings"] if m["id"] == "m-patel")
    patel["location"] = "Mission City Ballroom, table 9"  # an older feed: one plain string
    patel["notes"] = {"nl": "Opvolging van de testresultaten."}
    store_unit(tmp_path, MISSION_BYTES)
    store_unit(tmp_path, json.dumps(doc).encode(), personal_name(CODE), etag='"p1"')
    settings = {"personal_code": CODE, "feed_url": TEST_ORIGIN}
    await FileKeyValue(tmp_path / "settings.json").set(
        "delegate_companion.settings", json.dumps(settings)
    )
    app = await App(tmp_path, lang="fr", origin=TEST_ORIGIN).start("/meeting/m-patel")
    try:
        texts = app.texts()
        assert "Mission City Ballroom, table 9" in texts
        assert "Opvolging van de testresultaten." in texts
        assert "(non traduit, affiché en néerlandais)" in texts
        await app.go("/meeting/m-whitfield")  # written in French too: no mark
        texts = app.texts()
        assert "Apportez les échantillons des panneaux thermiques." in texts
        assert not any(t.startswith("(non traduit") for t in texts)
    finally:
        await app.close()


async def test_activity_says_add_to_my_agenda_in_words_not_a_bare_icon(app: App) -> None:
    """Walk-through: the activity's own page offered its main action as an unlabelled bookmark
    icon (its name only in a tooltip, which a phone never shows)."""
    await app.go("/activity/tue-startup-pitch")
    button = app.wrapped("bookmark-tue-startup-pitch", ft.OutlinedButton)
    assert button.content == "Add to my agenda"
    await app.tap("bookmark-tue-startup-pitch")
    assert app.wrapped("bookmark-tue-startup-pitch", ft.OutlinedButton).content == (
        "Remove from my agenda"
    )


async def test_activity_by_invitation_says_so_under_it_not_a_bare_lock(app: App) -> None:
    """Walk-through: an invitation-only activity ended on a lone padlock above Share."""
    await app.go("/activity/tue-mou-signing")
    line = app.find("invitation-only")
    texts = [c.value for c in walk(line) if isinstance(c, ft.Text)]
    assert texts == ["Invitation only: the organisers put it on the agenda of those invited."]


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("en", "Mission time: Pacific Time (Los Angeles), 9 hours behind Brussels."),
        (
            "fr",
            "Heure de la mission\u00a0: heure du Pacifique nord-américain (Los Angeles), "
            "9\u00a0heures de moins qu’à Bruxelles.",
        ),
        ("nl", "Missietijd: Pacific-tijd (Los Angeles), 9 uur vroeger dan in Brussel."),
    ],
)
async def test_settings_say_which_zone_mission_time_is(
    tmp_path: Path, lang: Lang, note: str
) -> None:
    """Walk-through: Settings offered 'Mission time' or 'Brussels time' and no screen of the
    live app named the mission's zone: a delegate preparing in Brussels could not tell whether
    15:45 was local time or theirs."""
    app = await App(tmp_path, lang=lang).start("/settings")
    try:
        assert app.wrapped("time-zone-note", ft.Text).value == note
    finally:
        await app.close()


async def test_settings_give_the_missions_gap_when_prepared_in_late_march(
    tmp_path: Path,
) -> None:
    """On 20 March California has moved its clocks and Brussels has not (8 hours apart that
    day); the October mission's times are 9 hours apart, and so says the note."""
    app = await App(tmp_path, now="2026-03-20T10:00:00+01:00").start("/settings")
    try:
        note = app.wrapped("time-zone-note", ft.Text).value
        assert note == "Mission time: Pacific Time (Los Angeles), 9 hours behind Brussels."
    finally:
        await app.close()


def test_zone_note_says_ahead_or_nothing_when_the_zones_agree() -> None:
    day = date(2025, 10, 7)
    assert zone_note(Translator("en"), ZoneInfo("Asia/Tokyo"), day) == (
        "Mission time: Japan Time (Tokyo), 7 hours ahead of Brussels."
    )
    assert zone_note(Translator("en"), ZoneInfo("Europe/Paris"), day) == (
        "Mission time: Central European Time (Paris), as in Brussels."
    )


def test_zone_note_gives_the_gap_on_the_missions_first_day() -> None:
    """America moves its clocks in mid-March and early November, Europe at the end of March
    and October: the gap is the one the mission's times are shown with, not today's."""
    la = ZoneInfo("America/Los_Angeles")
    assert "9 hours behind" in zone_note(Translator("en"), la, date(2025, 10, 5))
    assert "8 hours behind" in zone_note(Translator("en"), la, date(2026, 3, 20))


@pytest.mark.parametrize(
    ("lang", "room", "named"),
    [
        ("en", "Room 400", "Room: Grand Ballroom"),
        ("fr", "Salle 400", "Salle\u00a0: Grand Ballroom"),
    ],
)
async def test_activity_room_is_not_announced_twice(
    tmp_path: Path, lang: Lang, room: str, named: str
) -> None:
    """Walk-through: 'Salle : Salle 400' and 'Room: Room 400' (the room's own name already says
    what it is); a room with a name of its own keeps its label."""
    app = await App(tmp_path, lang=lang).start("/activity/wed-climate-roundtable")
    try:
        assert room in app.texts()
        await app.go("/activity/tue-mou-signing")
        assert named in app.texts()
    finally:
        await app.close()


async def test_an_activity_says_what_to_do_before_going(tmp_path: Path) -> None:
    """Walk-through: the gala's page never said that the doors close 20 minutes early for the
    security check, nor to bring a passport and the invitation; only the Now/Next card had a
    short line, and only for the next item."""
    app = await App(tmp_path, lang="nl").start("/activity/tue-gala-dinner")
    try:
        assert app.find("practical-heading")
        coach = "De bus vertrekt om 18:45 vanaf de ingang in O’Farrell St van het Hilton"
        assert coach in app.text()
        assert "de deuren sluiten 20 minuten voor de start" in app.text()
        assert "Meebrengen: paspoort, badge, uitnodiging" in app.text()
        await app.go("/activity/tue-stanford-medtech")  # no logistics: no empty heading
        assert "Voor u vertrekt" not in app.text()
    finally:
        await app.close()
