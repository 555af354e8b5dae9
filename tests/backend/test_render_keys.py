"""Render keys: a delegate's whole key stays exactly when every per-language key stays, and a
text changed in one language changes only the keys of the languages that read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend import render_keys
from backend.build import build
from backend.render_keys import Keys, doc_digest, read_in
from services.models import Activity
from tests.backend.servers import SECRET
from tests.backend.sources import copy_example, edit

Keyed = dict[str, tuple[str, dict[str, str]]]


def keyed(source: Path) -> Keyed:
    built = build(source)
    assert built.mission is not None
    keys = Keys(built.mission, SECRET)
    return {
        i: (keys.whole(d, doc_digest(d)), keys.per_language(d, doc_digest(d)))
        for i, d in built.delegates.items()
    }


EDITS = {
    "nothing": {},
    "room in French": {"room_fr": "Salle du Jardin"},
    "room in every language": {"room": "Garden Room"},
    "title in Dutch": {"title_nl": "Lunch"},
}


@pytest.mark.parametrize("change", sorted(EDITS))
def test_keys_whole_key_same_only_when_every_language_key_is(tmp_path: Path, change: str) -> None:
    source = copy_example(tmp_path)
    before = keyed(source)
    edit(source / "activities.csv", "mon-lunch", **EDITS[change])  # only demo attends
    after = keyed(source)
    for delegate_id, (whole, per_language) in after.items():
        same = whole == before[delegate_id][0]
        assert same == (per_language == before[delegate_id][1]), delegate_id
        assert same == (delegate_id != "demo" or change == "nothing")


def test_keys_text_in_one_language_changes_only_that_language(tmp_path: Path) -> None:
    source = copy_example(tmp_path)
    before = keyed(source)["demo"][1]
    edit(source / "activities.csv", "mon-lunch", room_fr="Salle du Jardin")
    after = keyed(source)["demo"][1]
    assert {lang for lang in after if after[lang] != before[lang]} == {"fr"}


def test_read_in_own_files_in_own_language_pages_in_theirs() -> None:
    token = "a" * 26
    assert read_in(f"delegates/{token}.fr.html", "nl") == "fr"
    for own in ("json", "ics", "html"):
        assert read_in(f"delegates/{token}.{own}", "nl") == "nl"


@pytest.mark.parametrize("change", sorted(EDITS))
def test_keys_from_the_table_before_are_the_keys_worked_out_afresh(
    tmp_path: Path, change: str
) -> None:
    source = copy_example(tmp_path)
    built = build(source)
    assert built.mission is not None
    before = Keys(built.mission, SECRET)
    entries = {}
    for i, d in built.delegates.items():
        entries[i] = {"key": before.whole(d, doc_digest(d)), "doc": doc_digest(d)}
        before.per_language(d, doc_digest(d))
    edit(source / "activities.csv", "mon-lunch", **EDITS[change])
    after = build(source)
    assert after.mission is not None
    fresh, told = Keys(after.mission, SECRET), Keys(after.mission, SECRET, before.table())
    for i, d in after.delegates.items():
        digest = doc_digest(d)
        assert told.whole(d, digest, entries[i]) == fresh.whole(d, digest), i
        assert told.per_language(d, digest) == fresh.per_language(d, digest), i


def test_keys_work_out_the_views_only_of_activities_changed_since_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = copy_example(tmp_path)
    built = build(source)
    assert built.mission is not None
    before = Keys(built.mission, SECRET)
    for d in built.delegates.values():
        before.per_language(d, doc_digest(d))
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    after = build(source)
    assert after.mission is not None
    seen: list[str] = []
    real = render_keys.views

    def views(activity: Activity) -> dict[str, bytes]:
        seen.append(activity.id)
        return real(activity)

    monkeypatch.setattr(render_keys, "views", views)
    keys = Keys(after.mission, SECRET, before.table())
    for d in after.delegates.values():
        keys.per_language(d, doc_digest(d))
    assert seen == ["mon-lunch"]


def test_keys_table_of_other_code_or_secret_or_damaged_is_not_used(tmp_path: Path) -> None:
    built = build(copy_example(tmp_path))
    assert built.mission is not None
    table = Keys(built.mission, SECRET).table()
    activities = table["activities"]
    assert isinstance(activities, dict)
    damaged = {**table, "activities": {i: ["not hex"] for i in activities}}
    demo = built.delegates["demo"]
    entry = {"key": "made by someone else", "doc": doc_digest(demo)}
    for before in (table, damaged, None, "text"):
        keys = Keys(built.mission, SECRET + b"2", before)
        assert keys.whole(demo, doc_digest(demo), entry) != "made by someone else"
    keys = Keys(built.mission, SECRET, damaged)
    assert keys.whole(demo, doc_digest(demo), entry) != "made by someone else"
