"""Spreadsheets to feed documents: CSV rows become `MissionDoc` and `DelegateDoc`, or errors.

The tables are read by backend.sources (CSV folder or workbook) and shaped by backend.sheets;
backend.checks goes on past bad rows so that every problem is found in one run.

Every check runs through the app's own contract (`services.validation`); a problem found there
is mapped back to the file or sheet, row and column it came from (backend.origins).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from backend import build_cache, checked
from backend.build_cache import Saved
from backend.checks import Checker
from backend.day_sheets import DAY_SHEETS, day_mission, stays_for
from backend.delegate_sheets import by_delegate, delegate_dict
from backend.origins import Origins
from backend.row_checks import duplicates, lost_ids, references
from backend.sheets import mission_dict
from backend.shelf import Docs, Shelf
from backend.sources import read_tables
from backend.stamps import stamped
from backend.tables import Row, SourceError, Table
from services.document_rules import cross_checker, delegate_problems, mission_problems
from services.mission_time import zone_named
from services.models import LANGS, DelegateDoc, MissionDoc
from services.said import said

COLUMNS = {
    "mission.csv": ["field", "value"],
    "sectors.csv": ["id", "name_en", "name_fr", "name_nl"],
    "cities.csv": ["id", "name_en", "name_fr", "name_nl", "start_date", "end_date"],
    "venues.csv": ["id", "name", "address", "city", "lat", "lon"],
    "activities.csv": ["id", "kind", "date", "start", "end", "venue", "title_en"],
    "contacts.csv": ["id", "category"],
    "delegates.csv": ["id", "name", "company"],
    "registrations.csv": ["delegate", "activity"],
    "meetings.csv": ["id", "delegate", "counterpart", "company", "date", "start", "end"],
}
OPTIONAL = {
    "facts.csv": ["id", "text_en"],
    "participants.csv": ["activity", "role"],
    **DAY_SHEETS,
}
# Text that is the same in every language may come in one column (`name`) or one per language.
ONE_OF = {
    "contacts.csv": "name",
    "participants.csv": "name",
    "facts.csv": "source",
}


@dataclass
class Built:
    mission: MissionDoc | None = None
    # read afresh: a dict; from the build cache: backend.shelf.Docs, each read when first used
    delegates: Mapping[str, DelegateDoc] = field(default_factory=dict)
    errors: list[SourceError] = field(default_factory=list)
    saved: Saved | None = None  # for the next build (backend.build_cache), when made afresh
    digests: dict[str, str] = field(default_factory=dict)  # doc_digest of each, when known


def build(source: Path, cache: Path | None = None, seal: bytes = b"") -> Built:
    """Read every table of `source` (a CSV folder or an .xlsx workbook) and build the documents.
    Every problem is reported in this one run, once; any error means nothing to publish.
    `cache`: where the last publish left its delegates' documents (backend.build_cache); they
    are used when their tables did not change and every check passes, else all is read;
    `seal`: the secret the cache was sealed with (backend.build_cache)."""
    if checked.enabled() and source.suffix.lower() == ".xlsx" and source.is_file():  # console
        return checked.once(source, lambda: _afresh(source, ""), _clean)
    key = build_cache.key_of(source) if cache is not None else ""
    reused = _reusing(source, cache, key, seal) if cache is not None and key else None
    if reused is not None and build_cache.key_of(source) == key:
        return reused
    out = _afresh(source, key)
    if out.saved is not None and build_cache.key_of(source) != key:
        out.saved = None  # a table changed while it was read: keep nothing
    return out


def _clean(built: Built) -> bool:
    return built.mission is not None and not built.errors


def _afresh(source: Path, key: str) -> Built:
    """Every table read and checked (`key`: of the tables, to keep the documents under)."""
    out = Built()
    tables = read_tables(source, COLUMNS, OPTIONAL, out.errors)
    if all(table.unreadable for table in tables.values()):
        return out  # not a workbook or folder at all: that one problem is enough
    if tables["mission.csv"].unreadable:  # every document needs its id, zone and dates
        out.errors[:] = _once(out.errors, tables)  # what reading found, and no echo of it
        return out
    checker, fields, zone, mission = _mission(tables, out.errors)
    out.errors += duplicates(tables["delegates.csv"])
    out.errors += references(tables, checker.empty)
    per_delegate = by_delegate(tables)
    cross = cross_checker(mission) if mission is not None else None
    out.delegates = delegates = dict[str, DelegateDoc]()
    for row in tables["delegates.csv"]:  # checked even when the mission has errors
        d_origins = Origins(fields=fields, fallback=row)
        rows = per_delegate.get(row.get("id"), {})
        d_raw = delegate_dict(row, rows, fields, zone or ZoneInfo("UTC"), d_origins, out.errors)
        d_raw["stays"] = stays_for(row.get("id"), tables["hotels.csv"], d_origins)
        doc = checker.validate(DelegateDoc, d_raw, delegate_problems, d_origins, "delegates.csv")
        if doc is not None and cross is not None:
            checker.report(cross(doc), d_origins, "delegates.csv")
            delegates[doc.delegate.id] = doc
    out.errors[:] = _once(out.errors, tables)
    out.mission = mission
    if out.errors:
        out.mission, out.delegates = None, {}
    elif key and mission is not None:
        out.saved = build_cache.keep(build_cache.with_mission(key, fields), delegates, mission)
    return out


def _reusing(source: Path, cache: Path, key: str, seal: bytes) -> Built | None:
    """The saved delegates' documents with everything else read afresh; None as soon as
    anything fails: then a full build finds and reports it. The saved documents passed every
    check once; what may have changed since is the mission they name (activities, venues,
    cities), and the cross-checks below find that: a reference from a table not read here is
    in a document (a registration, a meeting's venue), and those to a delegate come from
    tables that are in the key. When nothing the cross-checks read changed (build_cache.Passed:
    a room or a title did), they pass as they did and are not run again. Revision and time come
    from the mission (same types)."""
    errors: list[SourceError] = []
    wanted = {name: c for name, c in COLUMNS.items() if name not in build_cache.PER_DELEGATE}
    tables = read_tables(source, wanted, OPTIONAL, errors)
    if any(table.unreadable for table in tables.values()):
        return None
    _, fields, _, mission = _mission(tables, errors)
    errors += references(tables)  # those between tables that were read
    saved = build_cache.load(cache, build_cache.with_mission(key, fields), seal)
    if mission is None or errors or saved is None:
        return None
    out, cross = Built(digests=saved.digests), cross_checker(mission)
    passed = saved.passed is not None and saved.passed.hold_for(mission)
    if not passed and any(cross(doc) for doc in saved.docs):
        return None
    stamp = (mission.revision, mission.published_at)
    if isinstance(saved.docs, Shelf):  # as build_cache.load gives them
        out.delegates = Docs(saved.docs, stamp)
    else:
        out.delegates = {doc.delegate.id: stamped(doc, stamp) for doc in saved.docs}
    out.mission = mission
    return out


def _mission(
    tables: dict[str, Table], errors: list[SourceError]
) -> tuple[Checker, dict[str, Row], ZoneInfo | None, MissionDoc | None]:
    """The mission document (None when it cannot be built) and what the delegates need of it."""
    unreadable = {name for name, table in tables.items() if table.unreadable}
    for name, column in ONE_OF.items():
        _need_one_of(tables[name], column, errors)
    checker = Checker(errors, unreadable, {name: t.label for name, t in tables.items()})
    # the ids of a row whose id cell was emptied: said there once (backend.row_checks), not at
    # every activity, registration or venue that names them
    checker.dropped.update(*lost_ids(tables).values())
    fields = {row.get("field"): row for row in tables["mission.csv"]}
    zone = _zone(fields, [] if tables["mission.csv"].unreadable else errors)
    origins = Origins(fields=fields)
    raw = mission_dict(tables, fields, zone or ZoneInfo("UTC"), origins, errors)
    raw.update(day_mission(tables, zone or ZoneInfo("UTC"), origins, errors))
    if zone is None:  # reported once above; check everything else in UTC meanwhile
        raw["mission"]["time_zone"] = "UTC"
    mission = checker.validate(MissionDoc, raw, mission_problems, origins, "mission.csv")
    return checker, fields, zone, mission


def _once(errors: list[SourceError], tables: dict[str, Table]) -> list[SourceError]:
    """Each problem once, in sheet and row order (a contact shared by two delegates, a date
    that both start and end need, are one problem each; a missing column is one problem; a
    cell that could not be read, a formula, is one problem, not also an empty cell)."""
    missing = {(t.label, column) for t in tables.values() for column in t.missing}
    unread = {(t.label, cell) for t in tables.values() for cell in t.unread}
    # reading comes first: the first problem of a cell; a merge is one problem for its cells
    told = {(t.label, cell) for t in tables.values() for cell in t.covered}
    unique: list[SourceError] = []
    said_at: dict[tuple[str, int, str, str], int] = {}  # a place -> its problem in `unique`
    for e in dict.fromkeys(errors):
        where = (e.file, e.cell)
        if (e.file, e.column) in missing or where in told:
            continue
        if where in unread:
            told.add(where)
        # the same problem said twice, once with advice ("...: did you mean 'mon-lunch'?"):
        # the fuller one, once
        place = (e.file, e.line, e.column, e.cell)
        first = said_at.get(place)
        if first is not None and str(unique[first].message).startswith(str(e.message)):
            continue
        if first is not None and str(e.message).startswith(str(unique[first].message)):
            unique[first] = e
            continue
        said_at.setdefault(place, len(unique))
        unique.append(e)
    return sorted(unique, key=lambda e: (e.file, e.line))


def _need_one_of(table: Table, column: str, errors: list[SourceError]) -> None:
    """`name`, or at least one of `name_en`, `name_fr`, `name_nl`."""
    choices = [column, *(f"{column}_{lang}" for lang in LANGS)]
    if table.rows and not any(c in table.rows[0].cells for c in choices):
        message = said("missing column {columns}", columns=" or ".join(choices))
        errors.append(SourceError(table.label, 1, message))


def _zone(fields: dict[str, Row], errors: list[SourceError]) -> ZoneInfo | None:
    name = fields["time_zone"].get("value") if "time_zone" in fields else ""
    zone = zone_named(name)
    if zone is None:
        message = said(
            "time_zone {zone} is not a known zone (e.g. America/Los_Angeles)", zone=repr(name)
        )
        if not name.strip():  # not "time_zone '' is not a known zone"
            message = said("time_zone: empty: fill it in (e.g. America/Los_Angeles)")
        if "time_zone" in fields:
            errors.append(fields["time_zone"].error("value", message))
        else:
            errors.append(SourceError("mission.csv", 0, message))
    return zone
