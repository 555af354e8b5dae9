"""What changed and About in Dutch and French: old values in the reader's language, French
punctuation in every label."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from services.changes import ChangeLog, diff_missions
from services.models import Lang
from services.validation import parse_mission
from tests.conftest import MISSION_BYTES, TEST_ORIGIN, store_unit
from tests.views.harness import App
from tests.wording import french_problems

NB = "\u00a0"


def _republish_reception(root: Path) -> None:
    """As a sync after the walk-through's republish stores it: the reception 17:00, Hall of Fame."""
    raw = json.loads(MISSION_BYTES)
    reception = next(a for a in raw["activities"] if a["id"] == "tue-chm-reception")
    reception["start"], reception["end"] = "2025-10-07T17:00:00-07:00", "2025-10-07T18:30:00-07:00"
    reception["room"] = {"en": "Hall of Fame", "fr": "Hall of Fame", "nl": "Hall of Fame"}
    raw["revision"] = 2
    data = json.dumps(raw).encode()
    log = ChangeLog().merged(diff_missions(parse_mission(MISSION_BYTES), parse_mission(data)))
    store_unit(root, data, etag='"v2"', changes=log)


@pytest.mark.parametrize(
    ("lang", "lead", "room"),
    [
        ("nl", "Zaal:", "Zaal: Grote hal → Hall of Fame"),
        ("fr", f"Salle{NB}:", f"Salle{NB}: Grand hall → Hall of Fame"),
    ],
)
async def test_what_changed_shows_the_old_room_in_the_readers_language(
    tmp_path: Path, lang: Lang, lead: str, room: str
) -> None:
    _republish_reception(tmp_path)
    app = await App(tmp_path, lang, origin=TEST_ORIGIN).start("/changes")
    try:
        texts = app.texts()
        assert app.has("change-tue-chm-reception")
        assert lead in texts and room in texts  # drawn, and read out by a screen reader
        assert "Grand Hall" not in texts
        if lang == "fr":
            assert f"Heure{NB}:" in texts
            lines = [t for t in texts if t.startswith(("Heure", "Salle"))]
            assert lines and [p for t in lines for p in french_problems(t)] == []
    finally:
        await app.close()


async def test_about_french_legs_put_a_no_break_space_before_the_colon(tmp_path: Path) -> None:
    app = await App(tmp_path, "fr").start("/about")
    try:
        texts = app.texts()
        assert f"Los Angeles{NB}: jeudi 9 octobre – vendredi 10 octobre" in texts
        assert not any("Los Angeles:" in t for t in texts)
    finally:
        await app.close()


async def test_what_changed_counts_only_the_delegates_own_items(tmp_path: Path) -> None:
    """Walk-through: Lotte was told of '2 changes', one the cancelled Life sciences B2B she was
    never registered for. Her count and list hold her registrations and bookmarks; the rest of
    the programme's changes stay marked in the Programme."""
    from services.keyvalue import FileKeyValue
    from tests.views.harness import sign_in_as

    await sign_in_as(tmp_path, "a" * 26, ["tue-chm-reception"])
    kv = FileKeyValue(tmp_path / "settings.json")
    saved = json.loads(await kv.get("delegate_companion.settings") or "{}")
    await kv.set("delegate_companion.settings", json.dumps({**saved, "bookmarks": ["wed-ai-act"]}))
    raw = json.loads(MISSION_BYTES)
    edits = {
        "tue-chm-reception": {"start": "2025-10-07T17:00:00-07:00"},
        "tue-b2b-lifesci": {"state": "cancelled"},  # not hers, not bookmarked
        "tue-startup-pitch": {"room": {"en": "Hall B", "fr": "Hall B", "nl": "Hall B"}},
        "wed-ai-act": {"room": {"en": "Hall C", "fr": "Hall C", "nl": "Hall C"}},  # bookmarked
    }
    for activity in raw["activities"]:
        activity.update(edits.get(activity["id"], {}))
    raw["revision"] = 2
    data = json.dumps(raw).encode()
    log = ChangeLog().merged(diff_missions(parse_mission(MISSION_BYTES), parse_mission(data)))
    assert {"tue-b2b-lifesci", "tue-startup-pitch"} <= set(log.changes)
    store_unit(tmp_path, data, etag='"v2"', changes=log)
    app = await App(tmp_path, origin=TEST_ORIGIN).start("/agenda")
    try:
        assert "2 changes from the organisers" in app.text()
        await app.tap("changes-banner")
        assert app.identifiers("change-") == ["change-tue-chm-reception", "change-wed-ai-act"]
        assert "2 changes" in app.texts()  # the top counts what is unread
        assert not app.has("read-tue-b2b-lifesci") and not app.has("read-tue-startup-pitch")
        await app.tap("mark-all-read")
        assert app.identifiers("read-") == ["read-tue-chm-reception", "read-wed-ai-act"]
        assert "0 changes" not in app.texts()  # not above the two already read
        await app.go("/programme/2025-10-07")
        assert app.repo.flags_for("tue-startup-pitch") == ("changed",)  # still marked there
    finally:
        await app.close()


def spoken(control: object) -> list[str]:
    """What a screen reader reads for `control` in Flutter's merged semantics: a Semantics
    label, then its children's texts, unless it excludes them."""
    import flet as ft

    from tests.views.harness import walk

    out: list[str] = []
    if isinstance(control, ft.Semantics) and control.label:
        out.append(str(control.label))
    if isinstance(control, ft.Semantics) and control.exclude_semantics:
        return out
    if isinstance(control, ft.Text):
        return [str(control.semantics_label or control.value)]
    for child in walk(control):
        if child is not control and getattr(child, "parent", None) is control:
            out.extend(spoken(child))
    return out


@pytest.mark.parametrize(
    ("lang", "room"),
    [("nl", "Zaal: Grote hal → Hall of Fame"), ("fr", f"Salle{NB}: Grand hall → Hall of Fame")],
)
async def test_a_changed_field_is_read_out_once(tmp_path: Path, lang: Lang, room: str) -> None:
    """A screen reader read 'Zaal: Rotonde → Oostzaal Zaal: Rotonde Oostzaal': the line's
    label, then its texts again."""
    _republish_reception(tmp_path)
    app = await App(tmp_path, lang, origin=TEST_ORIGIN).start("/changes")
    try:
        fields = [c for c in app.controls() if getattr(c, "identifier", None) == "changed-field"]
        assert [room] in [spoken(f) for f in fields]
        assert all(len(spoken(f)) == 1 for f in fields)
    finally:
        await app.close()
