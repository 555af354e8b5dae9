"""Preview, guard, releases and rollback: nothing goes out by surprise, and it can be undone."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend import layout, render_workers
from backend.publish import publish
from backend.releases import history, releases_of
from backend.rollback import rollback
from backend.tokens import token_for
from backend.wording import describe
from services.store import FeedStore, namespace_for
from tests.backend.published import files_of, full_render, mission, run_cli, served
from tests.backend.servers import SECRET, backend_server
from tests.backend.sources import bump, copy_example, drop_unreferenced_activities, edit
from tests.services.sync_servers import make


def test_check_describes_changes_field_by_field_and_publishes_nothing(tmp_path: Path) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, "https://x/")
    before = out.resolve()
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room", room_nl="Tuinzaal")
    edit(source / "activities.csv", "wed-ai-act", state="cancelled")
    report = publish(source, out, SECRET, "https://x/", check=True)
    assert report.preview is not None and out.resolve() == before
    lines = describe(report.preview, str, lambda s, p, n: s if n == 1 else p)
    assert lines[0] == "2 delegates' agendas change."  # Lotte's lunch room, Yasmine's seminar
    assert any(line.startswith("Cancelled: ") and "(wed-ai-act)" in line for line in lines)
    changed = next(line for line in lines if " changed — " in line)
    assert "(mon-lunch) changed — room (English): " in changed, changed
    assert changed.endswith("→ Tuinzaal"), changed


def test_guard_refuses_half_empty_publish_and_force_accepts_it(tmp_path: Path) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, "https://x/")
    before = out.resolve()
    gone = drop_unreferenced_activities(source)
    report = publish(source, out, SECRET, "https://x/")
    assert report.refusal.startswith(f"Refused: this would remove {gone} of the ")
    assert "--force" in report.refusal and out.resolve() == before
    forced = publish(source, out, SECRET, "https://x/", force=True)
    assert not forced.refusal and out.resolve() != before


def test_republish_links_unchanged_files_instead_of_writing_them(tmp_path: Path) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, "https://x/")
    first = out.resolve()
    edit(source / "delegates.csv", "d-maes", name="Jeroen Maes-Peeters")  # demo's files stay
    publish(source, out, SECRET, "https://x/")
    token = token_for("demo", SECRET)
    served = f"delegates/{token}.json"
    same = layout.where(first, served), layout.where(out, served)
    assert same[0].stat().st_ino == same[1].stat().st_ino
    assert (first / "mission.json").stat().st_ino != (out / "mission.json").stat().st_ino


async def test_rollback_serves_the_previous_content_with_a_higher_revision(
    tmp_path: Path,
) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, "https://x/")
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room", room_nl="Tuinzaal")
    bump(source, 2)
    publish(source, out, SECRET, "https://x/")
    code = token_for("demo", SECRET)
    with backend_server(out) as url:
        async with make(tmp_path / "phone", url) as (sync, _transport, _clock):
            assert (await sync.sync(code)).status == "updated"
            entry = rollback(out)
            assert (await sync.sync(code)).status == "updated"
    assert entry.revision == 3 and mission(out)["revision"] == 3
    lunch = next(a for a in mission(out)["activities"] if a["id"] == "mon-lunch")
    assert lunch["room"]["en"] != "Garden Room"
    stored = FeedStore(tmp_path / "phone").load(namespace_for(url), "mission")
    assert stored is not None and stored.revision == 3 and b"Garden Room" not in stored.data
    assert [e.action.split(":")[0] for e in history(out)] == ["publish", "publish", "rollback"]


def test_rollback_after_a_crash_that_lost_the_live_history_line(tmp_path: Path) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, "https://x/")
    first = mission(out)
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    bump(source, 2)
    publish(source, out, SECRET, "https://x/")
    lines = (releases_of(out) / "history.jsonl").read_text("utf-8").splitlines()
    (releases_of(out) / "history.jsonl").write_text(lines[0] + "\n", "utf-8")  # swapped, unlogged
    entry = rollback(out)
    assert entry.revision == 3 and entry.action.endswith(history(out)[0].release)
    assert mission(out)["activities"] == first["activities"]


def test_cli_needs_a_public_address_and_says_where_invites_went(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("s" * 40)
    example, out = str(copy_example(tmp_path)), str(tmp_path / "feed")
    refused = run_cli("publish", example, out, "--secret", str(secret))
    assert refused.returncode == 2 and "--public-url" in refused.stderr
    assert not (tmp_path / "feed").exists() and "127.0.0.1" not in refused.stdout
    done = run_cli("publish", example, out, "--secret", str(secret), "--public-url", "https://f/")
    assert done.returncode == 0, done.stderr
    assert f"invites (CSV and QR codes, never served) -> {tmp_path / 'feed-invites'}" in done.stdout
    same = run_cli("publish", example, out, "--secret", str(secret), "--public-url", "https://f/")
    assert "exactly what is live" in same.stdout and "the live release stays" in same.stdout
    assert "published 6 delegates" in done.stdout and "published" not in same.stdout
    listed = run_cli("releases", out)
    assert listed.stdout.splitlines()[1].startswith("*        1 ")
    back = run_cli("rollback", out)
    assert back.returncode == 1 and "no earlier release" in back.stderr


def test_republish_renders_only_what_changed_and_gives_full_render_bytes(tmp_path: Path) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    with (source / "delegates.csv").open("a", encoding="utf-8") as f:
        f.write("d2,Jean Dupont,Example Labs,fr\n")
    publish(source, out, SECRET, "https://x/")
    first, before = out.resolve(), files_of(out)
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    again = publish(source, out, SECRET, "https://x/")
    changed = {path for path, data in files_of(out).items() if before.get(path) != data}
    assert again.written == len(changed) < again.files  # d2's files were linked, not written
    assert f"delegates/{token_for('d2', SECRET)}.ics" not in changed
    assert served(out) == full_render(source, first, out)


def test_cold_publish_in_worker_processes_gives_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = copy_example(tmp_path)
    with (source / "delegates.csv").open("a", encoding="utf-8") as f:
        f.write("d2,Jean Dupont,Example Labs,fr\n")
    monkeypatch.setattr(render_workers, "PARALLEL_FROM", 1)  # forked workers, for two delegates
    cold = publish(source, tmp_path / "cold", SECRET, "https://x/")
    # everything written, but each delegate's page in their language once (no twin)
    assert cold.written == cold.files - cold.delegates
    assert served(tmp_path / "cold") == full_render(source, None)


def _sequence(calendar: bytes, uid: str) -> int:
    """The SEQUENCE of event `uid` in `calendar`."""
    event = calendar.split(f"UID:{uid}".encode())[1].split(b"END:VEVENT")[0]
    return int(event.split(b"SEQUENCE:")[1].split(b"\r\n")[0])


def test_rollback_raises_the_sequence_of_what_it_changes_back_in_calendars(
    tmp_path: Path,
) -> None:
    """A calendar app keeps an event it has seen unless its SEQUENCE rises: the rollback must
    raise it for the lunch it moves back, and leave the others as they were."""
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, "https://x/")
    path = f"delegates/{token_for('demo', SECRET)}.ics"
    first = layout.read(out.resolve(), path)
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room", room_nl="Tuinzaal")
    bump(source, 2)
    publish(source, out, SECRET, "https://x/")
    moved = layout.read(out.resolve(), path)
    rollback(out)
    back = layout.read(out.resolve(), path)
    lunch, seminar = "mon-lunch@bem-west-coast-2025", "mon-opening-seminar@bem-west-coast-2025"
    assert _sequence(back, lunch) > _sequence(moved, lunch) > _sequence(first, lunch)
    assert b"Tuinzaal" in moved and b"Tuinzaal" not in back
    assert _sequence(back, seminar) == _sequence(moved, seminar) == _sequence(first, seminar)


@pytest.mark.parametrize("damage", ["cut short", "a list"])
def test_a_damaged_manifest_of_the_live_release_costs_reuse_not_the_publish(
    tmp_path: Path, damage: str
) -> None:
    """The live release's manifest cut short (a full disk, an edit by hand): the next publish
    writes its files afresh instead of stopping, with full-render bytes, and can be rolled back."""
    source, out = copy_example(tmp_path), tmp_path / "feed"
    first = publish(source, out, SECRET, "https://x/").release
    assert first is not None
    manifest = first.parent / f"{first.name}.manifest.json"
    text = manifest.read_text("utf-8")
    cut = {"cut short": text[: len(text) // 2], "a list": "[]"}
    manifest.write_text(cut[damage], "utf-8")
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    report = publish(source, out, SECRET, "https://x/")
    assert not report.errors and report.release is not None
    assert served(out) == full_render(source, first, out)
    rollback(out)
    assert out.resolve() != report.release
