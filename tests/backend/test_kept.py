"""What a publish keeps for the next one in the same process: only while the file is the same,
two files at most, never a damaged or misshapen document, and whole across threads."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TypeGuard

from backend.kept import Kept


def _is_list(value: object) -> TypeGuard[list[int]]:
    return isinstance(value, list) and all(isinstance(n, int) for n in value)


def test_kept_while_the_file_is_the_same_and_read_again_once_it_changed(tmp_path: Path) -> None:
    path, kept = tmp_path / "a.json", Kept[list[int]]()
    path.write_text("[1, 2]")
    first = kept.read_json(path, _is_list, "nothing")
    assert first == [1, 2] and kept.read_json(path, _is_list, "nothing") is first
    replacement = tmp_path / "b.json"
    replacement.write_text("[3]")
    os.replace(replacement, path)  # as a publish writes: a new file under the name
    assert kept.read_json(path, _is_list, "nothing") == [3]


def test_kept_empty_but_valid_documents_are_kept_too(tmp_path: Path) -> None:
    path, kept = tmp_path / "a.json", Kept[list[int]]()
    path.write_text("[]")
    first = kept.read_json(path, _is_list, "nothing")
    assert first == [] and kept.read_json(path, _is_list, "nothing") is first


def test_kept_damaged_missing_or_misshapen_documents_read_as_none(tmp_path: Path) -> None:
    kept = Kept[list[int]]()
    for name, text in (("cut.json", "[1, 2"), ("shape.json", '{"a": 1}'), ("none.json", None)):
        if text is not None:
            (tmp_path / name).write_text(text)
        assert kept.read_json(tmp_path / name, _is_list, "nothing") is None


def test_kept_holds_two_files_at_most(tmp_path: Path) -> None:
    kept = Kept[list[int]]()
    paths = [tmp_path / f"{n}.json" for n in range(3)]
    for n, path in enumerate(paths):
        path.write_text(f"[{n}]")
        kept.wrote(path, [n])
    assert kept.get(paths[0], _when(paths[0])) is None
    assert kept.get(paths[2], _when(paths[2])) == [2]


def _when(path: Path) -> tuple[int, int, int]:
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def test_kept_readers_and_writers_in_threads_never_fail(tmp_path: Path) -> None:
    """The console's check reads in a worker thread while a publish writes in another."""
    kept, failures = Kept[list[int]](), []
    paths = [tmp_path / f"{n}.json" for n in range(4)]
    for n, path in enumerate(paths):
        path.write_text(f"[{n}]")

    def work(n: int) -> None:
        try:
            for i in range(2000):
                path = paths[(n + i) % len(paths)]
                if n % 2:
                    kept.wrote(path, [(n + i) % len(paths)])
                else:
                    assert kept.read_json(path, _is_list, "nothing") == [paths.index(path)]
        except Exception as exc:  # any failure, reported below
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == [] and not any(t.is_alive() for t in threads)
