"""Hosted capacity: N concurrent sessions on ONE server process, ours beside a minimal Flet app.

    python -m bench.hosted [--counts 1,50,200,500] [--switches 100]

Per count, three fresh servers, each started as `make run` starts ours headless (web mode,
loopback, no CDN): the minimal app (bench/minimal_tabs_app.py), ours on its embedded
mission, ours syncing from `backend serve` of the published example feed, and the floor
(bench/same_screen_app.py: a switch to the same controls as our Programme's first part, made
from fixed strings, on our server: what Flet and the wire cost for that screen alone).
bench/flet_client.py speaks Flet's WebSocket protocol instead of running browsers.
- Sessions open app after app: server RSS and CPU (utime+stime) per session from /proc/<pid>.
- `--switches` tab switches one at a time, round-robin over the open sessions and interleaved
  across the three apps so that all meet the same load from the rest of the machine, each
  from My agenda (more switches than sessions: each pass is followed by an untimed one back
  to My agenda, so that a p99 of 1,000 switches is a p99 of the same switch): CPU
  per switch, and latency p50/p99 from the NavigationBar event to the server's first patch
  ("switch": what the person first sees) and to its last ("whole": a screen may come in parts,
  views/components/panes.py); the next switch waits until no patch came for QUIET seconds.
- A burst: every session of one app switches tab at the same moment (p50/p99); RSS per
  session again after it ("used": the sessions have now visited a second screen).
Every figure is also a ratio to the minimal app at the same count. Every wait is bounded;
every process started is stopped. The table also goes to bench/out/ (git-ignored).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import signal
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from bench.flet_client import FletClient
from bench.proc import app_process, cpu_s, rss_kb, settle
from tests.backend.servers import backend_server, publish_example

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
OPENING = 25  # sessions connecting at the same time, like a lecture hall opening the link
TIMEOUT = 900.0  # one open or one switch; a burst of 500 switches on a busy server takes minutes
FLOOR = "same-screen"  # bench/same_screen_app.py
QUIET = 0.05  # seconds without a patch after a switch: its screen is whole


@dataclass
class Figures:
    app: str
    count: int
    kb_per_session: float = 0.0
    kb_after_use: float = 0.0  # after every session has also switched tab (the burst)
    cpu_ms_per_start: float = 0.0
    cpu_ms_per_switch: float = 0.0
    open_ms: list[float] = field(default_factory=list)
    switch_ms: list[float] = field(default_factory=list)  # to the first patch
    whole_ms: list[float] = field(default_factory=list)  # to the last (a screen may come in parts)
    burst_ms: list[float] = field(default_factory=list)
    failures: int = 0


def pct(values: list[float], q: float) -> float:
    """The nearest-rank percentile: the smallest value that `q` of the values do not exceed
    (p99 of 100 switches is the 99th slowest, not the slowest)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


async def open_all(url: str, count: int, figures: Figures) -> list[FletClient]:
    gate = asyncio.Semaphore(OPENING)

    async def one() -> FletClient | None:
        client = FletClient(url)
        async with gate:
            try:
                figures.open_ms.append(await client.open(TIMEOUT) * 1000)
                return client
            except (OSError, TimeoutError) as exc:
                print(f"  open failed: {exc!r}", file=sys.stderr)
                figures.failures += 1
                await client.close()
                return None

    opened = await asyncio.gather(*(one() for _ in range(count)))
    return [c for c in opened if c is not None]


async def switch(
    client: FletClient, into: list[float], figures: Figures, whole: list[float] | None = None
) -> None:
    """One tab switch: ms to its first patch into `into`; with `whole`, also ms to its last
    (and nothing else is asked of the server until then)."""
    try:
        into.append(await client.switch_tab(TIMEOUT) * 1000)
        if whole is not None:
            whole.append(await client.whole(QUIET, TIMEOUT) * 1000)
    except (OSError, TimeoutError) as exc:
        print(f"  switch failed: {exc!r}", file=sys.stderr)
        figures.failures += 1


@dataclass
class Server:
    """One app process under test, its open sessions and its figures."""

    url: str
    pid: int
    figures: Figures
    clients: list[FletClient] = field(default_factory=list)
    rss0: int = 0


async def open_sessions(server: Server) -> None:
    await settle(server.pid)
    server.rss0, cpu0 = rss_kb(server.pid), cpu_s(server.pid)
    server.clients = await open_all(server.url, server.figures.count, server.figures)
    await settle(server.pid)
    opened = max(len(server.clients), 1)
    server.figures.kb_per_session = (rss_kb(server.pid) - server.rss0) / opened
    server.figures.cpu_ms_per_start = (cpu_s(server.pid) - cpu0) * 1000 / opened


async def one_at_a_time(servers: list[Server], switches: int) -> None:
    """Interleaved, so that every app meets the same load from the rest of the machine. Every
    switch timed is the same one, My agenda to the next tab: with more switches than sessions,
    each pass over the sessions is followed by one that takes them back to My agenda, neither
    timed nor counted in the CPU."""
    cpu = [0.0] * len(servers)
    done = 0
    while done < switches:
        open_ = [s for s in servers if s.clients]
        batch = min([switches - done, *(len(s.clients) for s in open_)])
        before = [cpu_s(s.pid) for s in servers]
        for i in range(done, done + batch):
            for s in open_:
                f = s.figures
                await switch(s.clients[i % len(s.clients)], f.switch_ms, f, f.whole_ms)
        for k, s in enumerate(servers):
            await settle(s.pid)
            cpu[k] += cpu_s(s.pid) - before[k]
        done += batch
        if done < switches:
            for i in range(done - batch, done):
                for s in open_:
                    await back(s.clients[i % len(s.clients)], s.figures)
    for s, used in zip(servers, cpu, strict=True):
        s.figures.cpu_ms_per_switch = used * 1000 / max(len(s.figures.switch_ms), 1)


async def back(client: FletClient, figures: Figures) -> None:
    """To the first tab again, untimed, and nothing else asked until its screen is whole."""
    try:
        await client.tap_tab(0, TIMEOUT)
        await client.whole(QUIET, TIMEOUT)
    except (OSError, TimeoutError) as exc:
        print(f"  switch back failed: {exc!r}", file=sys.stderr)
        figures.failures += 1


async def measure(servers: list[Server], switches: int, burst: bool) -> None:
    for server in servers:
        await open_sessions(server)
    await one_at_a_time(servers, switches)
    for s in servers:  # every session of one app taps a tab at the same moment
        if burst:
            await asyncio.gather(*(switch(c, s.figures.burst_ms, s.figures) for c in s.clients))
        await settle(s.pid)
        s.figures.kb_after_use = (rss_kb(s.pid) - s.rss0) / max(len(s.clients), 1)
    for s in servers:
        await asyncio.gather(*(c.close() for c in s.clients))


def run_count(
    apps: list[tuple[str, str, dict[str, str]]], count: int, switches: int, burst: bool
) -> list[Figures]:
    """One fresh server per app, all up at once; sessions opened one app after the other."""
    with tempfile.TemporaryDirectory(prefix="bench-hosted-") as tmp, ExitStack() as stack:
        servers = []
        for app, script, env in apps:
            data = Path(tmp) / app
            url, pid = stack.enter_context(app_process(script, data, env))
            servers.append(Server(url, pid, Figures(app, count)))
        asyncio.run(measure(servers, switches, burst))
    print(f"  {count:>4} sessions per app done", file=sys.stderr, flush=True)
    return [s.figures for s in servers]


def _cell(value: float, ref: float, width: int, baseline: bool) -> str:
    ratio = f"({value / ref:.1f}x)" if not baseline and ref > 0 else ""
    return f"{value:>{width - 9}.1f} {ratio:>8}"


def table(rows: list[Figures], switches: int) -> str:
    base = {f.count: f for f in rows if f.app == "minimal"}
    lines = [
        f"one server process per row; {switches} tab switches one at a time (each to its first"
        " patch, and to its last: the whole screen), then all at once;"
        " ms, and (ratio to the minimal app at the same N)",
        f"{'app':<14}{'N':>4} {'KB/sess':>14} {'KB/s used':>14} {'CPU ms/start':>15}"
        f" {'CPU ms/switch':>15}"
        f" {'switch p50':>13} {'switch p99':>15} {'whole p50':>13} {'whole p99':>15}"
        f" {'burst p50':>14} {'burst p99':>14}"
        f" {'open p99':>9} {'fail':>4}",
    ]
    for f in rows:
        m = base[f.count]
        cell = partial(_cell, baseline=f is m)
        lines.append(
            f"{f.app:<14}{f.count:>4} {cell(f.kb_per_session, m.kb_per_session, 14)}"
            f" {cell(f.kb_after_use, m.kb_after_use, 14)}"
            f" {cell(f.cpu_ms_per_start, m.cpu_ms_per_start, 15)}"
            f" {cell(f.cpu_ms_per_switch, m.cpu_ms_per_switch, 15)}"
            f" {cell(pct(f.switch_ms, 0.5), pct(m.switch_ms, 0.5), 13)}"
            f" {cell(pct(f.switch_ms, 0.99), pct(m.switch_ms, 0.99), 15)}"
            f" {cell(pct(f.whole_ms, 0.5), pct(m.whole_ms, 0.5), 13)}"
            f" {cell(pct(f.whole_ms, 0.99), pct(m.whole_ms, 0.99), 15)}"
            f" {cell(pct(f.burst_ms, 0.5), pct(m.burst_ms, 0.5), 14)}"
            f" {cell(pct(f.burst_ms, 0.99), pct(m.burst_ms, 0.99), 14)}"
            f" {pct(f.open_ms, 0.99):>9.0f} {f.failures:>4}"
        )
    return "\n".join(lines)


def goals(rows: list[Figures]) -> str:
    base = {f.count: f for f in rows if f.app == "minimal"}
    out = []
    floor = {f.count: f for f in rows if f.app == FLOOR}
    for f in (r for r in rows if r.app not in ("minimal", FLOOR) and r.count == max(base)):
        m = base[f.count]
        p99 = pct(f.switch_ms, 0.99) / pct(m.switch_ms, 0.99)
        whole = pct(f.whole_ms, 0.99) / pct(m.whole_ms, 0.99)
        mem = f.kb_per_session / m.kb_per_session if m.kb_per_session > 0 else float("inf")
        ok = p99 <= 2 and mem <= 2 and not f.failures
        out.append(
            f"goal at {f.count} ({f.app}): switch p99 {p99:.1f}x (<= 2x; to the whole screen"
            f" {whole:.1f}x), memory/session "
            f"{mem:.1f}x (<= 2x), failures {f.failures}: {'met' if ok else 'NOT met'}"
        )
        if f.count in floor:  # how much of it is the screen's controls, and how much ours
            same = pct(floor[f.count].switch_ms, 0.99)
            out.append(
                f"  the same controls from fixed strings ({FLOOR}): switch p99"
                f" {same / pct(m.switch_ms, 0.99):.1f}x the minimal app's; {f.app}"
                f" {pct(f.switch_ms, 0.99) / same:.1f}x that"
            )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="1,50,200,500")
    parser.add_argument("--switches", type=int, default=100)
    parser.add_argument(
        "--apps", default=f"minimal,ours,ours+feed,{FLOOR}", help="a quicker run: fewer"
    )
    parser.add_argument("--no-burst", action="store_true", help="skip the all-at-once switch")
    args = parser.parse_args()
    # `kill` on the bench still stops every server it started (the with-blocks unwind)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    counts = [int(c) for c in args.counts.split(",")]
    rows: list[Figures] = []
    with (
        tempfile.TemporaryDirectory(prefix="bench-hosted-feed-") as tmp,
        backend_server(publish_example(Path(tmp))) as feed_url,
    ):
        apps = [
            ("minimal", "bench/minimal_tabs_app.py", {}),
            ("ours", "main.py", {}),
            ("ours+feed", "main.py", {"DELEGATE_FEED_URL": feed_url}),
            (FLOOR, "bench/same_screen_app.py", {"PYTHONPATH": str(ROOT)}),  # imports bench
        ]
        apps = [a for a in apps if a[0] in args.apps.split(",")]
        for count in counts:
            rows += run_count(apps, count, args.switches, not args.no_burst)
    report = f"{table(rows, args.switches)}\n{goals(rows)}\n"
    print(report)
    OUT.mkdir(exist_ok=True)
    (OUT / f"hosted-{time.strftime('%Y%m%d-%H%M%S')}.txt").write_text(report)


if __name__ == "__main__":
    main()
