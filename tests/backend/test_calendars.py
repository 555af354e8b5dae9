"""Live calendars across publishes: SEQUENCE rises for what changed, and only for that."""

from __future__ import annotations

from pathlib import Path

import vobject

from backend import layout
from backend.publish import publish
from backend.tokens import token_for
from tests.backend.published import files_of
from tests.backend.servers import SECRET
from tests.backend.sources import copy_example, edit


def sequences(feed: Path) -> dict[str, int]:
    ics = layout.read(feed, f"delegates/{token_for('demo', SECRET)}.ics").decode()
    return {
        e.uid.value.split("@")[0]: int(e.sequence.value) for e in vobject.readOne(ics).vevent_list
    }


def test_republish_raises_sequence_of_the_changed_activity_alone(tmp_path: Path) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, "https://x/")
    assert set(sequences(out).values()) == {0}
    edit(
        source / "activities.csv",
        "mon-lunch",
        room_en="Garden Room",
        room_fr="Garden Room",
        room_nl="Garden Room",
    )
    publish(source, out, SECRET, "https://x/")
    after = sequences(out)
    assert after.pop("mon-lunch") == 1 and set(after.values()) == {0}
    before = files_of(out)
    publish(source, out, SECRET, "https://x/")  # nothing changed since: same bytes
    assert files_of(out) == before


def test_cancelled_activity_stays_in_the_calendar_as_cancelled(tmp_path: Path) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, "https://x/")
    edit(source / "activities.csv", "mon-lunch", state="cancelled")
    publish(source, out, SECRET, "https://x/")
    ics = layout.read(out, f"delegates/{token_for('demo', SECRET)}.ics").decode()
    lunch = next(e for e in vobject.readOne(ics).vevent_list if e.uid.value.startswith("mon-lunch"))
    assert lunch.status.value == "CANCELLED" and lunch.sequence.value == "1"


def test_unreadable_previous_calendar_starts_sequences_again(tmp_path: Path) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, "https://x/")
    target = layout.where(out, f"delegates/{token_for('demo', SECRET)}.ics")
    target.write_bytes(b"\xff\xfe not a calendar")
    edit(
        source / "activities.csv",
        "mon-lunch",
        room_en="Garden Room",
        room_fr="Garden Room",
        room_nl="Garden Room",
    )
    report = publish(source, out, SECRET, "https://x/")
    assert report.errors == [] and set(sequences(out).values()) == {0}


def test_unregistered_activity_stays_cancelled_and_stable(tmp_path: Path) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, "https://x/")
    registrations = source / "registrations.csv"
    lines = registrations.read_text("utf-8").splitlines(keepends=True)
    registrations.write_text("".join(x for x in lines if x.strip() != "demo,mon-lunch"), "utf-8")
    publish(source, out, SECRET, "https://x/")
    ics = layout.read(out, f"delegates/{token_for('demo', SECRET)}.ics").decode()
    lunch = next(e for e in vobject.readOne(ics).vevent_list if e.uid.value.startswith("mon-lunch"))
    assert lunch.status.value == "CANCELLED" and lunch.sequence.value == "1"
    assert not hasattr(lunch, "valarm")
    # the next item's reminder now counts from the seminar before lunch: it changed too
    changed = {uid for uid, sequence in sequences(out).items() if sequence}
    assert changed == {"mon-lunch", "mon-space-seminar"}
    before = files_of(out)
    publish(source, out, SECRET, "https://x/")
    assert files_of(out) == before
