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
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from services.i18n import localize
from services.models import LANGS, Activity, DelegateDoc, Lang, MissionDoc

if TYPE_CHECKING:
    from _hashlib import HASH

VOLATILE = {"revision", "published_at"}  # change with every publish, not a person's content
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


def doc_digest(doc: DelegateDoc) -> str:
    """A delegate's document without what changes with every publish (revision, time): equal
    digests, same content for that person."""
    return hashlib.sha256(
        doc.model_dump_json(exclude=VOLATILE, exclude_none=True).encode()
    ).hexdigest()


class Keys:
    """The keys of every delegate's files for one mission and secret. `whole`: one key over
    everything their files are made of, cheap, to find the delegates whose files all stay;
    `per_language`: one key per language, for the others."""

    def __init__(self, mission: MissionDoc, secret: bytes) -> None:
        self._shared = hashlib.sha256(code_digest().encode() + secret)
        self._shared.update(mission.model_dump_json(exclude={"activities", *VOLATILE}).encode())
        self._activities = {a.id: a for a in mission.activities}
        self._stored = {
            a.id: hashlib.sha256(a.model_dump_json().encode()).digest() for a in mission.activities
        }
        self._seen: dict[str, dict[str, bytes]] = {}  # views, made when first needed

    def whole(self, doc: DelegateDoc, digest: str) -> str:
        """(`digest`: their `doc_digest`)"""
        key = self._mine(doc, digest)
        key.update(b"".join([self._stored.get(i, b"") for i in doc.registered]))
        return key.hexdigest()

    def per_language(self, doc: DelegateDoc, digest: str) -> dict[str, str]:
        mine, out = self._mine(doc, digest), dict[str, str]()
        for lang in LANGS:
            key = mine.copy()
            key.update(lang.encode() + b"".join([self._view(i, lang) for i in doc.registered]))
            out[lang] = key.hexdigest()
        return out

    def _mine(self, doc: DelegateDoc, digest: str) -> HASH:
        mine = self._shared.copy()
        mine.update(digest.encode())  # revision and time aside: backend.stamps carries them
        return mine

    def _view(self, activity_id: str, lang: str) -> bytes:
        if activity_id not in self._activities:
            return b""
        if activity_id not in self._seen:
            self._seen[activity_id] = views(self._activities[activity_id])
        return self._seen[activity_id][lang]


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
