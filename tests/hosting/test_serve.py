"""Starting the hosted server: what it makes before the first visitor."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from hosting.serve import warm
from services import listing, search
from services.i18n import Translator
from tests.hosting.bundled import embedded


def test_warm_makes_the_programmes_index_and_texts_before_any_visitor() -> None:
    mission = embedded()
    assert id(mission) not in search._SHARED
    warm(lambda: mission)
    index = search.shared_index(mission)
    assert search._SHARED[id(mission)][1] is index and len(index) == len(mission.activities)
    zone = ZoneInfo(mission.mission.time_zone)
    for lang in ("en", "fr", "nl"):
        kept = listing._kept[(lang, zone.key, id(mission))]
        assert kept[0] is mission and kept[1] is listing.listed(Translator(lang), mission, zone)
