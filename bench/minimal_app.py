"""The baseline for bench/ui.py: the smallest Flet app (one Text), served like ours."""

from __future__ import annotations

import os

import flet as ft


def main(page: ft.Page) -> None:
    page.add(ft.Semantics(container=True, identifier="hello", content=ft.Text("Hello")))


if __name__ == "__main__":
    port = int(os.environ.get("DELEGATE_PORT", "8551"))
    ft.run(main, view=ft.AppView.WEB_BROWSER, host="127.0.0.1", port=port, no_cdn=True)
