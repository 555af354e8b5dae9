"""A problem's sentence: its English text as before, and the same sentence in other languages."""

from __future__ import annotations

import pickle

from services.i18n import Translator
from services.said import said, say, unknown


def test_said_is_its_english_text_and_pickles_whole() -> None:
    text = said("{problem}, got {value}", problem=said("not a number"), value="'abc'")
    assert text == "not a number, got 'abc'" and isinstance(text, str)
    again = pickle.loads(pickle.dumps(text))
    assert again == text and again.say(Translator("fr").gettext) == "pas un nombre, trouvé 'abc'"


def test_say_translates_nested_sentences_and_leaves_source_values_as_they_are() -> None:
    text = said("{value} is not a date ({hint})", value="'lundi'", hint=said("e.g. 09:30 or 9u30"))
    assert say(text, Translator("nl").gettext) == "'lundi' is geen datum (bv. 09:30 of 9u30)"
    assert say("plain text", Translator("nl").gettext) == "plain text"


def test_unknown_each_kind_says_it_its_own_way_in_french() -> None:
    french = Translator("fr").gettext
    assert unknown("venue", "'x'").say(french) == "lieu inconnu 'x'"
    assert unknown("delegate", "'ghost'").say(french) == "délégué inconnu 'ghost'"
    assert unknown("venue", "'x'") == "unknown venue 'x'"


def test_say_with_a_catalog_whose_placeholders_went_wrong_falls_back_to_english() -> None:
    text = said("unknown venue {id}", id="'x'")
    assert text.say(lambda msgid: "lieu inconnu {venue}") == "unknown venue 'x'"


def test_braces_in_a_cell_stay_as_typed_in_every_language() -> None:
    text = unknown("venue", repr("{id} {0} %s"))
    assert text == "unknown venue '{id} {0} %s'"
    assert say(text, Translator("nl").gettext) == "onbekende locatie '{id} {0} %s'"
