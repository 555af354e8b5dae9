"""The baseline for bench/hosted.py: one Text, plus the two-tab NavigationBar a tab switch needs.

A tab switch here costs what Flet itself costs: one event in, one changed Text out.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import flet as ft


def two_tabs(changed: Callable[[ft.Event[ft.NavigationBar]], None]) -> ft.NavigationBar:
    """The bar whose change event bench/hosted.py sends (also bench/same_screen_app.py's)."""
    return ft.NavigationBar(
        destinations=[
            ft.NavigationBarDestination(icon=ft.Icons.HOME, label="One"),
            ft.NavigationBarDestination(icon=ft.Icons.INFO, label="Two"),
        ],
        on_change=changed,
    )


def main(page: ft.Page) -> None:
    text = ft.Text("Hello")

    def changed(e: ft.Event[ft.NavigationBar]) -> None:
        text.value = f"Tab {e.control.selected_index}"

    page.navigation_bar = two_tabs(changed)
    page.add(text)


if __name__ == "__main__":
    port = int(os.environ.get("DELEGATE_PORT", "8551"))
    ft.run(main, view=ft.AppView.WEB_BROWSER, host="127.0.0.1", port=port, no_cdn=True)
