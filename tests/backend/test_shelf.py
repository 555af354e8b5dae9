"""The build cache's documents read one by one: a republish after one change reads only those of
the delegates it renders again, and gives the bytes of a full render."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend import build_cache
from backend.build import build
from backend.publish import publish
from backend.shelf import Docs, outline
from services.models import DelegateDoc
from tests.backend.published import full_render, served
from tests.backend.servers import SECRET
from tests.backend.sources import bump, copy_example, edit

URL = "https://x/"


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the documents read from the build cache from now on."""
    read: list[str] = []
    loaded = build_cache._loaded

    def counted(blob: bytes) -> DelegateDoc:
        doc = loaded(blob)
        read.append(doc.delegate.id)
        return doc

    monkeypatch.setattr(build_cache, "_loaded", counted)
    return read


@pytest.mark.parametrize("raised", [False, True], ids=["sheet-revision", "revision-raised"])
def test_shelf_one_change_reads_only_documents_rendered_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, raised: bool
) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    publish(source, out, SECRET, URL)  # over the cache the first one left
    first = out.resolve()
    if raised:
        bump(source, 9, "2025-10-02T08:00:00+02:00")
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    read = _counting(monkeypatch)
    report = publish(source, out, SECRET, URL)
    assert not report.errors and report.release is not None
    docs = build(source).delegates
    attending = {i for i, doc in docs.items() if "mon-lunch" in doc.registered}
    assert read and set(read) <= attending < set(docs)
    assert len(read) == len(set(read))  # each once
    assert served(out) == full_render(source, first, out)


def test_shelf_documents_and_outlines_as_built(tmp_path: Path) -> None:
    source, cache = copy_example(tmp_path), tmp_path / build_cache.NAME
    cold = build(source, cache)
    assert cold.saved is not None
    build_cache.save(cache, cold.saved)
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    reused = build(source, cache).delegates
    assert isinstance(reused, Docs) and list(reused) == list(cold.delegates)
    assert "ghost" not in reused and len(reused) == len(cold.delegates)
    for delegate_id, doc in cold.delegates.items():
        assert reused.outline(delegate_id) == outline(doc)
        assert reused[delegate_id].model_dump_json() == doc.model_dump_json()
