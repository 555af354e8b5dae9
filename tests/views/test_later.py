"""Later: controls made when first read, in order; a new screen makes only what it sends first."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import flet as ft
import pytest

from services.listing import Listed
from services.models import Activity
from tests.views.harness import App
from views import programme
from views.components.later import Later
from views.context import Ctx


def value(control: ft.Control) -> str | None:
    assert isinstance(control, ft.Text)
    return control.value


def test_controls_are_made_when_first_read_in_order() -> None:
    made: list[int] = []

    def maker(i: int) -> ft.Control:
        made.append(i)
        return ft.Text(str(i))

    later = Later([partial(maker, i) for i in range(5)])
    assert len(later) == 5 and made == []
    assert value(later[2]) == "2" and made == [0, 1, 2]  # what a screen makes may count drawings
    assert [value(t) for t in later[1:4]] == ["1", "2", "3"] and made == [0, 1, 2, 3]
    assert later[-1] is later[4] and made == [0, 1, 2, 3, 4]  # each made once


async def test_a_new_programme_makes_its_other_cards_when_they_are_sent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cards: list[str] = []
    card = programme._card

    def counted(ctx: Ctx, activity: Activity, text: Listed, in_city: bool) -> ft.Control:
        cards.append(activity.id)
        return card(ctx, activity, text, in_city)

    monkeypatch.setattr(programme, "_card", counted)
    app = App(tmp_path)
    app.page.width, app.page.height = 390, 844
    await app.start("/agenda")
    try:
        assert app.shell is not None
        app.shell.routes.show("/programme")
        assert len(cards) == 6  # the first part's: the 11 others are not made yet
        await app.settle()
        assert cards == [r[4:] for r in app.identifiers("row-")] and len(cards) == 17
    finally:
        await app.close()
