"""Publishing: same bytes for the same input, stable tokens, atomic swap, every error at once."""

from __future__ import annotations

import csv
import gzip
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from backend import invites
from backend.publish import publish
from backend.tokens import MissingSecret, load_secret, token_for
from tests.backend.published import files_of
from tests.backend.servers import EXAMPLE, ROOT, SECRET
from tests.backend.sources import copy_example, edit, line_of


def test_publish_writes_gzip_twins_only_of_shared_files_and_documents(tmp_path: Path) -> None:
    report = publish(EXAMPLE, tmp_path / "feed", SECRET, "https://feed.example.org/")
    with (EXAMPLE / "delegates.csv").open(encoding="utf-8") as f:
        ids = [row["id"] for row in csv.DictReader(f)]
    assert report.errors == [] and report.delegates == len(ids) >= 6
    exts = (".json", ".ics", ".html", ".en.html", ".fr.html", ".nl.html")
    personal = {f"delegates/{token_for(i, SECRET)}{ext}" for i in ids for ext in exts}
    documents = {f"delegates/{token_for(i, SECRET)}.json.gz" for i in ids}
    names = set(files_of(tmp_path / "feed"))
    assert names == personal | documents | {
        "mission.json",
        "mission.json.gz",
        "schedule.json",
        "schedule.json.gz",
        "schedule.xml",
        "schedule.xml.gz",
    }
    assert (tmp_path / "feed").is_symlink()
    assert report.files == len(names)
    twin = tmp_path / "feed" / "mission.json.gz"
    assert gzip.decompress(twin.read_bytes()) == (tmp_path / "feed" / "mission.json").read_bytes()


def test_same_input_gives_same_bytes(tmp_path: Path) -> None:
    publish(EXAMPLE, tmp_path / "a", SECRET, "https://x/")
    publish(EXAMPLE, tmp_path / "b", SECRET, "https://x/")
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")
    stat_a = (tmp_path / "a" / "mission.json").stat()
    stat_b = (tmp_path / "b" / "mission.json").stat()
    assert stat_a.st_mtime == stat_b.st_mtime  # so nginx's ETag survives a republish


def test_tokens_are_128_bit_stable_and_revoked_by_a_new_secret() -> None:
    token = token_for("demo", SECRET)
    assert len(token) == 26 and token == token_for("demo", SECRET)
    assert token != token_for("demo", SECRET + b"rotated") and token != token_for("demo2", SECRET)


def test_invites_are_written_outside_the_served_folder(tmp_path: Path) -> None:
    publish(EXAMPLE, tmp_path / "feed", SECRET, "https://feed.example.org/", tmp_path / "pack")
    with (tmp_path / "pack" / "invites.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    token = token_for("demo", SECRET)
    lotte = next(row for row in rows if row["name"] == "Lotte Vermeulen")
    assert lotte["link"] == f"https://feed.example.org/delegates/{token}.json"
    assert lotte["code"].replace("-", "") == token
    with Image.open(tmp_path / "pack" / lotte["qr"]) as image:
        found = zxingcpp.read_barcode(image.convert("L"))
    assert found is not None and found.text == lotte["link"]
    assert not any("invites" in name for name in files_of(tmp_path / "feed"))


def test_invites_drawn_in_two_processes_are_the_codes_drawn_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "https://feed.example.org/"
    publish(EXAMPLE, tmp_path / "feed", SECRET, url, tmp_path / "here")
    monkeypatch.setattr(invites, "APART_FROM", 1)  # a first publish of thousands
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    publish(EXAMPLE, tmp_path / "other", SECRET, url, tmp_path / "apart")
    assert len(list((tmp_path / "apart" / "qr").iterdir())) > 1
    assert files_of(tmp_path / "apart") == files_of(tmp_path / "here")


PathArg = str | os.PathLike[str]


def test_invites_first_draw_renames_one_folder_not_each_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Creating a file and renaming it is ~0.5 ms here: 5,000 codes wrote for ~2.5 s."""
    renamed: list[str] = []
    rename, replace = os.rename, os.replace

    def counted(real: Callable[[PathArg, PathArg], None]) -> Callable[[PathArg, PathArg], None]:
        def call(a: PathArg, b: PathArg) -> None:
            renamed.append(Path(b).name)
            real(a, b)

        return call

    monkeypatch.setattr(os, "rename", counted(rename))
    monkeypatch.setattr(os, "replace", counted(replace))
    report = publish(EXAMPLE, tmp_path / "feed", SECRET, "https://x/", tmp_path / "pack")
    codes = sorted(p.name for p in (tmp_path / "pack" / "qr").iterdir())
    assert len(codes) == report.delegates and all(c.endswith(".png") for c in codes)
    assert [n for n in renamed if n in ("qr", "invites.csv", *codes)] == ["qr", "invites.csv"]
    assert sorted(p.name for p in (tmp_path / "pack").iterdir()) == ["invites.csv", "qr"]


def test_invites_first_draw_stopped_halfway_leaves_no_code_and_the_next_draws_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, pack = "https://x/", tmp_path / "pack"
    drawn: list[str] = []
    real = invites._draw

    def failing(link: str) -> bytes:
        if len(drawn) == 3:
            raise OSError(28, "No space left on device")
        drawn.append(link)
        return real(link)

    monkeypatch.setattr(invites, "_draw", failing)
    with pytest.raises(OSError):
        publish(EXAMPLE, tmp_path / "feed", SECRET, url, pack)
    assert sorted(p.name for p in pack.iterdir()) == []  # no qr/, no half-written folder
    monkeypatch.setattr(invites, "_draw", real)
    publish(EXAMPLE, tmp_path / "feed", SECRET, url, pack)
    here = tmp_path / "here"
    publish(EXAMPLE, tmp_path / "other", SECRET, url, here)
    assert files_of(pack) == files_of(here)


def test_invites_open_the_hosted_app_when_there_is_one(tmp_path: Path) -> None:
    publish(
        EXAMPLE,
        tmp_path / "feed",
        SECRET,
        "https://feed.example.org/",
        tmp_path / "pack",
        app_url="https://app.example.org/",
    )
    with (tmp_path / "pack" / "invites.csv").open(encoding="utf-8-sig") as f:
        row = next(r for r in csv.DictReader(f) if r["name"] == "Lotte Vermeulen")
    token = token_for("demo", SECRET)
    assert row["link"] == f"https://app.example.org/join/{token}"
    assert row["feed_link"] == f"https://feed.example.org/delegates/{token}.json"
    assert row["calendar"] == f"webcal://feed.example.org/delegates/{token}.ics"


def test_invites_left_as_they_are_when_no_delegate_changed_and_made_again_when_one_did(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, pack, url = copy_example(tmp_path), tmp_path / "pack", "https://x/"
    publish(source, tmp_path / "feed", SECRET, url, pack)
    listed = (pack / "invites.csv").stat()
    lost = next((pack / "qr").iterdir())
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    publish(source, tmp_path / "feed", SECRET, url, pack)
    assert (pack / "invites.csv").stat().st_ino == listed.st_ino  # not written again
    lost.unlink()  # by hand: the next publish draws it again
    edit(source / "delegates.csv", "demo", name="Lotte Vermeulen-Peeters")
    publish(source, tmp_path / "feed", SECRET, url, pack)
    assert lost.is_file()
    with (pack / "invites.csv").open(encoding="utf-8-sig") as f:
        assert "Lotte Vermeulen-Peeters" in {row["name"] for row in csv.DictReader(f)}
    (pack / "invites.csv").write_text("edited by hand", "utf-8")
    edit(source / "activities.csv", "mon-lunch", room_en="Terrace Room")
    publish(source, tmp_path / "feed", SECRET, url, pack)
    assert "Lotte Vermeulen-Peeters" in (pack / "invites.csv").read_text("utf-8-sig")
    listed = (pack / "invites.csv").stat()
    monkeypatch.setattr(invites, "code_digest", lambda: "a new version")  # may write others
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    publish(source, tmp_path / "feed", SECRET, url, pack)
    assert (pack / "invites.csv").stat().st_ino != listed.st_ino


def test_republish_swaps_atomically_and_keeps_recent_releases(tmp_path: Path) -> None:
    source = copy_example(tmp_path)
    out = tmp_path / "feed"
    publish(source, out, SECRET, "https://x/")
    first = out.resolve()
    edit(
        source / "activities.csv",
        "mon-lunch",
        room_en="Garden Room",
        room_fr="Garden Room",
        room_nl="Garden Room",
    )
    publish(source, out, SECRET, "https://x/")
    assert out.resolve() != first and first.exists()
    assert b"Garden Room" in (out / "mission.json").read_bytes()


ERROR_CASES = [
    (
        "bad-date",
        "activities.csv",
        "mon-lunch",
        {"date": "2025-13-06"},
        "activities.csv:{line}: date: '2025-13-06' is not a date (e.g. 2025-10-06)",
    ),
    (
        "bad-time",
        "activities.csv",
        "mon-lunch",
        {"start": "25:00"},
        "activities.csv:{line}: start: '25:00' is not a time (e.g. 09:30)",
    ),
    (
        "end-before-start",
        "activities.csv",
        "mon-lunch",
        {"start": "13:00", "end": "12:00"},
        "activities.csv:{line}: end: end 12:00 is not after start 13:00",
    ),
    (
        "unknown-venue",
        "activities.csv",
        "mon-lunch",
        {"venue": "sfmoma-annex"},
        "activities.csv:{line}: venue: unknown venue 'sfmoma-annex'",
    ),
    (
        "duplicate-id",
        "activities.csv",
        "mon-lunch",
        {"id": "mon-opening-seminar"},
        "activities.csv:{line}: id: duplicate id 'mon-opening-seminar'",
    ),
    (
        "bad-phone",
        "contacts.csv",
        "mission-desk",
        {"phone": "0800 FLOWERS"},
        "contacts.csv:{line}: phone: not a phone number in international form",
    ),
    (
        "bad-latitude",
        "venues.csv",
        "sfmoma",
        {"lat": "377.78"},
        "venues.csv:{line}: lat: 377.78 is not between -90 and 90",
    ),
    (
        "missing-language",
        "activities.csv",
        "mon-lunch",
        {"title_nl": ""},
        "activities.csv:{line}: title_nl: empty: fill it in",
    ),
    ("unknown-registration", "registrations.csv", None, {}, ""),
]


@pytest.mark.parametrize(
    ("name", "file", "row", "change", "expected"),
    [c for c in ERROR_CASES if c[2]],
    ids=[c[0] for c in ERROR_CASES if c[2]],
)
def test_bad_row_gives_line_numbered_error_and_publishes_nothing(
    tmp_path: Path, name: str, file: str, row: str, change: dict[str, str], expected: str
) -> None:
    source = copy_example(tmp_path)
    line = line_of(source / file, row)
    edit(source / file, row, **change)
    report = publish(source, tmp_path / "feed", SECRET, "https://x/")
    messages = [str(e) for e in report.errors]
    assert any(m.startswith(expected.format(line=line)) for m in messages), messages
    assert not (tmp_path / "feed").exists() and not (tmp_path / "feed-invites").exists()


def test_unknown_registered_activity_is_reported_with_its_line(tmp_path: Path) -> None:
    source = copy_example(tmp_path)
    with (source / "registrations.csv").open("a", encoding="utf-8") as f:
        f.write("demo,wed-imaginary-event\n")
    lines = (source / "registrations.csv").read_text(encoding="utf-8").splitlines()
    report = publish(source, tmp_path / "feed", SECRET, "https://x/")
    assert f"registrations.csv:{len(lines)}: activity: unknown activity 'wed-imaginary-event'" in [
        str(e) for e in report.errors
    ]


def test_missing_column_and_wrong_delimiter_are_explained(tmp_path: Path) -> None:
    source = copy_example(tmp_path)
    text = (source / "venues.csv").read_text(encoding="utf-8")
    (source / "venues.csv").write_text(text.replace("lat,lon", "latitude,lon", 1), encoding="utf-8")
    text = (source / "sectors.csv").read_text(encoding="utf-8")
    (source / "sectors.csv").write_text(text.replace(",", "\t"), encoding="utf-8")
    messages = [str(e) for e in publish(source, tmp_path / "feed", SECRET, "https://x/").errors]
    assert any(m.startswith("venues.csv:1: missing column lat") for m in messages), messages
    assert any(m.startswith("sectors.csv:1: missing column id, name_en") for m in messages), (
        messages
    )
    assert not (tmp_path / "feed").exists()


def test_every_error_is_reported_at_once(tmp_path: Path) -> None:
    source = copy_example(tmp_path)
    edit(source / "activities.csv", "mon-lunch", venue="nowhere")
    edit(source / "activities.csv", "wed-ai-act", date="tomorrow")
    edit(source / "venues.csv", "sfmoma", lon="-222.4")
    edit(source / "meetings.csv", "m-liu", end="10:00")
    messages = [str(e) for e in publish(source, tmp_path / "feed", SECRET, "https://x/").errors]
    assert len(messages) == 4, messages
    assert any(
        m.startswith("meetings.csv:") and "end 10:00 is not after start 11:00" in m
        for m in messages
    )


def test_semicolon_and_bom_exports_are_read(tmp_path: Path) -> None:
    source = copy_example(tmp_path)
    for path in source.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f, delimiter=";", lineterminator="\r\n").writerows(rows)
    publish(source, tmp_path / "semi", SECRET, "https://x/")
    publish(EXAMPLE, tmp_path / "comma", SECRET, "https://x/")
    assert files_of(tmp_path / "semi") == files_of(tmp_path / "comma")


def test_missing_file_and_non_utf8_are_reported(tmp_path: Path) -> None:
    source = copy_example(tmp_path)
    (source / "meetings.csv").unlink()
    (source / "venues.csv").write_bytes("id,name\nx,Caf\xe9\n".encode("latin-1"))
    messages = [str(e) for e in publish(source, tmp_path / "feed", SECRET, "https://x/").errors]
    assert "meetings.csv: file is missing" in messages
    assert (
        "venues.csv:2: not saved as UTF-8 (near 'Café'): save it again as 'CSV UTF-8 (Comma "
        "delimited)'" in messages
    ), messages


def test_publish_without_secret_fails_with_instructions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DELEGATE_TOKEN_SECRET", raising=False)
    monkeypatch.delenv("DELEGATE_TOKEN_SECRET_FILE", raising=False)
    with pytest.raises(MissingSecret, match="--secret FILE"):
        load_secret()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "backend",
            "publish",
            str(EXAMPLE),
            str(tmp_path / "f"),
            "--public-url",
            "https://f/",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin"},
        check=False,
    )
    assert run.returncode == 2 and "No token secret" in run.stderr
    assert not (tmp_path / "f").exists()


def test_cli_publish_reports_errors_and_exit_code(tmp_path: Path) -> None:
    source = copy_example(tmp_path)
    edit(source / "activities.csv", "mon-lunch", venue="nowhere")
    secret = tmp_path / "secret.txt"
    secret.write_text("s" * 40)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "backend",
            "publish",
            str(source),
            str(tmp_path / "f"),
            "--secret",
            str(secret),
            "--public-url",
            "https://f/",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "activities.csv:" in run.stderr and "unknown venue 'nowhere'" in run.stderr
    assert "1 error: nothing was published" in run.stderr


@pytest.mark.parametrize("zone", ["Europe", "America", "../../etc/passwd", "Mars/Olympus"])
def test_zone_that_is_a_folder_or_nonsense_is_reported_not_raised(
    tmp_path: Path, zone: str
) -> None:
    source = copy_example(tmp_path)
    text = (source / "mission.csv").read_text(encoding="utf-8")
    (source / "mission.csv").write_text(
        text.replace("time_zone,America/Los_Angeles", f"time_zone,{zone}"), encoding="utf-8"
    )
    messages = [str(e) for e in publish(source, tmp_path / "feed", SECRET, "https://x/").errors]
    assert any(f"time_zone {zone!r} is not a known zone" in m for m in messages), messages
    assert not (tmp_path / "feed").exists()


def test_invites_csv_opens_in_excel_with_its_accents(tmp_path: Path) -> None:
    """Event staff double-click invites.csv: without a byte-order mark Excel reads it as
    Windows-1252 and 'Hélène Lefèvre' becomes 'HÃ©lÃ¨ne LefÃ¨vre' in the welcome pack."""
    source = copy_example(tmp_path)
    edit(source / "delegates.csv", "d-maes", name="Hélène Lefèvre")
    publish(source, tmp_path / "feed", SECRET, "https://feed.example.org/", tmp_path / "pack")
    data = (tmp_path / "pack" / "invites.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), data[:20]  # UTF-8's mark, which Excel looks for
    rows = list(csv.DictReader(data.decode("utf-8-sig").splitlines()))
    assert "Hélène Lefèvre" in [row["name"] for row in rows]
    assert next(iter(rows[0])) == "delegate"  # the mark is not in the first column name
