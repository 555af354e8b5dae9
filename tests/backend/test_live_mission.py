"""The live mission read once per publish, and checked against the contract only when it is not
what the release was published with."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from backend import live_mission
from backend.publish import publish
from backend.releases import live
from tests.backend.servers import SECRET
from tests.backend.sources import copy_example, edit

URL = "https://x/"


def _counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[str]:
    calls: list[str] = []
    real = getattr(live_mission, name)

    def counted(*args: object) -> object:
        calls.append(name)
        return real(*args)

    monkeypatch.setattr(live_mission, name, counted)
    return calls


def test_live_mission_read_once_a_publish_and_checked_only_when_not_as_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    reads, checks = _counting(monkeypatch, "_bytes"), _counting(monkeypatch, "_valid")
    report = publish(source, out, SECRET, URL)
    assert report.preview is not None and [c.id for c in report.preview.changed] == ["mon-lunch"]
    assert len(reads) == 2  # mission.json and its twin, for the preview and the renumbering
    assert checks == []  # the bytes the last publish wrote: checked then
    current = live(out)
    assert current is not None
    plain = current / "mission.json"  # edited by hand: read and checked again
    plain.write_bytes(plain.read_bytes().replace(b'"title":{', b'"title":"x","t":{', 1))
    assert live_mission.mission_json(current) == json.loads(
        gzip.decompress((current / "mission.json.gz").read_bytes())
    )  # its twin, as published
    assert len(reads) == 4 and len(checks) == 2
