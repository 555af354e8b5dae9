"""The shipped example spreadsheets publish to exactly the embedded feed."""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date

from backend.build import build
from services.agenda import personal_items
from services.models import encode
from tests.conftest import DELEGATE_BYTES, MISSION_BYTES, ROOT

EXAMPLE = ROOT / "examples" / "bem-west-coast-2025"
SPACE = "[ \u00a0\u202f]"
# A straight apostrophe in a word (l'entrée, auto's) or before one ('s avonds).
STRAIGHT_APOSTROPHE = re.compile(r"[^\W\d_]'[^\W\d_]|(?<!\w)'s\b")
# Clock times the app never writes (it shows HH:MM in every language): "18.45 (uur)", "9u30",
# "8 h 05", "17 h", "8:05". Distances ("1.50 km") and thousands ("4.300") are not times.
OTHER_CLOCK = re.compile(
    rf"\b\d{{1,2}}\.\d{{2}}(?!\d)(?!{SPACE}*(?:km|mi|%))"
    rf"|\b\d{{1,2}}u\d{{2}}\b|\b\d{{1,2}}{SPACE}?h(?:{SPACE}?\d{{2}})?\b|(?<![\d:])\d:\d{{2}}\b"
)


def test_example_builds_to_exactly_the_embedded_documents() -> None:
    built = build(EXAMPLE)
    assert built.errors == []
    assert built.mission is not None
    assert encode(built.mission) == MISSION_BYTES
    assert encode(built.delegates["demo"]) == DELEGATE_BYTES


def test_embedded_mission_meets_the_size_and_facts_brief() -> None:
    mission = build(EXAMPLE).mission
    assert mission is not None
    m = mission.mission
    assert (m.start_date, m.end_date, m.sample) == (date(2025, 10, 5), date(2025, 10, 10), True)
    assert [(c.id, c.start_date.day, c.end_date.day) for c in m.cities] == [
        ("sf", 5, 8),
        ("la", 9, 10),
    ]
    assert len(mission.activities) >= 80 and len(mission.venues) >= 15
    per_sector = Counter(s for a in mission.activities for s in a.sectors)
    assert len(m.sectors) == 6 and min(per_sector[s.id] for s in m.sectors) >= 8
    days = {
        a.start.astimezone(mission.activities[0].start.tzinfo).date() for a in mission.activities
    }
    assert len(days) == 6
    kinds = {a.kind for a in mission.activities}
    assert {"seminar", "b2b", "visit", "reception", "signing"} <= kinds
    assert any("Newsom" in a.title["en"] and a.kind == "signing" for a in mission.activities)
    assert any(v.city == "sf" and v.lat < 37.5 for v in mission.venues), "beyond the city"
    for activity in mission.activities:
        titles = activity.title
        assert titles["fr"] != titles["en"] or titles["nl"] != titles["en"], activity.id


def test_press_contacts_are_exactly_as_printed() -> None:
    mission = build(EXAMPLE).mission
    assert mission is not None
    contacts = {c.id: c for c in mission.contacts}
    expected = {
        "press-service": ("+3225018111", None, None),
        "pierre-steverlynck": ("+3225018716", "+32471440604", "pierre.steverlynck@diplobel.fed.be"),
        "david-jordens": ("+3225018050", "+32477403212", "david.jordens@diplobel.fed.be"),
        "florinda-baleci": ("+3225018429", "+32478920937", "florinda.baleci@diplobel.fed.be"),
    }
    for cid, (phone, mobile, email) in expected.items():
        assert (contacts[cid].phone, contacts[cid].mobile, contacts[cid].email) == (
            phone,
            mobile,
            email,
        )
    assert contacts["press-service"].address == "Rue des Petits Carmes 15, 1000 Brussels, Belgium"
    categories = {c.category for c in mission.contacts}
    assert {"organiser", "press", "consular", "emergency"} <= categories
    assert any(c.phone == "911" for c in mission.contacts)


def test_mission_facts_quote_the_seed_figures() -> None:
    mission = build(EXAMPLE).mission
    assert mission is not None
    facts = " ".join(f.text["en"] for f in mission.mission.facts)
    for figure in (
        "$3.3 billion",
        "4,300",
        "230,000",
        "221 companies",
        "Memorandum of Understanding",
    ):
        assert figure in facts


def test_example_has_six_different_delegates_whose_agendas_a_person_could_follow() -> None:
    built = build(EXAMPLE)
    assert built.mission is not None
    mission, docs = built.mission, built.delegates
    assert len(docs) >= 6 and all(d.delegate.sample for d in docs.values())
    assert len({d.delegate.company for d in docs.values()}) == len(docs)
    assert {d.delegate.language for d in docs.values()} == {"en", "fr", "nl"}
    zone = mission.activities[0].start.tzinfo
    activities = {a.id: a for a in mission.activities}
    cities, sectors = set(), set()
    for doc in docs.values():
        days = {activities[a].start.astimezone(zone).date() for a in doc.registered}
        cities.add(
            tuple(
                sorted(
                    {
                        c.id
                        for c in mission.mission.cities
                        for d in days
                        if c.start_date <= d <= c.end_date
                    }
                )
            )
        )
        sectors |= {s for a in doc.registered for s in activities[a].sectors}
        if doc.delegate.id != "demo":  # the demo keeps one overlap and two tight transfers
            warnings = [w for i in personal_items(mission, doc, []) for w in i.warnings]
            assert warnings == [], (doc.delegate.id, warnings)
    assert {("sf",), ("la",), ("la", "sf")} <= cities
    assert {s.id for s in mission.mission.sectors} <= sectors


def test_nothing_invented_sits_next_to_a_real_person_without_its_mark() -> None:
    mission = build(EXAMPLE).mission
    assert mission is not None
    assert all(a.sample for a in mission.activities if a.participants)
    consular = [c for c in mission.contacts if c.category == "consular"]
    assert consular and all(c.sample and c.phone is None for c in consular)


def texts(node: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a dumped document, with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from texts(value, f"{path}[{index}]")
    elif isinstance(node, str):
        yield path, node


def test_example_texts_write_clock_times_as_the_app_shows_them() -> None:
    built = build(EXAMPLE)
    assert built.mission is not None
    docs = {"mission": built.mission} | dict(built.delegates)
    found = [
        (name, path, match[0])
        for name, doc in docs.items()
        for path, text in texts(doc.model_dump(mode="json"))
        for match in OTHER_CLOCK.finditer(text)
    ]
    assert found == []
    assert OTHER_CLOCK.findall("om 18.45 uur, à 8 h 05, dès 17 h, 9u30, 8:05") == [
        "18.45",
        "8 h 05",
        "17 h",
        "9u30",
        "8:05",
    ]
    assert OTHER_CLOCK.findall("om 18:45, à 08:05, 4.300 banen, 1.50 km, 24 uur op 24") == []


def french_and_dutch_cells() -> Iterator[tuple[str, str, str, str]]:
    """(file, row, column, text) of every French or Dutch text of the example's sheets: `_fr`
    and `_nl` columns, `field,value` rows such as `sample_note_fr`, and a meeting's plain
    `location` and `notes`, written in its delegate's language."""
    language = {row["id"]: row["language"] for row in csv.DictReader(open_csv("delegates.csv"))}
    for path in sorted(EXAMPLE.glob("*.csv")):
        for row in csv.DictReader(open_csv(path.name)):
            first = next(iter(row.values()))
            for column, text in row.items():
                named = row.get("field", "") if column == "value" else column
                if path.name == "meetings.csv" and column in ("location", "notes"):
                    named = f"{column}_{language[row['delegate']]}"
                if named.endswith(("_fr", "_nl")):
                    yield path.name, first, column, text


def open_csv(name: str) -> list[str]:
    return (EXAMPLE / name).read_text(encoding="utf-8").splitlines(keepends=True)


def test_example_french_and_dutch_texts_write_the_apostrophe_as_the_app_does() -> None:
    """The interface writes ’ ("Rien n’a changé"); a straight ' in the data beside it showed
    both on one French screen ("l'entrée", "À titre d'illustration")."""
    cells = list(french_and_dutch_cells())
    assert len(cells) > 500 and any(c[2] == "notes" for c in cells)
    straight = [
        (name, row, column, found)
        for name, row, column, text in cells
        for found in STRAIGHT_APOSTROPHE.findall(text)
    ]
    assert straight == []
    assert STRAIGHT_APOSTROPHE.findall("l'entrée, auto's, 's avonds") == ["l'e", "o's", "'s"]
    assert STRAIGHT_APOSTROPHE.findall("l’entrée, 'Quoted', 8'30, it's") == ["t's"]
