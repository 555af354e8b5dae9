"""The question a screen asks in a dialog, and a tap on one of its answers."""

from __future__ import annotations

import flet as ft

from tests.views.harness import App


def question(app: App) -> ft.AlertDialog | None:
    shown = [d for d in app.page._dialogs.controls if isinstance(d, ft.AlertDialog) and d.open]
    return shown[-1] if shown else None


async def answer(app: App, dialog: ft.AlertDialog, button: str) -> None:
    buttons = [b for b in dialog.actions if isinstance(b, ft.TextButton)]
    await app.fire(next(b for b in buttons if b.content == button), "click")
