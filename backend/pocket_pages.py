"""Publish each delegate's pocket agenda beside their personal feed document.

    delegates/<token>.html          in the delegate's own language
    delegates/<token>.<lang>.html   en, fr, nl: the page's language switch links between them

Same secret-token URL shape and serving rules as `<token>.json`. A page is a pure function of
the mission and the delegate's document, so it changes (bytes, ETag) only when they do.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from services.agenda import AgendaItem, personal_items
from services.models import LANGS, DelegateDoc, MissionDoc
from services.pocket import PocketSource, render_pocket
from services.pocket_parts import PocketParts


def pocket_files(
    mission: MissionDoc,
    token: str,
    doc: DelegateDoc,
    langs: Collection[str] = LANGS,
    items: Sequence[AgendaItem] | None = None,
    parts: PocketParts | None = None,
) -> dict[str, bytes]:
    """Relative path -> bytes of one delegate's pages in `langs` (default: every one).
    `items`: their `personal_items`, if known; `parts`: pieces shared with other delegates."""
    agenda = personal_items(mission, doc, []) if items is None else items
    # as of the publish where the page last changed: the document carries it (backend.stamps)
    parts = parts or PocketParts()
    source = PocketSource(mission, doc, agenda, as_of=doc.published_at, nearest=parts.nearest)
    links = {lang: f"{token}.{lang}.html" for lang in LANGS}
    files: dict[str, bytes] = {}
    for lang in (lang for lang in LANGS if lang in langs):
        page = render_pocket(source, lang, links, banner="published", parts=parts).encode()
        files[f"delegates/{token}.{lang}.html"] = page
        if lang == doc.delegate.language:
            files[f"delegates/{token}.html"] = page
    return files
