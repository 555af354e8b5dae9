"""The delegates' documents kept between publishes: used only when their tables are the same byte
for byte, never hiding or inventing an error, and ignored when damaged."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import hmac
import io
import os
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from backend import build_cache
from backend.build import Built, build
from backend.publish import publish
from backend.releases import releases_of
from services.document_rules import cross_checker
from services.errors import Problem
from services.models import DelegateDoc, MissionDoc
from tests.backend.published import full_render, served
from tests.backend.servers import SECRET
from tests.backend.sources import copy_example, edit

URL = "https://x/"


def _cached(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the example and the cache a build of it left."""
    source, cache = copy_example(tmp_path), tmp_path / build_cache.NAME
    built = build(source, cache)
    assert built.saved is not None
    build_cache.save(cache, built.saved)
    return source, cache


def _key(source: Path) -> str:
    built = build(source, Path("/nonexistent") / build_cache.NAME)
    assert built.saved is not None
    return built.saved.key


def _docs(built: Built) -> dict[str, str]:
    return {i: doc.model_dump_json() for i, doc in built.delegates.items()}


def _remove(path: Path, column: str, value: str) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = [row for row in csv.DictReader(f) if row[column] != value]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")


def test_build_cache_unchanged_tables_documents_come_from_cache(tmp_path: Path) -> None:
    source, cache = _cached(tmp_path)
    made = build(source)
    assert made.saved is None  # no cache asked for: nothing kept
    saved = build_cache.load(cache, _key(source))
    assert saved is not None
    first = saved.docs[0]
    person = first.delegate.model_copy(update={"name": "From the cache"})
    marked = first.model_copy(update={"delegate": person})
    build_cache.save(cache, dataclasses.replace(saved, docs=[marked, *saved.docs[1:]]))
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")  # not a delegate table
    reused = build(source, cache)
    assert not reused.errors and reused.saved is None  # reused: nothing new to keep
    assert reused.delegates[marked.delegate.id].delegate.name == "From the cache"
    cold = build(source)
    assert _docs(reused) == _docs(cold) | {marked.delegate.id: marked.model_dump_json()}
    assert list(reused.delegates)[1:] == list(cold.delegates)[1:]
    assert reused.delegates[list(cold.delegates)[1]] == list(cold.delegates.values())[1]
    assert reused.mission is not None and cold.mission == reused.mission


def test_build_cache_same_size_and_time_new_bytes_read_again(tmp_path: Path) -> None:
    source, cache = _cached(tmp_path)
    path = source / "delegates.csv"
    before = path.stat()
    text = path.read_text("utf-8")
    assert "Lotte Vermeulen" in text
    path.write_text(text.replace("Lotte Vermeulen", "Lotte Vermeulem"), "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    again = build(source, cache)
    assert _docs(again) == _docs(build(source))
    assert "Lotte Vermeulem" in {doc.delegate.name for doc in again.delegates.values()}


def _no_activity(source: Path) -> None:
    _remove(source / "activities.csv", "id", "mon-lunch")  # registrations name it


def _no_venue(source: Path) -> None:
    _remove(source / "venues.csv", "id", "moscone-center")  # meetings and activities name it


def _unknown_participant_activity(source: Path) -> None:
    _append(source / "participants.csv", "ghost-activity,speaker,Someone")


def _bad_activity_row(source: Path) -> None:
    edit(source / "activities.csv", "mon-lunch", end="99:99")


@pytest.mark.parametrize(
    "change", [_no_activity, _no_venue, _unknown_participant_activity, _bad_activity_row]
)
def test_build_cache_errors_next_to_cached_tables_same_as_full_build(
    tmp_path: Path, change: Callable[[Path], None]
) -> None:
    source, cache = _cached(tmp_path)
    change(source)
    cold = [str(e) for e in build(source).errors]
    assert cold
    assert [str(e) for e in build(source, cache).errors] == cold
    assert [str(e) for e in build(source, cache).errors] == cold  # and again on the next run


def test_build_cache_stay_in_a_city_gone_reported_like_full_build(tmp_path: Path) -> None:
    """Only the delegates' own checks (stays against the mission's cities) find this one."""
    source = copy_example(tmp_path)
    _append(source / "cities.csv", "sd,San Diego,San Diego,San Diego,2025-10-08,2025-10-08")
    hotel = "hotel-sd,Hotel SD,1 Harbor Dr,sd,32.7,-117.1,+16195550100,2025-10-08,2025-10-09,"
    _append(source / "hotels.csv", hotel)
    cache = tmp_path / build_cache.NAME
    built = build(source, cache)
    assert not built.errors and built.saved is not None
    build_cache.save(cache, built.saved)
    _remove(source / "cities.csv", "id", "sd")
    cold = [str(e) for e in build(source).errors]
    assert any("unknown city 'sd'" in e for e in cold)
    assert [str(e) for e in build(source, cache).errors] == cold


def test_build_cache_error_in_delegate_table_reported_every_publish(tmp_path: Path) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    edit(source / "meetings.csv", "m-whitfield", end="15:00")  # before its start
    cold = [str(e) for e in build(source).errors]
    assert cold
    for _ in range(2):
        report = publish(source, out, SECRET, URL)
        assert [str(e) for e in report.errors] == cold
    assert build(source, releases_of(out) / build_cache.NAME).saved is None


def _flip_name(data: bytes) -> bytes:
    return data.replace(b"Lotte Vermeulen", b"Lotte Vermeulem")


def _foreign(data: bytes) -> bytes:
    """A pickle of something else, sealed as the tests' caches are (no secret)."""
    body = pickle.dumps({"not": "saved documents"})
    return data[:64] + hmac.new(b"", b"build cache\0" + body, hashlib.sha256).digest() + body


class _Planted:
    """A pickle that, once loaded, leaves a file behind: code run by whoever wrote it."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[Path]]:
        return (Path.touch, (self.marker,))


@pytest.mark.parametrize("seal", [None, b"not the feed secret"], ids=["sha-256", "other-secret"])
def test_build_cache_not_sealed_with_the_feed_secret_is_never_unpickled(
    tmp_path: Path, seal: bytes | None
) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    cache, marker = releases_of(out) / build_cache.NAME, tmp_path / "ran"
    body = pickle.dumps(_Planted(marker), protocol=pickle.HIGHEST_PROTOCOL)
    check = hashlib.sha256(body) if seal is None else hmac.new(seal, body, hashlib.sha256)
    cache.write_bytes(cache.read_bytes()[:64] + check.digest() + body)  # the right key
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    report = publish(source, out, SECRET, URL)
    assert not report.errors and report.release is not None and not marker.exists()


@pytest.mark.parametrize(
    "damage",
    [lambda d: d[: len(d) // 2], lambda d: b"", lambda d: b"\0" * 200, _flip_name, _foreign],
    ids=["truncated", "empty", "zeros", "flipped-text", "foreign"],
)
def test_build_cache_damaged_ignored(tmp_path: Path, damage: Callable[[bytes], bytes]) -> None:
    source, cache = _cached(tmp_path)
    cache.write_bytes(damage(cache.read_bytes()))
    again = build(source, cache)
    assert not again.errors and _docs(again) == _docs(build(source))
    assert again.saved is not None  # read afresh


def test_build_cache_publish_over_cache_gives_full_render_bytes(tmp_path: Path) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    assert (releases_of(out) / build_cache.NAME).is_file()
    first = out.resolve()
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    publish(source, out, SECRET, URL)
    assert served(out) == full_render(source, first, out)


def test_build_cache_workbook_or_missing_folder_keys_nothing(tmp_path: Path) -> None:
    assert build_cache.key_of(tmp_path / "mission.xlsx") == ""
    assert build_cache.key_of(tmp_path / "nowhere") == ""


def test_build_cache_check_or_refused_publish_keeps_no_cache(tmp_path: Path) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    checked = publish(source, out, SECRET, URL, check=True)
    assert checked.preview is not None and checked.release is None
    assert not releases_of(out).exists()  # a check writes nothing, not even the cache
    _append(source / "delegates.csv", "d2,Jean Dupont,Example Labs,fr")
    publish(source, out, SECRET, URL)
    cache = releases_of(out) / build_cache.NAME
    cache.unlink()
    _remove(source / "delegates.csv", "id", "d2")  # any drop is too much below
    refused = publish(source, out, SECRET, URL, max_drop=0.0)
    assert refused.refusal and not cache.exists()


def _mission_field(source: Path, field: str, value: str) -> None:
    path = source / "mission.csv"
    lines = path.read_text("utf-8").splitlines()
    path.write_text(
        "\n".join(f"{field},{value}" if line.startswith(f"{field},") else line for line in lines)
        + "\n",
        "utf-8",
    )


def test_build_cache_new_revision_and_time_reused_with_them(tmp_path: Path) -> None:
    source, cache = _cached(tmp_path)
    _mission_field(source, "revision", "7")
    _mission_field(source, "published_at", "2025-10-02T08:00:00-07:00")
    reused = build(source, cache)
    assert reused.saved is None  # reused: mission.csv changed, but not what they hold of it
    assert _docs(reused) == _docs(build(source))
    assert {d.revision for d in reused.delegates.values()} == {7}


def test_build_cache_new_time_zone_or_mission_id_builds_afresh(tmp_path: Path) -> None:
    source, cache = _cached(tmp_path)
    _mission_field(source, "time_zone", "America/New_York")  # meetings move three hours
    again = build(source, cache)
    assert again.saved is not None and _docs(again) == _docs(build(source))


def _counting_cross_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The delegates whose documents the build cross-checks against the mission, in order."""
    checked: list[str] = []

    def counting(mission: MissionDoc) -> Callable[[DelegateDoc], list[Problem]]:
        check = cross_checker(mission)

        def each(doc: DelegateDoc) -> list[Problem]:
            checked.append(doc.delegate.id)
            return check(doc)

        return each

    monkeypatch.setattr("backend.build.cross_checker", counting)
    return checked


def test_build_cache_what_the_cross_checks_read_unchanged_checks_no_document_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A room, a new activity, a new revision: nothing a delegate's document is checked
    against changed, so 5,000 documents are not checked again."""
    source, cache = _cached(tmp_path)
    checked = _counting_cross_checks(monkeypatch)
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    _append(source / "activities.csv", _copy_of(source / "activities.csv", "mon-lunch", "new-one"))
    _mission_field(source, "revision", "7")
    reused = build(source, cache)
    assert not reused.errors and reused.saved is None and checked == []
    assert _docs(reused) == _docs(build(source))


@pytest.mark.parametrize(
    "change",
    [
        lambda s: _mission_field(s, "end_date", "2025-10-11"),
        lambda s: edit(s / "cities.csv", "la", name_en="LA"),
        lambda s: _mission_field(s, "title_en", "Another title"),
    ],
    ids=["dates", "city", "title"],
)
def test_build_cache_mission_settings_changed_checks_every_document_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[Path], None]
) -> None:
    source, cache = _cached(tmp_path)
    checked = _counting_cross_checks(monkeypatch)
    change(source)
    reused = build(source, cache)
    assert reused.saved is None and checked == list(reused.delegates)
    assert [str(e) for e in reused.errors] == [str(e) for e in build(source).errors]


def test_build_cache_meeting_moved_out_of_the_mission_dates_reported_like_full_build(
    tmp_path: Path,
) -> None:
    source, cache = _cached(tmp_path)
    _mission_field(source, "end_date", "2025-10-08")  # m-obrien meets on the 9th
    cold = [str(e) for e in build(source).errors]
    assert cold
    assert [str(e) for e in build(source, cache).errors] == cold


def test_build_cache_activity_a_delegate_named_gone_reported_like_full_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, cache = _cached(tmp_path)
    checked = _counting_cross_checks(monkeypatch)
    _remove(source / "activities.csv", "id", "mon-lunch")
    cold = [str(e) for e in build(source).errors]
    assert any("mon-lunch" in e for e in cold)
    assert [str(e) for e in build(source, cache).errors] == cold
    assert checked  # the saved documents were checked again (and then built afresh)


def _copy_of(path: Path, row_id: str, new_id: str) -> str:
    """The CSV line of row `row_id` under the id `new_id`."""
    with path.open(encoding="utf-8", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["id"] == row_id)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([new_id, *list(row.values())[1:]])
    return buffer.getvalue()
