"""How many controls the server sends: My agenda opened, then a switch to the Programme.

    python -m bench.controls [--height 844]

One session on one server started as bench/hosted.py starts it (embedded mission, the same
clock), a phone window `--height` px tall: per patch, its controls by kind and its msgpack size.
A tab switch costs the server per control it makes, compares, encodes and sends (bench.hosted
measures the time), so this is the count to watch when a screen changes.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import msgpack

from bench import flet_client
from bench.flet_client import FletClient
from bench.proc import app_process

QUIET = 0.5  # seconds without a patch: the screen is whole


def kinds(value: Any, into: Counter[str]) -> Counter[str]:
    """The controls in a patch (every map with a class name `_c`), by kind."""
    if isinstance(value, dict):
        if "_c" in value:
            into[str(value["_c"])] += 1
        for item in value.values():
            kinds(item, into)
    elif isinstance(value, list):
        for item in value:
            kinds(item, into)
    return into


def line(label: str, patch: Any) -> str:
    found = kinds(patch, Counter())
    size = len(msgpack.packb(patch, default=str))
    top = ", ".join(f"{kind} {n}" for kind, n in found.most_common(6))
    return f"{label:<24}{found.total():>5} controls {size:>7} B   {top}"


async def measure(url: str) -> list[str]:
    client = FletClient(url)
    patches: list[Any] = []
    client.kept = patches
    try:
        await client.open(60)
        await client.whole(QUIET, 60)
        lines = [line("My agenda opened", patches[-1])]
        patches.clear()
        await client.switch_tab(60)
        await client.whole(QUIET, 60)
        labels = ["Programme, first part", "Programme, the rest"]
        lines += [line(labels[min(i, 1)], p) for i, p in enumerate(patches)]
        return lines
    finally:
        await client.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--height", type=float, default=844.0, help="the window's, in px")
    args = parser.parse_args()
    flet_client.PAGE["height"] = args.height
    with (
        tempfile.TemporaryDirectory(prefix="bench-controls-") as tmp,
        app_process("main.py", Path(tmp), {}) as (url, _pid),
    ):
        lines = asyncio.run(measure(url))
    print(f"a window 390x{args.height:.0f}; controls per patch (what the browser is sent)")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
