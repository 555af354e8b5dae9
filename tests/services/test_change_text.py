"""What changed, in words: both sides in the reader's language, punctuated the language's way;
change logs saved before they kept every language still read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from services.change_text import change_lines
from services.changes import Change, ChangeLog, diff_missions
from services.i18n import Translator
from services.library import Library
from services.mission_time import mission_zone
from services.models import Lang, MissionDoc
from services.store import FeedStore, Unit, namespace_for
from services.validation import parse_mission
from tests.conftest import MISSION_BYTES, TEST_ORIGIN
from tests.wording import french_problems

RECEPTION = "tue-chm-reception"
NB = "\u00a0"


def _republished(doc: MissionDoc, revision: int, **fields: Any) -> MissionDoc:
    raw = json.loads(doc.model_dump_json())
    activity = next(a for a in raw["activities"] if a["id"] == RECEPTION)
    activity.update(fields)
    raw["revision"] = revision
    return parse_mission(json.dumps(raw))


def _moved(**room: str) -> tuple[MissionDoc, Change]:
    """The walk-through's republish: the reception an half hour later, in the Hall of Fame."""
    before = parse_mission(MISSION_BYTES)
    after = _republished(
        before,
        2,
        start="2025-10-07T17:00:00-07:00",
        end="2025-10-07T18:30:00-07:00",
        room=room or {"en": "Hall of Fame", "fr": "Hall of Fame", "nl": "Hall of Fame"},
    )
    (change,) = diff_missions(before, after)
    return after, change


def _plain(lang: Lang, change: Change, mission: MissionDoc) -> list[str]:
    lines = change_lines(Translator(lang), change, mission, mission_zone(mission.mission))
    return [line.plain() for line in lines]


@pytest.mark.parametrize(
    ("lang", "room"),
    [
        ("nl", "Zaal: Grote hal → Hall of Fame"),
        ("fr", f"Salle{NB}: Grand hall → Hall of Fame"),
        ("en", "Room: Grand Hall → Hall of Fame"),
    ],
)
def test_change_lines_moved_room_reads_old_and_new_in_the_readers_language(
    lang: Lang, room: str
) -> None:
    mission, change = _moved()
    assert room in _plain(lang, change, mission)


def test_change_lines_french_labels_have_a_no_break_space_before_the_colon() -> None:
    mission, change = _moved()
    lines = _plain("fr", change, mission)
    assert lines[0] == f"Heure{NB}: 16:30–18:00 → 17:00–18:30"
    assert [p for line in lines for p in french_problems(line)] == []


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Ends: 18:00 → 18:30"),
        ("fr", f"Fin{NB}: 18:00 → 18:30"),
        ("nl", "Einde: 18:00 → 18:30"),
    ],
)
def test_change_lines_only_the_end_moved_says_it_ends_later(lang: Lang, line: str) -> None:
    """The reception runs half an hour longer: 'Time: 18:00 → 18:30' read as if it now began
    at 18:30 (a delegate came late to a B2B that had only been extended)."""
    before = parse_mission(MISSION_BYTES)
    after = _republished(before, 2, end="2025-10-07T18:30:00-07:00")
    (change,) = diff_missions(before, after)
    assert _plain(lang, change, after) == [line]


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", f"Time: Tue{NB}7{NB}Oct 16:30–18:00 → Wed{NB}8{NB}Oct 16:30–18:00"),
        ("nl", f"Tijd: di{NB}7{NB}okt 16:30–18:00 → wo{NB}8{NB}okt 16:30–18:00"),
        ("fr", f"Heure{NB}: mar.{NB}7{NB}oct. 16:30–18:00 → mer.{NB}8{NB}oct. 16:30–18:00"),
    ],
)
def test_change_lines_moved_to_another_day_names_both_days(lang: Lang, line: str) -> None:
    """The reception a day later at the same hours read 'Time: 16:30–18:00 → 16:30–18:00':
    nothing said it had moved to Wednesday."""
    before = parse_mission(MISSION_BYTES)
    after = _republished(
        before, 2, start="2025-10-08T16:30:00-07:00", end="2025-10-08T18:00:00-07:00"
    )
    (change,) = diff_missions(before, after)
    assert _plain(lang, change, after) == [line]


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", f"Ends: Tue{NB}7{NB}Oct 18:00 → Wed{NB}8{NB}Oct 00:30"),
        ("nl", f"Einde: di{NB}7{NB}okt 18:00 → wo{NB}8{NB}okt 00:30"),
        ("fr", f"Fin{NB}: mar.{NB}7{NB}oct. 18:00 → mer.{NB}8{NB}oct. 00:30"),
    ],
)
def test_change_lines_end_moved_past_midnight_names_both_days(lang: Lang, line: str) -> None:
    """The reception now runs until half past midnight: 'Ends: 18:00 → 00:30' read as if it
    ended before it began."""
    before = parse_mission(MISSION_BYTES)
    after = _republished(before, 2, end="2025-10-08T00:30:00-07:00")
    (change,) = diff_missions(before, after)
    assert _plain(lang, change, after) == [line]


def test_change_lines_new_time_past_midnight_names_the_day_it_ends() -> None:
    before = parse_mission(MISSION_BYTES)
    after = _republished(
        before, 2, start="2025-10-07T23:00:00-07:00", end="2025-10-08T00:30:00-07:00"
    )
    (change,) = diff_missions(before, after)
    assert _plain("en", change, after) == [f"Time: 16:30–18:00 → 23:00–00:30 (Wed{NB}8{NB}Oct)"]


def test_change_lines_log_saved_before_every_language_was_kept_still_reads(
    tmp_path: Path,
) -> None:
    """A phone keeps its change log across an update: an entry holds only the English room."""
    mission, _ = _moved()
    saved = {
        "changes": {
            RECEPTION: {
                "id": RECEPTION,
                "kind": "changed",
                "revision": 2,
                "fields": [{"field": "room", "old": "Grand Hall", "new": "Hall of Fame"}],
                "tombstone": None,
                "meeting": None,
            }
        }
    }
    namespace = namespace_for(TEST_ORIGIN)
    FeedStore(tmp_path).commit(
        namespace, {"mission": Unit(mission.model_dump_json().encode(), revision=2, changes=saved)}
    )
    log = Library(FeedStore(tmp_path)).mission(namespace).changes
    assert _plain("nl", log.changes[RECEPTION], mission) == ["Zaal: Grand Hall → Hall of Fame"]


def test_change_lines_a_room_renamed_in_one_language_shows_to_its_readers_only() -> None:
    mission, change = _moved(en="Grand Hall", fr="Grand hall", nl="Grote zaal")
    assert "Zaal: Grote hal → Grote zaal" in _plain("nl", change, mission)
    assert not any(line.startswith("Room") for line in _plain("en", change, mission))


def test_merged_changes_keep_the_first_old_room_and_the_earlier_time_change() -> None:
    first, change = _moved()
    later = _republished(first, 3, room={"en": "Lobby", "fr": "Hall d'entrée", "nl": "Inkomhal"})
    log = ChangeLog(changes={RECEPTION: change}).merged(diff_missions(first, later))
    assert _plain("nl", log.changes[RECEPTION], later) == [
        "Tijd: 16:30–18:00 → 17:00–18:30",
        "Zaal: Grote hal → Inkomhal",
    ]
    assert f"Salle{NB}: Grand hall → Hall d'entrée" in _plain("fr", log.changes[RECEPTION], later)
    room = {"en": "Grand Hall", "fr": "Grand hall", "nl": "Grote hal"}
    back = _republished(later, 4, room=room)  # the room as the delegate knew it: no room line
    log = log.merged(diff_missions(later, back))
    assert [f.field for f in log.changes[RECEPTION].fields] == ["start", "end"]
