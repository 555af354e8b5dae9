"""Pieces of pocket pages rendered once and shared: the pages of one mission list the same
activities, days, venues, hospitals and phone numbers thousands of times.

A piece is a macro of `templates/pocket_parts.html.j2`, rendered with what a `make` function
gives; it is kept under a key that names everything it shows besides the mission document and
the language. The pieces belong to one mission document (and catalog folder): given another
one, even an equal copy, `PocketParts` forgets them all. Keep one per publish, or per page
render in a long-running process: it holds about one piece per activity, venue, contact and day
in each language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ParamSpec, TypeVar, cast

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from services.i18n import LOCALES
from services.models import Activity, MissionDoc, Venue
from services.safety import Nearest, nearest_hospital

TEMPLATES = Path(__file__).resolve().parent / "templates"
Key = tuple[object, ...]
P = ParamSpec("P")
T = TypeVar("T")


class PocketParts:
    """Rendered pieces and short texts, for one mission document at a time."""

    def __init__(self) -> None:
        self._bound: tuple[MissionDoc, Path] | None = None
        self._parts: dict[Key, Markup] = {}
        self._memo: dict[Key, object] = {}
        self.activities: dict[str, Activity] = {}
        self.venues: dict[str, Venue] = {}

    def bind(self, mission: MissionDoc, localedir: Path = LOCALES) -> None:
        """Pieces from here on are of `mission`: those of any other document are forgotten. (A
        mission document is never changed in place once parsed: a change is a new document.)"""
        bound = self._bound
        if bound is not None and bound[0] is mission and bound[1] == localedir:
            return
        self._bound, self._parts, self._memo = (mission, localedir), {}, {}
        self.activities = {a.id: a for a in mission.activities}
        self.venues = {v.id: v for v in mission.venues}

    def part(
        self, key: Key | None, macro: str, make: Callable[P, object], *a: P.args, **k: P.kwargs
    ) -> Markup:
        """The piece `key` (None: one that is not shared): `macro` of what `make(*a, **k)` gives."""
        if key is None:
            return render_part(macro, make(*a, **k))
        found = self._parts.get(key)
        if found is None:
            found = self._parts[key] = render_part(macro, make(*a, **k))
        return found

    def memo(self, key: Key, make: Callable[P, T], *a: P.args, **k: P.kwargs) -> T:
        """Any other value many pages use (a day's heading, the hospital nearest a venue)."""
        if key not in self._memo:
            self._memo[key] = make(*a, **k)
        return cast(T, self._memo[key])

    def nearest(self, mission: MissionDoc, venue: Venue | None) -> Nearest | None:
        """`nearest_hospital`, measured once per venue of the mission document bound (the
        pages of a publish go back to the same few venues); any other venue, each time."""
        bound = self._bound
        if venue is None or bound is None or bound[0] is not mission:
            return nearest_hospital(mission, venue)
        if not self.shared_venue(venue):
            return nearest_hospital(mission, venue)
        return self.memo(("nearest", venue.id), nearest_hospital, mission, venue)

    def shared_venue(self, venue: Venue | None) -> bool:
        """Whether `venue` is the mission's own (an item of an older copy may carry another)."""
        return venue is None or self.venues.get(venue.id) is venue


def render_part(macro: str, value: object) -> Markup:
    """`macro` of `templates/pocket_parts.html.j2` with `value`, not kept."""
    return Markup(getattr(_macros(), macro)(attributes(value)))


def attributes(value: object) -> object:
    """Dictionaries (also inside lists) as objects: a template reads `x.name` as an attribute
    first, and a dictionary's item only after that failed, which costs more than the rest."""
    if isinstance(value, dict):
        return SimpleNamespace(**{k: attributes(v) for k, v in value.items()})
    if isinstance(value, list):
        return [attributes(v) for v in value]
    return value


def joined(pieces: Iterable[Markup]) -> Markup:
    """Pieces one after the other (they are markup already: nothing to escape again)."""
    return Markup("".join(pieces))


@cache
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["j2", "html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship with the code: no stat() of them for every page
    )


@cache
def _macros() -> Any:
    return environment().get_template("pocket_parts.html.j2").module
