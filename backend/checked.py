"""The last workbook built in this process, kept by its content, so that the console's Publish
does not read and check again the very workbook its check has just read (a minute's work for a
large mission, a third of it for 5,000 delegates: bench/workbook.py).

Only a build without a single error is kept, and only one; it is kept pickled, so that whoever
takes it gets documents of their own, as a fresh build gives. The key is the sha-256 of the file's
bytes: an upload the organiser fixed and sent again is a new key. Only the console turns it on
(`enable`): a command-line publish reads its workbook once anyway, and would only pay for the
copy. Nothing is kept on disk.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
_lock = threading.Lock()
_kept: dict[str, bytes] = {}  # digest of the workbook: its pickled build
_on = threading.Event()


def enable(on: bool = True) -> None:
    """Keep the last clean build (the console), or not (the default), forgetting it."""
    if on:
        _on.set()
    else:
        _on.clear()
    forget()


def enabled() -> bool:
    return _on.is_set()


def once(workbook: Path, build: Callable[[], T], ok: Callable[[T], bool]) -> T:
    """`build()` of `workbook`, or a copy of what it gave for the same bytes last time."""
    try:
        digest = hashlib.sha256(workbook.read_bytes()).hexdigest()
    except OSError:
        return build()  # it reports the file it cannot read
    with _lock:
        kept = _kept.get(digest)
    if kept is not None:
        copy: T = pickle.loads(kept)
        return copy
    built = build()
    if ok(built):
        data = pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL)
        with _lock:
            _kept.clear()
            _kept[digest] = data
    return built


def forget() -> None:
    with _lock:
        _kept.clear()
