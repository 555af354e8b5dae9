"""Serving load: `backend serve` against nginx over the same published folder, same run.

    python -m bench.serve        (needs wrk: apt-get install wrk; `make bench` does it)

Bounded: 8 s per case on 127.0.0.1 (4 cases, ~32 s in all), 2 threads, 32 connections.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from backend.publish import publish
from tests.backend.servers import EXAMPLE, SECRET, backend_server, nginx_server

SECONDS = 8


def wrk(url: str, headers: dict[str, str]) -> float:
    args = ["wrk", "-t2", "-c32", f"-d{SECONDS}s", "--latency"]
    for key, value in headers.items():
        args += ["-H", f"{key}: {value}"]
    out = subprocess.run(
        [*args, url], capture_output=True, text=True, check=True, timeout=SECONDS + 30
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    assert match, out
    return float(match.group(1))


def etag_of(url: str) -> str:
    import httpx

    return httpx.get(url, headers={"Accept-Encoding": "gzip"}).headers["etag"]


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk (or run `make bench`)")
    base = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    try:
        publish(EXAMPLE, base / "feed", SECRET, "http://127.0.0.1/")
        results: dict[str, tuple[float, float]] = {}
        for name, start in (("backend serve", backend_server), ("nginx", nginx_server)):
            with start(base / "feed") as url:
                target = url + "mission.json"
                gz = {"Accept-Encoding": "gzip"}
                ok = wrk(target, gz)
                not_modified = wrk(target, {**gz, "If-None-Match": etag_of(target)})
                results[name] = (ok, not_modified)
        (b200, b304), (n200, n304) = results["backend serve"], results["nginx"]
        print(f"wrk, {SECONDS} s per case, 32 connections, mission.json (gzip, ~23 KB)")
        print(
            f"  200 responses: backend serve {b200:9.0f}/s, nginx {n200:9.0f}/s, "
            f"ratio {b200 / n200:.2f}"
        )
        print(
            f"  304 responses: backend serve {b304:9.0f}/s, nginx {n304:9.0f}/s, "
            f"ratio {b304 / n304:.2f}"
        )
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
