"""Rendering delegates' files, in this process or, when there are many, in forked workers.

Each worker inherits the mission, the documents and the renderers warm, renders its chunks of
delegates and (with a store) puts each delegate's files straight into their object
(backend.objects), so only digests travel back.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from backend.objects import put_own
from backend.stamps import Stamp, render_stamped
from backend.tokens import token_for
from services.calendar import EventCache
from services.models import LANGS, DelegateDoc, MissionDoc

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


def render_each(
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
