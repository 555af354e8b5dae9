"""The collector runs rarely during a publish, and is as it was afterwards."""

from __future__ import annotations

import gc
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from backend.collector import BATCH_THRESHOLDS, fewer_collections, lasting
from backend.publish import publish
from tests.backend.servers import EXAMPLE, SECRET
from tests.backend.sources import copy_example, edit

LOW = (100, 10, 10)  # far more often than the default: every publish would collect


@pytest.fixture
def low_thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(*LOW)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def test_fewer_collections_inside_block_raises_thresholds_then_restores(
    low_thresholds: None,
) -> None:
    with fewer_collections():
        assert gc.get_threshold() == BATCH_THRESHOLDS
    assert gc.get_threshold() == LOW


def test_fewer_collections_block_raises_thresholds_restored(low_thresholds: None) -> None:
    with pytest.raises(KeyError), fewer_collections():
        raise KeyError("boom")
    assert gc.get_threshold() == LOW


def test_fewer_collections_higher_thresholds_kept() -> None:
    before = gc.get_threshold()
    gc.set_threshold(100_000, 5, 500)
    try:
        with fewer_collections():
            assert gc.get_threshold() == (100_000, 20, 500)
    finally:
        gc.set_threshold(*before)


def test_fewer_collections_automatic_collection_off_stays_off() -> None:
    before = gc.get_threshold()
    gc.set_threshold(0)
    try:
        with fewer_collections():
            assert gc.get_threshold()[0] == 0
        assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*before)


def test_publish_low_thresholds_collects_at_batch_thresholds_meanwhile(
    tmp_path: Path, low_thresholds: None
) -> None:
    seen: list[tuple[int, int, int]] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(gc.get_threshold())

    gc.callbacks.append(record)
    try:
        report = publish(EXAMPLE, tmp_path / "feed", SECRET, "https://feed.example.org/")
    finally:
        gc.callbacks.remove(record)
    assert report.release is not None and not report.errors
    assert set(seen) <= {BATCH_THRESHOLDS, LOW}
    # hundreds at LOW without the batch thresholds; the last few allocations of publish()
    # and of this test, after the thresholds are put back, may still make one or two
    assert seen.count(LOW) <= 3
    assert gc.get_threshold() == LOW


def test_fewer_collections_overlapping_blocks_restore_what_the_first_found(
    low_thresholds: None,
) -> None:
    first, second = fewer_collections(), fewer_collections()
    first.__enter__()  # a check, then a publish that ends first (two console threads)
    second.__enter__()
    first.__exit__(None, None, None)
    assert gc.get_threshold() == BATCH_THRESHOLDS  # the publish still runs
    second.__exit__(None, None, None)
    assert gc.get_threshold() == LOW


def test_lasting_objects_left_out_of_every_pass_until_the_publish_ends() -> None:
    assert gc.isenabled() and not gc.get_freeze_count()
    with fewer_collections():
        with lasting():
            assert not gc.isenabled()
            with lasting():  # another one overlapping
                assert not gc.isenabled()
            assert not gc.isenabled()
        assert gc.isenabled() and gc.get_freeze_count()
    assert not gc.get_freeze_count()  # collected again


def test_lasting_outside_a_publish_only_pauses_and_puts_back_what_it_found() -> None:
    with pytest.raises(KeyError), lasting():
        raise KeyError("boom")
    assert gc.isenabled() and not gc.get_freeze_count()
    gc.disable()
    try:
        with lasting():
            pass
        assert not gc.isenabled()  # off before: stays off
    finally:
        gc.enable()


def test_build_cache_is_read_with_no_collection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = copy_example(tmp_path)
    publish(source, tmp_path / "feed", SECRET, "https://x/")
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    seen: list[bool] = []
    real = pickle.loads

    def loads(data: bytes) -> object:
        seen.append(gc.isenabled())
        return real(data)

    monkeypatch.setattr(pickle, "loads", loads)
    publish(source, tmp_path / "feed", SECRET, "https://x/")  # the cache's documents reused
    # the documents from the cache, each read when first needed, while no collection runs
    assert seen and not any(seen)
    assert gc.isenabled() and not gc.get_freeze_count()
