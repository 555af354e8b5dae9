"""What fits at large text and narrow widths: titles, tab names and rows of segments never
break inside a word (390 px zoomed to 150 % is 260 px; 320 px zoomed, 213)."""

from __future__ import annotations

from views.components.fit import (
    TITLE_SCALE_MOST,
    TitleFit,
    bar_height,
    segments_fit,
    tabs_named,
    title_fit,
    words_fit,
)

TABS = {
    "en": ["My agenda", "Programme", "Map", "Contacts", "Settings"],
    "fr": ["Mon agenda", "Programme", "Carte", "Contacts", "Réglages"],
    "nl": ["Mijn agenda", "Programma", "Kaart", "Contacten", "Instellingen"],
}
LANGUAGES = ["English", "Français", "Nederlands"]


def test_words_fit_looks_at_each_word_not_the_whole_text() -> None:
    assert words_fit("Mijn agenda", 20, 70) and not words_fit("Instellingen", 20, 70)


def test_title_fit_shrinks_then_wraps_then_goes_under_the_bar() -> None:
    assert title_fit("Mijn agenda", None, 1.0, 4, False) == TitleFit(20, 1, 0)  # not measured
    assert title_fit("Mijn agenda", 390, 1.0, 4, False) == TitleFit(20, 1)
    assert title_fit("Mijn agenda", 320, 1.0, 4, False) == TitleFit(16, 1)
    assert title_fit("Locaties en kaart", 260, 1.0, 2, False).lines == 2
    assert title_fit("Mijn agenda", 260, 1.0, 4, False).under_bar
    assert title_fit("Mededelingen", 213, 1.0, 2, True).under_bar


def test_title_fit_counts_flutters_cap_on_an_app_bars_text_size() -> None:
    """An app bar draws its title at most 1.34 times larger, however large the text."""
    capped = title_fit("Réglages", 390, TITLE_SCALE_MOST, 2, False)
    assert title_fit("Réglages", 390, 2.0, 2, False) == capped
    assert bar_height(TitleFit(20, 2, 1), 2.0) == bar_height(TitleFit(20, 2, 1), 1.34)
    assert bar_height(TitleFit(20, 1, 1), 1.0) is None  # Material's 56 px


def test_a_subtitle_takes_a_second_line_where_it_needs_one() -> None:
    """'mercredi 8 oct…' beside two buttons at 320 px zoomed to 150 %."""
    narrow = title_fit("Lieux et carte", 213, 1.0, 2, False, "mercredi 8 octobre")
    assert narrow.subtitle_lines == 2
    assert (bar_height(narrow, 1.0) or 0) > (bar_height(TitleFit(narrow.size, 2, 1), 1.0) or 56)
    assert title_fit("Lieux et carte", 390, 1.0, 2, False, "mercredi 8 octobre").subtitle_lines == 1
    assert title_fit("Réglages", 390, 1.0, 2, False).subtitle_lines == 0


def test_tab_names_all_the_chosen_one_or_none() -> None:
    for lang, labels in TABS.items():
        assert tabs_named(labels, 390, 1.0) == "all", lang
        assert tabs_named(labels, 320, 1.0) == "selected", lang
        assert tabs_named(labels, 390, 1.5) == "none", lang
        assert tabs_named(labels, 213, 1.0) == "none", lang
    assert tabs_named(TABS["nl"], 260, 1.0) == "none"  # 'Instelling-en'


def test_language_segments_side_by_side_only_where_each_name_fits() -> None:
    assert segments_fit(LANGUAGES, 390, 1.0) and segments_fit(LANGUAGES, 320, 1.0)
    assert not segments_fit(LANGUAGES, 260, 1.0)  # 'Nederlan-ds'
    assert not segments_fit(LANGUAGES, 390, 1.5)
    assert segments_fit(LANGUAGES, None, 2.0)  # not measured yet
