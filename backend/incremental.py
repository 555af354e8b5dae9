"""Fast republish: a delegate's files are rendered again only when what they are made of changed.

A delegate's key is a digest of the code, their own document, the mission without its
activities, and the activities they are registered for. When the live release was made with
the same key, its files for that delegate are reused as they are (hard links); the rest are
rendered, in worker processes when there are many. The bytes are those a full render gives.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path

from backend.memo import SHARED, load_memo, present
from services.calendar import EventCache
from services.models import DelegateDoc, MissionDoc

Shared = Callable[[MissionDoc], dict[str, bytes]]
Own = Callable[[MissionDoc, str, DelegateDoc, bytes, EventCache], dict[str, bytes]]
VOLATILE = {"revision", "published_at"}  # change with every publish, not a person's content
PARALLEL_FROM = 100  # below this, starting workers costs more than it saves
_JOB: tuple[Own, MissionDoc, dict[str, DelegateDoc], bytes] | None = None


RENDERERS = ("babel", "icalendar", "jinja2", "pydantic", "segno")


ROOT = Path(__file__).resolve().parent.parent


def made_with(root: Path = ROOT) -> list[Path]:
    """The files our published files are made from: source, templates, translations and the
    pocket pages' maps."""
    sources = [*root.glob("backend/**/*.py"), *root.glob("services/**/*.py")]
    made = [*root.glob("services/templates/*"), *root.glob("locales/*/LC_MESSAGES/*.po")]
    return sorted([*sources, *made, *root.glob("assets/maps/*-pocket.png")])


@cache
def code_digest() -> str:
    """A new version of anything the files are made with (`made_with`, and the libraries that
    render them) never reuses old files."""
    digest = hashlib.sha256()
    for path in made_with():
        digest.update(path.read_bytes())
    for name in RENDERERS:
        digest.update(f"{name} {metadata.version(name)}".encode())
    return digest.hexdigest()


def keys(
    mission: MissionDoc, delegates: dict[str, DelegateDoc], secret: bytes, docs: dict[str, str]
) -> dict[str, str]:
    """Each delegate's key (`docs`: their `doc_digest`s)."""
    shared = hashlib.sha256(code_digest().encode() + secret)
    shared.update(mission.model_dump_json(exclude={"activities"}).encode())
    activity = {
        a.id: hashlib.sha256(a.model_dump_json().encode()).digest() for a in mission.activities
    }
    out = {}
    for delegate_id, doc in delegates.items():
        key = shared.copy()
        key.update(f"{docs[delegate_id]} {doc.revision} {doc.published_at.isoformat()}".encode())
        for activity_id in doc.registered:
            key.update(activity.get(activity_id, b""))
        out[delegate_id] = key.hexdigest()
    return out


def doc_digest(doc: DelegateDoc) -> str:
    """A delegate's document without what changes with every publish (revision, time): equal
    digests, same content for that person."""
    return hashlib.sha256(
        doc.model_dump_json(exclude=VOLATILE, exclude_none=True).encode()
    ).hexdigest()


def render_changed(
    renderers: tuple[Shared, Own],
    mission: MissionDoc,
    delegates: dict[str, DelegateDoc],
    secret: bytes,
    live: Path | None,
    salt: str = "",
    digests: dict[str, str] | None = None,
) -> tuple[dict[str, bytes], dict[str, str], dict[str, dict[str, object]]]:
    """(files to write, files to reuse as {path: sha-256}, the new memo). `salt`: what else the
    shared files depend on (the public address). `digests`: each
    delegate's `doc_digest`, when known already."""
    shared, own = renderers
    old = load_memo(live)
    docs = digests or {delegate_id: doc_digest(doc) for delegate_id, doc in delegates.items()}
    new_keys = keys(mission, delegates, secret, docs)
    there = present(live, old) if live is not None else set()
    reused: dict[str, str] = {}
    fresh: dict[str, DelegateDoc] = {}
    memo: dict[str, dict[str, object]] = {}
    for delegate_id, doc in delegates.items():
        before = old.get(delegate_id, {})
        files = before.get("files")
        if (
            before.get("key") == new_keys[delegate_id]
            and isinstance(files, dict)
            and there.issuperset(files)
        ):
            reused.update(files)
            memo[delegate_id] = {**before, "doc": docs[delegate_id]}
            continue
        fresh[delegate_id] = doc
    shared_key = hashlib.sha256(code_digest().encode() + mission.model_dump_json().encode())
    shared_key.update(salt.encode())
    written = _shared(shared, mission, shared_key.hexdigest(), old, there, reused, memo)
    for delegate_id, files in _render_each(own, mission, fresh, secret).items():
        written.update(files)
        digests = {p: hashlib.sha256(d).hexdigest() for p, d in files.items()}
        key = new_keys[delegate_id]
        memo[delegate_id] = {"key": key, "files": digests, "doc": docs[delegate_id]}
    return written, reused, memo


def _shared(
    shared: Shared,
    mission: MissionDoc,
    key: str,
    old: dict[str, dict[str, object]],
    there: set[str],
    reused: dict[str, str],
    memo: dict[str, dict[str, object]],
) -> dict[str, bytes]:
    """The shared files (mission.json, schedule exports): reused when the mission is the same."""
    before = old.get(SHARED, {})
    files = before.get("files")
    if before.get("key") == key and isinstance(files, dict) and there.issuperset(files):
        reused.update(files)
        memo[SHARED] = before
        return {}
    written = shared(mission)
    digests = {p: hashlib.sha256(d).hexdigest() for p, d in written.items()}
    memo[SHARED] = {"key": key, "files": digests}
    return written


def _render_each(
    own: Own, mission: MissionDoc, delegates: dict[str, DelegateDoc], secret: bytes
) -> dict[str, dict[str, bytes]]:
    """Each delegate's own files; in forked workers when there are many."""
    global _JOB
    ids = sorted(delegates)
    workers = min(4, os.cpu_count() or 1)
    _JOB = (own, mission, delegates, secret)  # inherited by the forked workers
    try:
        if len(ids) < max(PARALLEL_FROM, 2) or workers < 2:
            return _render_chunk(ids)
        # the first one here: every worker inherits the renderers warm (templates compiled,
        # catalogs and maps read) instead of each paying that again
        parts = [_render_chunk(ids[:1])]
        size = -(-(len(ids) - 1) // (workers * 2))
        chunks = [ids[k : k + size] for k in range(1, len(ids), size)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts += pool.map(_render_chunk, chunks)
    finally:
        _JOB = None
    return {i: files for part in parts for i, files in part.items()}


def _render_chunk(ids: list[str]) -> dict[str, dict[str, bytes]]:
    assert _JOB is not None
    own, mission, delegates, secret = _JOB
    events = EventCache()
    return {i: own(mission, i, delegates[i], secret, events) for i in ids}
