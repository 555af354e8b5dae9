"""Reads as if written in Dutch and in French: the example mission's content and the catalogs.

French: non-breaking spaces before : ; ! ? and %, inside « », and as thousands separators.
Dutch: the formal "u", Belgian terms. Every localized field shown in NL or FR differs from the
English unless the organiser declared it a proper name (one plain column, the same in every
language) or it is on the short allow-list below; a missing language is a marked fallback.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from typing import Any

import pytest
from babel.messages.pofile import read_po
from pydantic import BaseModel

from backend.build import build
from tests.conftest import ROOT
from tests.wording import french_problems

EXAMPLE = ROOT / "examples" / "bem-west-coast-2025"
LOCALES = ROOT / "locales"
PROPER_NAMES = {"Los Angeles"}  # city names that are the same in Dutch and French
NEUTRAL_COLUMNS = {
    "activities.csv": "room",
    "contacts.csv": "name organisation",
    "participants.csv": "name organisation",
    "facts.csv": "source",
}
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jullie)\b", re.IGNORECASE)
NOT_BELGIAN = {
    "overstap": "a change of train: write 'verplaatsing'",
    "Westkust": "that is De Panne to Nieuwpoort: write 'de Amerikaanse westkust'",
    "één-op-één-gesprek": "write 'één-op-ééngesprek'",
    "downtown": "write 'het centrum'",
    "offshore wind": "write 'windenergie op zee'",
    "durfkapitaal": "write 'risicokapitaal'",
}


def localized(value: Any, path: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    """Every localized field ({"en", "fr", "nl"} -> text) in a dumped document, with its path."""
    if isinstance(value, dict):
        if value and set(value) <= {"en", "fr", "nl"}:
            yield path, value
            return
        for key, item in value.items():
            yield from localized(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from localized(item, f"{path}[{i}]")


def example_fields() -> list[tuple[str, dict[str, str]]]:
    built = build(EXAMPLE)
    assert built.mission is not None and not built.errors
    docs: list[tuple[str, BaseModel]] = [("mission.json", built.mission)]
    docs += [(f"delegate {k}", d) for k, d in sorted(built.delegates.items())]
    return [(f"{n}{p}", t) for n, doc in docs for p, t in localized(doc.model_dump(mode="json"))]


def catalog(lang: str) -> list[str]:
    with (LOCALES / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        messages = read_po(handle, locale=lang)
    texts: list[str] = []
    for message in messages:
        if message.id:
            string = message.string
            strings = [string] if isinstance(string, str) else list(string or ())
            texts += [s for s in strings if s]
    return texts


def neutral_values() -> set[str]:
    """What the organiser put in a plain column: the same in every language by declaration."""
    values: set[str] = set()
    for name, columns in NEUTRAL_COLUMNS.items():
        with (EXAMPLE / name).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                values |= {row[c].strip() for c in columns.split() if row.get(c, "").strip()}
    return values


def test_french_content_and_catalog_use_french_spacing_and_quotes() -> None:
    texts = [(path, text["fr"]) for path, text in example_fields() if text.get("fr")]
    texts += [("messages.po", text) for text in catalog("fr")]
    problems = [f"{path}: {p}: {text!r}" for path, text in texts for p in french_problems(text)]
    assert problems == [], "\n".join(problems[:20])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Visite : port", "before ':'"),
        ("10 % de plus", "before %"),
        ("« BEM West Coast »", "inside « »"),
        ('le "Tax Shelter"', "straight quotes"),
        ("plus de 4 300 emplois", "plain space"),
    ],
)
def test_french_problems_finds_each_mistake(text: str, expected: str) -> None:
    assert any(expected in p for p in french_problems(text)), french_problems(text)


def test_french_problems_accepts_correct_typography() -> None:
    good = (
        "Visite\u00a0: port\u00a0; 10\u00a0% de plus, «\u00a0BEM\u00a0», 4\u202f300 emplois, 10:00"
    )
    assert french_problems(good) == []


def test_dutch_content_and_catalog_are_formal_and_belgian() -> None:
    texts = [(path, text["nl"]) for path, text in example_fields() if text.get("nl")]
    texts += [("messages.po", text) for text in catalog("nl")]
    problems = [f"{path}: informal {text!r}" for path, text in texts if INFORMAL.search(text)]
    problems += [
        f"{path}: {word!r} ({advice}): {text!r}"
        for path, text in texts
        for word, advice in NOT_BELGIAN.items()
        if word in text
    ]
    assert problems == [], "\n".join(problems[:20])


def test_dutch_catalog_names_a_rollback_one_way() -> None:
    """The console's home page said 'Terugdraaien', every other page and the history
    'terugzetten' / 'teruggezet': an organiser may take them for two different actions."""
    other = [text for text in catalog("nl") if re.search("terugdraai", text, re.IGNORECASE)]
    assert other == []


def test_no_english_left_in_dutch_or_french_content() -> None:
    allowed = PROPER_NAMES | neutral_values()
    leftovers = [
        f"{path} ({lang}): {text['en']!r}"
        for path, text in example_fields()
        for lang in ("fr", "nl")
        if text.get(lang) and text.get(lang) == text.get("en") and text["en"] not in allowed
    ]
    assert leftovers == [], "\n".join(leftovers[:20])


def test_no_english_left_flags_a_copied_title(tmp_path: Any) -> None:
    fields = [
        (".title", {"en": "Networking lunch", "fr": "Networking lunch", "nl": "Netwerklunch"})
    ]
    allowed = PROPER_NAMES | neutral_values()
    flagged = [p for p, t in fields if t["fr"] == t["en"] and t["en"] not in allowed]
    assert flagged == [".title"]


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_french_and_dutch_catalogs_write_the_typographic_apostrophe(lang: str) -> None:
    """'Vous n’avez pas encore saisi' and 'Ce n'est pas un code' stood in one card: the
    catalog writes ’ (80 times) and, here and there, a typewriter ' (34 times). Dutch too:
    'De agenda's van 3 delegatieleden' beside the example's 'foto’s'."""
    straight = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_{])")
    found = [text for text in catalog(lang) if straight.search(text)]
    assert found == [], "\n".join(found[:20])
