"""Problems said in the console's language: the place (sheet!cell, file:line) exactly as it is,
the description from the catalog; the command line's English unchanged."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from backend.build import build
from backend.sheet_times import outside
from backend.validation_words import message
from services.i18n import Translator
from services.models import Activity, Lang
from services.said import say
from tests.backend.sources import copy_example, nine_mistakes, read_rows, write_rows

ENGLISH = re.compile(r"\b(unknown|is not|missing|got|not a|is before|fill it in)\b")


@pytest.mark.parametrize(
    ("lang", "venue", "end"),
    [
        ("fr", "lieu inconnu 'nowhere'", "la fin 12:00 n’est pas après le début 13:00"),
        ("nl", "onbekende locatie 'nowhere'", "einde 12:00 valt niet na begin 13:00"),
    ],
)
def test_nine_mistakes_in_french_and_dutch_keep_each_place_and_leave_no_english(
    tmp_path: Path, lang: Lang, venue: str, end: str
) -> None:
    errors = build(nine_mistakes(tmp_path)).errors
    words = Translator(lang).gettext
    said = [say(e.sentence(), words) for e in errors]
    assert [e.sentence() for e in errors] == [str(e) for e in errors]  # English as before
    for english, translated in zip(map(str, errors), said, strict=True):
        place = english.split(": ")[0]
        assert translated.startswith(place), (english, translated)
        assert not ENGLISH.search(translated.removeprefix(place)), translated
    assert any(venue in line for line in said) and any(end in line for line in said)


@pytest.mark.parametrize(
    ("model_input", "english", "french"),
    [
        (
            {"state": "gone"},
            "state 'gone' must be one of confirmed, changed, cancelled",
            "state 'gone' doit être l’une des valeurs confirmed, changed, cancelled",
        ),
        (
            {"kind": "party"},
            "kind 'party' must be one of seminar, b2b, visit, reception, signing, briefing,"
            " networking, transfer",
            "kind 'party' doit être l’une des valeurs seminar, b2b,",
        ),
    ],
)
def test_pydantic_choices_are_said_in_plain_words_and_in_french(
    model_input: dict[str, str], english: str, french: str
) -> None:
    """Not pydantic's "Input should be 'confirmed', 'changed' or 'cancelled', got 'gone'"."""
    activity = {
        "id": "a", "kind": "visit", "title": {"en": "x"}, "venue_id": "v",
        "start": "2025-10-06T10:00:00-07:00", "end": "2025-10-06T11:00:00-07:00",
    } | model_input  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        Activity.model_validate(activity)
    text = message(caught.value.errors(include_url=False)[0])
    assert text == english
    assert say(text, Translator("fr").gettext).startswith(french)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", "jeu. 10 juil. 2025 est en dehors de la mission (dim. 5 au ven. 10 oct. 2025)"),
        ("nl", "do 10 jul 2025 valt buiten de missie (zo 5 tot vr 10 okt 2025): bedoelt u 7 okt"),
    ],
)
def test_a_day_outside_the_mission_is_written_in_the_readers_language(
    lang: Lang, words: str
) -> None:
    """The French console said 'Thu 10 Jul 2025 est en dehors de la mission (Sun 5 to …)'."""
    english = outside(date(2025, 7, 10), (date(2025, 10, 5), date(2025, 10, 10)), True)
    assert english.startswith("Thu 10 Jul 2025 is outside the mission (Sun 5 to Fri 10 Oct")
    assert say(english, Translator(lang).gettext).startswith(words)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", "trop long\u00a0: 600\u00a0caractères, au maximum 500\u00a0: raccourcissez-le"),
        ("nl", "te lang: 600 tekens, hoogstens 500: maakt u het korter"),
    ],
)
def test_a_text_too_long_says_how_long_in_the_readers_language(lang: Lang, words: str) -> None:
    """Not pydantic's 'String should have at most 500 characters, got ...', in English."""
    activity = {
        "id": "a", "kind": "visit", "title": {"en": "x" * 600}, "venue_id": "v",
        "start": "2025-10-06T10:00:00-07:00", "end": "2025-10-06T11:00:00-07:00",
    }  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        Activity.model_validate(activity)
    text = message(caught.value.errors(include_url=False)[0])
    assert text == "too long: 600 characters, at most 500: shorten it"
    assert say(text, Translator(lang).gettext) == words


def test_an_id_misspelt_is_said_once_with_the_one_it_may_be_in_each_language(
    tmp_path: Path,
) -> None:
    source = copy_example(tmp_path)
    rows = read_rows(source / "registrations.csv")
    rows[0]["activity"] = rows[0]["activity"][:-1]  # a letter left out
    write_rows(source / "registrations.csv", rows, list(rows[0]))
    errors = build(source).errors
    assert len(errors) == 1, errors
    english = errors[0].sentence()
    assert english.endswith("': did you mean 'sun-delegation-briefing'?"), english
    french = say(english, Translator("fr").gettext)
    assert french.endswith("\u00a0: vouliez-vous dire 'sun-delegation-briefing'\u00a0?"), french
    dutch = say(english, Translator("nl").gettext)
    assert dutch.endswith(": bedoelt u 'sun-delegation-briefing'?"), dutch
