"""Text being typed survives a redraw: a sync landing mid-sentence never puts old text back."""

from __future__ import annotations

from pathlib import Path

import flet as ft
import pytest

from services.models import Lang
from tests.views.harness import App


def field(app: App, identifier: str) -> ft.TextField:
    control = app.find(identifier).content
    assert isinstance(control, ft.TextField)
    return control


async def redraw_as_a_sync_would(app: App) -> None:
    assert app.shell is not None
    app.shell.render()
    await app.settle()


async def test_meeting_notes_being_typed_survive_a_redraw_and_save_on_blur(
    tmp_path: Path,
) -> None:
    app = await App(tmp_path, lang="nl").start("/meeting/m-patel")
    try:
        await app.type_into("note-text", "Pilot met 3 eenheden, offerte", event="change")
        await app.type_into("note-follow-up", "20/10/2025", event="change")
        await redraw_as_a_sync_would(app)
        assert field(app, "note-text").value == "Pilot met 3 eenheden, offerte"
        assert field(app, "note-follow-up").value == "20/10/2025"
        await app.fire(field(app, "note-text"), "blur")
        assert app.shell is not None and app.shell.ctx.state.drafts == {}
        await redraw_as_a_sync_would(app)
        assert field(app, "note-text").value == "Pilot met 3 eenheden, offerte"  # saved
        assert field(app, "note-follow-up").value == "20/10/2025"  # saved, shown the Belgian way
    finally:
        await app.close()


@pytest.mark.parametrize(
    ("route", "lang", "identifier", "text"),
    [
        ("/settings", "en", "code-field", "ab12-cd34"),  # a personal code
        ("/directory", "fr", "directory-search", "port"),  # a directory search
    ],
)
async def test_a_field_being_typed_survives_a_redraw(
    tmp_path: Path, route: str, lang: Lang, identifier: str, text: str
) -> None:
    app = await App(tmp_path, lang=lang).start(route)
    try:
        await app.type_into(identifier, text, event="change")
        await redraw_as_a_sync_would(app)
        assert field(app, identifier).value == text
    finally:
        await app.close()


@pytest.mark.parametrize(
    ("route", "identifier", "text"),
    [
        ("/programme", "programme-search", "semin"),  # the programme's search
        ("/meeting/m-patel", "note-text", "Pilot met 3"),  # a private note (a draft field)
        ("/mycard", "card-phone", "+32 470 12 34 56"),  # My card
    ],
)
async def test_text_whose_change_handler_has_not_run_survives_a_redraw(
    tmp_path: Path, route: str, identifier: str, text: str
) -> None:
    """Flet sets the text the moment the device sends it and runs the change handler later, as
    a task: a redraw in between (a sync landing, the search's pause) drew the last handled text
    and sent it back over the field; typing 'semin', a pause, then 'aire' gave 'aire'."""
    app = await App(tmp_path, lang="nl").start(route)
    try:
        app.client_sets(field(app, identifier), value=text)  # no change event handled yet
        await redraw_as_a_sync_would(app)
        assert field(app, identifier).value == text
        await redraw_as_a_sync_would(app)  # and again, still with no change handled
        assert field(app, identifier).value == text
    finally:
        await app.close()


async def test_cleared_search_stays_cleared_after_the_text_the_device_held(tmp_path: Path) -> None:
    app = await App(tmp_path, lang="en").start("/programme")
    try:
        await app.type_into("programme-search", "seminar", event="change")
        await redraw_as_a_sync_would(app)
        assert field(app, "programme-search").value == "seminar"
        await app.tap("clear-search")
        assert field(app, "programme-search").value == ""
        await redraw_as_a_sync_would(app)
        assert field(app, "programme-search").value == ""
    finally:
        await app.close()
