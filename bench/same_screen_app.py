"""The floor for bench/hosted.py: a tab switch to a screen of the same controls as our Programme's
first part, with none of our work behind it.

The minimal app changes one Text. Ours makes the Programme's first part: 98 controls (a
search field, the six-day strip, the filters button, the count, and six activity cards; see
`python -m bench.controls`). This app makes that same tree, control for control and property
for property, from fixed strings: no data read, no translation, no time arithmetic, no search
index. It runs on our hosting server (hosting.serve, as `make run` does), so the difference
from the minimal app is what Flet and the wire cost for those controls, and the difference
from ours is what our own code adds.
"""

from __future__ import annotations

import os

import flet as ft

from bench.minimal_tabs_app import two_tabs
from hosting.serve import programme_of, serve
from main import ASSETS, process_feeds, shutdown
from services.store import data_dir

DAYS = ["Sun 5", "Mon 6", "Tue 7", "Wed 8", "Thu 9", "Fri 10"]
CARDS = [
    ("07:30–08:45", "Coaches to Silicon Valley", "Hilton San Francisco Union Square", "Transfer"),
    ("09:00–11:30", "Stanford–Belgium research day: AI", "Stanford University · Huang", "Seminar"),
    ("09:00–11:30", "Medtech and digital health at Stanford", "Stanford · Li Ka Shing", "Seminar"),
    (
        "10:00–11:00",
        "Meeting with Governor Gavin Newsom",
        "Fairmont San Francisco · Grand",
        "Signing",
    ),
    ("10:00–12:00", "UC Berkeley: battery and grid research", "UC Berkeley · Sather Gate", "Visit"),
    ("10:00–12:00", "Games and immersive media: Belgium", "Moscone Center · Room 2004", "Seminar"),
]
MUTED = ft.Colors.ON_SURFACE_VARIANT


def day_chip(label: str, selected: bool) -> ft.Control:
    return ft.Semantics(
        container=True,
        identifier=f"chip-day-{label}",
        button=True,
        selected=selected,
        expand=1,
        content=ft.Container(
            ft.Text(label, size=14, color=MUTED, text_align=ft.TextAlign.CENTER),
            border_radius=8,
            ink=True,
            on_click=lambda: None,
            bgcolor=ft.Colors.SECONDARY_CONTAINER if selected else None,
        ),
    )


def card(n: int, time: str, title: str, place: str, kind: str) -> ft.Control:
    trailing: ft.Control = (
        ft.Icon(ft.Icons.EVENT_AVAILABLE, color=ft.Colors.PRIMARY, tooltip="Registered", margin=12)
        if n % 2 == 0
        else ft.Semantics(
            container=True,
            identifier=f"bookmark-{n}",
            button=True,
            content=ft.IconButton(ft.Icons.BOOKMARK_ADD_OUTLINED, tooltip="Add", on_click=print),
        )
    )
    body = ft.Column(
        [
            ft.Text(title, size=16, weight=ft.FontWeight.W_600),
            ft.Text(place, size=13, color=MUTED),
            ft.Text(kind, size=12, color=MUTED, spans=[ft.TextSpan("\xa0Illustrative\xa0")]),
        ],
        spacing=3,
        expand=True,
    )
    row = ft.Row(
        [
            ft.Column(
                [ft.Text(f"Tue 7\n{time}", size=14, weight=ft.FontWeight.BOLD, width=92), trailing],
                spacing=0,
                width=92,
            ),
            body,
        ],
        vertical_alignment=ft.CrossAxisAlignment.START,
        spacing=8,
        opacity=0.6,
    )
    return ft.Semantics(
        container=True,
        identifier=f"row-{n}",
        button=True,
        content=ft.Container(
            row,
            padding=12,
            margin=ft.Margin.symmetric(horizontal=12, vertical=4),
            border_radius=12,
            bgcolor=ft.Colors.SURFACE_CONTAINER_LOW,
            ink=True,
            on_click=lambda: None,
        ),
    )


def screen() -> ft.Control:
    """The Programme's first part, as ours sends it (bench.controls: 98 controls)."""
    search = ft.Semantics(
        container=True,
        identifier="programme-search",
        label="Search the programme",
        content=ft.TextField(
            dense=True,
            hint_text="Search title, venue, speaker…",
            prefix_icon=ft.Icons.SEARCH,
            on_change=print,
            on_submit=print,
        ),
    )
    strip = ft.Column(
        [
            ft.Row([day_chip(d, d == "Tue 7") for d in DAYS], spacing=4),
            ft.Semantics(
                container=True,
                identifier="programme-filters",
                button=True,
                expanded=False,
                content=ft.TextButton("City, sector, kind", icon=ft.Icons.TUNE, on_click=print),
            ),
        ],
        spacing=4,
    )
    count = ft.Semantics(
        container=True,
        identifier="programme-count",
        header=True,
        content=ft.Text("17 activities · San Francisco", size=15, weight=ft.FontWeight.W_600),
    )
    cards = [card(n, *c) for n, c in enumerate(CARDS)]
    return ft.Semantics(
        container=True,
        identifier="pane-main",
        expand=True,
        content=ft.ListView([search, strip, count, *cards], expand=True),
    )


def main(page: ft.Page) -> None:
    first = ft.Text("Hello")
    holder = ft.Column([first], expand=True)

    def changed(e: ft.Event[ft.NavigationBar]) -> None:
        holder.controls = [screen() if e.control.selected_index else ft.Text("Hello")]

    page.navigation_bar = two_tabs(changed)
    page.add(holder)


if __name__ == "__main__":
    port = int(os.environ.get("DELEGATE_PORT", "8551"))
    serve(main, ASSETS, "127.0.0.1", port, programme_of(process_feeds(data_dir(), True)), shutdown)
