"""The published folder as `backend serve` reads it: each served path to its file in the live
release (or the delegate objects beside it), nothing outside them, bodies and their gzip kept
in memory by version under a byte budget."""

from __future__ import annotations

import gzip
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from backend import layout
from backend.bounded import Bounded
from backend.objects import OBJECTS

CACHE_BYTES = 64 * 2**20  # file bodies kept in memory; their gzip gets a quarter of that
LEVEL = 6  # on-the-fly gzip: nearly -9's size at twice its speed (nginx.conf: gzip_comp_level)


@dataclass(frozen=True)
class Entity:
    body: bytes
    etag: str

    @classmethod
    def of(cls, body: bytes) -> Entity:
        """A strong ETag: these exact bytes."""
        return cls(body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')


def _body(entry: tuple[object, Entity]) -> int:
    return len(entry[1].body)


class Folder:
    """Reads files through the published symlink on every request, caching by (inode, mtime).
    A delegate's files are in their object folder (backend.layout: through the release's own
    link or its base's), or straight in delegates/ in a release made before objects; a file
    that resolves anywhere but inside the live release or the objects beside it is not
    served."""

    def __init__(self, root: Path, budget: int = CACHE_BYTES) -> None:
        self.root = root
        self._cache: Bounded[str, tuple[tuple[int, int, int], Entity]] = Bounded(budget, _body)
        # served path: (plain ETag, gzip)
        self._packed: Bounded[str, tuple[str, Entity]] = Bounded(budget // 4, _body)

    @property
    def held(self) -> int:
        """Bytes of file bodies (and gzip) kept in memory."""
        return self._cache.held + self._packed.held

    def get(self, relative: str) -> Entity | None:
        """The file served at `relative`, as it is."""
        path = self._find(relative)
        return None if path is None else self._read(relative, path)

    def packed(self, relative: str) -> Entity | None:
        """The gzip entity of `relative`: the pre-compressed twin beside its file (never one
        of another delegate's object: a changed delegate's calendar may have none while their
        base's older one has), else, for a page or calendar, the file compressed here once per
        version."""
        path = self._find(relative)
        if path is None:
            return None
        twin = self._inside(path.with_name(path.name + ".gz"))
        if twin is not None or not relative.endswith(layout.UNTWINNED):
            return None if twin is None else self._read(relative + ".gz", twin)
        plain = self._read(relative, path)
        cached = self._packed.get(relative)
        if plain is not None and (cached is None or cached[0] != plain.etag):
            cached = (plain.etag, Entity.of(gzip.compress(plain.body, LEVEL, mtime=0)))
            self._packed.put(relative, cached)
        return None if plain is None or cached is None else cached[1]

    def _find(self, relative: str) -> Path | None:
        """The file served at `relative` (backend.layout), resolved, if it may be served."""
        inside = (self._inside(self.root / c) for c in layout.candidates(relative))
        return next((p for p in inside if p is not None), None)

    def _read(self, relative: str, path: Path) -> Entity | None:
        try:
            stat = path.stat()
        except OSError:
            return None
        key = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        cached = self._cache.get(relative)
        if cached is not None and cached[0] == key:
            return cached[1]
        try:
            body = path.read_bytes()
        except OSError:
            return None
        entity = Entity.of(body)
        self._cache.put(relative, (key, entity))
        return entity

    def _inside(self, path: Path) -> Path | None:
        """`path` resolved, if it is a file of the release `root` points at or of an object."""
        real = Path(os.path.realpath(path))
        release = Path(os.path.realpath(self.root))
        store = release.parent / OBJECTS  # only beside a release (.OUT.releases/<id>)
        allowed = (release, store) if release.parent.name.endswith(".releases") else (release,)
        return real if any(real.is_relative_to(a) for a in allowed) and real.is_file() else None
