"""One person's settings (language, code, bookmarks, seen changes, own card, announcements
read, private meeting notes) in a KeyValue: in hosted mode, the browser's own storage."""

from __future__ import annotations

import json
import logging
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from services.keyvalue import KeyValue
from services.models import Lang
from services.mycard import MyCard
from services.notes import MeetingNote, owner_of

log = logging.getLogger(__name__)
KEY = "delegate_companion.settings"


class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore")

    language: Lang | None = None
    personal_code: str | None = None
    bookmarks: list[str] = Field(default_factory=list)  # the signed-in person's (or visitor's)
    # bookmarks of people who signed out on this device, by services.notes.owner_of(code):
    # theirs again when they sign in, never shown to the next person
    shelved_bookmarks: dict[str, list[str]] = Field(default_factory=dict)
    # activity id -> the change revision the person has already seen (opened)
    seen: dict[str, int] = Field(default_factory=dict)
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


def bookmarks_after_switch(
    settings: Settings, code: str | None
) -> tuple[list[str], dict[str, list[str]]]:
    """Bookmarks are per person on a shared device: when `code` signs in (None: signs out), the
    last person's go on the shelf and this person's come back. What a visitor marked before
    signing in becomes theirs. Returns the new `bookmarks` and `shelved_bookmarks`."""
    before, marks = settings.personal_code, list(settings.bookmarks)
    shelf = dict(settings.shelved_bookmarks)
    if before == code:
        return marks, shelf
    if before is not None:
        shelf.pop(owner_of(before), None)
        if marks:
            shelf[owner_of(before)] = marks
    mine = shelf.pop(owner_of(code), []) if code is not None else []
    if before is None:
        mine += [m for m in marks if m not in mine]
    return mine, shelf


def card_after_switch(
    settings: Settings, code: str | None
) -> tuple[MyCard | None, dict[str, MyCard]]:
    """The own contact card, per person like bookmarks: at sign-out it goes on the shelf (the
    next person never sees the last one's name and phone); it is back at their sign-in. A card
    made before signing in becomes that person's. Returns `my_card` and `shelved_cards`."""
    before, card, shelf = settings.personal_code, settings.my_card, dict(settings.shelved_cards)
    if before == code:
        return card, shelf
    if before is not None:
        shelf.pop(owner_of(before), None)
        if card is not None:
            shelf[owner_of(before)] = card
    mine = shelf.pop(owner_of(code), None) if code is not None else None
    if before is None and mine is None:
        mine = card
    return mine, shelf


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
