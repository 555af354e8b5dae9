"""Text fields whose unsaved text survives a redraw.

A screen is drawn anew whenever data lands (a sync, another session's commit) or the sync state
changes. A field drawn from the saved value would then put the saved text back over what the
person is typing. These fields keep every keystroke in the session's UI state until the text is
saved or submitted (`done`)."""

from __future__ import annotations

from typing import Any

import flet as ft

from views.context import Adopt, Ctx, UiState


def draft_field(ctx: Ctx, key: str, saved: str, **options: Any) -> ft.TextField:
    drafts = ctx.state.drafts

    def typed(e: ft.Event[ft.TextField]) -> None:
        drafts[key] = e.control.value or ""

    field = ft.TextField(value=drafts.get(key, saved), on_change=typed, **options)
    return drawn_as(ctx, key, field, lambda text: drafts.__setitem__(key, text))


def drawn_as(ctx: Ctx, key: str, field: ft.TextField, adopt: Adopt) -> ft.TextField:
    """Remember `field` as drawn with its text, and what its change handler sets
    (see `adopt_typed`)."""
    ctx.state.fields[key] = (field, field.value or "", adopt)
    return field


def adopt_typed(state: UiState) -> None:
    """Before a drawing: text a device holds in a drawn field, where the field's change handler
    has not run yet, goes where that handler puts it.

    Flet sets a field's new text the moment it arrives but runs its change handler later, as a
    task: a redraw in between (a sync landing, a search's pause) drew the text of the last
    handler that ran and sent it back, rolling the field back under the person's fingers."""
    for field, drawn, adopt in list(state.fields.values()):
        if field.value is not None and field.value != drawn:
            adopt(field.value)


def done(ctx: Ctx, *keys: str) -> None:
    """The text was saved or submitted: the next drawing shows the saved value again."""
    for key in keys:
        ctx.state.drafts.pop(key, None)
        ctx.state.fields.pop(key, None)
