"""Settings' calendar and card sections, the My card form, the QR screen, and Add to calendar on a
B2B meeting: driven through the real shell."""

from __future__ import annotations

import io
import json
from pathlib import Path

import flet as ft
import pytest
import vobject
import zxingcpp
from icalendar import Component
from PIL import Image

from services.keyvalue import FileKeyValue
from tests.conftest import TEST_ORIGIN
from tests.views.harness import App, sign_in_as

CODE = "c" * 26

CODE = "abcdefghijklmnopqrstuvwxyz"


async def test_settings_demo_offers_export_but_no_subscription(app: App) -> None:
    await app.go("/settings")
    assert app.has("export-agenda") and not app.has("subscribe-calendar")
    await app.tap("export-agenda")
    name, data, mime = app.platform.files[-1]
    assert (name, mime) == ("my-agenda.ics", "text/calendar")
    cal = vobject.readOne(data.decode("utf-8"))
    assert len(cal.vevent_list) == len(app.repo.agenda()) and cal.vtimezone


async def test_settings_signed_in_subscribes_with_a_webcal_link(tmp_path: Path) -> None:
    await sign_in_as(tmp_path, CODE, ["mon-lunch"])
    app = await App(tmp_path, origin=TEST_ORIGIN).start("/settings")
    try:
        await app.tap("subscribe-calendar")
        host = TEST_ORIGIN.split("://", 1)[1]
        assert app.platform.opened[-1] == f"webcal://{host}delegates/{CODE}.ics"
        await app.tap("copy-calendar-link")
        assert app.platform.copied[-1] == app.platform.opened[-1]
        # where webcal:// opens nothing, the button looked dead: the section says what to do
        assert any(t.startswith("If no calendar opens") for t in app.texts())
    finally:
        await app.close()


async def test_my_card_form_refuses_bad_input_then_saves_on_the_device(app: App) -> None:
    await app.go("/settings")
    await app.tap("edit-my-card")
    assert app.route == "/mycard"
    await app.type_into("card-given", "Françoise", "change")
    await app.type_into("card-family", "Van den Berghe", "change")
    await app.type_into("card-phone", "12345", "change")
    await app.tap("save-my-card")
    phone = app.find("card-phone").content
    assert isinstance(phone, ft.TextField) and phone.error and app.repo.settings.my_card is None
    await app.type_into("card-phone", "0471 44 06 04", "change")
    await app.type_into("card-company", "Orbyt Aerospace", "change")
    await app.tap("save-my-card")
    assert app.route == "/settings"
    saved = app.repo.settings.my_card
    assert saved is not None and saved.phone == "+32471440604"
    stored = await FileKeyValue(app.root / "settings.json").get("delegate_companion.settings")
    assert stored is not None and json.loads(stored)["my_card"]["given"] == "Françoise"
    assert "Françoise Van den Berghe" in app.text()
    await app.tap("share-my-card")
    name, data, mime = app.platform.files[-1]
    card = Component.from_ical(data)
    assert (name, mime) == ("my-card.vcf", "text/vcard") and str(card["FN"]) == saved.name


async def test_qr_screen_is_full_screen_and_decodes_to_my_vcard(app: App) -> None:
    await app.go("/myqr")
    assert "No card yet" in app.text()
    await app.go("/mycard")
    # the demo agenda's Lotte is not the person holding the phone
    assert app.wrapped("card-given", ft.TextField).value == ""
    await app.type_into("card-given", "Sébastien", "change")
    await app.type_into("card-email", "seb@example.be", "change")
    await app.tap("save-my-card")
    await app.tap("show-my-qr")
    view = app.page.views[-1]
    assert app.route == "/myqr" and view.navigation_bar is None and view.bgcolor == ft.Colors.WHITE
    image = app.find("my-qr").content
    assert isinstance(image, ft.Image) and isinstance(image.src, bytes)
    with Image.open(io.BytesIO(image.src)) as png:
        found = zxingcpp.read_barcode(png.convert("L"))
    assert found is not None
    card = vobject.readOne(found.text)
    assert card.fn.value == "Sébastien" and card.email.value == "seb@example.be"


async def test_my_card_starts_from_the_invitation_and_forgets_it_at_sign_out(
    tmp_path: Path,
) -> None:
    await sign_in_as(tmp_path, CODE, [], sample=False)
    app = await App(tmp_path, origin=TEST_ORIGIN).start("/mycard")
    try:
        keys = ("given", "family", "company")
        values = {k: app.wrapped(f"card-{k}", ft.TextField).value for k in keys}
        assert values == {"given": "Test", "family": "Delegate", "company": "Orbyt Aerospace"}
        await app.type_into("card-role", "CEO", "change")  # typed, not saved
        assert app.shell is not None
        app.shell.sign_in(None, confirmed=True)  # signed out: the next person must not find it
        await app.settle()
        await app.go("/mycard")
        assert app.wrapped("card-role", ft.TextField).value == ""
        assert app.wrapped("card-given", ft.TextField).value == ""
    finally:
        await app.close()


async def test_meeting_add_to_calendar_has_its_leave_by_reminder(app: App) -> None:
    await app.go("/meeting/m-patel")
    await app.tap("add-to-calendar")
    name, data, mime = app.platform.files[-1]
    assert (name, mime) == ("m-patel.ics", "text/calendar")
    event = vobject.readOne(data.decode("utf-8")).vevent
    assert event.uid.value.startswith("m-patel@") and event.summary.value.startswith("B2B: Raj")
    assert event.valarm.description.value.startswith("Time to leave for Santa Clara Convention")


@pytest.mark.parametrize(
    ("route", "field"), [("/mycard", "card-given"), ("/meeting/m-patel", "note-text")]
)
async def test_typing_fields_span_the_screen(app: App, route: str, field: str) -> None:
    """Walk-through: My card's fields and a meeting's notes were drawn 300 px wide, a column of
    boxes stopping 60 px short of the edge on a 390 px phone (Flet's width for a text field that
    its Column does not stretch)."""
    await app.go(route)
    target = app.find(field)
    column = next(c for c in app.controls() if isinstance(c, ft.Column) and target in c.controls)
    assert column.horizontal_alignment == ft.CrossAxisAlignment.STRETCH
