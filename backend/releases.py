"""Releases: every publish is a folder beside the live one; `OUT` is a symlink to one of them.

    .OUT.releases/<id>/                  one release: the shared files with .gz twins,
                                         delegates -> ../bases/<base>, and
                                         changed/<token> -> ../../objects/<digest>
    .OUT.releases/bases/<base>/          one link per delegate to their object (backend.bases)
    .OUT.releases/objects/<digest>/      one delegate's files, the .json with a .gz twin
    .OUT.releases/<id>.manifest.json     sha-256 of each served file, to reuse unchanged ones
    .OUT.releases/<id>.objects           the objects the release points at (for collecting)
    .OUT.releases/<id>.memo.json         what its files were made from (backend.memo)
    .OUT.releases/<id>.again.json        its input and counts (backend.same_input)
    .OUT.releases/history.jsonl          one line per publish or rollback, oldest first

A new release links the unchanged shared files of the live one, builds on the live one's base
(linking only the delegates whose object differs from it), and goes live with one rename of the
symlink. Rollback makes an earlier release live again under
a higher revision, so phones that have the newer one accept it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import shutil
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeGuard

import pydantic_core

from backend.kept import Kept
from backend.pruning import prune
from backend.staging import assemble, locked

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    """One line of the history: what went live, when, and what it was."""

    release: str
    revision: int
    published_at: str
    at: str
    activities: int
    delegates: int
    action: str = "publish"  # or "rollback"


def releases_of(out: Path) -> Path:
    return out.parent / f".{out.name}.releases"


def live(out: Path) -> Path | None:
    """The release folder `out` points at, if any."""
    return out.resolve() if out.is_symlink() and out.resolve().is_dir() else None


def holding(out: Path, wait: bool = True) -> AbstractContextManager[None]:
    """The feed's lock (backend.staging.locked): a publish or rollback holds it from its first
    read of the live release to its swap, so the next one waits and builds on it (or, with
    `wait=False`, raises backend.staging.Busy)."""
    releases_of(out).mkdir(parents=True, exist_ok=True)
    return locked(releases_of(out), wait)


def highest_published(shown: tuple[int, datetime] | None, entries: list[Entry]) -> int:
    """The highest revision that went out: the live mission's (`shown`, as backend.live_mission
    reads it; None when it cannot be read) or any in the history (`entries`). Phones may hold
    any of them, so whatever goes out next must be above it."""
    return max([shown[0] if shown else 0, *(entry.revision for entry in entries)])


def restored(entry: Entry, entries: list[Entry]) -> int | None:
    """The revision a rollback's release first went out as (None: not a rollback, or that
    release is not in the history)."""
    if not entry.action.startswith("rollback:"):
        return None
    back = entry.action.removeprefix("rollback:")
    return next((e.revision for e in entries if e.release == back), None)


def history(out: Path) -> list[Entry]:
    """Every publish and rollback, oldest first. A line that cannot be read (a publish killed
    while it wrote it, a hand edit) is left out with a warning: it must not stop the next one."""
    path = releases_of(out) / "history.jsonl"
    if not path.exists():
        return []
    entries = []
    for number, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1):
        try:
            entry = Entry(**json.loads(line)) if line.strip() else None
        except (ValueError, TypeError) as exc:
            entry = None
            log.warning("history.jsonl line %d unreadable, left out: %s", number, exc)
        if entry is not None and type(entry.revision) is int:
            entries.append(entry)
        elif entry is not None:
            log.warning("history.jsonl line %d has no revision number, left out", number)
    return entries


def write_release(
    out: Path,
    files: dict[str, bytes],
    entry: Entry | None = None,
    reused: dict[str, str] | None = None,
    base: Path | None = None,
    placed: dict[str, str] | None = None,
    twins: Mapping[str, bytes] | None = None,
    before_live: Callable[[Path], None] | None = None,
) -> tuple[Path, int]:
    """The release holding `files` plus the live release's `reused` ones ({path: sha-256}),
    with .gz twins where `layout.twinned` wants them, made live. `placed`: delegates' files
    ({path: sha-256}) already in their objects (backend.objects.put_own). Files the live release has
    with the same bytes are hard links to it, and delegates whose files did not change keep
    their object (backend.objects), so a small change writes little. `base`: the release
    `reused` was read from (default: the live one). Returns the release and how many files
    were written, twins included. `twins`: gzip twins of `files` made ahead
    (backend.objects.packing). `before_live`: what must be in the release before it goes
    out (backend.memo.seal); when it raises, nothing went out."""
    releases = releases_of(out)
    with holding(out):
        current = base or live(out)
        kept = (reused or {}) if current else {}
        made = {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}
        merged = {**kept, **(placed or {}), **made}
        manifest = {path: merged[path] for path in sorted(merged)}  # paths are unique
        text = pydantic_core.to_json(manifest)  # named by it, and written as it is
        digest = hashlib.sha256(text).hexdigest()[:16]
        release = releases / digest
        manifested = (manifest, text)
        made_of = (files, placed or {}, twins or {})
        written = 0 if release.exists() else _fill(current, release, made_of, manifested)
        _MANIFESTS.wrote(_manifest_path(release), manifest)  # the next publish builds on it
        if before_live is not None:
            before_live(release)
        # before the swap: a live release always has its line; the same release published
        # again (nothing changed, a double click) adds none, as nothing went out
        if entry is not None and not _last_line_is(out, digest):
            _append(releases, Entry(**{**asdict(entry), "release": digest}))
        _swap(out, release)
        prune(releases, keep=release)
    return release, written


def _fill(
    current: Path | None,
    release: Path,
    made_of: tuple[dict[str, bytes], dict[str, str], Mapping[str, bytes]],
    manifest: tuple[dict[str, str], bytes],
) -> int:
    """Put the release together beside the live one and move it to `release`; how many files
    were written. `made_of`: files, placed and twins as for write_release; `manifest`: the
    manifest and its JSON."""
    old = manifest_of(current) if current else {}
    folder = release.parent / f".staging-{os.getpid()}-{secrets.token_hex(4)}"
    files, placed, twins = made_of
    try:
        written, pointed = assemble(current, old, folder, files, manifest[0], placed, twins)
        _manifest_path(release).write_bytes(manifest[1])
        (release.parent / f"{release.name}.objects").write_text("\n".join(sorted(pointed)), "utf-8")
        os.replace(folder, release)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return written


def manifest_of(release: Path) -> dict[str, str]:
    """{served path: sha-256} of a release: {} when it has none, or one that cannot be read
    (then nothing of it is reused: every file is written afresh). Read again only when its
    file changed (the preview and the release that follows both ask, and a console publishes
    again and again from one process). Not to be changed."""
    manifest = _MANIFESTS.read_json(
        _manifest_path(release), _is_manifest, "no file of it is reused"
    )
    return manifest if manifest is not None else {}


def _is_manifest(value: object) -> TypeGuard[dict[str, str]]:
    return isinstance(value, dict) and all(isinstance(sha, str) for sha in value.values())


_MANIFESTS: Kept[dict[str, str]] = Kept()


def _manifest_path(release: Path) -> Path:
    return release.parent / f"{release.name}.manifest.json"


def _swap(out: Path, release: Path) -> None:
    """Point `out` at `release` with one rename; an old real folder is moved aside first."""
    if out.exists() and not out.is_symlink():
        os.replace(out, out.parent / f".{out.name}.before-releases")
    link = out.parent / f".{out.name}.link-{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(os.path.relpath(release, out.parent))
    os.replace(link, out)


def _append(releases: Path, entry: Entry) -> None:
    path = releases / "history.jsonl"
    with path.open("ab") as f:
        # after a line cut short (a publish killed while writing it), start a line of our own
        cut = f.tell() > 0 and _last_byte(path) != b"\n"
        line = json.dumps(asdict(entry), ensure_ascii=False) + "\n"
        f.write((("\n" if cut else "") + line).encode("utf-8"))


def _last_line_is(out: Path, release: str) -> bool:
    """Whether the history's last line is `release` (going out again as it is)."""
    entries = history(out)
    return bool(entries) and entries[-1].release == release


def _last_byte(path: Path) -> bytes:
    with path.open("rb") as f:
        f.seek(-1, os.SEEK_END)
        return f.read(1)
