"""An activity's 'Before you go' lines, from the organisers' logistics."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from services.i18n import BRUSSELS, Translator
from services.models import Activity, Lang, Logistics, MissionDoc
from services.practical import practical
from services.validation import parse_mission
from tests.conftest import MISSION_BYTES

MISSION = parse_mission(MISSION_BYTES)
MISSION_TIME = ZoneInfo(MISSION.mission.time_zone)


def activity(activity_id: str) -> Activity:
    return next(a for a in MISSION.activities if a.id == activity_id)


def lines(
    lang: Lang, activity_id: str, zone: ZoneInfo = MISSION_TIME, mission: MissionDoc = MISSION
) -> list[tuple[str, str]]:
    found = practical(Translator(lang), mission, activity(activity_id), zone)
    return [(line.kind, line.text) for line in found]


def test_the_gala_says_coach_deadline_security_papers_and_clothes_in_dutch() -> None:
    """Walk-through: the gala's page showed none of its logistics: not the security check that
    closes the doors 20 minutes early, nor the passport and invitation to bring."""
    assert lines("nl", "tue-gala-dinner") == [
        ("coach", "De bus vertrekt om 18:45 vanaf de ingang in O’Farrell St van het Hilton"),
        ("arrive", "Zorg dat u er uiterlijk om 19:10 bent"),
        (
            "security",
            "Veiligheidscontrole wegens de aanwezigheid van de Prinses; de deuren sluiten "
            "20 minuten voor de start.",
        ),
        ("bring", "Meebrengen: paspoort, badge, uitnodiging"),
        ("dress", "Kledij: donker pak, avondkledij"),
    ]


def test_french_punctuation_and_brussels_time_are_labelled() -> None:
    french = dict(lines("fr", "tue-gala-dinner"))
    coach = "L’autocar part à 18:45 (départ\u00a0: l’entrée O’Farrell St du Hilton)"
    assert french["coach"] == coach
    assert french["bring"] == "À emporter\u00a0: passeport, badge, carton d’invitation"
    # 18:45 in San Francisco is 03:45 in Brussels, the same Brussels day as the gala's start
    coach = dict(lines("en", "tue-gala-dinner", BRUSSELS))["coach"]
    assert coach.startswith("The coach leaves at 03:45 Brussels time"), coach


def test_a_coach_on_another_day_names_that_day() -> None:
    gala = activity("tue-gala-dinner")
    evening_before = datetime.fromisoformat("2025-10-06T21:00:00-07:00")
    logistics = [
        Logistics(activity_id=gala.id, departure_time=evening_before, departure_point={}),
    ]
    mission = MISSION.model_copy(update={"logistics": logistics})
    assert lines("en", gala.id, mission=mission) == [
        ("coach", "The coach leaves at Mon\u00a06\u00a0Oct 21:00"),
    ]


def test_an_activity_without_logistics_has_no_lines() -> None:
    with_logistics = {x.activity_id for x in MISSION.logistics}
    bare = next(a for a in MISSION.activities if a.id not in with_logistics)
    assert lines("en", bare.id) == []
