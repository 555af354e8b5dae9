"""Search: one index per parsed mission per process, shared by every session."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from services import search
from services.models import Activity
from services.search import SHARED_KEPT, Filter, found, matches, shared_index
from services.validation import parse_mission
from tests.conftest import MISSION_BYTES, dump


def test_shared_index_same_document_built_once_new_document_new_index() -> None:
    first, second = parse_mission(MISSION_BYTES), parse_mission(MISSION_BYTES)
    assert shared_index(first) is shared_index(first)
    assert shared_index(second) is not shared_index(first)
    assert shared_index(second) == shared_index(first)


def test_shared_index_many_documents_keeps_only_the_latest() -> None:
    docs = [parse_mission(MISSION_BYTES) for _ in range(SHARED_KEPT + 3)]
    for doc in docs:
        shared_index(doc)
    assert len(search._SHARED) == SHARED_KEPT
    assert id(docs[-1]) in search._SHARED and id(docs[0]) not in search._SHARED


def test_matches_with_shared_index_finds_a_title_word_in_any_case() -> None:
    doc = parse_mission(MISSION_BYTES)
    word = doc.activities[0].title["en"].split()[0].upper()
    found = matches(doc.activities, Filter(query=word), doc, shared_index(doc))
    assert doc.activities[0] in found


def test_a_kind_in_any_language_finds_every_activity_of_that_kind() -> None:
    doc = parse_mission(MISSION_BYTES)
    seminars = {a.id for a in doc.activities if a.kind == "seminar"}
    assert len(seminars) > 5
    for query in ("seminar", "séminaire", "SEMINAIRE", "seminarie"):
        found = {a.id for a in matches(doc.activities, Filter(query=query), doc, shared_index(doc))}
        assert seminars <= found, query


def test_a_sector_name_finds_its_activities() -> None:
    doc = parse_mission(MISSION_BYTES)
    aero = {a.id for a in doc.activities if "aero" in a.sectors}
    found = matches(doc.activities, Filter(query="aérospatiale"), doc, shared_index(doc))
    assert aero and aero <= {a.id for a in found}


def test_found_is_made_once_per_mission_and_filter_and_never_from_an_older_copy(
    mission: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    older = parse_mission(MISSION_BYTES)
    tuesday, wednesday = date(2025, 10, 7), date(2025, 10, 8)
    made: list[Filter] = []
    filtered = search.matches

    def counted(*args: Any) -> list[Activity]:
        made.append(args[1])
        return filtered(*args)

    monkeypatch.setattr(search, "matches", counted)
    first = found(older, Filter(days={tuesday}))
    assert first == filtered(older.activities, Filter(days={tuesday}), older, shared_index(older))
    assert found(older, Filter(days={tuesday})) == first and len(made) == 1  # another session
    assert found(older, Filter(days={wednesday})) != first and len(made) == 2
    tied = str(mission.get("logistics", []))  # an activity no logistics entry is timed by
    one = next(a for a in first if f"'{a.id}'" not in tied)
    moved = next(a for a in mission["activities"] if a["id"] == one.id)
    moved["start"] = moved["start"].replace("2025-10-07", "2025-10-08")
    moved["end"] = moved["end"].replace("2025-10-07", "2025-10-08")
    mission["revision"] = older.revision + 1
    newer = parse_mission(dump(mission))  # a newly committed version
    assert one.id not in {a.id for a in found(newer, Filter(days={tuesday}))}
    assert one.id in {a.id for a in found(newer, Filter(days={wednesday}))}
    assert one.id in {a.id for a in found(older, Filter(days={tuesday}))}


@pytest.mark.parametrize(
    "query",
    [
        "SEMINAIRE d’ouverture",  # as the French screen writes it, and as iOS types it
        "SEMINAIRE d'ouverture",  # as an Android or desktop keyboard types it
        "seminaire d\u02bcouverture",  # a modifier letter apostrophe
    ],
)
def test_an_apostrophe_of_either_kind_finds_a_french_title(query: str) -> None:
    doc = parse_mission(MISSION_BYTES)
    hits = matches(doc.activities, Filter(query=query), doc, shared_index(doc))
    assert [a.id for a in hits] == ["mon-opening-seminar"]
