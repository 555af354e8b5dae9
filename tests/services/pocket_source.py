"""Pocket pages made from edited documents, and the strict HTML check they must pass."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import html5lib

from services.agenda import personal_items
from services.models import Lang
from services.pocket import PocketSource
from services.validation import parse_delegate, parse_mission
from tests.conftest import dump

LINKS: dict[Lang, str] = {"en": "p.en.html", "fr": "p.fr.html", "nl": "p.nl.html"}

AS_OF = datetime(2025, 10, 7, 14, 5, tzinfo=UTC)


def source_of(mission: dict[str, Any], delegate: dict[str, Any] | None, **kw: Any) -> PocketSource:
    m = parse_mission(dump(mission))
    d = parse_delegate(dump(delegate)) if delegate else None
    return PocketSource(m, d, personal_items(m, d, []) if d else [], as_of=AS_OF, **kw)


def valid_html(page: str) -> None:
    """html5lib in strict mode raises on any parse error of the WHATWG HTML standard."""
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
