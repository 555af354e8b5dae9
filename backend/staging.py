"""A release being put together beside the live one, and the hard links that fill it.

A republish of a large mission reuses tens of thousands of files; linking them costs more than
rendering the few that changed, so it starts in a background thread as soon as it is known what
is reused (`Staging.prelink`).
"""

from __future__ import annotations

import os
import secrets
import shutil
import threading
from collections.abc import Iterable
from pathlib import Path


class Staging:
    """A release being put together: the live release's files that are reused as they are get
    linked in a background thread (tens of thousands of links for a large mission) while the
    changed ones are still being rendered."""

    def __init__(self, current: Path | None, releases: Path) -> None:
        self.current = current  # the live release, if any
        self.folder = releases / f".staging-{os.getpid()}-{secrets.token_hex(4)}"
        self.linked: set[str] = set()
        self._thread: threading.Thread | None = None
        self._failed: BaseException | None = None

    def prelink(self, reused: dict[str, str]) -> None:
        if self.current is None or self._thread is not None:
            return
        self.linked = set(reused)
        self._thread = threading.Thread(target=self._link, args=(sorted(reused),), daemon=True)
        self._thread.start()

    def _link(self, paths: list[str]) -> None:
        try:
            folders(self.folder, paths)
            link_all(self.current, self.folder, paths)  # type: ignore[arg-type]
        except BaseException as exc:  # raised again in the publishing thread
            self._failed = exc

    def ready(self) -> set[str]:
        """Wait for the links; the paths already in the folder."""
        if self._thread is not None:
            self._thread.join()
        if self._failed is not None:
            raise self._failed
        return self.linked

    def discard(self) -> None:
        if self._thread is not None:
            self._thread.join()
        shutil.rmtree(self.folder, ignore_errors=True)


def folders(staging: Path, paths: Iterable[str]) -> None:
    """Every folder the release needs, each made once (not once per file)."""
    for folder in sorted({".", *(str(Path(p).parent) for p in paths)}):
        (staging / folder).mkdir(parents=True, exist_ok=True)


def link_all(source: Path, target: Path, paths: list[str]) -> None:
    """Hard links to `paths` and their .gz twins, one folder at a time: a republish links tens
    of thousands of files, and a lookup of each whole path costs more than the link itself."""
    by_folder: dict[str, list[str]] = {}
    for path in paths:
        folder, _, name = path.rpartition("/")
        by_folder.setdefault(folder, []).extend((name, f"{name}.gz"))
    for folder, names in by_folder.items():
        src, dst = os.open(source / folder, os.O_RDONLY), os.open(target / folder, os.O_RDONLY)
        try:
            for name in names:
                os.link(name, name, src_dir_fd=src, dst_dir_fd=dst)
        finally:
            os.close(src)
            os.close(dst)
