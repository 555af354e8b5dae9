"""Render keys: a delegate's whole key stays exactly when every per-language key stays, and a
text changed in one language changes only the keys of the languages that read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.build import build
from backend.render_keys import Keys, doc_digest, read_in
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
