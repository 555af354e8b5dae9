"""Tests of our stand-ins for Flet's code (hosting/stand_in.py) start on Flet's own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol


class StandIn(Protocol):
    """A hosting module that swaps our code in for Flet's (hosting/stand_in.py)."""

    flets: dict[str, Any]

    def install(self) -> bool: ...
    def uninstall(self) -> None: ...


@contextmanager
def flets_own(stand_in: StandIn) -> Iterator[None]:
    """Flet's own code while inside; the process left as it was found (ours in, or not)."""
    was_in = bool(stand_in.flets)
    stand_in.uninstall()
    try:
        yield
    finally:
        stand_in.uninstall()
        if was_in:
            stand_in.install()
