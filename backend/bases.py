"""Bases: one link per delegate into their object, shared by the releases that build on them.

    .OUT.releases/bases/<id>/<token> -> ../../objects/<digest>

A release's `delegates` is a link to a base, and its `changed/` folder holds a link only for the
delegates whose object differs from the base's (backend.layout). So a small republish makes a
few links, not one per delegate. A new base is made when a delegate of the base is gone (it
must not be served any more) or when more than 1/REBASE of the delegates differ from it. A base
is written under a temporary name and renamed when complete, and never changes afterwards.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from backend.kept import Kept
from backend.layout import CHANGED, DELEGATES
from backend.objects import digest_of, target

BASES = "bases"
REBASE = 4  # a new base once more than a quarter of the delegates differ from it


def base_of(release: Path) -> str | None:
    """The base a release's `delegates` links to, if it is one."""
    try:
        folder, _, name = os.readlink(release / DELEGATES).rpartition("/")
    except OSError:  # a real folder (releases made before bases) or none
        return None
    return name if folder == f"../{BASES}" else None


def links_of(folder: Path) -> dict[str, str]:
    """{token: object} of a folder of delegate links."""
    with os.scandir(folder) as entries:
        return {e.name: os.readlink(e.path).rpartition("/")[2] for e in entries if e.is_symlink()}


def live_links(current: Path | None) -> tuple[str | None, dict[str, str], dict[str, str]]:
    """The base of the live release, its links, and the release's own links ({token: object});
    (None, {}, {}) when there is none or it was made before bases. The base's links are not to
    be changed (they are read once while its folder stays as it is)."""
    name = base_of(current) if current is not None else None
    if current is None or name is None:
        return None, {}, {}
    try:
        base = _READ.read(current.parent / BASES / name, links_of)
        return name, base, links_of(current / CHANGED)
    except OSError:
        return None, {}, {}


# the links of the bases read last: a base never changes once made, and each publish and
# preview reads the live one's (5,000 links: 7-12 ms). Read again if its folder changed.
_READ: Kept[dict[str, str]] = Kept()


def choose(
    releases: Path, live: tuple[str | None, dict[str, str]], links: dict[str, str]
) -> tuple[str, set[str]]:
    """The base for a release whose delegates' objects are `links` ({token: object}): the live
    one (`live`: its name and links) when it still fits, else a new one; and the tokens that
    differ from it."""
    name, known = live
    if name is not None and known and known.keys() <= links.keys():
        changed = {token for token, digest in links.items() if known.get(token) != digest}
        if len(changed) * REBASE <= len(links):
            return name, changed
    return make(releases / BASES, links), set()


def make(store: Path, links: dict[str, str]) -> str:
    """Base `links` ({token: object}), made unless it exists; its name."""
    name = digest_of(links)
    final = store / name
    if final.is_dir():
        return name
    temporary = store / f".tmp-{name}-{os.getpid()}-{secrets.token_hex(4)}"
    temporary.mkdir(parents=True)
    try:
        for token, digest in links.items():
            os.symlink(target(digest), temporary / token)
        os.rename(temporary, final)
    except OSError:
        shutil.rmtree(temporary, ignore_errors=True)
        if final.is_dir():  # made meanwhile by another publish: the same links
            return name
        raise
    _READ.wrote(final, dict(links))  # the next publish builds on it
    return name
