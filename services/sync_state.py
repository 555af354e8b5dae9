"""The one sync state shared by sync and sign-in, and the one function that puts it in words.

SyncState: idle | syncing | done(SyncResult)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from services.i18n import Translator, in_zone
from services.sign_in_text import sign_in_sentence

Status = Literal[
    "updated",  # new data was committed
    "up_to_date",  # the server confirmed what is stored
    "offline",  # no answer: the stored copy stays
    "invalid",  # the server's document broke the contract: the stored copy stays
    "not_found",  # no document at this code
    "storage",  # the disk refused the commit: the stored copy stays
    "older",  # the server sent an older revision than the stored one: ours is kept
    "no_feed",  # updates are not set up
    "not_a_code",  # sign-in: the text is no personal code
    "other_origin",  # sign-in: a link to a server this app may not use
    "confirm_origin",  # sign-in: a link to another server, the person must confirm first
    "signed_in",  # sign-in: done
]
Phase = Literal["idle", "syncing", "done"]
OK: tuple[Status, ...] = ("updated", "up_to_date", "signed_in")
# outcomes after which the data on screen may be old: My agenda says so
STALE: tuple[Status, ...] = ("offline", "invalid", "not_found", "storage", "older")


@dataclass(frozen=True)
class SyncResult:
    """How a sync or sign-in ended. `changes` counts distinct items, as the banner does."""

    status: Status
    at: datetime | None = None
    changes: int = 0
    document: str = ""
    problems: tuple[str, ...] = field(default=())  # the fields refused, or an error status
    host: str = ""  # the other server a link pointed at, for the sentence
    address: str = ""  # or its whole address, when the server is one this app uses
    name: str = ""  # who signed in
    new_mission: bool = False  # "updated" with the feed now serving another mission
    typed: str = ""  # "not_a_code": what was typed, to say what is wrong with it (not logged)

    @property
    def ok(self) -> bool:
        return self.status in OK


@dataclass(frozen=True)
class SyncState:
    phase: Phase = "idle"
    outcome: SyncResult | None = None

    def syncing(self) -> SyncState:
        return SyncState("syncing", self.outcome)

    @staticmethod
    def done(outcome: SyncResult) -> SyncState:
        return SyncState("done", outcome)

    @property
    def status(self) -> Status | None:
        return self.outcome.status if self.outcome else None


def describe(
    tr: Translator,
    state: SyncState,
    zone: ZoneInfo,
    sign_in: bool = False,
    mission_zone: ZoneInfo | None = None,
) -> str:
    """The sentence a person reads about the data on screen or about their sign-in. Its time
    is in `zone`, the one times are shown in; said when it is not `mission_zone`."""
    _ = tr.gettext
    result = state.outcome
    when = tr.moment(result.at, zone) if result and result.at else ""
    if when and mission_zone is not None:
        when = in_zone(tr, when, zone, mission_zone.key)
    if state.phase == "syncing":
        if result and result.status in STALE and when:  # a slow sync: how old is what I see?
            return (
                _("Checking for updates…") + " " + _("Showing data from {time}.").format(time=when)
            )
        return _("Checking for updates…")
    if result is None:
        return ""
    if sign_in:
        text = sign_in_sentence(tr, result)
        if text:
            return text
    if result.status == "updated" and result.new_mission:  # nothing to compare it with
        return _("Updated {time}: a new mission was loaded").format(time=when)
    if result.status == "updated" and not result.changes:  # e.g. another day's programme
        return _("Updated {time}: nothing changed on your agenda").format(time=when)
    if result.status == "updated":
        return tr.ngettext(
            "Updated {time}: {n} change", "Updated {time}: {n} changes", result.changes
        ).format(time=when, n=result.changes)
    if result.status in ("up_to_date", "signed_in"):  # a sign-in has just fetched everything
        return _("Up to date (checked {time})").format(time=when)
    if result.status == "offline" and result.problems:  # answered, with an error status
        error = result.problems[0]
        if not when:
            return _(
                "The organisers' server answered with an error ({error}): showing the programme "
                "built into the app"
            ).format(error=error)
        return _(
            "The organisers' server answered with an error ({error}): showing data from {time}"
        ).format(error=error, time=when)
    if result.status == "offline":
        if not when:
            return _("Could not reach the organisers: showing the programme built into the app")
        return _("Could not reach the organisers: showing data from {time}").format(time=when)
    if result.status in STALE:
        return _kept_sentence(tr, result, when)
    return _("Showing the programme built into the app (updates are not set up).")


def _kept_sentence(tr: Translator, result: SyncResult, when: str) -> str:
    """A sync that failed after the data was stored: what went wrong, with which document
    (a 404 for mission.json said 'no agenda was found for your personal code', also to a
    person without one), and from when the data on screen is."""
    _ = tr.gettext
    programme = result.document == "mission.json"
    if result.status == "invalid" and programme:
        text = _("The server sent an invalid programme; the previous version is kept.")
    elif result.status == "invalid":
        text = _("The server sent an invalid personal agenda; the previous version is kept.")
    elif result.status == "not_found" and programme:
        text = _("The programme is missing on the server; the previous version is kept.")
    elif result.status == "not_found":
        text = _(
            "Your personal link no longer opens an agenda: the organisers may have withdrawn "
            "it. The previous version is kept; please contact the organisers."
        )
    elif result.status == "storage" and "unwritable" in result.problems:
        text = _(
            "The update could not be saved (the storage cannot be written); the previous "
            "version is kept."
        )
    elif result.status == "storage":
        text = _("The update could not be saved (storage full); the previous version is kept.")
    else:
        text = _("The server sent an older version; yours is kept.")
    if not when:
        return text
    return text + " " + _("Showing data from {time}.").format(time=when)
