"""What every screen receives: the repository, the translator, UI state and actions."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date

from services.i18n import Translator
from services.repository import Repository
from views.routes import Route


@dataclass
class ProgrammeFilter:
    days: set[date] = field(default_factory=set)
    cities: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    query: str = ""


@dataclass
class UiState:
    """Survives re-renders and language switches: same route, day, filters and search."""

    route: Route = field(default_factory=lambda: Route("agenda"))
    day: date | None = None
    programme: ProgrammeFilter = field(default_factory=ProgrammeFilter)
    brussels_time: bool = False


@dataclass
class Actions:
    """Side effects the shell performs for a screen (platform services, navigation, async work)."""

    navigate: Callable[[str], None]
    back: Callable[[], None]
    refresh: Callable[[], None]
    run: Callable[[Callable[[], Awaitable[None]]], None]
    open_url: Callable[[str], None]
    copy: Callable[[str], None]
    share: Callable[[str, str], None]
    toast: Callable[[str], None]
    set_language: Callable[[str], None]
    sync_now: Callable[[], None]


@dataclass
class Ctx:
    repo: Repository
    tr: Translator
    state: UiState
    act: Actions


@dataclass
class Screen:
    """What a screen module's `build(ctx)` returns; the shell adds app bar and navigation."""

    title: str
    controls: list[object]
    subtitle: str | None = None
    actions: list[object] = field(default_factory=list)
    show_back: bool = False
