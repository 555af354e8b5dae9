"""Taps while every session is drawn again at once, on one server process.

    python -m bench.turn [--count 500] [--lead 60]

Two moments redraw every session together: the organisers publish (one session's sync
brings the new mission in, and the store tells every session), and the clock's turn (at
15:45 every delegate's 'Now, until 15:45' card ends; views/session_clock.py spreads the
sessions over 3 s). Per moment, two fresh servers one after the other, each with `count`
sessions on My agenda, syncing from `backend serve` of the published example: ours, whose
background drawings take turns (views/background.py), and ours drawing them all at once
(bench/all_at_once_app.py, as before). Ten more sessions tap Programme and Map one at a
time, before (quiet) and while every session is drawn (wave). Reported: tap latency p50 and
max, quiet and in the wave, and how long the wave took to reach every session.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path

from backend.publish import publish
from bench.flet_client import FletClient
from bench.hosted import OUT, TIMEOUT, Figures, open_all, pct
from bench.proc import app_process, settle
from tests.backend.servers import EXAMPLE, SECRET, backend_server
from tests.backend.sources import edit

TAPPERS = 10
TURN = datetime.fromisoformat("2025-10-07T15:45:00-07:00")
Trigger = Callable[[list[FletClient]], Awaitable[None]]  # starts a wave over these sessions


async def taps(tappers: list[FletClient], into: list[float], until: float, most: int) -> None:
    """One tap at a time, Programme and Map in turn (screens the clock never redraws)."""
    i = 0
    while time.monotonic() < until and len(into) < most:
        client = tappers[i % len(tappers)]
        into.append(await client.tap_tab(1 if client.selected != 1 else 2, TIMEOUT) * 1000)
        i += 1


async def wave(
    sessions: list[FletClient], tappers: list[FletClient], seen: list[int], into: list[float]
) -> float:
    """Tap until every session has been drawn again; seconds from now to the last drawn."""
    begun, deadline = time.monotonic(), time.monotonic() + 180
    while not all(c.patches > n for c, n in zip(sessions, seen, strict=True)):
        if time.monotonic() > deadline:
            return float("nan")
        await taps(tappers, into, deadline, len(into) + 1)
    return time.monotonic() - begun


async def scenario(url: str, pid: int, count: int, start: Trigger) -> str:
    figures = Figures("wave", count)
    sessions = await open_all(url, count, figures)
    tappers = await open_all(url, TAPPERS, figures)
    await settle(pid)
    quiet: list[float] = []
    await taps(tappers, quiet, time.monotonic() + 5, 40)
    seen = [c.patches for c in sessions[1:]]
    await start(sessions)
    during: list[float] = []
    took = await wave(sessions[1:], tappers, seen, during)
    await asyncio.gather(*(c.close() for c in sessions + tappers))
    return (
        f"quiet p50 {pct(quiet, 0.5):5.1f} max {max(quiet):6.1f} | wave p50 "
        f"{pct(during, 0.5):6.1f} max {max(during, default=float('nan')):7.1f} "
        f"({len(during)} taps) | every session drawn in {took:5.1f} s"
    )


def republish(source: Path, feed: Path) -> Trigger:
    async def start(sessions: list[FletClient]) -> None:
        trigger = sessions[0]  # taps Sync now; the others get the new mission from the store
        edit(source / "activities.csv", "tue-nasa-ames", room_en="Building N-200")
        await asyncio.to_thread(publish, source, feed, SECRET, "http://127.0.0.1/")
        await trigger.tap_tab(4, TIMEOUT)  # Settings
        await trigger.click("sync-now", TIMEOUT)

    return start


def clock_turn(turn: float) -> Trigger:
    async def start(sessions: list[FletClient]) -> None:
        if time.monotonic() > turn - 5:
            raise RuntimeError("opening took longer than --lead: raise it")
        seen = [c.patches for c in sessions]
        while all(c.patches == n for c, n in zip(sessions, seen, strict=True)):
            await asyncio.sleep(0.005)  # the first session drawn: the turn has begun

    return start


def run(moment: str, script: str, count: int, lead: float) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        source, feed = Path(tmp) / "source", Path(tmp) / "feed"
        shutil.copytree(EXAMPLE, source)
        publish(source, feed, SECRET, "http://127.0.0.1/")
        env = {"DELEGATE_NOW": (TURN - timedelta(seconds=lead)).isoformat()}
        with backend_server(feed) as feed_url:
            if moment == "publish":  # a visitor on a feed sees no Now card: the clock, without
                env["DELEGATE_FEED_URL"] = feed_url
            with app_process(script, Path(tmp) / "app", env) as (url, pid):
                began = time.monotonic()
                turn = clock_turn(began + lead)
                start = republish(source, feed) if moment == "publish" else turn
                return asyncio.run(scenario(url, pid, count, start))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--lead", type=float, default=90.0, help="seconds to the clock's turn")
    args = parser.parse_args()
    lines = [f"{args.count} sessions on My agenda; tap latency in ms"]
    for moment in ("publish", "clock"):
        for name, script in (("in turns", "main.py"), ("all at once", "bench/all_at_once_app.py")):
            lines.append(f"{moment:8}{name:12} {run(moment, script, args.count, args.lead)}")
            print(lines[-1], flush=True)
    report = "\n".join(lines) + "\n"
    OUT.mkdir(exist_ok=True)
    (OUT / f"turn-{time.strftime('%Y%m%d-%H%M%S')}.txt").write_text(report)


if __name__ == "__main__":
    main()
