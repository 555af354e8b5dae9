"""One person's settings (language, code, bookmarks, seen changes, own card, announcements
read, private meeting notes) in a KeyValue: in hosted mode, the browser's own storage."""

from __future__ import annotations

import json
import logging
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from services.keyvalue import KeyValue
from services.models import Lang
from services.mycard import MyCard
from services.notes import MeetingNote, owner_of

log = logging.getLogger(__name__)
KEY = "delegate_companion.settings"
T = TypeVar("T")


class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore")

    language: Lang | None = None
    personal_code: str | None = None
    bookmarks: list[str] = Field(default_factory=list)  # the signed-in person's (or visitor's)
    # bookmarks of people who signed out on this device, by services.notes.owner_of(code):
    # theirs again when they sign in, never shown to the next person
    shelved_bookmarks: dict[str, list[str]] = Field(default_factory=dict)
    # item id -> the revision of the programme's change the person has opened (before
    # `seen_own` existed: of either document's)
    seen: dict[str, int] = Field(default_factory=dict)
    # item id -> the revision of the change in their own document they have opened (0: none
    # was there). Apart from `seen`: their document may reach the phone a publish later than
    # the programme, with a change older than the programme's they already opened
    seen_own: dict[str, int] = Field(default_factory=dict)
    time_display: Literal["mission", "brussels"] = "mission"
    theme: Literal["system", "light", "dark"] = "system"
    feed_url: str | None = None
    # the delegate's own contact card: only on this device (or in this browser)
    my_card: MyCard | None = None
    # the cards of people who signed out on this device, by owner_of(code), like bookmarks
    shelved_cards: dict[str, MyCard] = Field(default_factory=dict)
    # announcement ids opened on the Announcements screen, and urgent ones dismissed
    announcements_read: list[str] = Field(default_factory=list)
    announcements_dismissed: list[str] = Field(default_factory=list)
    # private B2B notes, keyed by services.notes.note_key (person + meeting): never published
    notes: dict[str, MeetingNote] = Field(default_factory=dict)
    # a personal code whose sign-in found the organisers unreachable: signed in with once they
    # answer, in this session or the next one (a page reloaded, the browser opened again)
    waiting_code: str | None = None
    # seconds the organisers' server's clock is ahead of this device's (services.clock), as the
    # last sync measured it (native app only); and the one the person was told of and dismissed
    clock_offset: float | None = None
    clock_told: float | None = None
    # the person said "Use this server" to waiting_code's link (the native app asks before it
    # follows a link to a server it does not know): asked once, not again at every start
    waiting_confirmed: bool = False


def handed_over(settings: Settings, code: str | None) -> dict[str, object]:
    """The settings that change when `code` signs in (None: signs out): bookmarks and the own
    contact card are per person on a shared device."""
    bookmarks, shelved_bookmarks = bookmarks_after_switch(settings, code)
    my_card, shelved_cards = card_after_switch(settings, code)
    return {
        "bookmarks": bookmarks,
        "shelved_bookmarks": shelved_bookmarks,
        "my_card": my_card,
        "shelved_cards": shelved_cards,
    }


def bookmarks_after_switch(
    settings: Settings, code: str | None
) -> tuple[list[str], dict[str, list[str]]]:
    """What a visitor marked before signing in joins the person's own marks."""
    mine, shelf = _hand_over(
        settings.personal_code, code, settings.bookmarks, settings.shelved_bookmarks
    )
    marks = list(mine or [])
    if settings.personal_code is None and code is not None:
        marks += [m for m in settings.bookmarks if m not in marks]
    return marks, shelf


def card_after_switch(
    settings: Settings, code: str | None
) -> tuple[MyCard | None, dict[str, MyCard]]:
    """A card made before signing in becomes that person's, unless they have one."""
    mine, shelf = _hand_over(settings.personal_code, code, settings.my_card, settings.shelved_cards)
    if settings.personal_code is None and code is not None and mine is None:
        mine = settings.my_card
    return mine, shelf


def _hand_over(
    before: str | None, code: str | None, held: T | None, shelved: dict[str, T]
) -> tuple[T | None, dict[str, T]]:
    """Per person on a shared device: at a switch from `before` to `code`, what `before` held
    goes on the shelf under a hash of their code (never the code; nothing empty is shelved), and
    what `code` left there comes back. The next person never sees the last one's."""
    shelf = dict(shelved)
    if before == code:
        return held, shelf
    if before is not None:
        shelf.pop(owner_of(before), None)
        if held:
            shelf[owner_of(before)] = held
    return (shelf.pop(owner_of(code), None) if code is not None else None), shelf


class SettingsStore:
    """Loads never fail (damaged values give defaults); saves raise OSError if the disk is full."""

    def __init__(self, kv: KeyValue) -> None:
        self.kv = kv

    async def load(self) -> Settings:
        raw = await self.kv.get(KEY)
        if not raw:
            return Settings()
        try:
            return Settings.model_validate(json.loads(raw))
        except (ValueError, ValidationError):
            log.warning("settings were unreadable; starting from defaults")
            return Settings()

    async def save(self, settings: Settings) -> None:
        await self.kv.set(KEY, settings.model_dump_json())
