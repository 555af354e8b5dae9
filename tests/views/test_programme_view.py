"""Programme: filters, accent-blind search, bookmarks that persist, invite-only activities."""

from __future__ import annotations

import errno
from pathlib import Path

import flet as ft
import pytest

from services.models import Lang
from tests.views.harness import App, walk


async def test_programme_opens_on_the_current_day(app: App) -> None:
    await app.tab(1)
    assert app.route == "/programme"
    assert "17 activities" in app.text()
    assert app.has("row-tue-mou-signing") and not app.has("row-mon-opening-seminar")


async def test_day_chip_switches_day(app: App) -> None:
    await app.go("/programme")
    await app.tap("chip-day-2025-10-09")
    assert app.has("row-thu-sofi") and not app.has("row-tue-mou-signing")


async def test_city_sector_and_kind_chips_combine(app: App) -> None:
    await app.go("/programme")
    await app.tap("chip-day-2025-10-09")
    assert not app.has("chip-sector-aero")  # folded away: the list starts on the first screen
    await app.tap("programme-filters")
    await app.tap("chip-sector-aero")
    rows = app.identifiers("row-")
    assert "row-thu-jpl" in rows and "row-thu-sofi" not in rows
    await app.tap("chip-kind-b2b")
    assert app.identifiers("row-") == ["row-thu-b2b-aero-la"]
    await app.tap("chip-kind-b2b")
    assert len(app.identifiers("row-")) > 1


async def test_search_ignores_case_and_accents_across_days(tmp_path: Path) -> None:
    app = await App(tmp_path, lang="fr").start("/programme")
    try:
        await app.type_into("programme-search", "SEMINAIRE d’ouverture")
        assert app.identifiers("row-") == ["row-mon-opening-seminar"]
        assert "Séminaire d’ouverture" in app.text()
        await app.type_into("programme-search", "zzzz")
        assert "Aucune activité ne correspond" in app.text()
    finally:
        await app.close()


async def test_bookmark_adds_to_my_agenda_and_persists(tmp_path: Path) -> None:
    app = await App(tmp_path).start("/programme")
    await app.tap("bookmark-tue-startup-pitch")
    assert app.repo.is_bookmarked("tue-startup-pitch")
    await app.go("/agenda")
    assert app.has("row-tue-startup-pitch")
    await app.close()
    again = await App(tmp_path).start("/agenda")
    try:
        assert again.has("row-tue-startup-pitch")
        await again.go("/programme")
        await again.tap("bookmark-tue-startup-pitch")
        assert not again.repo.is_bookmarked("tue-startup-pitch")
    finally:
        await again.close()


class FullStorage:
    """Settings storage that refuses every write, as a full phone or browser quota does."""

    code = errno.ENOSPC

    async def get(self, key: str) -> str | None:
        return None

    async def set(self, key: str, value: str) -> None:
        raise OSError(self.code, "refused")


class ReadOnlyStorage(FullStorage):
    """A data folder that cannot be written (read-only, or not the server's own)."""

    code = errno.EROFS


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "the storage on this device is full"),
        ("fr", "la mémoire de cet appareil est pleine"),
        ("nl", "het geheugen van dit toestel is vol"),
    ],
)
async def test_bookmark_on_a_full_phone_says_the_storage_is_full_and_changes_nothing(
    tmp_path: Path, lang: Lang, said: str
) -> None:
    """A bookmark tapped on a full phone (or with the browser's storage quota used up) said
    'That did not work. Please try again.': trying again could never work."""
    app = await App(tmp_path, lang=lang).start("/programme")
    try:
        app.repo.settings_store.kv = FullStorage()
        await app.tap("bookmark-tue-startup-pitch")
        assert not app.repo.is_bookmarked("tue-startup-pitch")
        assert any(said in toast for toast in app.toasts()), app.toasts()
    finally:
        await app.close()


async def test_invite_only_and_registered_activities_have_no_bookmark(app: App) -> None:
    await app.go("/programme")
    assert not app.has("bookmark-tue-mou-signing")  # invitation only
    assert not app.has("bookmark-tue-nasa-ames")  # registered
    assert "Invitation only" in app.text()


async def test_long_result_lists_are_paged(app: App) -> None:
    await app.go("/programme")
    await app.type_into("programme-search", "san")
    total = int(next(t for t in app.texts() if t.endswith(" activities")).split()[0])
    assert total > 30 and len(app.identifiers("row-")) == 30
    more = next(
        c for c in app.controls() if getattr(c, "content", None) == f"Show {total - 30} more"
    )
    await app.fire(more, "click")
    assert len(app.identifiers("row-")) == min(total, 60)


async def test_folded_filters_say_how_many_are_on(app: App) -> None:
    await app.go("/programme")
    await app.tap("programme-filters")
    await app.tap("chip-sector-aero")
    await app.tap("chip-kind-b2b")
    await app.tap("programme-filters")  # fold them again: the list keeps its filters
    assert not app.has("chip-kind-b2b") and "City, sector, kind (2)" in app.texts()
    assert app.identifiers("row-")  # still filtered, still listed


async def test_the_day_chips_keep_a_gap_below_the_search_field(app: App) -> None:
    """The chips sat flush against the search field's outline (measured at 390 px: the field
    ended at y 111, the chips began at 112)."""
    await app.go("/programme")

    def margin(control: ft.LayoutControl) -> ft.Margin:
        assert isinstance(control.margin, ft.Margin)
        return control.margin

    field = app.wrapped("programme-search", ft.TextField)
    days = [  # walked outside in: the last one holds the chips most closely
        c
        for c in app.controls()
        if isinstance(c, ft.Column)
        and any(getattr(d, "identifier", None) == "chip-day-2025-10-07" for d in walk(c))
    ][-1]
    assert margin(field).bottom + margin(days).top >= 8


async def test_a_list_in_one_city_names_it_once_above_its_cards(app: App) -> None:
    """Each card of a day's list ended its place with the city (four lines of place on a
    360 px phone in French): the heading now names it once."""
    await app.go("/programme")
    assert "17 activities · San Francisco Bay Area" in app.texts()
    signing = [
        str(c.value) for c in walk(app.find("row-tue-mou-signing")) if isinstance(c, ft.Text)
    ]
    assert "Fairmont San Francisco · Grand Ballroom" in signing
    await app.tap("chip-day-2025-10-07")  # every day: San Francisco and Los Angeles
    assert not [t for t in app.texts() if " activities · " in t]
    signing = [
        str(c.value) for c in walk(app.find("row-tue-mou-signing")) if isinstance(c, ft.Text)
    ]
    assert "Fairmont San Francisco · Grand Ballroom · San Francisco Bay Area" in signing


async def test_a_row_gives_its_title_the_width_beside_the_time(app: App) -> None:
    """The bookmark sat right of the title: at 360 px the title had ~150 px and Dutch words
    broke in two ('samenwerki / ngsakkoorden'). It sits under the time, as the padlock and
    the registered mark do, and the title column has the rest of the row."""
    await app.go("/programme")
    for ident in ("row-tue-berkeley-labs", "row-tue-nasa-ames"):  # open; invitation only
        row = next(c for c in walk(app.find(ident)) if isinstance(c, ft.Row))
        time_col, title_col = row.controls
        assert isinstance(title_col, ft.Column) and title_col.expand
        assert any(isinstance(c, ft.Icon | ft.IconButton) for c in walk(time_col)), ident
        assert not any(isinstance(c, ft.Icon | ft.IconButton) for c in walk(title_col)), ident


async def test_bookmark_on_storage_that_cannot_be_written_does_not_say_it_is_full(
    tmp_path: Path,
) -> None:
    """A read-only data folder was called full: someone freeing space would change nothing."""
    app = await App(tmp_path, lang="fr").start("/programme")
    try:
        app.repo.settings_store.kv = ReadOnlyStorage()
        await app.tap("bookmark-tue-startup-pitch")
        assert not app.repo.is_bookmarked("tue-startup-pitch")
        toast = app.toasts()[-1]
        assert "pleine" not in toast and "ne peut pas être écrite" in toast, toast
    finally:
        await app.close()


async def test_day_chips_wrap_their_label_rather_than_cut_it(app: App) -> None:
    """At 320 px, or zoomed to 150 %, six days share too little width for 'dim 5' on one line:
    the number was cut ('dim !'). A label with no room puts its number on a second line."""
    await app.go("/programme")
    days = [c for c in app.controls() if isinstance(c, ft.Semantics) and c.identifier]
    days = [c for c in days if c.identifier and c.identifier.startswith("chip-day-")]
    assert len(days) == 6
    for chip in days:
        labels = [t for t in walk(chip) if isinstance(t, ft.Text)]
        assert len(labels) == 1 and not labels[0].no_wrap, chip.identifier
        assert labels[0].max_lines is None
