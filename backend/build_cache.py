"""The delegates' documents of the last publish, kept beside the releases, so that a publish whose
per-delegate tables did not change does not read, shape and check them again.

    .OUT.releases/build.cache    key (64 hex), HMAC-SHA-256 of the rest, then a pickled index
                                 (digests, what was checked, each document's outline and
                                 size) and each document pickled on its own (backend.shelf)

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
import itertools
import pickle
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from backend.collector import lasting
from backend.render_keys import code_digest
from backend.shelf import Shelf, outline
from backend.tables import Row
from services.atomic import write_atomically
from services.models import DelegateDoc, MissionDoc

NAME = "build.cache"
PER_DELEGATE = ("delegates.csv", "registrations.csv", "meetings.csv")  # not read when reused
MADE_FROM = (*PER_DELEGATE, "contacts.csv", "hotels.csv")
# Of mission.csv, the documents hold the mission's id and times in its zone, and its revision
# and time, which change with every publish: those are taken from the mission as it is now.
MISSION_FIELDS = ("id", "time_zone")
# header: the key in hex, the HMAC-SHA-256 of the rest, the length of the index's pickle
_KEY, _SUM, _LENGTH = 64, 32, 8
_HEAD = _KEY + _SUM + _LENGTH


@dataclass(frozen=True)
class Saved:
    key: str
    # every delegate's document, in the order of delegates.csv (loaded: a Shelf, read lazily)
    docs: Sequence[DelegateDoc]
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


def _sealed(seal: bytes, body: bytes | memoryview) -> bytes:
    sealed = hmac.new(seal, b"build cache\0", hashlib.sha256)  # not a token
    sealed.update(body)
    return sealed.digest()


def load(path: Path, key: str, seal: bytes = b"") -> Saved | None:
    """The documents saved under `key` and `seal`, or None (none, another key or seal, damaged,
    unreadable). Only the index is unpickled here; each document when it is first read."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data[:_KEY] != key.encode():
        return None
    check, body = data[_KEY : _KEY + _SUM], memoryview(data)[_KEY + _SUM :]
    if not hmac.compare_digest(_sealed(seal, body), check):
        return None  # damaged, or not sealed with this feed's secret: never unpickled
    length = int.from_bytes(body[:_LENGTH], "big")
    start = _HEAD + length  # of the first document in `data`
    try:
        with lasting():
            index = pickle.loads(body[_LENGTH : _LENGTH + length])
        saved_key, digests, checked, outlines, sizes = index
        ends = list(itertools.accumulate(sizes, initial=start))
    except Exception:  # a pickle from other code: anything may fail, then it is not used
        return None
    if saved_key != key or ends[-1] != len(data) or len(outlines) != len(sizes):
        return None
    blobs = [data[start:end] for start, end in itertools.pairwise(ends)]
    return Saved(key, Shelf(blobs, outlines, _loaded), digests, checked)


def _loaded(blob: bytes) -> DelegateDoc:
    with lasting():
        doc = pickle.loads(blob)
    if not isinstance(doc, DelegateDoc):
        raise TypeError("the build cache holds something other than a delegate's document")
    return doc


def save(path: Path, saved: Saved, seal: bytes = b"") -> None:
    """Replaces the cache whole (a reader sees the old one or the new one). A cache that cannot
    be written is no error: the next publish reads every table."""
    blobs = [_pickled(doc) for doc in saved.docs]
    outlines = [outline(doc) for doc in saved.docs]
    index = (saved.key, saved.digests, saved.passed, outlines, [len(b) for b in blobs])
    head = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
    body = b"".join([len(head).to_bytes(_LENGTH, "big"), head, *blobs])
    with contextlib.suppress(OSError):
        write_atomically(path, saved.key.encode() + _sealed(seal, body) + body)


def _pickled(doc: DelegateDoc) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(doc)
    return buffer.getvalue()


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
