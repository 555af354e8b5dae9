"""Publish: spreadsheets -> a folder of static files any web server or CDN can serve.

    OUT/mission.json(.gz)                     shared by every delegate
    OUT/delegates/<token>.json(.gz)           one per delegate, at a secret URL
    OUT/delegates/<token>.ics(.gz)            the same agenda for calendar apps
    INVITES/invites.csv, INVITES/qr/<id>.png  welcome pack: never inside OUT, never served

Nothing is written when any source row is wrong. The same input gives the same bytes. A new
release is built beside the old one and swapped in with one atomic rename of a symlink, so a
server never serves half a publish.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import segno

from backend.build import build
from backend.tables import SourceError
from backend.tokens import token_for
from services.agenda import personal_items
from services.calendar import EventCache, agenda_ics
from services.models import DelegateDoc, MissionDoc, encode

KEEP_RELEASES = 3
EPOCH = 1_600_000_000  # file times derive from content, so identical bytes keep their ETag


@dataclass
class Report:
    errors: list[SourceError] = field(default_factory=list)
    files: int = 0
    delegates: int = 0
    release: Path | None = None


def render(
    mission: MissionDoc, delegates: dict[str, DelegateDoc], secret: bytes
) -> dict[str, bytes]:
    """Every served file by relative path (without .gz twins); pure, deterministic."""
    files = {"mission.json": encode(mission)}
    events: EventCache = {}
    for delegate_id, doc in sorted(delegates.items()):
        token = token_for(delegate_id, secret)
        files[f"delegates/{token}.json"] = encode(doc)
        items = personal_items(mission, doc, [])
        files[f"delegates/{token}.ics"] = agenda_ics(
            mission, items, doc.delegate.language, cache=events
        )
    return files


def publish(
    source: Path,
    out: Path,
    secret: bytes,
    public_url: str,
    invites: Path | None = None,
    app_url: str | None = None,
) -> Report:
    """`public_url`: where the feed is served. `app_url`: the hosted web app, if any; invite
    links and QR codes then open it (`<app_url>join/<code>`) instead of the raw feed."""
    built = build(source)
    report = Report(errors=built.errors)
    if built.errors or built.mission is None:
        return report
    files = render(built.mission, built.delegates, secret)
    digest = hashlib.sha256(b"".join(k.encode() + v for k, v in sorted(files.items()))).hexdigest()
    releases = out.parent / f".{out.name}.releases"
    release = releases / digest[:16]
    if not release.exists():
        staging = releases / f".staging-{digest[:16]}-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        for relative, data in files.items():
            _write(staging / relative, data)
            _write(staging / f"{relative}.gz", gzip.compress(data, compresslevel=9, mtime=0))
        os.replace(staging, release)
    _swap(out, release)
    _prune(releases, keep=release)
    invites_dir = invites or out.parent / f"{out.name}-invites"
    _write_invites(invites_dir, built.delegates, secret, public_url, app_url)
    report.files, report.delegates, report.release = len(files) * 2, len(built.delegates), release
    return report


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    stamp = EPOCH + int.from_bytes(hashlib.sha256(data).digest()[:4], "big") % 100_000_000
    os.utime(path, (stamp, stamp))


def _swap(out: Path, release: Path) -> None:
    """Point `out` at `release` with one rename; an old real folder is moved aside first."""
    if out.exists() and not out.is_symlink():
        os.replace(out, out.parent / f".{out.name}.before-releases")
    link = out.parent / f".{out.name}.link-{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(os.path.relpath(release, out.parent))
    os.replace(link, out)


def _prune(releases: Path, keep: Path) -> None:
    old = sorted(
        (p for p in releases.iterdir() if p.is_dir() and p != keep and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
    )
    for path in old[: max(0, len(old) - (KEEP_RELEASES - 1))]:
        shutil.rmtree(path, ignore_errors=True)


def _write_invites(
    folder: Path,
    delegates: dict[str, DelegateDoc],
    secret: bytes,
    public_url: str,
    app_url: str | None,
) -> None:
    """invites.csv (name, company, language, link, code, QR file) plus one QR image each."""
    (folder / "qr").mkdir(parents=True, exist_ok=True)
    base = public_url.rstrip("/") + "/"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["delegate", "name", "company", "language", "link", "code", "qr", "feed_link"])
    wanted: set[str] = set()
    for delegate_id, doc in sorted(delegates.items()):
        token = token_for(delegate_id, secret)
        feed_link = f"{base}delegates/{token}.json"
        link = f"{app_url.rstrip('/')}/join/{token}" if app_url else feed_link
        code = "-".join(token[i : i + 4] for i in range(0, len(token), 4))
        # named after its link, so a republish redraws only what changed; any mask scans,
        # and a fixed one is 5x faster than searching for the best
        qr = f"qr/{delegate_id}-{hashlib.sha256(link.encode()).hexdigest()[:10]}.png"
        if not (folder / qr).exists():
            code_image = segno.make(link, error="m", mask=3, boost_error=False)
            code_image.save(str(folder / qr), scale=6, border=2)
        wanted.add(qr)
        d = doc.delegate
        writer.writerow([delegate_id, d.name, d.company, d.language, link, code, qr, feed_link])
    for stale in (folder / "qr").glob("*.png"):
        if f"qr/{stale.name}" not in wanted:
            stale.unlink()
    (folder / "invites.csv").write_text(buffer.getvalue(), "utf-8")
