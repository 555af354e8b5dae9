"""Publish each delegate's pocket agenda beside their personal feed document.

    delegates/<token>.html          in the delegate's own language
    delegates/<token>.<lang>.html   en, fr, nl: the page's language switch links between them

Same secret-token URL shape and serving rules as `<token>.json`. A page is a pure function of
the mission and the delegate's document, so it changes (bytes, ETag) only when they do.
"""

from __future__ import annotations

from collections.abc import Collection

from services.agenda import personal_items
from services.models import LANGS, DelegateDoc, MissionDoc
from services.pocket import PocketSource, render_pocket


def pocket_files(
    mission: MissionDoc, token: str, doc: DelegateDoc, langs: Collection[str] = LANGS
) -> dict[str, bytes]:
    """Relative path -> bytes of one delegate's pages in `langs` (default: every one)."""
    source = PocketSource(
        mission,
        doc,
        personal_items(mission, doc, []),
        as_of=max(mission.published_at, doc.published_at),
    )
    links = {lang: f"{token}.{lang}.html" for lang in LANGS}
    files: dict[str, bytes] = {}
    for lang in (lang for lang in LANGS if lang in langs):
        page = render_pocket(source, lang, links, banner="published").encode()
        files[f"delegates/{token}.{lang}.html"] = page
        if lang == doc.delegate.language:
            files[f"delegates/{token}.html"] = page
    return files
