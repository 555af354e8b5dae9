"""Read + validate the feed, side by side with json.loads of the same bytes, at 1x, 10x, 100x.

python -m bench.feed_load
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from functools import partial

from bench.synth import mission_bytes
from services.validation import parse_mission


def best_of(work: Callable[[], object], budget_s: float = 1.0) -> float:
    """Best time of repeated runs (interleaving keeps both sides under the same noise)."""
    best = float("inf")
    deadline = time.perf_counter() + budget_s
    runs = 0
    while runs < 5 or (time.perf_counter() < deadline and runs < 200):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
        runs += 1
    return best


def main() -> None:
    print(
        f"{'mission':>8} {'activities':>10} {'bytes':>10} {'json.loads':>11} {'parse':>9} "
        f"{'ratio':>6} {'us/activity':>11}"
    )
    for scale in (1, 10, 100):
        data = mission_bytes(scale)
        activities = len(json.loads(data)["activities"])
        parse_mission(data)  # warm up
        rounds = [
            (
                best_of(partial(json.loads, data), 0.3),
                best_of(partial(parse_mission, data), 0.3),
            )
            for _ in range(3)
        ]
        loads, parse = min(r[0] for r in rounds), min(r[1] for r in rounds)
        print(
            f"{str(scale) + 'x':>8} {activities:>10} {len(data):>10} {loads * 1e3:>9.2f}ms "
            f"{parse * 1e3:>7.2f}ms {parse / loads:>5.2f}x {parse / activities * 1e6:>11.1f}"
        )


if __name__ == "__main__":
    main()
