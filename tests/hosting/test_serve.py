"""Starting the hosted server: what it makes before the first visitor."""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

from hosting.serve import warm
from services import listing, search
from services.i18n import Translator
from tests.hosting.bundled import embedded
from tests.hosting.fresh import fresh_output


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


# A fresh interpreter: the app imported as the server imports it, then every screen visited
VISIT = """
import asyncio, json, sys, tempfile
from pathlib import Path
import main
from hosting.serve import warm
from tests.hosting.bundled import embedded
from tests.views.harness import App

ROUTES = ["/programme", "/map", "/contacts", "/settings", "/activity/tue-gala-dinner", "/changes",
          "/about", "/mycard", "/announcements", "/safety", "/directory"]
if sys.argv[1] == "warm":
    mission = embedded()
    warm(lambda: mission)

async def visit():
    with tempfile.TemporaryDirectory() as tmp:
        app = await App(Path(tmp)).start("/")
        before = set(sys.modules)
        for route in ROUTES:
            await app.go(route)
        await app.close()
        return sorted(set(sys.modules) - before)

print(json.dumps(asyncio.run(visit())))
"""


def modules_imported_by_visits(mode: str) -> list[str]:
    modules: list[str] = json.loads(fresh_output(VISIT, mode))
    return modules


def test_warm_imports_the_flet_classes_the_screens_draw() -> None:
    """Flet imports a class's module when the class is first named, and libphonenumber a
    country's rules when it first formats one of its numbers: without warm, the first visit
    of the Programme imported Chip, TextButton..., and of Contacts Belgium's and the US's
    rules, in someone's tap."""
    cold = modules_imported_by_visits("cold")
    assert "flet.controls.material.chip" in cold  # what the test would miss
    assert "phonenumbers.data.region_BE" in cold  # Belgium's numbering rules, on Contacts
    warmed = modules_imported_by_visits("warm")
    assert not [m for m in warmed if m.startswith(("flet.", "phonenumbers."))], warmed
