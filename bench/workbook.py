"""Reading the organisers' workbook: our reader (backend.xlsx_cells) against openpyxl's full
load of the same file, side by side, and a whole check of the workbook against the same mission
as CSV files. The console publishes workbooks, so this is the start of every console publish.

    python -m bench.workbook [delegates] [activity_copies]
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from backend import checked
from backend.build import build
from backend.template import write_workbook
from backend.workbook import _openpyxl_sheets
from backend.xlsx_cells import read_sheets
from bench.synth import write_source


def best(work: Callable[[], object], runs: int = 3) -> float:
    """Seconds, the best of `runs`: the least the machine's other work added."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main(delegates: int = 5000, copies: int = 10) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        write_source(base / "source", delegates, copies)
        assert not write_workbook(base / "mission.xlsx", base / "source")
        book = base / "mission.xlsx"
        cells = sum(len(r) for s in read_sheets(book) for r in s.rows)
        ours, theirs = best(lambda: read_sheets(book)), best(lambda: _openpyxl_sheets(book))
        checked.enable()  # as the console does: its Publish takes its check's build
        whole = best(lambda: build(book), 1)
        kept = best(lambda: build(book))  # the console's Publish, after its check of `book`
        size = book.stat().st_size
        csv = best(lambda: build(base / "source"), 1)
    print(f"{delegates} delegates: {cells:,} cells, {size / 1e6:.1f} MB workbook")
    print(f"  read the cells: ours {ours:.2f} s, openpyxl {theirs:.2f} s ({theirs / ours:.1f}x)")
    print(f"  check it all (build): workbook {whole:.2f} s, the same as CSV files {csv:.2f} s")
    print(f"  build again after its check (the console's Publish): {kept:.2f} s")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
