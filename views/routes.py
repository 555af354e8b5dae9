"""Routes: `/agenda/2025-10-07`, `/activity/<id>`, `/venue/<id>`, `/programme`, `/map`, ..."""

from __future__ import annotations

from dataclasses import dataclass

from services.mission_time import is_iso_date

TABS = ("agenda", "programme", "map", "contacts", "settings")
DETAILS = ("activity", "venue", "meeting", "changes", "about", "join", "mycard", "myqr")
# the mission day beyond the agenda (issue 11)
DAY = ("announcements", "safety", "directory", "company")
WITHOUT_ARG = ("changes", "about", "mycard", "myqr", "announcements", "safety", "directory")


@dataclass(frozen=True)
class Route:
    name: str
    arg: str | None = None

    @property
    def tab(self) -> str:
        """The NavigationBar destination this route belongs to."""
        parents = {
            "activity": "programme",
            "venue": "map",
            "meeting": "agenda",
            "changes": "agenda",
            "about": "settings",
            "join": "agenda",
            "mycard": "settings",
            "myqr": "settings",
            "announcements": "agenda",
            "safety": "contacts",
            "directory": "contacts",
            "company": "contacts",
        }
        return parents.get(self.name, self.name)

    def path(self) -> str:
        return f"/{self.name}/{self.arg}" if self.arg else f"/{self.name}"


def parse(path: str | None) -> Route:
    """Any path gives a route; unknown ones land on the agenda rather than a blank screen."""
    parts = [p for p in (path or "/").split("?")[0].split("/") if p]
    if not parts:
        return Route("agenda")
    name, arg = parts[0], (parts[1] if len(parts) > 1 else None)
    dated = ("agenda", "map")
    if name in dated and arg is not None and not is_iso_date(arg):
        return Route(name)
    if name in TABS:
        return Route(name, arg if name in dated else None)
    if name in (*DETAILS, *DAY) and (arg or name in WITHOUT_ARG):
        return Route(name, arg)
    return Route("agenda")
