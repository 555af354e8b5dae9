"""Text fields whose unsaved text survives a redraw.

A screen is drawn anew whenever data lands (a sync, another session's commit) or the sync state
changes. A field drawn from the saved value would then put the saved text back over what the
person is typing. These fields keep every keystroke in the session's UI state until the text is
saved or submitted (`done`)."""

from __future__ import annotations

from typing import Any

import flet as ft

from views.context import Ctx


def draft_field(ctx: Ctx, key: str, saved: str, **options: Any) -> ft.TextField:
    drafts = ctx.state.drafts

    def typed(e: ft.Event[ft.TextField]) -> None:
        drafts[key] = e.control.value or ""

    return ft.TextField(value=drafts.get(key, saved), on_change=typed, **options)


def done(ctx: Ctx, *keys: str) -> None:
    """The text was saved or submitted: the next drawing shows the saved value again."""
    for key in keys:
        ctx.state.drafts.pop(key, None)
