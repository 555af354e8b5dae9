"""Catalogs complete and consistent; Belgian formats; content fallback; language choice."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.messages.pofile import read_po

from services.i18n import Translator, catalog, localize, pick_language
from services.models import Lang
from tests.conftest import ROOT
from tests.wording import PLACEHOLDER, words

LOCALES = ROOT / "locales"
# Words that are the same in the target language (loanwords and proper nouns).
SAME = {
    "nl": {"Briefing", "E-mail", "Transfer", "Moderator", "Updates", "Website", "{minutes} min"},
    "fr": {
        "Briefing",
        "E-mail",
        "Contacts",
        "Programme",
        "Networking",
        "Transfert",
        *("Administration", "Important", "Information", "Urgent"),
        *("description", "participants"),  # an activity's fields, in the console's preview
        *("{minutes} min", "{hours} h {minutes} min"),  # a trip's length (the units are SI)
    },
}


def messages(lang: str) -> list[tuple[object, object]]:
    with (LOCALES / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return [(m.id, m.string) for m in read_po(f) if m.id]


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_every_message_is_translated(lang: str) -> None:
    for msgid, msgstr in messages(lang):
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        strs = msgstr if isinstance(msgstr, tuple) else (msgstr,)
        assert all(s.strip() for s in strs), f"{lang}: {msgid!r} is not translated"
        if isinstance(msgid, str) and msgid not in SAME[lang] and words(msgid):
            assert msgstr != msgid, f"{lang}: {msgid!r} is left in English"
        expected = set(PLACEHOLDER.findall(ids[0]))
        for s in strs:
            assert set(PLACEHOLDER.findall(s)) == expected, f"{lang}: placeholders of {msgid!r}"


def test_catalogs_match_the_code(tmp_path: Path) -> None:
    """Every string the code marks is in the catalogs (run `make i18n` after adding one)."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "pybabel"),
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-k",
            "_",
            "-k",
            "N_",
            "-k",
            "ngettext:1,2",
            "-k",
            "said",  # a problem's sentence (services/said.py)
            "--no-location",
            "-o",
            str(pot),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    with pot.open("rb") as f:
        wanted = {m.id for m in read_po(f) if m.id}
    for lang in ("en", "fr", "nl"):
        have = {msgid for msgid, _ in messages(lang)}
        assert wanted <= have, f"{lang} lacks {sorted(map(str, wanted - have))[:5]}"


@pytest.mark.parametrize("lang", ["en", "fr", "nl"])
def test_msgfmt_check_passes(lang: str) -> None:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext is missing: `make test` installs it"
    po = LOCALES / lang / "LC_MESSAGES" / "messages.po"
    run = subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert "warning" not in run.stderr, run.stderr


NOT_TEXT = {"Locale", "LocaleConfiguration"}  # language codes, not words
UI_KEYWORDS = {
    "label",
    "tooltip",
    "hint_text",
    "value",
    "text",
    "title",
    "subtitle",
    "content",
    "semantics_label",
    "helper_text",
    "error_text",
}


def _literal_ui_strings(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        is_flet = (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in ("ft", "fm")
            and func.attr not in NOT_TEXT
        )
        is_helper = isinstance(func, ast.Name) and func.id in (
            "badge",
            "muted",
            "heading",
            "card",
            "empty_state",
            "warning_line",
        )
        if not (is_flet or is_helper):
            continue
        candidates = list(node.args[:1]) + [k.value for k in node.keywords if k.arg in UI_KEYWORDS]
        for value in candidates:
            text = value.value if isinstance(value, ast.Constant) else None
            if isinstance(text, str) and re.search(r"[A-Za-z]{2}", text):
                found.append(f"{path.name}:{node.lineno}: {text!r}")
    return found


def test_no_interface_string_bypasses_gettext() -> None:
    leaks = [
        leak
        for path in sorted((ROOT / "views").rglob("*.py"))
        for leak in _literal_ui_strings(path)
    ]
    assert leaks == []


def test_the_scanner_catches_a_literal(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'import flet as ft\nft.Text("Hello there")\nft.Text(_("Fine"))\nbadge("Oops")\n'
    )
    assert [x.split(": ")[1] for x in _literal_ui_strings(sample)] == ["'Hello there'", "'Oops'"]


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["nl-BE", "en-US"], "nl"),
        (["de-DE", "fr-BE"], "fr"),
        (["fr_CA"], "fr"),
        (["en-GB"], "en"),
        (["de-DE", "es-ES"], "en"),
        ([], "en"),
        (["NL"], "nl"),
    ],
)
def test_default_language_from_device_locales(tags: list[str], expected: str) -> None:
    assert pick_language(tags) == expected


SUNDAY = date(2025, 10, 5)
LA = ZoneInfo("America/Los_Angeles")


@pytest.mark.parametrize(
    ("lang", "hours_minutes", "whole_hours"),
    [
        ("nl", "over 1 u 44 min", "over 2 uur"),
        ("fr", "dans 1 h 44 min", "dans 2 heures"),
        ("en", "in 1 h 44 min", "in 2 hours"),
    ],
)
def test_in_minutes_past_an_hour_and_a_half_names_both_units(
    lang: Lang, hours_minutes: str, whole_hours: str
) -> None:
    """'over 1 u 44' read as a clock time: the minutes say 'min', and whole hours are words."""
    tr = Translator(lang)
    assert tr.in_minutes(104) == hours_minutes
    assert tr.in_minutes(120) == whole_hours


@pytest.mark.parametrize(
    ("lang", "short", "long", "whole"),
    [
        ("nl", "25 min", "1 u 33 min", "2 uur"),
        ("fr", "25 min", "1 h 33 min", "2 heures"),
        ("en", "25 min", "1 h 33 min", "2 hours"),
    ],
)
def test_a_trip_of_an_hour_or_more_reads_in_hours_and_minutes(
    lang: Lang, short: str, long: str, whole: str
) -> None:
    """The map's 'about 93 min' between two stops made a person do the sum."""
    tr = Translator(lang)
    assert tr.duration(25) == short and tr.duration(93) == long and tr.duration(120) == whole


@pytest.mark.parametrize(
    ("lang", "day", "soon", "later", "km", "changes"),
    [
        ("nl", "zondag 5 oktober", "over 25 min", "over 2 u 5 min", "1,2 km", "3 wijzigingen"),
        ("fr", "dimanche 5 octobre", "dans 25 min", "dans 2 h 5 min", "1,2 km", "3 modifications"),
        ("en", "Sunday 5 October", "in 25 min", "in 2 h 5 min", "1.2 km", "3 changes"),
    ],
)
def test_belgian_formats(
    lang: Lang, day: str, soon: str, later: str, km: str, changes: str
) -> None:
    tr = Translator(lang)
    assert tr.day(SUNDAY) == day
    assert tr.in_minutes(25) == soon and tr.in_minutes(125) == later
    assert tr.distance(1.23) == km and tr.distance(0.348) == "350 m"
    assert tr.ngettext("{n} change", "{n} changes", 3).format(n=3) == changes
    start = datetime(2025, 10, 5, 14, 0, tzinfo=LA)
    assert tr.time_range(start, start.replace(hour=15, minute=30), LA) == "14:00–15:30"


def test_singular_plural() -> None:
    assert Translator("nl").ngettext("{n} change", "{n} changes", 1).format(n=1) == "1 wijziging"
    assert Translator("fr").ngettext("{n} change", "{n} changes", 1).format(n=1) == "1 modification"


def test_content_fallback_is_marked() -> None:
    assert localize({"en": "Gala", "fr": "Gala", "nl": "Gala"}, "nl").fallback is None
    missing = localize({"en": "Lunch", "fr": "Déjeuner"}, "nl")
    assert (missing.text, missing.fallback) == ("Lunch", "en")
    only_fr = localize({"fr": "Déjeuner"}, "nl")
    assert (only_fr.text, only_fr.fallback) == ("Déjeuner", "fr")
    assert Translator("nl").language_name("en") == "Engels"
    assert Translator("fr").language_name("en") == "anglais"


def test_translator_compiles_from_po_when_mo_is_missing(tmp_path: Path) -> None:
    shutil.copytree(LOCALES, tmp_path / "locales", ignore=shutil.ignore_patterns("*.mo"))
    translations = catalog("nl", tmp_path / "locales")
    assert translations.gettext("My agenda") == "Mijn agenda"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "5–10 October 2025"), ("fr", "5–10 octobre 2025"), ("nl", "5–10 oktober 2025")],
)
def test_date_range_names_the_month_and_the_year(lang: Lang, expected: str) -> None:
    assert Translator(lang).date_range(date(2025, 10, 5), date(2025, 10, 10)) == expected
    assert Translator(lang).date_range(date(2025, 9, 29), date(2025, 10, 3)).endswith(" 2025")


@pytest.mark.parametrize(
    ("lang", "day", "span", "moment"),
    [
        ("fr", "mercredi 1er octobre", "1er–3 octobre 2025", "mer.\u00a01er\u00a0oct. 07:15"),
        ("nl", "woensdag 1 oktober", "1–3 oktober 2025", "wo\u00a01\u00a0okt 07:15"),
        ("en", "Wednesday 1 October", "1–3 October 2025", "Wed\u00a01\u00a0Oct 07:15"),
    ],
)
def test_the_first_of_the_month_is_1er_in_french(
    lang: Lang, day: str, span: str, moment: str
) -> None:
    """Walk-through: About read 'publiée le mercredi 1 octobre'."""
    tr = Translator(lang)
    assert tr.day(date(2025, 10, 1)) == day
    assert tr.day(datetime(2025, 10, 1, 9, 0)) == day
    assert tr.date_range(date(2025, 10, 1), date(2025, 10, 3)) == span
    assert tr.moment(datetime.fromisoformat("2025-10-01T07:15:00-07:00"), LA) == moment
    assert "1er" not in tr.day(date(2025, 10, 11)) + tr.day(date(2025, 10, 21))


def test_time_of_one_instant_in_two_zones_shows_each_wall_clock() -> None:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    instant = datetime(2025, 10, 6, 16, 30, tzinfo=UTC)
    tr = Translator("nl")
    assert tr.time(instant, ZoneInfo("America/Los_Angeles")) == "09:30"
    assert tr.time(instant, ZoneInfo("Europe/Brussels")) == "18:30"  # not the cached 09:30


@pytest.mark.parametrize(
    ("lang", "expected"), [("en", ("Mon", "6")), ("fr", ("lun", "6")), ("nl", ("ma", "6"))]
)
def test_short_day_names_the_weekday_without_a_dot(lang: Lang, expected: tuple[str, str]) -> None:
    tr = Translator(lang)
    assert tr.short_day(date(2025, 10, 6)) == expected
    # a datetime late in the evening is still that day; the cache never mixes the two
    assert tr.short_day(datetime(2025, 10, 6, 23, 30)) == expected
    assert tr.short_day(date(2025, 10, 7))[1] == "7"


@pytest.mark.parametrize(
    ("lang", "day"),
    [("en", "Wed\u00a08\u00a0Oct"), ("fr", "mer.\u00a08\u00a0oct."), ("nl", "wo\u00a08\u00a0okt")],
)
def test_time_range_past_midnight_names_the_day_it_ends(lang: Lang, day: str) -> None:
    tr, brussels = Translator(lang), ZoneInfo("Europe/Brussels")
    start = datetime.fromisoformat("2025-10-07T13:30:00-07:00")  # the start-up pitch
    end = start.replace(hour=15, minute=30)
    assert tr.time_range(start, end, brussels) == f"22:30–00:30 ({day})"
    assert tr.time_range(start, end, LA) == "13:30–15:30"  # one day in mission time
    # ending at midnight ends that day
    assert tr.time_range(
        start.replace(hour=13, minute=0), end.replace(hour=15, minute=0), brussels
    ) == ("22:00–00:00")
