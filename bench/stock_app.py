"""The app as it was served before issue 16: Flet's stock web server (no compression, Flet's
manifest, no worker). Only for bench/web_bytes.py's before/after figures."""

from __future__ import annotations

import os

import flet as ft

import main

if __name__ == "__main__":
    ft.run(
        main.main,
        view=ft.AppView.WEB_BROWSER,
        host="127.0.0.1",
        port=int(os.environ["DELEGATE_PORT"]),
        no_cdn=True,
        assets_dir=str(main.ASSETS),
    )
