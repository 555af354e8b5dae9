"""Fast republish: a delegate's files are rendered again only when what they are made of changed.

Each delegate has one key per language their files are read in (backend.render_keys). When the
live release was made with the same key, its files in that language are reused as they are
(hard links); the rest are rendered, in worker processes when there are many. The bytes are
those a full render gives.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from backend.memo import KEYS, SHARED, Present, load_memo, present
from backend.objects import packing, put_own
from backend.render_keys import Keys, code_digest, doc_digest, read_in
from backend.shelf import outline_of
from backend.stamps import Stamp, as_json, from_json, render_stamped
from backend.tokens import token_for
from services.calendar import EventCache
from services.models import LANGS, DelegateDoc, MissionDoc

Shared = Callable[[MissionDoc], dict[str, bytes]]
Own = Callable[[MissionDoc, str, DelegateDoc, bytes, EventCache, Collection[str]], dict[str, bytes]]
# Below this many delegates, rendering here is faster than forking workers: measured at 5,000
# delegates on two shared cores, 124 took 0.4-0.9 s here and 0.6-1.6 s in workers (each worker
# warms its own caches, and forking a large process is not free); workers won from about 800.
PARALLEL_FROM = 500
# Workers take the delegates in about SHARES chunks each (never fewer than CHUNK delegates a
# chunk), so that a worker slowed down by other processes takes fewer of them.
SHARES, CHUNK = 16, 20
Todo = dict[str, frozenset[str]]  # delegate -> the languages whose files are made again
Memo = dict[str, dict[str, object]]
# where the objects go (None: the bytes go back to the caller), and the memo of this publish
Store = tuple[Path | None, Memo]
Job = tuple[Own, MissionDoc, dict[str, DelegateDoc], bytes, Todo, EventCache, Path | None, Store]
_JOB: Job | None = None


@dataclass(frozen=True)
class Done:
    """One delegate's files, rendered: the bytes of those that changed (none when they went
    straight into the delegate's object), the sha-256 of those and of the ones made again as
    they are live ({path: sha-256}), the stamp of each language, and how many files that
    wrote (twins included)."""

    files: dict[str, bytes]
    changed: dict[str, str]
    same: dict[str, str]
    stamps: dict[str, Stamp]
    written: int = 0


Rendered = dict[str, Done]


@dataclass
class Changes:
    """What a publish renders: the files to write, the live ones it keeps ({path: sha-256}),
    its memo, and (with a store) the delegates' files already in their objects."""

    files: dict[str, bytes]
    reused: dict[str, str]
    memo: Memo
    placed: dict[str, str] = field(default_factory=dict)
    written: int = 0  # files written into those objects, twins included
    twins: dict[str, bytes] = field(default_factory=dict)  # of `files`, made ahead


def render_changed(
    renderers: tuple[Shared, Own],
    mission: MissionDoc,
    delegates: Mapping[str, DelegateDoc],
    secret: bytes,
    live: Path | None,
    salt: str = "",
    digests: dict[str, str] | None = None,
    store: Path | None = None,
) -> Changes:
    """What changed since the `live` release, rendered. `salt`: what else the shared files
    depend on (the public address). `digests`: each delegate's `doc_digest`, when known
    already. `store`: the objects folder (backend.objects); each delegate's object is made
    there as soon as their files are rendered (in the worker that rendered them), so their
    bytes never travel back to this process."""
    shared, own = renderers
    old = load_memo(live)
    docs = digests or {delegate_id: doc_digest(doc) for delegate_id, doc in delegates.items()}
    there = present(live, old)
    reused: dict[str, str] = {}
    memo: dict[str, dict[str, object]] = {}
    keys = Keys(mission, secret, old.get(KEYS))
    todo = _sort_out(keys, delegates, docs, (old, there), reused, memo)
    memo[KEYS] = keys.table()
    shared_key = hashlib.sha256(code_digest().encode() + mission.model_dump_json().encode())
    shared_key.update(salt.encode())
    written = _shared(shared, mission, shared_key.hexdigest(), old, there, reused, memo)
    twins = packing(written)  # on another core while the delegates' files are rendered
    fresh = {delegate_id: delegates[delegate_id] for delegate_id in todo}
    out = Changes(written, reused, memo)
    rendered = _render_each(own, mission, fresh, secret, todo, live, (store, memo), twins)
    out.twins = twins()
    for delegate_id, done in rendered.items():
        written.update(done.files)
        if store is not None:
            out.placed.update(done.changed)
        out.written += done.written
        entry = memo[delegate_id]
        kept, made = entry["files"], entry["stamps"]
        assert isinstance(kept, dict) and isinstance(made, dict)
        reused.update(done.same)  # made again, and as they were
        entry["files"] = dict(sorted({**kept, **done.changed, **done.same}.items()))
        entry["stamps"] = {**made, **{lang: as_json(s) for lang, s in done.stamps.items()}}
    return out


def _sort_out(
    keys: Keys,
    delegates: Mapping[str, DelegateDoc],
    docs: dict[str, str],
    live: tuple[dict[str, dict[str, object]], Present],
    reused: dict[str, str],
    memo: dict[str, dict[str, object]],
) -> Todo:
    """Which delegates' files must be rendered, in which languages. The files that stay go to
    `reused`, and each delegate's entry to `memo`. `live`: the live memo, and which of the
    files it names are there. Reads each delegate's outline, never their document."""
    old, there = live
    todo: Todo = {}
    for delegate_id in delegates:
        before, digest = old.get(delegate_id, {}), docs[delegate_id]
        doc = outline_of(delegates, delegate_id)
        whole, files = keys.whole(doc, digest, before), before.get("files")
        same_key = before.get("key") == whole and isinstance(before.get("keys"), dict)
        if same_key and isinstance(files, dict) and there.holds(files):
            reused.update(files)  # nothing they read changed: all their files stay
            memo[delegate_id] = {**before, "doc": digest}
            continue
        mine = keys.per_language(doc, digest)
        kept, same = _reusable(before, mine, there, doc.language)
        reused.update(kept)
        stamps = before.get("stamps")
        stamps = stamps if isinstance(stamps, dict) else {}  # _reusable checked: all of `same`
        memo[delegate_id] = {
            "key": whole,
            "keys": mine,
            "files": kept,
            "doc": digest,
            "stamps": {lang: stamps[lang] for lang in sorted(same)},
        }
        if same != set(LANGS):
            todo[delegate_id] = frozenset(LANGS) - same
    return todo


def _reusable(
    before: dict[str, object], mine: dict[str, str], there: Present, own: str
) -> tuple[dict[str, str], set[str]]:
    """The live files of a delegate ({path: sha-256}) that can be reused, and their languages:
    those read in a language whose key is the same as when they were made, if the files are
    still in the release and the memo knows their stamps."""
    made, files, stamps = before.get("keys"), before.get("files"), before.get("stamps")
    if not isinstance(made, dict) or not isinstance(files, dict) or not there.holds(files):
        return {}, set()
    if not isinstance(stamps, dict):
        return {}, set()
    same = {
        lang
        for lang, key in mine.items()
        if made.get(lang) == key and from_json(stamps.get(lang)) is not None
    }
    return {p: sha for p, sha in files.items() if read_in(p, own) in same}, same


def _shared(
    shared: Shared,
    mission: MissionDoc,
    key: str,
    old: dict[str, dict[str, object]],
    there: Present,
    reused: dict[str, str],
    memo: dict[str, dict[str, object]],
) -> dict[str, bytes]:
    """The shared files (mission.json, schedule exports): reused when the mission is the same."""
    before = old.get(SHARED, {})
    files = before.get("files")
    if before.get("key") == key and isinstance(files, dict) and there.holds(files):
        reused.update(files)
        memo[SHARED] = before
        return {}
    written = shared(mission)
    digests = {p: hashlib.sha256(d).hexdigest() for p, d in written.items()}
    memo[SHARED] = {"key": key, "files": digests}
    return written


def _render_each(
    own: Own,
    mission: MissionDoc,
    delegates: dict[str, DelegateDoc],
    secret: bytes,
    langs: Todo | None = None,
    live: Path | None = None,
    store: Store = (None, {}),
    before_fork: Callable[[], object] = lambda: None,
) -> Rendered:
    """Each delegate's own files (those read in `langs[id]`, default all): those that changed,
    those made again as they are in `live`, their stamps (backend.stamps); in forked workers
    when there are many. `store`: the objects folder, if the files are to go into each
    delegate's object there at once, and the memo that names the files they keep.
    `before_fork`: waits for what runs in other threads (a fork copies none of them)."""
    global _JOB
    ids = sorted(delegates)
    workers = min(4, os.cpu_count() or 1)
    # inherited by the forked workers; each keeps filling its copy of the events for all the
    # chunks it renders
    _JOB = (own, mission, delegates, secret, langs or {}, EventCache(), live, store)
    try:
        if len(ids) < max(PARALLEL_FROM, 2) or workers < 2:
            return _render_chunk(ids)
        # the first one here: every worker inherits the renderers warm (templates compiled,
        # catalogs and maps read) instead of each paying that again
        parts = [_render_chunk(ids[:1])]
        before_fork()
        size = max(CHUNK, -(-(len(ids) - 1) // (workers * SHARES)))
        chunks = [ids[k : k + size] for k in range(1, len(ids), size)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            # one chunk at a time to whichever worker is free: on a shared machine one of
            # them may get half a core, and must not be left the same share as the other
            parts += pool.imap_unordered(_render_chunk, chunks)
    finally:
        _JOB = None
    return dict(sorted((i, rendered) for part in parts for i, rendered in part.items()))


def _render_chunk(ids: list[str]) -> Rendered:
    assert _JOB is not None
    own, mission, delegates, secret, langs, events, live, (store, memo) = _JOB
    every = frozenset(LANGS)

    out: Rendered = {}
    for i in ids:

        def render(doc: DelegateDoc, wanted: Collection[str], i: str = i) -> dict[str, bytes]:
            return own(mission, i, doc, secret, events, wanted)

        token = token_for(i, secret)
        files, same, stamps = render_stamped(render, delegates[i], langs.get(i, every), live, token)
        changed, kept = _digests(files), _digests(same)
        if store is None:
            out[i] = Done(files, changed, kept, stamps)
            continue
        before = memo.get(i, {}).get("files")  # the files of other languages they keep
        everything = {**(before if isinstance(before, dict) else {}), **changed, **kept}
        out[i] = Done({}, changed, kept, stamps, put_own(store, live, everything, files))
    return out


def _digests(files: dict[str, bytes]) -> dict[str, str]:
    return {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}
