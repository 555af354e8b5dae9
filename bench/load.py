"""Load: 200 phones revalidating at once, against `backend serve` and nginx in the same run.

    python -m bench.load          (needs wrk: apt-get install wrk; `make bench` does it)

Each of 200 connections sends conditional GETs with `Accept-Encoding: gzip`: three in four
carry the current ETag (304, the usual check), one in four a stale one (200 with the gzip body),
alternating mission.json and a personal document. 12 s per server on 127.0.0.1, hard stop, so
the whole load lasts under 30 s. Prints errors (broken sockets, non-2xx/3xx answers), requests
left unanswered after 5 s, p50/p99 latency and throughput as ratios to nginx measured in the
same run, and exits non-zero on any error or unanswered request.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

from backend.publish import publish
from backend.tokens import token_for
from tests.backend.servers import EXAMPLE, SECRET, backend_server, nginx_server

SECONDS = 12
CONNECTIONS = 200
SCRIPT = """
local paths = {%(paths)s}
local etags = {%(etags)s}
local n = 0
request = function()
  n = n + 1
  local i = n %% #paths + 1
  local etag = (n %% 4 == 0) and '"stale"' or etags[i]
  -- a headers table replaces wrk.headers, so it carries Accept-Encoding itself
  return wrk.format("GET", paths[i], {["Accept-Encoding"] = "gzip", ["If-None-Match"] = etag})
end
"""
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}


def lua(url: str, paths: list[str]) -> str:
    """The wrk script, with each document's current ETag (Lua single-quoted strings)."""
    gz = {"Accept-Encoding": "gzip"}
    etags = [httpx.get(url + p.lstrip("/"), headers=gz).headers["etag"] for p in paths]
    return SCRIPT % {
        "paths": ", ".join(f"'{p}'" for p in paths),
        "etags": ", ".join(f"'{e}'" for e in etags),
    }


def wrk(url: str, script: Path) -> dict[str, float]:
    args = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "--timeout", "5s"]
    out = subprocess.run(
        [*args, "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
        timeout=SECONDS + 15,
    ).stdout
    return figures(out)


def figures(out: str) -> dict[str, float]:
    """requests/s, p50 and p99 in ms, and errors (socket errors plus non-2xx/3xx answers)."""

    def latency(p: str) -> float:
        match = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
        assert match, out
        return float(match.group(1)) * UNITS[match.group(2)]

    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    assert rate and total, out
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    counts = [int(g) for g in socket.groups()] if socket else [0, 0, 0, 0]
    timeouts = counts[3]  # no answer within --timeout (5 s)
    errors = sum(counts[:3]) + (int(bad.group(1)) if bad else 0)  # broken sockets, bad statuses
    return {"rps": float(rate.group(1)), "p50": latency("50"), "p99": latency("99"),
            "requests": float(total.group(1)), "errors": float(errors),
            "timeouts": float(timeouts)}  # fmt: skip


def main() -> int:
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk (or run `make bench`)")
    base = Path(tempfile.mkdtemp(prefix="bench-load-"))
    try:
        publish(EXAMPLE, base / "feed", SECRET, "http://127.0.0.1/")
        paths = ["/mission.json", f"/delegates/{token_for('demo', SECRET)}.json"]
        results: dict[str, dict[str, float]] = {}
        for name, start in (("nginx", nginx_server), ("backend serve", backend_server)):
            with start(base / "feed") as url:
                script = base / "load.lua"
                script.write_text(lua(url, paths))
                results[name] = wrk(url, script)
        report(results)
        return 1 if any(r["errors"] + r["timeouts"] for r in results.values()) else 0
    finally:
        shutil.rmtree(base, ignore_errors=True)


def report(results: dict[str, dict[str, float]]) -> None:
    ref = results["nginx"]
    print(f"wrk, {CONNECTIONS} connections, {SECONDS} s per server, conditional GETs, gzip")
    print(f"{'server':<14} {'requests':>9} {'errors':>6} {'>5 s':>5} {'req/s':>8}"
          f" {'p50 ms':>8} {'p99 ms':>8} {'req/s vs nginx':>15} {'p50 vs nginx':>13}"
          f" {'p99 vs nginx':>13}")  # fmt: skip
    for name, r in results.items():
        ratios = (r["rps"] / ref["rps"], r["p50"] / ref["p50"], r["p99"] / ref["p99"])
        print(
            f"{name:<14} {r['requests']:>9.0f} {r['errors']:>6.0f} {r['timeouts']:>5.0f}"
            f" {r['rps']:>8.0f} {r['p50']:>8.2f} {r['p99']:>8.2f} {ratios[0]:>15.2f}"
            f" {ratios[1]:>13.2f} {ratios[2]:>13.2f}"
        )


if __name__ == "__main__":
    sys.exit(main())
