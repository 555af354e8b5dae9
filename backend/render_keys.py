"""What a delegate's files are made of, as one key per language they are read in.

A delegate's key in a language is a digest of the code, the secret, the mission without its
activities, their own document (revision and time aside in both: backend.stamps carries them),
and the activities they are registered for *as a reader in that language sees them*: every
localized text replaced by what `services.i18n.localize` shows in that language (the text and
the language it falls back to). So a new English room renders the English pages again, and the
French and Dutch ones only where they fall back to English.

    <token>.<lang>.html        read in <lang>
    <token>.json, .ics, .html  read in the delegate's own language
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from services.i18n import localize
from services.models import LANGS, Activity, DelegateDoc, Lang, MissionDoc

if TYPE_CHECKING:
    from _hashlib import HASH

VOLATILE = {"revision", "published_at"}  # change with every publish, not a person's content
RENDERERS = ("babel", "icalendar", "jinja2", "pydantic", "segno")
ROOT = Path(__file__).resolve().parent.parent
_HEX = re.compile("[0-9a-f]{64}")  # a sha-256 as a memo holds it


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


def doc_digest(doc: DelegateDoc) -> str:
    """A delegate's document without what changes with every publish (revision, time): equal
    digests, same content for that person."""
    return hashlib.sha256(
        doc.model_dump_json(exclude=VOLATILE, exclude_none=True).encode()
    ).hexdigest()


class Attending(Protocol):
    """What a delegate's keys read of them besides their document's digest: a DelegateDoc, or
    its outline (backend.shelf)."""

    @property
    def registered(self) -> Sequence[str]: ...


class Keys:
    """The keys of every delegate's files for one mission and secret. `whole`: one key over
    everything their files are made of, cheap, to find the delegates whose files all stay;
    `per_language`: one key per language, for the others. `before`: the `table` of the live
    release's publish; what it says of the activities that stayed the same is not worked out
    again (the same inputs give the same keys)."""

    def __init__(self, mission: MissionDoc, secret: bytes, before: object = None) -> None:
        self._shared = hashlib.sha256(code_digest().encode() + secret)
        self._shared.update(mission.model_dump_json(exclude={"activities", *VOLATILE}).encode())
        self._activities = {a.id: a for a in mission.activities}
        self._stored = {
            a.id: hashlib.sha256(a.model_dump_json().encode()).digest() for a in mission.activities
        }
        self._seen: dict[str, dict[str, bytes]] = {}  # views, made when first needed
        self._changed: set[str] | None = None  # activities changed since `before` (None: unknown)
        known = _known(before, self._shared.hexdigest())
        if known is not None:
            same = {i for i, d in self._stored.items() if known.get(i, [""])[0] == d.hex()}
            self._changed = (self._stored.keys() | known.keys()) - same
            self._seen = {i: _views_of(known[i]) for i in same if len(known[i]) > 1}

    def whole(self, doc: Attending, digest: str, before: Mapping[str, object] | None = None) -> str:
        """(`digest`: their `doc_digest`; `before`: their entry in the live release's memo,
        whose key stays when neither the document nor an activity they attend changed)"""
        entry, changed = before or {}, self._changed
        kept = entry.get("key") if entry.get("doc") == digest else None
        if isinstance(kept, str) and changed is not None and changed.isdisjoint(doc.registered):
            return kept
        key = self._mine(digest)
        key.update(b"".join([self._stored.get(i, b"") for i in doc.registered]))
        return key.hexdigest()

    def per_language(self, doc: Attending, digest: str) -> dict[str, str]:
        mine, out = self._mine(digest), dict[str, str]()
        for lang in LANGS:
            key = mine.copy()
            key.update(lang.encode() + b"".join([self._view(i, lang) for i in doc.registered]))
            out[lang] = key.hexdigest()
        return out

    def table(self) -> dict[str, object]:
        """What the next publish's `Keys` takes as `before`: the shared part's digest, and each
        activity's digest with its views when they are known ({id: [digest, view per
        language]})."""
        seen = {i: [views[lang].hex() for lang in LANGS] for i, views in self._seen.items()}
        known = {i: [d.hex(), *seen.get(i, [])] for i, d in sorted(self._stored.items())}
        return {"shared": self._shared.hexdigest(), "activities": known}

    def _mine(self, digest: str) -> HASH:
        mine = self._shared.copy()
        mine.update(digest.encode())  # revision and time aside: backend.stamps carries them
        return mine

    def _view(self, activity_id: str, lang: str) -> bytes:
        if activity_id not in self._activities:
            return b""
        if activity_id not in self._seen:
            self._seen[activity_id] = views(self._activities[activity_id])
        return self._seen[activity_id][lang]


def _views_of(known: list[str]) -> dict[str, bytes]:
    return {lang: bytes.fromhex(view) for lang, view in zip(LANGS, known[1:], strict=True)}


def _known(before: object, shared: str) -> dict[str, list[str]] | None:
    """The activities of a `Keys.table` made with the same shared part, if it is one."""
    if not isinstance(before, dict) or before.get("shared") != shared:
        return None
    known = before.get("activities")
    if not isinstance(known, dict):
        return None
    for value in known.values():
        if not isinstance(value, list) or len(value) not in (1, 1 + len(LANGS)):
            return None
        if not all(isinstance(x, str) and _HEX.fullmatch(x) for x in value):
            return None
    return known


def views(activity: Activity) -> dict[str, bytes]:
    """A digest of the activity as a reader in each language sees it."""
    data = activity.model_dump(mode="json")  # fields in the model's order: repr is stable
    return {lang: hashlib.sha256(repr(_seen_in(data, lang)).encode()).digest() for lang in LANGS}


def _seen_in(value: object, lang: Lang) -> object:
    """`value` with each localized text ({"en": ..., "fr": ...}) as [text shown, fallback]."""
    if isinstance(value, dict):
        if set(value) <= set(LANGS) and all(isinstance(v, str) for v in value.values()):
            shown = localize(value, lang)
            return [shown.text, shown.fallback]
        return {k: _seen_in(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [_seen_in(v, lang) for v in value]
    return value


def read_in(path: str, own: str) -> str:
    """The language a delegate's file is read in: `<token>.<lang>.html` in <lang>, the others
    (json, ics, `<token>.html`) in the delegate's own language `own`."""
    parts = path.rpartition("/")[2].split(".")
    return parts[1] if len(parts) == 3 and parts[1] in LANGS else own
