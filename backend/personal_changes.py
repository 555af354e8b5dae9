"""What a publish changes in delegates' own documents, compared with the live release: who is
added or removed, whose agenda changes, and who loses their hotel (the Hotels sheet lost)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from backend import layout
from backend.memo import load_memo
from backend.render_keys import VOLATILE, doc_digest
from backend.shelf import outline_of
from backend.tokens import token_for
from services.models import Meeting

if TYPE_CHECKING:
    from backend.build import Built
    from services.models import DelegateDoc


@dataclass(frozen=True)
class Personal:
    live: int  # delegates in the live release
    added: int
    removed: int
    affected: int  # their own document changes, or an activity they are registered for does
    hotels_lost: int  # had a hotel stay, and have none now
    renamed: tuple[tuple[str, str], ...] = ()  # (live name, new name), in the sheet's order
    edited: tuple[tuple[str, str, str, str], ...] = ()  # (field, name, before, after)
    names_added: tuple[str, ...] = ()  # the first SHOWN of those added, by name
    names_removed: tuple[str, ...] = ()  # the first SHOWN of those removed, by name
    registrations: tuple[int, int, int] = (0, 0, 0)  # live, added, removed (delegates kept)
    meetings: tuple[int, int] = (0, 0)  # B2B meetings added, removed (delegates kept)
    live_meetings: int = 0  # B2B meetings of the delegates kept, live now
    meetings_changed: int = 0  # B2B meetings kept (by id) whose time, place or notes changed


SHOWN = 5  # delegates named in a preview line; the others are counted


def personal_changes(
    current: Path, built: Built, secret: bytes, digests: dict[str, str], touched: set[str]
) -> Personal:
    """The delegates of `built` against the live release (`touched`: the activities that
    change). Reads each delegate's outline (backend.shelf), and their document only when no
    digest of it is known; only a live document that changed is read, to see whether its hotel
    stays went, and whether their name, company or language changed."""
    old, memo = layout.tokens(current), load_memo(current)
    added = affected = lost = 0
    tokens, renamed, edited, names_added = set(), [], [], []
    kept = regs_added = regs_gone = 0  # registrations of the delegates who stay
    meetings = [0, 0, 0]  # added, removed, changed
    kept_meetings = 0  # the B2B meetings of the delegates who stay
    for delegate_id in built.delegates:
        token = token_for(delegate_id, secret)
        tokens.add(token)
        if token not in old:
            added += 1
            if added <= SHOWN:
                names_added.append(outline_of(built.delegates, delegate_id).name)
            continue
        known = _known(memo.get(delegate_id), token)
        docs = built.delegates
        own = _differs(current, token, known, digests.get(delegate_id), docs, delegate_id)
        person = outline_of(docs, delegate_id)
        kept += len(person.registered)
        kept_meetings += person.meetings
        if own or touched.intersection(person.registered):
            affected += 1
        if own:
            before = _live(current, token)
            lost += bool(not person.stays and before.get("stays"))
            was = before.get("registered")
            was = {str(i) for i in was} if isinstance(was, list) else set(person.registered)
            regs_added += len(set(person.registered) - was)
            regs_gone += len(was - set(person.registered))
            _count_meetings(meetings, before, docs[delegate_id])
            name = _field(before, "name")
            if name is not None and name != person.name:
                renamed.append((name, person.name))
            for key, now in (("company", person.company), ("language", person.language)):
                was = _field(before, key)
                if was is not None and was != now:
                    edited.append((key, person.name, was, now))
    people = (len(old), added, len(old - tokens), affected, lost)
    gone = (_field(_live(current, token), "name") for token in sorted(old - tokens)[:SHOWN])
    names_removed = tuple(name for name in gone if name)
    regs = (kept - regs_added + regs_gone, regs_added, regs_gone)
    named = (tuple(renamed), tuple(edited), tuple(names_added), names_removed)
    live_meetings = kept_meetings - meetings[0] + meetings[1]
    counted = (meetings[0], meetings[1])
    return Personal(*people, *named, regs, counted, live_meetings, meetings[2])


def _count_meetings(counts: list[int], before: dict[str, Any], doc: DelegateDoc) -> None:
    """Adds the B2B meetings a delegate gains, loses and keeps changed (a meeting moved to
    another time or table) to `counts` (by id)."""
    live = before.get("meetings")
    was = {
        str(m.get("id")): m for m in (live if isinstance(live, list) else []) if isinstance(m, dict)
    }
    now = {m.id: m for m in doc.meetings}
    counts[0] += len(now.keys() - was.keys())
    counts[1] += len(was.keys() - now.keys())
    counts[2] += sum(1 for i in now.keys() & was.keys() if not _same(was[i], now[i]))


def _same(live: dict[str, Any], meeting: Meeting) -> bool:
    """Whether a live meeting (as JSON) is `meeting`; one that does not read is not."""
    try:
        return Meeting.model_validate(live) == meeting
    except ValidationError:
        return False


def _field(doc: dict[str, Any], key: str) -> str | None:
    """The delegate's `key` (name, company, language) in their live document, if it has one."""
    delegate = doc.get("delegate")
    value = delegate.get(key) if isinstance(delegate, dict) else None
    return value if isinstance(value, str) else None


def _known(entry: dict[str, object] | None, token: str) -> str | None:
    """The digest of the live document of `token`, from the memo entry of their delegate id
    (backend.memo) when it names that token's document (a memo made under another secret does
    not)."""
    files, digest = (entry or {}).get("files"), (entry or {}).get("doc")
    if isinstance(files, dict) and isinstance(digest, str) and f"delegates/{token}.json" in files:
        return digest
    return None


def _differs(
    current: Path,
    token: str,
    digest: str | None,
    new: str | None,
    docs: Mapping[str, DelegateDoc],
    delegate_id: str,
) -> bool:
    """Whether the delegate's own document changes (revision and time aside). Their document
    in `docs` is read only when `new` (its digest) is not known."""
    if digest is not None and new is not None:
        return digest != new
    doc = docs[delegate_id]
    if digest is not None:
        return digest != doc_digest(doc)
    before = {k: v for k, v in _live(current, token).items() if k not in VOLATILE}
    return before != doc.model_dump(mode="json", exclude_none=True, exclude=set(VOLATILE))


def _live(current: Path, token: str) -> dict[str, Any]:
    """The delegate's live document as JSON; empty when it cannot be read (damaged by hand or
    by the disk: it must not stop the preview, nor the publish that replaces it)."""
    try:
        raw = json.loads(layout.read(current, f"delegates/{token}.json"))
    except (OSError, ValueError):  # missing, cut short, not UTF-8 (ValueError covers both)
        return {}
    return raw if isinstance(raw, dict) else {}
