"""backend serve keeps file bodies in memory within a budget, and still serves every byte."""

from __future__ import annotations

from pathlib import Path

from backend.bounded import Bounded
from backend.layout import listing
from backend.publish import publish
from backend.served_files import Folder
from tests.backend.servers import SECRET
from tests.backend.sources import copy_example


def test_bounded_forgets_the_least_recently_used_past_its_budget() -> None:
    cache: Bounded[str, bytes] = Bounded(10, len)
    cache.put("a", b"aaaa")
    cache.put("b", b"bbbb")
    assert cache.get("a") == b"aaaa"  # a is now the most recent
    cache.put("c", b"cccc")  # 12 bytes: b goes
    assert cache.get("b") is None and cache.get("a") == b"aaaa" and cache.held == 8
    cache.put("a", b"a")  # replaced, not counted twice
    assert cache.held == 5
    cache.put("big", b"x" * 11)  # never kept: larger than the whole budget
    assert cache.get("big") is None and cache.held == 5


def test_folder_serves_every_file_within_its_memory_budget(tmp_path: Path) -> None:
    out = tmp_path / "feed"
    assert not publish(copy_example(tmp_path), out, SECRET, "https://x/").errors
    files = {p: f.read_bytes() for p, f in listing(out.resolve()).items() if p.endswith(".html")}
    budget = 3 * max(len(b) for b in files.values())
    folder = Folder(out, budget=budget)
    for _ in range(2):
        for path, body in files.items():
            entity = folder.get(path)
            assert entity is not None and entity.body == body
            assert folder.packed(path) is not None
            assert folder.held <= budget + budget // 4  # bodies, and a quarter for gzip
    assert sum(map(len, files.values())) > 2 * budget  # the budget did have to hold
