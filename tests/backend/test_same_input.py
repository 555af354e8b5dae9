"""A publish of the input the live release was made from: answered without reading a table, and
with the report, files and history the full publish gives; anything else falls through to it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from backend import invites
from backend import publish as publishing
from backend.build import Built, build
from backend.publish import Report, publish
from backend.releases import history
from backend.tokens import token_for
from tests.backend.published import NOW, files_of
from tests.backend.servers import SECRET
from tests.backend.sources import append, copy_example, edit, remove_maes

URL = "https://x/"


def _counting_builds(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The sources publish builds documents from, in order."""
    built: list[Path] = []

    def counting(source: Path, *args: Any) -> Built:
        built.append(source)
        return build(source, *args)

    monkeypatch.setattr("backend.publish.build", counting)
    return built


def _seen(report: Report) -> dict[str, object]:
    """A report as its callers read it (the documents are only the invites' input; only the
    shortcut knows the input is the very one live, `unchanged`)."""
    return {k: v for k, v in dataclasses.asdict(report).items() if k not in ("docs", "unchanged")}


def _same_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: Callable[[Path, Path], object]
) -> None:
    """`before` publishes into a fresh feed; then the same input again, with the shortcut and
    (in a copy made the same way) without: the same report, files, invites and history."""
    results = []
    for name, shortcut in (("with", True), ("without", False)):
        source, out = copy_example(tmp_path / name), tmp_path / name / "feed"
        before(source, out)
        if not shortcut:
            monkeypatch.setattr(publishing, "again", lambda *args: None)
        built = _counting_builds(monkeypatch)
        check = publish(source, out, SECRET, URL, check=True, now=NOW)
        report = publish(source, out, SECRET, URL, now=NOW)
        assert (built == []) == shortcut == check.unchanged == report.unchanged
        invites = files_of(tmp_path / name / "feed-invites")
        lines = [{**dataclasses.asdict(e), "at": ""} for e in history(out)]  # the clock's
        seen = (_seen(check), _seen(report), files_of(out), invites, lines)
        results.append(str(seen).replace(f"/{name}/", "/"))
        monkeypatch.undo()
    assert results[0] == results[1]


def test_same_input_again_reads_no_table_and_reports_what_a_full_publish_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _same_again(tmp_path, monkeypatch, lambda s, o: publish(s, o, SECRET, URL, now=NOW))


def _renumbered(source: Path, out: Path) -> None:
    """Two publishes; the second, its revision left as it was, goes out as revision 2."""
    publish(source, out, SECRET, URL, now=NOW)
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    report = publish(source, out, SECRET, URL, now=NOW)
    assert report.preview is not None and report.preview.renumbered == (1, 1, 2)


def test_same_input_after_a_renumbered_publish_says_the_live_revision_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _same_again(tmp_path, monkeypatch, _renumbered)


@pytest.mark.parametrize(
    "change",
    [
        lambda pack, out: next((pack / "qr").iterdir()).unlink(),  # a code lost
        lambda pack, out: (pack / "invites.csv").unlink(),
    ],
    ids=["code", "list"],
)
def test_same_input_invites_missing_falls_through_and_draws_them_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[Path, Path], None]
) -> None:
    source, out, pack = copy_example(tmp_path), tmp_path / "feed", tmp_path / "pack"
    publish(source, out, SECRET, URL, pack)
    drawn = files_of(pack)
    change(pack, out)
    built = _counting_builds(monkeypatch)
    report = publish(source, out, SECRET, URL, pack)
    assert built == [source] and report.written == 0 and files_of(pack) == drawn


@pytest.mark.parametrize(
    ("secret", "app_url", "pack"),
    [(SECRET + b"-new", None, "pack"), (SECRET, "https://app/", "pack"), (SECRET, None, "other")],
    ids=["secret", "app", "invites folder"],
)
def test_same_input_other_settings_fall_through(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    secret: bytes,
    app_url: str | None,
    pack: str,
) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL, tmp_path / "pack")
    built = _counting_builds(monkeypatch)
    pack_path, new_secret = tmp_path / pack, secret != SECRET  # another secret: asked for
    report = publish(
        source, out, secret, URL, pack_path, app_url, force=True, new_secret=new_secret
    )
    assert built == [source] and report.release is not None
    assert f"{token_for('demo', secret)}.json" in str(files_of(out))


def test_same_input_after_invites_failed_runs_in_full_and_draws_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The release went out, then the invites stopped (a full disk): the same input again is
    not answered from the release, whose invites are not all there."""
    source, out, pack = copy_example(tmp_path), tmp_path / "feed", tmp_path / "pack"
    publish(source, out, SECRET, URL, pack)
    remove_maes(source)  # one delegate for another: as many invites as before
    append(
        source / "delegates.csv", id="d-new", name="Nieuwe Deelnemer", company="X", language="nl"
    )

    def full(link: str) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(invites, "_draw", full)
    with pytest.raises(OSError):
        publish(source, out, SECRET, URL, pack, force=True)
    monkeypatch.undo()
    built = _counting_builds(monkeypatch)
    publish(source, out, SECRET, URL, pack, force=True)
    assert built == [source] and "Nieuwe Deelnemer" in (pack / "invites.csv").read_text("utf-8-sig")
    publish(source, out, SECRET, URL, pack)
    assert built == [source]  # now all is out: answered from the release
    here = tmp_path / "here"
    publish(source, tmp_path / "other", SECRET, URL, here)
    assert files_of(pack) == files_of(here)
