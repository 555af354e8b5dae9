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
    if (latest := typed_since_drawn(ctx, key)) is not None:
        drafts[key] = latest

    def typed(e: ft.Event[ft.TextField]) -> None:
        drafts[key] = e.control.value or ""

    field = ft.TextField(value=drafts.get(key, saved), on_change=typed, **options)
    return drawn_as(ctx, key, field)


def typed_since_drawn(ctx: Ctx, key: str) -> str | None:
    """What the person's device holds in field `key` when it differs from what was drawn there.

    Flet sets a field's new text the moment it arrives but runs its change handler later, as a
    task: a redraw in between (a sync landing, a search's pause) drew the text of the last
    handler that ran and sent it back, rolling the field back under the person's fingers."""
    last = ctx.state.fields.get(key)
    if last is None or last[0].value is None or last[0].value == last[1]:
        return None
    return last[0].value


def drawn_as(ctx: Ctx, key: str, field: ft.TextField) -> ft.TextField:
    """Remember `field` as drawn with its value (see `typed_since_drawn`)."""
    ctx.state.fields[key] = (field, field.value or "")
    return field


def done(ctx: Ctx, *keys: str) -> None:
    """The text was saved or submitted: the next drawing shows the saved value again."""
    for key in keys:
        ctx.state.drafts.pop(key, None)
        ctx.state.fields.pop(key, None)
