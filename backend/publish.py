"""Publish: spreadsheets -> a folder of static files any web server or CDN can serve.

    OUT/mission.json(.gz)                     shared by every delegate
    OUT/delegates/<token>.json(.gz)           one per delegate, at a secret URL
    OUT/delegates/<token>.ics                 the same agenda for calendar apps (webcal://)
    OUT/schedule.json, OUT/schedule.xml(.gz)  the public programme for schedule apps (frab)
    OUT/delegates/<token>[.<lang>].html       the pocket agenda: one page, no script
    INVITES/invites.csv, INVITES/qr/<id>.png  welcome pack: never inside OUT, never served

Nothing is written when any source row is wrong, nor when the publish would drop too much of
what is live (backend.preview). The same input gives the same bytes. Only what many read, or
the app on every sync, gets a gzip -9 twin (`layout.twinned`); the server compresses a
delegate's pages and calendar itself. A new release is built beside the old one and swapped in
with one atomic rename of a symlink (backend.releases), so a server never serves half a
publish.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from backend import build_cache
from backend.build import Built, build
from backend.collector import fewer_collections
from backend.incremental import render_changed
from backend.invites import RECORD, write_invites
from backend.layout import twinned
from backend.memo import SOURCE, save_memo, seal, source_digest
from backend.numbering import renumber, renumbered
from backend.objects import OBJECTS
from backend.preview import MAX_DROP, Preview, compare, guard
from backend.release_files import delegate_files, shared_files
from backend.releases import Entry, holding, live, releases_of, write_release
from backend.render_keys import doc_digest
from backend.same_input import Again, again, keep, record, settings_of
from backend.same_secret import kept_with
from backend.shelf import outline_of
from backend.tables import SourceError
from backend.write_failure import watching
from services.calendar import EventCache
from services.models import DelegateDoc, MissionDoc
from services.pocket_parts import PocketParts


@dataclass
class Report:
    errors: list[SourceError] = field(default_factory=list)
    files: int = 0  # served files, twins included
    delegates: int = 0
    release: Path | None = None
    preview: Preview | None = None
    refusal: str = ""  # why the guard refused this publish (nothing was written)
    invites: Path | None = None
    written: int = 0  # files actually written (the others were unchanged: linked)
    docs: Mapping[str, DelegateDoc] = field(default_factory=dict, repr=False)
    base: str = ""  # the live release the preview was measured against ("": none was live)
    unchanged: bool = False  # the very input the live release was made from: nothing to publish


class Moved(RuntimeError):
    """Another release went live after the preview a publish was asked to follow."""


def _live_name(out: Path) -> str:
    current = live(out)
    return current.name if current else ""


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
    now: datetime | None = None,
    wait: bool = True,
    base: str | None = None,
    new_secret: bool = False,
) -> Report:
    """`public_url`: where the feed is served. `app_url`: the hosted web app, if any; invite
    links and QR codes then open it (`<app_url>join/<code>`) instead of the raw feed.
    `check`: only compare with the live release. A publish that drops more than `max_drop` of
    the live activities or delegates is refused unless `force`. `now`: the time a publish
    goes out under when the sheet's revision is not above the live one (backend.numbering).
    A publish waits for one going out into `out` (another process too), then builds on it;
    with `wait=False` it raises backend.staging.Busy instead. A check never waits. `base`: the
    live release a preview the organiser approved was measured against (`Report.base`); when
    another one is live by the time this publish holds the lock, it raises Moved. A publish
    with another secret than the live release's is refused, `force` or not, unless
    `new_secret` (every delegate's link changes: backend.same_secret)."""
    now = now or datetime.now(UTC).replace(microsecond=0)
    with fewer_collections(), nullcontext() if check else holding(out, wait), watching(out):
        if base is not None and _live_name(out) != base:
            raise Moved(f"{out} changed since the check: check the workbook again")
        source_key, pack = source_digest(source), invites or out.parent / f"{out.name}-invites"
        settings = settings_of(secret, public_url, app_url, pack)
        same = again(out, live(out), source_key, settings, pack)
        if same is not None:  # the very input the live release was made from
            return _again(out, same, check, pack)
        options = (check, force, max_drop, now, new_secret)
        report, memo = _publish(source, out, secret, public_url, options)
        if report.release is not None and report.preview is not None:
            made_of: dict[str, dict[str, object]] = {SOURCE: {"digest": source_key}}
            save_memo(report.release, {**memo, **made_of, **kept_with(secret)})
            record(report.release).unlink(missing_ok=True)  # kept again once all is out
            report.invites = pack
            made = releases_of(out) / RECORD  # what the invites were made from, for the next one
            write_invites(report.invites, report.docs, secret, public_url, app_url, made)
            asked = report.preview.renumbered[0] if report.preview.renumbered else None
            counts = {"files": report.files, "delegates": report.delegates}
            counts["activities"] = report.preview.activities
            counts["registrations"] = registrations(report.docs)
            counts["meetings"] = meetings(report.docs)
            keep(report.release, (source_key, settings), counts, asked)
    return report


def registrations(docs: Mapping[str, DelegateDoc]) -> int:
    """How many registrations the delegates of a release have (their outlines only)."""
    return sum(len(outline_of(docs, delegate_id).registered) for delegate_id in docs)


def meetings(docs: Mapping[str, DelegateDoc]) -> int:
    """How many B2B meetings the delegates of a release have (their outlines only)."""
    return sum(outline_of(docs, delegate_id).meetings for delegate_id in docs)


def _again(out: Path, same: Again, check: bool, pack: Path) -> Report:
    """The report of a publish (or check) that changes nothing: the live release stays."""
    current = live(out)
    report = Report(preview=same.preview, base=current.name if current else "", unchanged=True)
    if not check:
        report.files, report.delegates, report.release = same.files, same.delegates, current
        report.invites = pack
    return report


def _publish(
    source: Path,
    out: Path,
    secret: bytes,
    public_url: str,
    options: tuple[bool, bool, float, datetime, bool],
) -> tuple[Report, dict[str, dict[str, object]]]:
    """The report, and the memo of the release it made (if any). `options`: check, force,
    max_drop, now, new_secret."""
    check, force, max_drop, now, new_secret = options
    cache = releases_of(out) / build_cache.NAME
    built = build(source, cache, secret)
    report = Report(errors=built.errors)
    if built.errors or built.mission is None:
        return report, {}
    digests = built.digests
    if digests.keys() != built.delegates.keys():
        digests = {i: doc_digest(doc) for i, doc in built.delegates.items()}
    report.base = _live_name(out)
    report.preview = compare(out, built, secret, digests, new_secret)
    built = _numbered(out, built, report.preview, now)
    # --force overrides the guard's counts, never another secret: every link would break
    weighed = not force or report.preview.other_secret
    report.refusal = guard(report.preview, max_drop) if weighed else ""
    if check or report.refusal:
        return report, {}
    return report, _release(out, built, secret, public_url, digests, report)


def _release(
    out: Path,
    built: Built,
    secret: bytes,
    public_url: str,
    digests: dict[str, str],
    report: Report,
) -> dict[str, dict[str, object]]:
    """Render what changed since the live release, write the new release and make it live;
    `report` takes its name, counts and documents. Returns the release's memo."""
    mission, previous = built.mission, live(out)
    assert mission is not None
    parts = PocketParts()  # filled while rendering: forked workers inherit what is in it

    def own(
        m: MissionDoc, i: str, d: DelegateDoc, s: bytes, c: EventCache, langs: Collection[str]
    ) -> dict[str, bytes]:
        return delegate_files(m, i, d, s, previous, c, langs, parts)

    renderers = (lambda m: shared_files(m, public_url), own)
    store = releases_of(out) / OBJECTS
    changes = render_changed(
        renderers, mission, built.delegates, secret, previous, public_url, digests, store
    )
    entry = Entry(
        release="",
        revision=mission.revision,
        published_at=mission.published_at.isoformat(),
        at=datetime.now(UTC).isoformat(timespec="seconds"),
        activities=len(mission.activities),
        delegates=len(built.delegates),
    )
    files, reused, placed = changes.files, changes.reused, changes.placed
    sealed = partial(seal, part=kept_with(secret))  # a live release always names its secret
    report.release, written = write_release(
        out, files, entry, reused, previous, placed, changes.twins, sealed
    )
    report.written = written + changes.written
    if built.saved is not None:  # made afresh: the next publish may reuse it
        build_cache.save(
            releases_of(out) / build_cache.NAME, replace(built.saved, digests=digests), secret
        )
    report.files = sum(1 + twinned(path) for path in [*files, *reused, *placed])
    report.delegates = len(built.delegates)
    report.docs = built.delegates
    return changes.memo


def _numbered(out: Path, built: Built, preview: Preview, now: datetime) -> Built:
    """`built` under the revision and time it goes out as (backend.numbering); the preview
    says when that is not the sheet's."""
    numbers = renumber(out, built, preview, now)
    if numbers is None:
        return built
    preview.renumbered = (numbers.asked, numbers.live, numbers.given)
    return renumbered(built, numbers)
