"""Publish: spreadsheets -> a folder of static files any web server or CDN can serve.

    OUT/mission.json(.gz)                     shared by every delegate
    OUT/delegates/<token>.json(.gz)           one per delegate, at a secret URL
    OUT/delegates/<token>.ics(.gz)            the same agenda for calendar apps (webcal://)
    OUT/schedule.json, OUT/schedule.xml(.gz)  the public programme for schedule apps (frab)
    INVITES/invites.csv, INVITES/qr/<id>.png  welcome pack: never inside OUT, never served

Nothing is written when any source row is wrong, nor when the publish would drop too much of
what is live (backend.preview). The same input gives the same bytes. A new release is built
beside the old one and swapped in with one atomic rename of a symlink (backend.releases), so a
server never serves half a publish.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import segno

from backend.build import build
from backend.calendars import personal_calendars
from backend.preview import MAX_DROP, Preview, compare, guard
from backend.releases import Entry, write_release
from backend.schedule_export import schedule_files
from backend.tables import SourceError
from backend.tokens import token_for
from services.calendar import webcal_link
from services.models import DelegateDoc, MissionDoc, encode


@dataclass
class Report:
    errors: list[SourceError] = field(default_factory=list)
    files: int = 0
    delegates: int = 0
    release: Path | None = None
    preview: Preview | None = None
    refusal: str = ""  # why the guard refused this publish (nothing was written)
    invites: Path | None = None


def render(
    mission: MissionDoc,
    delegates: dict[str, DelegateDoc],
    secret: bytes,
    previous: Path | None = None,
    public_url: str = "",
) -> dict[str, bytes]:
    """Every served file by relative path (without .gz twins); deterministic. `previous`: the
    release now served, whose calendars tell which items changed since (their SEQUENCE)."""
    files = {"mission.json": encode(mission)}
    for delegate_id, doc in sorted(delegates.items()):
        files[f"delegates/{token_for(delegate_id, secret)}.json"] = encode(doc)
    files |= personal_calendars(mission, delegates, secret, previous)
    files |= schedule_files(mission, public_url)
    return files


def publish(
    source: Path,
    out: Path,
    secret: bytes,
    public_url: str,
    invites: Path | None = None,
    app_url: str | None = None,
    *,
    check: bool = False,
    force: bool = False,
    max_drop: float = MAX_DROP,
) -> Report:
    """`public_url`: where the feed is served. `app_url`: the hosted web app, if any; invite
    links and QR codes then open it (`<app_url>join/<code>`) instead of the raw feed.
    `check`: only compare with the live release. A publish that drops more than `max_drop` of
    the live activities or delegates is refused unless `force`."""
    built = build(source)
    report = Report(errors=built.errors)
    if built.errors or built.mission is None:
        return report
    report.preview = compare(out, built, secret)
    report.refusal = "" if force else guard(report.preview, max_drop)
    if check or report.refusal:
        return report
    previous = out.resolve() if out.is_dir() else None
    files = render(built.mission, built.delegates, secret, previous, public_url)
    mission = built.mission
    entry = Entry(
        release="",
        revision=mission.revision,
        published_at=mission.published_at.isoformat(),
        at=datetime.now(UTC).isoformat(timespec="seconds"),
        activities=len(mission.activities),
        delegates=len(built.delegates),
    )
    report.release = write_release(out, files, entry)
    report.invites = invites or out.parent / f"{out.name}-invites"
    _write_invites(report.invites, built.delegates, secret, public_url, app_url)
    report.files, report.delegates = len(files) * 2, len(built.delegates)
    return report


def _write_invites(
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
        calendar = webcal_link(base, token)
        writer.writerow(
            [delegate_id, d.name, d.company, d.language, link, code, qr, feed_link, calendar]
        )
    for stale in (folder / "qr").glob("*.png"):
        if f"qr/{stale.name}" not in wanted:
            stale.unlink()
    (folder / "invites.csv").write_text(buffer.getvalue(), "utf-8")
