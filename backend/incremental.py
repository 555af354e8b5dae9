"""Fast republish: a delegate's files are rendered again only when what they are made of changed.

Each delegate has one key per language their files are read in (backend.render_keys). When the
live release was made with the same key, its files in that language are reused as they are
(hard links); the rest are rendered (backend.render_workers). The bytes are
those a full render gives.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from backend.memo import KEYS, SHARED, Present, load_memo, present
from backend.objects import packing
from backend.render_keys import Keys, code_digest, doc_digest, read_in
from backend.render_workers import Memo, Own, Todo, render_each
from backend.shelf import outline_of
from backend.stamps import as_json, from_json
from services.models import LANGS, DelegateDoc, MissionDoc

Shared = Callable[[MissionDoc], dict[str, bytes]]


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
    rendered = render_each(own, mission, fresh, secret, todo, live, (store, memo), twins)
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
