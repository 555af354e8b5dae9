"""Change impact over a real republish and sync: a moved activity that now overlaps a private
meeting gets exactly one sentence, and a later republish that moves it out clears it."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path
from typing import Literal

import pytest

from backend.publish import publish
from backend.tokens import token_for
from services import mission_day
from services.agenda import AgendaItem, personal_items, with_warnings
from services.changes import Change, FieldChange
from services.feed_client import FeedClient
from services.i18n import BRUSSELS, Translator
from services.impact import Impact, impacts, sentence
from services.keyvalue import FileKeyValue
from services.library import Library
from services.mission_time import mission_zone
from services.models import Lang
from services.repository import Repository
from services.settings import SettingsStore
from services.store import FeedStore, namespace_for
from services.sync import Synchronizer
from services.validation import parse_delegate, parse_mission
from tests.backend.servers import EXAMPLE, SECRET, backend_server
from tests.backend.sources import edit
from tests.conftest import DELEGATE_BYTES, MISSION_BYTES, FixedClock
from tests.wording import french_problems

CODE = token_for("demo", SECRET)


def _republish(source: Path, out: Path, revision: int, start: str) -> None:
    edit(source / "activities.csv", "tue-chm-reception", start=start)
    edit(source / "mission.csv", None)
    text = (source / "mission.csv").read_text(encoding="utf-8")
    text = text.replace(f"revision,{revision - 1}", f"revision,{revision}")
    (source / "mission.csv").write_text(text, encoding="utf-8")
    assert not publish(source, out, SECRET, "http://127.0.0.1/").errors


def _sentences(repo: Repository, lang: Lang = "en") -> list[str]:
    tr = Translator(lang)
    return [sentence(tr, i, repo.zone, repo.mission) for i in mission_day.change_impacts(repo)]


async def test_republish_into_and_out_of_an_overlap_sets_then_clears_the_impact(
    tmp_path: Path,
) -> None:
    source, out, phone = tmp_path / "source", tmp_path / "feed", tmp_path / "phone"
    shutil.copytree(EXAMPLE, source)
    assert not publish(source, out, SECRET, "http://127.0.0.1/").errors
    clock = FixedClock("2025-10-07T08:00:00-07:00")
    with backend_server(out) as url:
        client = FeedClient(url)
        library = Library(FeedStore(phone))
        sync = Synchronizer(client, library, namespace_for(url), clock)
        settings = SettingsStore(FileKeyValue(phone / "s.json"))
        repo = await Repository.open(library, settings, lambda _: url, clock)
        await repo.switch(url, CODE)
        await sync.sync(CODE)
        assert _sentences(repo) == []
        _republish(source, out, 2, "15:30")  # the B2B with Sierra Photonics is 15:15-15:45
        assert (await sync.sync(CODE)).status == "updated"
        assert _sentences(repo) == [
            "Silicon Valley reception at the Computer History Museum moved to 15:30 and now "
            "overlaps your B2B with Sierra Photonics"
        ]
        nl = _sentences(repo, "nl")
        assert nl == [
            "Silicon Valley-receptie in het Computer History Museum is verschoven naar 15:30. "
            "Overlapt nu met: uw B2B met Sierra Photonics"
        ]
        _republish(source, out, 3, "17:00")  # out of the overlap, time to travel
        assert (await sync.sync(CODE)).status == "updated"
        assert _sentences(repo) == []
        await client.aclose()


MISSION = parse_mission(MISSION_BYTES)
NB = "\u00a0"


def _item(activity_id: str) -> AgendaItem:
    activity = next(a for a in MISSION.activities if a.id == activity_id)
    venue = next(v for v in MISSION.venues if v.id == activity.venue_id)
    return AgendaItem(
        activity.id, "registered", activity.start, activity.end, venue, False, activity
    )


@pytest.mark.parametrize(
    ("lang", "kind", "moved", "expected"),
    [
        (
            "fr",
            "overlap",
            True,
            f"Réception Silicon Valley au Computer History Museum{NB}: désormais à 16:30. "
            f"Conflit d’horaire{NB}: Dîner de gala offert par l’ambassadeur de Belgique",
        ),
        (
            "fr",
            "tight",
            False,
            "Réception Silicon Valley au Computer History Museum a changé de lieu. Trop peu de "
            f"temps pour le trajet avant ou après{NB}: Dîner de gala offert par l’ambassadeur de "
            "Belgique",
        ),
        (
            "nl",
            "tight",
            True,
            "Silicon Valley-receptie in het Computer History Museum is verschoven naar 16:30. Te "
            "weinig reistijd van of naar: Galadiner aangeboden door de ambassadeur van België",
        ),
    ],
)
def test_sentence_needs_no_gender_and_no_article_before_a_title(
    lang: Lang, kind: Literal["overlap", "tight"], moved: bool, expected: str
) -> None:
    """'La réception est déplacé', 'van of naar Galadiner': a title names an item; no sentence
    may need its gender or an article before it, so the other item follows a colon."""
    impact = Impact(_item("tue-chm-reception"), _item("tue-gala-dinner"), kind, moved)
    text = sentence(Translator(lang), impact, mission_zone(MISSION.mission), MISSION)
    assert text == expected
    if lang == "fr":
        assert french_problems(text) == []


def test_an_item_new_on_the_agenda_is_not_said_to_have_changed() -> None:
    """A registration added into an overlap: 'is new on your agenda', not 'changed'."""
    items = with_warnings([_item("tue-stanford-ai"), _item("tue-stanford-medtech")])
    venues = {v.id: v for v in MISSION.venues}
    new = Change(id="tue-stanford-medtech", kind="new", revision=2)
    found = impacts([new], items, venues)
    assert [(i.changed.id, i.other.id, i.kind) for i in found] == [
        ("tue-stanford-medtech", "tue-stanford-ai", "overlap")
    ]
    zone = mission_zone(MISSION.mission)
    texts = {
        lang: sentence(Translator(lang), found[0], zone, MISSION) for lang in ("en", "fr", "nl")
    }
    assert texts["en"] == (
        "Medtech and digital health at Stanford is new on your agenda and overlaps "
        "Stanford–Belgium research day: AI and semiconductors"
    )
    assert texts["fr"].startswith(f"Nouveau dans votre agenda{NB}: Medtech")
    assert texts["nl"].startswith("Medtech en digitale gezondheid in Stanford staat nieuw in uw")
    assert french_problems(texts["fr"]) == []


def test_a_move_into_a_tight_be_there_by_is_said() -> None:
    """Review: the agenda before the change was rebuilt with the new 'be there by' (19:10)
    and the old start (21:00), so it was tight too, and the move said nothing."""
    demo = parse_delegate(DELEGATE_BYTES)
    items = personal_items(MISSION, demo, [])
    venues = {v.id: v for v in MISSION.venues}
    gala = next(i for i in items if i.id == "tue-gala-dinner")
    assert any(w.kind == "tight" and w.by == gala.due for w in gala.warnings)
    later = (gala.start + timedelta(hours=1)).isoformat()
    field = FieldChange(field="start", old=later, new=gala.start.isoformat())
    moved = Change(id="tue-gala-dinner", kind="changed", revision=2, fields=(field,))
    found = impacts([moved], items, venues)
    assert [(i.changed.id, i.other.id, i.kind) for i in found] == [
        ("tue-gala-dinner", "tue-chm-reception", "tight")
    ]


def test_a_move_to_another_day_names_the_day() -> None:
    """The gala brought forward from Wednesday to Tuesday evening: 'moved to 20:00' read as a
    new hour on the same day."""
    items = personal_items(MISSION, parse_delegate(DELEGATE_BYTES), [])
    gala = next(i for i in items if i.id == "tue-gala-dinner")
    fields = tuple(
        FieldChange(field=name, old=(at + timedelta(days=1)).isoformat(), new=at.isoformat())
        for name, at in (("start", gala.start), ("end", gala.end))
    )
    moved = Change(id="tue-gala-dinner", kind="changed", revision=2, fields=fields)
    venues = {v.id: v for v in MISSION.venues}
    (found,) = impacts([moved], items, venues)
    zone = mission_zone(MISSION.mission)
    assert sentence(Translator("en"), found, zone, MISSION).startswith(
        f"Gala dinner hosted by the Ambassador of Belgium moved to Tue{NB}7{NB}Oct 20:00: "
    )
    assert f"verschoven naar di{NB}7{NB}okt 20:00" in sentence(
        Translator("nl"), found, zone, MISSION
    )


def test_a_move_in_brussels_time_says_brussels_time() -> None:
    """With Brussels time chosen, 'moved to 01:30' was the only unlabelled time on the screen:
    read as San Francisco time, the reception seemed to start in the middle of the night."""
    impact = Impact(_item("tue-chm-reception"), _item("tue-gala-dinner"), "overlap", True)
    assert sentence(Translator("en"), impact, BRUSSELS, MISSION).startswith(
        "Silicon Valley reception at the Computer History Museum moved to 01:30 Brussels time "
    )
    zone = mission_zone(MISSION.mission)
    assert " moved to 16:30 and " in sentence(Translator("en"), impact, zone, MISSION)
