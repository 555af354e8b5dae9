"""Every illustrative item says so on every screen that shows it, in the person's language."""

from __future__ import annotations

from pathlib import Path

import flet as ft
import pytest

from services.models import Lang
from tests.views.harness import App, walk

LABEL = {"en": "Illustrative", "fr": "À titre d’illustration", "nl": "Ter illustratie"}


def mark_text(app: App, identifier: str) -> str:
    """The mark's label: a badge's text, or the highlighted span that ends a list row's line."""
    below = list(walk(app.find(identifier)))
    spans = [c.text for c in below if isinstance(c, ft.TextSpan)]
    texts = spans or [getattr(c, "value", None) for c in below]
    label = " ".join(t for t in texts if isinstance(t, str))
    return label.replace("\u00a0", " ").strip()


def span_mark(app: App, identifier: str) -> str:
    """The highlighted span that ends a list row's line, '' if the row has none."""
    if not app.has(identifier):
        return ""
    spans = [c.text for c in walk(app.find(identifier)) if isinstance(c, ft.TextSpan)]
    return " ".join(t for t in spans if isinstance(t, str)).replace("\u00a0", " ").strip()


def shown(app: App, prefix: str) -> list[str]:
    return [i.removeprefix(prefix) for i in app.identifiers(prefix)]


def assert_marked(app: App, lang: str, ids: list[str], sample: dict[str, bool]) -> None:
    assert ids, f"nothing shown on {app.route}"
    for item_id in ids:
        badge = f"sample-{item_id}"  # a badge of its own, or the end of a list row's line
        label = mark_text(app, badge) if app.has(badge) else span_mark(app, f"row-{item_id}")
        assert bool(label) == sample[item_id], (app.route, item_id)
        if label:
            assert label == LABEL[lang]


@pytest.mark.parametrize("lang", ["en", "fr", "nl"])
async def test_illustrative_items_are_marked_on_every_screen(tmp_path: Path, lang: Lang) -> None:
    app = await App(tmp_path, lang=lang).start("/agenda/2025-10-07")
    try:
        repo = app.repo
        sample = {a.id: a.sample for a in repo.mission.activities}
        assert repo.delegate is not None
        sample |= {m.id: m.sample for m in repo.delegate.meetings}
        sample |= {c.id: c.sample for c in repo.contacts()}
        assert_marked(app, lang, shown(app, "row-"), sample)
        assert app.has("sample-now-next")
        await app.go("/programme")
        assert_marked(app, lang, shown(app, "row-"), sample)
        await app.go("/activity/tue-mou-signing")
        assert_marked(app, lang, ["tue-mou-signing"], sample)
        await app.go("/meeting/m-patel")
        assert_marked(app, lang, ["m-patel"], sample)
        await app.go("/venue/fairmont-sf")
        assert_marked(app, lang, shown(app, "venue-activity-"), sample)
        await app.go("/contacts")
        assert_marked(app, lang, shown(app, "contact-"), sample)
        await app.go("/map/2025-10-07")
        stops = shown(app, "stop-")
        assert stops and all(app.has(f"sample-stop-{n}") for n in stops)
    finally:
        await app.close()


async def test_marked_row_label_in_french_never_breaks_inside(tmp_path: Path) -> None:
    app = await App(tmp_path, lang="fr").start("/programme")
    try:
        rows = [i for i in app.identifiers("row-") if span_mark(app, i)]
        spans = [c for c in walk(app.find(rows[0])) if isinstance(c, ft.TextSpan)]
        assert [s.text for s in spans] == ["\u00a0À\u00a0titre\u00a0d’illustration\u00a0"]
    finally:
        await app.close()
