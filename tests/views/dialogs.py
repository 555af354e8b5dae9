"""The question a screen asks in a dialog, a tap on one of its answers, and waiting (bounded)
for what a tap starts over the network."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import flet as ft

from tests.views.harness import App


def question(app: App) -> ft.AlertDialog | None:
    shown = [d for d in app.page._dialogs.controls if isinstance(d, ft.AlertDialog) and d.open]
    return shown[-1] if shown else None


async def answer(app: App, dialog: ft.AlertDialog, button: str) -> None:
    buttons = [b for b in dialog.actions if isinstance(b, ft.TextButton)]
    await app.fire(next(b for b in buttons if b.content == button), "click")


async def until(app: App, ready: Callable[[], bool]) -> None:
    """Wait (bounded) for a sign-in over the network to end."""
    for _ in range(300):
        if ready():
            break
        await asyncio.sleep(0.01)
        await app.settle()
    await app.settle()
    assert ready(), app.toasts()
