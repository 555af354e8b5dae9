"""The delegates' documents of the last publish, kept beside the releases, so that a publish whose
per-delegate tables did not change does not read, shape and check them again.

    .OUT.releases/build.cache    key (64 hex), HMAC-SHA-256 of the rest, pickled `Saved`

Keyed by content, never by time or size: the sha-256 of each table the documents are made from
(`MADE_FROM`), the mission's id and zone, and `code_digest` (our code, the libraries' versions).
Only a build without a single error is kept, and a build that reuses it is dropped for a full
one as soon as anything fails (backend.build), so errors are always those of a full build. A
damaged, unreadable or foreign cache is ignored. Folders of CSV files only: a workbook is read
whole either way. The file is a pickle: it is sealed with an HMAC under the feed's secret
(`seal`), so that who can write beside the releases but does not hold the secret cannot have
the next publish load a pickle of theirs.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import os
import pickle
import secrets
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from backend.collector import lasting
from backend.render_keys import code_digest
from backend.tables import Row
from services.models import DelegateDoc, MissionDoc

NAME = "build.cache"
PER_DELEGATE = ("delegates.csv", "registrations.csv", "meetings.csv")  # not read when reused
MADE_FROM = (*PER_DELEGATE, "contacts.csv", "hotels.csv")
# Of mission.csv, the documents hold the mission's id and times in its zone, and its revision
# and time, which change with every publish: those are taken from the mission as it is now.
MISSION_FIELDS = ("id", "time_zone")
_KEY, _SUM = 64, 32  # header: the key in hex, then the HMAC-SHA-256 of the pickle


@dataclass(frozen=True)
class Saved:
    key: str
    docs: list[DelegateDoc]  # every delegate's document, in the order of delegates.csv
    digests: dict[str, str] = field(default_factory=dict)  # delegate id: doc_digest
    passed: Passed | None = None  # what every document passed the cross-checks against


@dataclass(frozen=True)
class Passed:
    """All that the cross-checks of a delegate's document read of the mission
    (services.document_rules.cross_checker): the mission's own settings (id, dates, cities,
    zone) as a digest, and the activity and venue ids the documents name. Against a mission
    with the same settings that still has every one of those ids, every document passes again."""

    settings: str
    activities: frozenset[str]
    venues: frozenset[str]

    def hold_for(self, mission: MissionDoc) -> bool:
        """Whether the documents checked against this pass the cross-checks of `mission` too."""
        return (
            self.settings == _settings(mission)
            and self.activities <= {a.id for a in mission.activities}
            and self.venues <= {v.id for v in mission.venues}
        )


def passed(mission: MissionDoc, docs: Iterable[DelegateDoc]) -> Passed:
    """What `docs`, which all passed the cross-checks against `mission`, passed them against."""
    activities: set[str] = set()
    venues: set[str] = set()
    for doc in docs:
        activities.update(doc.registered)
        venues.update(m.venue_id for m in doc.meetings if m.venue_id is not None)
    return Passed(_settings(mission), frozenset(activities), frozenset(venues))


def _settings(mission: MissionDoc) -> str:
    return hashlib.sha256(mission.mission.model_dump_json().encode()).hexdigest()


def key_of(source: Path) -> str:
    """The key of what the delegates' documents are made from; "" when `source` is not a folder
    or one of its tables cannot be read (then nothing is reused)."""
    if not source.is_dir():
        return ""
    digest = hashlib.sha256(f"{code_digest()}\0{sys.version}\0".encode())
    for name in MADE_FROM:
        try:
            data = (source / name).read_bytes()
        except FileNotFoundError:
            digest.update(f"{name}\0missing\0".encode())
            continue
        except OSError:
            return ""
        digest.update(f"{name}\0".encode() + hashlib.sha256(data).digest())
    return digest.hexdigest()


def with_mission(key: str, fields: dict[str, Row]) -> str:
    """`key` (of the tables) with what the documents hold of mission.csv's `fields`."""
    values = [fields[name].get("value") if name in fields else None for name in MISSION_FIELDS]
    return hashlib.sha256(f"{key}\0{values!r}".encode()).hexdigest()


def keep(key: str, docs: dict[str, DelegateDoc], mission: MissionDoc) -> Saved:
    """`docs`, which passed every check against `mission`, to keep under `key`."""
    return Saved(key, list(docs.values()), passed=passed(mission, docs.values()))


def _sealed(seal: bytes, body: bytes) -> bytes:
    return hmac.new(seal, b"build cache\0" + body, hashlib.sha256).digest()  # not a token


def load(path: Path, key: str, seal: bytes = b"") -> Saved | None:
    """The documents saved under `key` and `seal`, or None (none, another key or seal, damaged,
    unreadable)."""
    try:
        with path.open("rb") as f:
            if f.read(_KEY) != key.encode():
                return None
            check, body = f.read(_SUM), f.read()
    except OSError:
        return None
    if not hmac.compare_digest(_sealed(seal, body), check):
        return None  # damaged, or not sealed with this feed's secret: never unpickled
    try:
        with lasting():
            saved = pickle.loads(body)
    except Exception:  # a pickle from other code: anything may fail, then it is not used
        return None
    return saved if isinstance(saved, Saved) and saved.key == key else None


def save(path: Path, saved: Saved, seal: bytes = b"") -> None:
    """Replaces the cache whole (a reader sees the old one or the new one). A cache that cannot
    be written is no error: the next publish reads every table."""
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(saved)
    body = buffer.getvalue()
    temporary = path.with_name(f".{path.name}-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        temporary.write_bytes(saved.key.encode() + _sealed(seal, body) + body)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()


class _Pickler(pickle.Pickler):
    """Models as their fields, put back without pydantic's `__setstate__`: reading 5,000
    documents takes about half the time."""

    def reducer_override(self, obj: object) -> Any:  # NotImplemented: pickled as usual
        if not isinstance(obj, BaseModel) or obj.__pydantic_extra__ is not None:
            return NotImplemented
        if obj.__pydantic_private__ is not None:
            return NotImplemented
        return _model, (type(obj), obj.__dict__, obj.__pydantic_fields_set__)


def _model(cls: type[BaseModel], values: dict[str, object], fields: set[str]) -> BaseModel:
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", values)
    object.__setattr__(model, "__pydantic_fields_set__", fields)
    object.__setattr__(model, "__pydantic_extra__", None)
    object.__setattr__(model, "__pydantic_private__", None)
    return model
