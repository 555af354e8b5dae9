"""A delegate's files carry the revision and time of the publish where they last changed.

Organisers give every publish a new revision and time. If every delegate's files carried them,
one changed activity would rewrite all of them (and every phone would fetch its document again).
So the files read in one language (`backend.render_keys.read_in`) carry the *stamp* of the
publish where they last changed: the document's `revision` and `published_at`, the page's
"as of" and its `<meta name="revision">`, the calendar's DTSTAMP. Like a calendar's SEQUENCE, a
stamp is taken over from the release before: files that differ from the new ones only in what
the stamp decides stay as they were. A phone's personal revision never goes down: a stamp is
kept or is the new one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import datetime
from pathlib import Path

from backend import layout
from backend.render_keys import read_in
from services.models import DelegateDoc

Stamp = tuple[int, datetime]
Render = Callable[[DelegateDoc, Collection[str]], dict[str, bytes]]
META = re.compile(rb'<meta name="revision" content="(\d{1,16}) ([^"]{1,40})">')
AS_OF = re.compile(rb'<time class="as-of">[^<]*</time>')
JSON_STAMP = re.compile(rb'^\{"revision":\d+,"published_at":"[^"]*",')
DTSTAMP = re.compile(rb"^DTSTAMP:[0-9TZ]+\r\n", re.MULTILINE)


def stamp_of(doc: DelegateDoc) -> Stamp:
    return doc.revision, doc.published_at


def stamped(doc: DelegateDoc, stamp: Stamp) -> DelegateDoc:
    """`doc` as published under `stamp`."""
    if stamp_of(doc) == stamp and doc.published_at.isoformat() == stamp[1].isoformat():
        return doc
    return doc.model_copy(update={"revision": stamp[0], "published_at": stamp[1]})


def page_stamp(page: bytes | None) -> Stamp | None:
    """The stamp a published page was made under (None: none, or not one of ours)."""
    found = META.search(page[:4096]) if page else None
    if found is None:
        return None
    try:
        when = datetime.fromisoformat(found[2].decode())
    except ValueError:
        return None
    return (int(found[1]), when) if when.tzinfo is not None else None


def restamped(page: bytes, revision: int) -> bytes:
    """A published page naming `revision` as its own, its time as it was (a rollback)."""
    found = META.search(page[:4096])
    if found is None:
        return page
    start, end = found.span(1)
    return page[:start] + str(revision).encode() + page[end:]


def as_json(stamp: Stamp) -> list[object]:
    return [stamp[0], stamp[1].isoformat()]


def from_json(value: object) -> Stamp | None:
    """A stamp kept in a memo, if it is one."""
    if not isinstance(value, list) or len(value) != 2 or not isinstance(value[0], int):
        return None
    try:
        when = datetime.fromisoformat(str(value[1]))
    except ValueError:
        return None
    return (value[0], when) if when.tzinfo is not None else None


def stampless(path: str, data: bytes) -> bytes:
    """A delegate's published file without what its stamp decides: equal results, the same
    content. `.json`: the revision and time it starts with; `.ics`: the DTSTAMP lines; pages:
    the revision meta and the "as of" times."""
    if path.endswith(".json"):
        return JSON_STAMP.sub(b"{", data, count=1)
    if path.endswith(".ics"):
        return _cut(DTSTAMP, b"DTSTAMP:", data)
    return AS_OF.sub(b"", META.sub(b"", data, count=1))


def _cut(pattern: re.Pattern[bytes], prefix: bytes, data: bytes) -> bytes:
    """`pattern.sub(b"", data)` for a pattern whose matches start with `prefix`: the pattern is
    tried only where `bytes.find` lands. On a 16 kB calendar the regex engine, trying `^` at
    every line, took 64 us; this 17 us."""
    kept, start = [], 0
    at = data.find(prefix)
    while at >= 0:
        found = pattern.match(data, at)
        if found is None:
            at = data.find(prefix, at + 1)
            continue
        kept.append(data[start:at])
        start = found.end()
        at = data.find(prefix, start)
    return b"".join([*kept, data[start:]]) if kept else data


def render_stamped(
    render: Render, doc: DelegateDoc, langs: Collection[str], live: Path | None, token: str
) -> tuple[dict[str, bytes], dict[str, bytes], dict[str, Stamp]]:
    """A delegate's files read in `langs`: (those that changed, those that stay as they were,
    the stamp of each language). `doc` carries this publish's stamp. The files in a language
    stay as the `live` release has them (its page in that language names their stamp) when
    they differ from the new ones only in what the stamp decides (`stampless`); else they are
    the new ones, under the new stamp."""
    files, own = render(doc, langs), doc.delegate.language
    changed, same, stamps = dict[str, bytes](), dict[str, bytes](), dict[str, Stamp]()
    for lang in langs:
        group = {path: data for path, data in files.items() if read_in(path, own) == lang}
        page = f"delegates/{token}.{lang}.html"
        kept = {page: layout.published(live, page)}
        old = page_stamp(kept[page])
        if old is not None and all(_same(path, data, kept, live) for path, data in group.items()):
            same.update({path: was for path in group if (was := kept[path]) is not None})
            stamps[lang] = old
        else:
            changed.update(group)
            stamps[lang] = stamp_of(doc)
    return changed, same, stamps


def _same(path: str, data: bytes, kept: dict[str, bytes | None], live: Path | None) -> bool:
    """Whether the `live` file at `path` differs from `data` only in what the stamp decides.
    Each live file is read once into `kept`, and only as far as the files compare equal."""
    if path not in kept:
        kept[path] = layout.published(live, path)
    was = kept[path]
    return was is not None and stampless(path, was) == stampless(path, data)
