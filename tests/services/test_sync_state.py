"""The one sentence about the data on screen, for every outcome a session can hold."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from services.i18n import Translator
from services.sync_state import SyncResult, SyncState, describe

ZONE = ZoneInfo("America/Los_Angeles")
AT = datetime(2025, 10, 7, 15, 40, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "Up to date"), ("fr", "À jour"), ("nl", "Actueel")],
)
def test_describe_after_a_sign_in_says_up_to_date(lang: str, expected: str) -> None:
    """Settings after a sign-in: the documents were just fetched, never "not set up"."""
    tr = Translator(lang)  # type: ignore[arg-type]
    sentence = describe(tr, SyncState.done(SyncResult("signed_in", AT, name="Lotte")), ZONE)
    assert sentence.startswith(expected)
    assert sentence == describe(tr, SyncState.done(SyncResult("up_to_date", AT)), ZONE)


def test_describe_the_sign_in_itself_welcomes_by_name() -> None:
    result = SyncResult("signed_in", AT, name="Lotte Vermeulen")
    sentence = describe(Translator("en"), SyncState.done(result), ZONE, sign_in=True)
    assert sentence == "Welcome, Lotte Vermeulen"


@pytest.mark.parametrize("lang", ["en", "fr", "nl"])
def test_describe_up_to_date_and_updated_start_apart(lang: str) -> None:
    """NL said 'Bijgewerkt' both when nothing had come and when changes had: a sync that
    brought nothing read as if something had been updated."""
    tr = Translator(lang)  # type: ignore[arg-type]
    checked = describe(tr, SyncState.done(SyncResult("up_to_date", AT)), ZONE)
    updated = describe(tr, SyncState.done(SyncResult("updated", AT, 2)), ZONE)
    assert checked.split()[0] != updated.split()[0], (checked, updated)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Updated Tue 7 Oct 15:40: nothing changed on your agenda"),
        ("fr", "Mis à jour"),
        ("nl", "Bijgewerkt"),
    ],
)
def test_describe_new_data_with_nothing_for_the_person_never_says_zero_changes(
    lang: str, expected: str
) -> None:
    """A republish that changed only what is not on their agenda (the Programme marks it)
    said 'Updated …: 0 changes'."""
    tr = Translator(lang)  # type: ignore[arg-type]
    sentence = describe(tr, SyncState.done(SyncResult("updated", AT, 0)), ZONE)
    assert sentence.startswith(expected) and " 0 " not in sentence, sentence
    assert sentence != describe(tr, SyncState.done(SyncResult("updated", AT, 1)), ZONE)
