"""Parsed documents shared by every session of a process: each committed unit is parsed once.

Five hundred sessions on one hosted server read the same `MissionDoc` object. A unit is
re-read only when its file changed on disk (also when another process committed it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from services.changes import ChangeLog
from services.errors import FeedInvalid
from services.models import DelegateDoc, MissionDoc
from services.store import EMBEDDED, MISSION, FeedStore, Stamp, Unit, personal_name
from services.validation import parse_delegate, parse_mission

log = logging.getLogger(__name__)
BUNDLED = Path(__file__).resolve().parent.parent / "assets" / "feed"
Doc = TypeVar("Doc", bound=MissionDoc | DelegateDoc)
AnyDoc = MissionDoc | DelegateDoc


@dataclass(frozen=True)
class Loaded(Generic[Doc]):
    """A document as a session sees it, with its change log and where it came from."""

    doc: Doc
    changes: ChangeLog
    fetched_at: datetime | None
    stamp: Stamp | None  # None: the copy built into the app


@dataclass(frozen=True)
class Prepared:
    """A unit about to be committed, with the document it was parsed into (parse once)."""

    unit: Unit
    doc: AnyDoc
    changes: ChangeLog


class Library:
    def __init__(self, store: FeedStore, bundled: Path = BUNDLED) -> None:
        self.store = store
        self.bundled = bundled
        self._cache: dict[tuple[str, str], Loaded[Any] | None] = {}
        self._stamps: dict[tuple[str, str], Stamp] = {}
        self._embedded = Loaded(
            parse_mission((bundled / "mission.json").read_bytes(), "embedded mission.json"),
            ChangeLog(),
            None,
            None,
        )
        demo = bundled / "delegates" / "demo.json"
        self.demo = parse_delegate(demo.read_bytes(), "embedded demo") if demo.exists() else None

    def mission(self, namespace: str) -> Loaded[MissionDoc]:
        """The namespace's mission; the embedded one until a first copy is stored (or if the
        stored one is damaged)."""
        if namespace != EMBEDDED:
            loaded = self._load(namespace, MISSION, parse_mission)
            if loaded is not None:
                return loaded
        return self._embedded

    def delegate(self, namespace: str, code: str) -> Loaded[DelegateDoc] | None:
        return self._load(namespace, personal_name(code), parse_delegate)

    def document(
        self, namespace: str, name: str
    ) -> Loaded[MissionDoc] | Loaded[DelegateDoc] | None:
        """What is committed under `name` (no fallback); None if nothing or unreadable."""
        if name == MISSION:
            return self._load(namespace, name, parse_mission)
        return self._load(namespace, name, parse_delegate)

    def unit(self, namespace: str, name: str) -> Unit | None:
        return self.store.load(namespace, name)

    def commit(self, namespace: str, prepared: Mapping[str, Prepared]) -> None:
        """Write the units, remember their parsed documents, then notify every session."""
        self.store.write(namespace, {name: p.unit for name, p in prepared.items()})
        for name, p in prepared.items():
            stamp = self.store.stamp(namespace, name)
            if stamp is not None:
                loaded = Loaded(p.doc, p.changes, p.unit.fetched_at, stamp)
                self._cache[(namespace, name)] = loaded
                self._stamps[(namespace, name)] = stamp
        self.store.notify(namespace, frozenset(prepared))

    def _load(
        self, namespace: str, name: str, parse: Callable[[bytes, str], Doc]
    ) -> Loaded[Doc] | None:
        key = (namespace, name)
        stamp = self.store.stamp(namespace, name)
        if stamp is None:
            return None
        if self._stamps.get(key) == stamp:
            return self._cache.get(key)
        unit = self.store.load(namespace, name)
        loaded: Loaded[Doc] | None = None
        if unit is not None:
            try:
                loaded = Loaded(parse(unit.data, name), _changes(unit), unit.fetched_at, stamp)
            except FeedInvalid as exc:  # damaged on disk: callers fall back, nothing crashes
                log.error("stored %s unreadable: %s", name, exc.detail)
        self._cache[key] = loaded
        self._stamps[key] = unit.stamp if unit is not None else stamp
        return loaded


def _changes(unit: Unit) -> ChangeLog:
    try:
        return ChangeLog.model_validate(dict(unit.changes))
    except ValidationError:
        return ChangeLog()
