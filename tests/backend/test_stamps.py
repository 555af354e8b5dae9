"""A delegate's files carry the revision and time of the publish where they last changed: a new
revision alone rewrites no delegate's files, one change rewrites only the files it touches, and
a personal revision never goes down, rollback included."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from backend.publish import publish
from backend.rollback import rollback
from backend.stamps import DTSTAMP, page_stamp, stampless
from backend.tokens import token_for
from tests.backend.published import full_render, served
from tests.backend.servers import SECRET
from tests.backend.sources import bump, copy_example, edit

URL = "https://x/"


def personal(files: dict[str, bytes], delegate_id: str) -> dict[str, bytes]:
    token = token_for(delegate_id, SECRET)
    return {p: d for p, d in files.items() if p.startswith(f"delegates/{token}.")}


def revision_of(files: dict[str, bytes], delegate_id: str) -> int:
    token = token_for(delegate_id, SECRET)
    return int(json.loads(files[f"delegates/{token}.json"])["revision"])


def test_publish_new_revision_alone_rewrites_no_delegates_files(tmp_path: Path) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    before = served(out)
    bump(source, 2, "2025-10-02T08:00:00+02:00")
    report = publish(source, out, SECRET, URL)
    after = served(out)
    assert json.loads(after["mission.json"])["revision"] == 2
    own = {p for p in after if p.startswith("delegates/")}
    assert own and all(after[p] == before[p] for p in own)
    assert report.written < len(own)  # only the shared files are written again


def test_publish_one_change_and_new_revision_restamps_only_the_files_it_touches(
    tmp_path: Path,
) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    first, before = out.resolve(), served(out)
    bump(source, 2, "2025-10-02T08:00:00+02:00")
    edit(source / "activities.csv", "mon-lunch", room_fr="Salle du Jardin")  # only demo attends
    publish(source, out, SECRET, URL)
    after = served(out)
    changed = {p for p in after if p.startswith("delegates/") and after[p] != before.get(p)}
    token = token_for("demo", SECRET)
    assert changed == {f"delegates/{token}.fr.html"}  # demo reads Dutch: the rest stays as it was
    new, old = (
        page_stamp(after[f"delegates/{token}.fr.html"]),
        page_stamp(before[f"delegates/{token}.nl.html"]),
    )
    assert new is not None and new[0] == 2 and old is not None and old[0] == 1
    assert revision_of(after, "demo") == 1
    assert after == full_render(source, first, out)  # without the memo: read back from the files


def test_publish_own_language_change_gives_the_new_revision_to_document_calendar_and_page(
    tmp_path: Path,
) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    bump(source, 2, "2025-10-02T08:00:00+02:00")
    edit(source / "activities.csv", "mon-lunch", room_nl="Tuinzaal")
    publish(source, out, SECRET, URL)
    mine = personal(served(out), "demo")
    token = token_for("demo", SECRET)
    assert revision_of(mine, "demo") == 2
    assert b"DTSTAMP:20251002T060000Z" in mine[f"delegates/{token}.ics"]
    assert page_stamp(mine[f"delegates/{token}.nl.html"]) == page_stamp(
        mine[f"delegates/{token}.html"]
    )
    assert revision_of(served(out), "d-maes") == 1


def test_rollback_and_republish_personal_revision_never_goes_down(tmp_path: Path) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    seen: list[int] = []
    publish(source, out, SECRET, URL)
    seen.append(revision_of(served(out), "demo"))
    bump(source, 2, "2025-10-02T08:00:00+02:00")
    edit(source / "delegates.csv", "demo", name="Lotte Vermeulen-Peeters")
    publish(source, out, SECRET, URL)
    seen.append(revision_of(served(out), "demo"))
    rollback(out)
    seen.append(revision_of(served(out), "demo"))
    bump(source, 4, "2025-10-03T08:00:00+02:00")
    edit(source / "delegates.csv", "d-maes", name="Jeroen Maes-Peeters")
    publish(source, out, SECRET, URL)
    seen.append(revision_of(served(out), "demo"))
    assert seen == sorted(seen) and seen[0] < seen[1] < seen[2], seen


@pytest.mark.parametrize(
    "page",
    [
        b"",
        b"<html>no meta</html>",
        b'<meta name="revision" content="7 yesterday">',
        b'<meta name="revision" content="7 2025-10-02T08:00:00">',  # no zone
        b'<meta name="revision" content="99999999999999999 2025-10-02T08:00:00+00:00">',
    ],
)
def test_page_stamp_damaged_or_foreign_page_gives_none(page: bytes) -> None:
    assert page_stamp(page) is None


def test_page_stamp_reads_revision_and_time() -> None:
    found = page_stamp(b'<head><meta name="revision" content="7 2025-10-02T08:00:00+02:00">')
    assert (
        found is not None and found[0] == 7 and found[1].isoformat() == "2025-10-02T08:00:00+02:00"
    )


def _restamp(path: str, data: bytes) -> bytes:
    """`data` as if published under revision 9 on 9 October: only what a stamp decides."""
    if path.endswith(".json"):
        return re.sub(
            rb'^\{"revision":\d+,"published_at":"[^"]*"',
            b'{"revision":9,"published_at":"2025-10-09T10:00:00Z"',
            data,
        )
    if path.endswith(".ics"):
        return re.sub(rb"DTSTAMP:\d{8}T\d{6}Z", b"DTSTAMP:20251009T100000Z", data)
    data = re.sub(
        rb'content="\d+ [^"]*">', b'content="9 2025-10-09T10:00:00+00:00">', data, count=1
    )
    return re.sub(
        rb'<time class="as-of">[^<]*</time>', b'<time class="as-of">9 Oct 10:00</time>', data
    )


def test_stampless_files_that_differ_only_in_their_stamp_compare_equal(tmp_path: Path) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    mine = personal(served(out), "demo")
    assert {p.rpartition(".")[2] for p in mine} == {"json", "ics", "html"}
    for path, data in mine.items():
        other = _restamp(path, data)
        assert other != data and stampless(path, other) == stampless(path, data), path
        edited = data.replace(b"Vermeulen", b"Peeters") if b"Vermeulen" in data else data + b"\n"
        assert stampless(path, edited) != stampless(path, data), path


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"DTSTAMP:20251009T100000Z\r\n",
        b"BEGIN:VEVENT\r\nDTSTAMP:20251009T100000Z\r\nUID:a\r\nDTSTAMP:1Z\r\n",
        b"X-NOTE:DTSTAMP:20251009T100000Z\r\nDTSTAMP:20251009T100000Z\r\n",  # mid-line: stays
        b"DTSTAMP:2025-10-09\r\nDTSTAMP:20251009T100000Z\r\nDTSTAMP:20251009T100000Z",
        b"DTSTAMP:DTSTAMP:1\r\n\nDTSTAMP:1\r\n",
    ],
)
def test_stampless_calendar_drops_exactly_the_lines_the_pattern_names(data: bytes) -> None:
    """stampless finds DTSTAMP lines with bytes.find, not the regex engine: the same cut."""
    assert stampless("delegates/x.ics", data) == DTSTAMP.sub(b"", data)
