"""Ours as it drew before views/background.py: every background drawing at once, in the
same turn of the event loop. Only for bench/turn.py's side-by-side figures."""

from __future__ import annotations

import runpy
from collections.abc import Callable
from pathlib import Path

from views import background


async def at_once(work: Callable[[], None]) -> None:
    work()


if __name__ == "__main__":
    background.draw = at_once
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "main.py"), run_name="__main__")
