"""A problem's document path becomes the row a person can find; what a person typed stays as
they typed it, even when it looks like a path."""

from __future__ import annotations

from pathlib import Path

from backend.build import build
from backend.origins import Origins
from backend.tables import Row
from services.errors import Problem
from services.said import said
from tests.backend.sources import copy_example, edit, line_of


def _origins() -> Origins:
    origins = Origins()
    for line in (2, 3, 4):
        origins.add("activities", Row("activities.csv", line, {"id": f"a{line}", "venue": "x"}))
    return origins


def test_origins_a_location_in_a_message_becomes_its_row() -> None:
    problem = Problem(
        "activities[2].id",
        said("duplicate id {id} (also {where})", id="'a'", where="activities[0]"),
    )
    assert _origins().locate(problem, "activities.csv").message == "duplicate id 'a' (also row 2)"


def test_origins_a_typed_value_that_looks_like_a_path_is_left_as_typed() -> None:
    origins = _origins()
    typed = said("unknown venue {id}", id="'activities[1]'")
    found = origins.locate(Problem("activities[0].venue_id", typed), "activities.csv")
    assert (found.line, found.message) == (2, "unknown venue 'activities[1]'")
    plain = "Input should be a valid number, got 'see activities[1]'"  # pydantic's own words
    found = origins.locate(Problem("activities[2].title", plain), "activities.csv")
    assert found.message == plain


def test_build_an_unknown_venue_typed_like_a_path_is_quoted_as_typed(tmp_path: Path) -> None:
    source = copy_example(tmp_path)
    edit(source / "activities.csv", "mon-lunch", venue="activities[2]")
    line = line_of(source / "activities.csv", "mon-lunch")
    messages = [str(e) for e in build(source).errors]
    said = f"activities.csv:{line}: venue: not an id"  # once, not also as an unknown venue
    here = [m for m in messages if m.startswith(f"activities.csv:{line}:")]
    assert len(here) == 1 and here[0].startswith(said), messages
    assert all(m.endswith("got 'activities[2]'") for m in messages if "not an id" in m), messages
    assert not any("'row" in m for m in messages), messages
