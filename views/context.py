"""What every screen receives: the repository, the translator, UI state and actions."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from flet import Control, TextField

from services.changes import Change
from services.i18n import Translator
from services.mycard import Problems
from services.repository import Repository
from services.search import Filter
from services.sync_state import SyncResult, SyncState, describe
from views.routes import Route

if TYPE_CHECKING:
    from views.components.panes import Rest

Adopt = Callable[[str], None]  # what a text field's change handler sets, given its text


@dataclass
class UiState:
    """Survives re-renders and language switches: same route, day, filters and search."""

    route: Route = field(default_factory=lambda: Route("agenda"))
    day: date | None = None  # the day the person chose; None: today
    today: date | None = None  # the mission day of the last drawing: when it turns, see new_day
    bar_key: int = 0  # a new key sends the navigation bar whole (SessionSync.resume)
    programme: Filter = field(default_factory=Filter)
    programme_limit: int = 30
    tab: str = ""  # the tab a detail screen was opened from stays selected
    filters_open: bool = False  # the Programme's city, sector and kind chips are unfolded
    all_days: bool = False  # the person cleared the Programme's day chip: every day
    programme_drawn: int = 0  # which drawing of the Programme a pending search redraw is for
    show_brussels: bool = False
    earlier_open: bool = False  # a visitor's My agenda shows today's activities already over
    platform: str = "web"  # android, ios, web, ...: decides which maps link to offer
    card_draft: dict[str, str] = field(default_factory=dict)  # My card form, while typing
    card_problems: Problems = field(default_factory=dict)  # what Save found, by field
    # the changes an opened item had when the person opened it (marked seen on navigation)
    opened: dict[str, list[Change]] = field(default_factory=dict)
    # the read marks before 'Mark all as read' (Repository.read_marks)
    undo_seen: tuple[dict[str, int], dict[str, int]] | None = None
    # why the last sign-in (e.g. a /join/<code> link) failed: put in words when shown, in the
    # language of the moment
    sign_in_refused: SyncResult | None = None
    directory_query: str = ""
    # announcements that were unread when the person opened the list (read on arrival)
    unread_on_open: frozenset[str] = frozenset()
    directory_sector: str | None = None
    map_widths: dict[str, float] = field(default_factory=dict)  # as each kind of map measured
    window_height: float = 0  # the window's height as the page last reported it; 0: unknown
    dark: bool = False  # the dark theme shows (chosen in Settings, or the system's)
    window_width: float = 0  # as the page last reported it; 0: unknown
    text_scale: float = 1.0  # how much larger text is drawn than asked (text_scale.py)
    frame: dict[str, tuple[str, object]] = field(default_factory=dict)  # views/components/frame
    drafts: dict[str, str] = field(default_factory=dict)  # text typed and not yet saved, by field
    # each text field as last drawn, with the text drawn in it (views.components.drafts)
    fields: dict[str, tuple[TextField, str, Adopt]] = field(default_factory=dict)

    def new_day(self, today: date) -> None:
        """A day tapped on Tuesday evening is not Wednesday morning's choice: when the mission
        day turns in a session left open, My agenda, the map and the Programme's day chip show
        today again (the Programme's other filters, and 'all days', stay)."""
        before, self.today = self.today, today
        if before is None or before == today:
            return
        self.day = None
        self.earlier_open = False
        self.programme.days = set()  # the Programme picks today's chip again
        if self.route.name in ("agenda", "map"):
            self.route = Route(self.route.name)

    def forget_person(self) -> None:
        """Another person (or nobody) now uses this session: nothing the last one typed or
        could undo is left (a shared phone or browser)."""
        self.drafts.clear()
        self.fields.clear()
        self.card_draft.clear()
        self.card_problems.clear()
        self.undo_seen = None


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
    share_file: Callable[[str, bytes, str], None]
    sign_in: Callable[[str | None], None]
    apply_theme: Callable[[], None]


@dataclass
class Ctx:
    repo: Repository
    tr: Translator
    state: UiState
    act: Actions
    sync: SyncState = field(default_factory=SyncState)

    def status_text(self) -> str:
        return self.describe(self.sync)

    def describe(self, state: SyncState, sign_in: bool = False) -> str:
        """A sync or sign-in outcome in words, its time in the zone the person chose (in
        Brussels time, 'checked Tue 7 Oct 15:41' was Pacific time among Brussels times)."""
        zone = self.repo.display_zone()
        shift, outcome = self.repo.clock_correction(), state.outcome
        if shift is not None and outcome is not None and outcome.at is not None:
            # stamped by the phone's clock: said in the server's time, as every time on screen
            state = SyncState(state.phase, replace(outcome, at=outcome.at + shift))
        return describe(self.tr, state, zone, sign_in, mission_zone=self.repo.zone)

    def sign_in_problem(self) -> str:
        """Why the last sign-in failed, or that it waits for the organisers, in the reader's
        language; "" when neither."""
        refused = self.state.sign_in_refused
        settings = self.repo.settings
        if refused is None and settings.waiting_code and settings.personal_code is None:
            # kept from an earlier session (views/session_sign_in.py): the promise still holds
            refused = SyncResult("offline")
        if refused is None:
            return ""
        return self.describe(SyncState.done(refused), sign_in=True)

    def change_for(self, item_id: str) -> Change | None:
        """The change to show on an item's own screen: the first it had when opened."""
        return next(iter(self.changes_for(item_id)), None)

    def changes_for(self, item_id: str) -> list[Change]:
        """Every change the item had when opened (their own document's first)."""
        return self.repo.changes_for(item_id) or self.state.opened.get(item_id, [])


@dataclass
class Screen:
    """What a screen module's `build(ctx)` returns; the shell adds app bar and navigation."""

    title: str
    controls: Sequence[Control]
    subtitle: str | None = None
    full_screen: bool = False  # no navigation bar, white page (the QR card)
    actions: Sequence[Control] = field(default_factory=list)
    show_back: bool = False
    header: Sequence[Control] = field(default_factory=list)  # stays put while the list scrolls
    changes_at: datetime | None = None  # when the clock makes it out of date: drawn again then
    scroll_key: str | None = None  # a new key starts the list at its top (another day)
    # the first `fold` controls fill the window at least: shown anew, it sends them first
    fold: int | None = None
    rest: Rest | None = None  # what follows, when this is the first part of a screen
