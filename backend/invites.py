"""The welcome pack beside a publish: invites.csv and one QR code per delegate (never served).

QR codes are drawn only for new delegates or new links (backend.qr_symbol: ~0.2 ms a code),
and written by two threads meanwhile.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from backend.qr_png import qr_png
from backend.tokens import token_for
from services.calendar import webcal_link
from services.models import DelegateDoc


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
    with ThreadPoolExecutor(max_workers=2) as pool:  # drawn here, written meanwhile
        for _ in pool.map(_write, ((path, qr_png(link, 6, 2)) for link, path in todo)):
            pass
    for stale in drawn - wanted:
        if stale.endswith((".png", ".tmp")):  # and what a killed publish left half-written
            (folder / stale).unlink()
    _write((str(folder / "invites.csv"), buffer.getvalue().encode("utf-8")))


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
