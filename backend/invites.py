"""The welcome pack beside a publish: invites.csv and one QR code per delegate (never served).

QR codes are drawn only for new delegates or new links (backend.qr_symbol: ~0.2 ms a code,
~0.4 ms with its PNG), by two forked processes when there are many (a first publish of 5,000
delegates), and written by two threads meanwhile.
"""

from __future__ import annotations

import csv
import hashlib
import io
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from backend.qr_png import qr_png
from backend.tokens import token_for
from services.calendar import webcal_link
from services.models import DelegateDoc

# Below this many codes, drawing them here is faster than forking two processes to share them.
APART_FROM = 1000


def write_invites(
    folder: Path,
    delegates: dict[str, DelegateDoc],
    secret: bytes,
    public_url: str,
    app_url: str | None,
) -> None:
    """invites.csv (name, company, language, link, code, QR file, calendar subscription link)
    plus one QR image each."""
    (folder / "qr").mkdir(parents=True, exist_ok=True)
    base = public_url.rstrip("/") + "/"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["delegate", "name", "company", "language", "link", "code", "qr", "feed_link", "calendar"]
    )
    wanted: set[str] = set()
    todo: list[tuple[str, str]] = []  # QR codes only for new delegates (or new links)
    drawn = {f"qr/{name}" for name in os.listdir(folder / "qr")}
    for delegate_id, doc in sorted(delegates.items()):
        token = token_for(delegate_id, secret)
        feed_link = f"{base}delegates/{token}.json"
        link = f"{app_url.rstrip('/')}/join/{token}" if app_url else feed_link
        code = "-".join(token[i : i + 4] for i in range(0, len(token), 4))
        # named after its link, so a republish redraws only what changed
        qr = f"qr/{delegate_id}-{hashlib.sha256(link.encode()).hexdigest()[:10]}.png"
        if qr not in drawn:
            todo.append((link, str(folder / qr)))
        wanted.add(qr)
        d = doc.delegate
        calendar = webcal_link(base, token)
        writer.writerow(
            [delegate_id, d.name, d.company, d.language, link, code, qr, feed_link, calendar]
        )
    with ThreadPoolExecutor(max_workers=2) as pool:  # written while the next are drawn
        paths = (path for _, path in todo)
        for _ in pool.map(_write, zip(paths, _drawn([link for link, _ in todo]), strict=True)):
            pass
    for stale in drawn - wanted:
        if stale.endswith((".png", ".tmp")):  # and what a killed publish left half-written
            (folder / stale).unlink()
    _write((str(folder / "invites.csv"), buffer.getvalue().encode("utf-8")))


def _drawn(links: list[str]) -> Iterator[bytes]:
    """Each link's QR code as PNG, in order."""
    if len(links) < APART_FROM or (os.cpu_count() or 1) < 2:
        yield from map(_draw, links)
        return
    with multiprocessing.get_context("fork").Pool(2) as pool:
        yield from pool.imap(_draw, links, chunksize=100)


def _draw(link: str) -> bytes:
    return qr_png(link, 6, 2)


def _write(job: tuple[str, bytes]) -> None:
    """A file whole or not at all: a code is drawn again only when its file is missing, so one
    cut short by a full disk would stay broken through every later publish."""
    path, data = job
    temporary = Path(path).with_name(f".{Path(path).name}.tmp")
    try:
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
