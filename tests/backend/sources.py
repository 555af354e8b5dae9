"""The example mission's sources, copied into a test's folder and changed the way organisers
change them."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile

from tests.backend.servers import EXAMPLE


def copy_example(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    shutil.copytree(EXAMPLE, source)
    return source


def line_of(path: Path, row_id: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(row_id + ","):
            return number
    raise AssertionError(row_id)


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_rows(path: Path, rows: list[dict[str, str]], columns: list[str]) -> None:
    """`rows` under `columns` (as the sheet had them), as a spreadsheet exports CSV."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def edit(path: Path, row_id: str | None, **changes: str) -> None:
    """Set cells of the row whose id is `row_id` in a CSV sheet; `_delete="yes"` removes it."""
    rows = read_rows(path)
    columns = list(rows[0])
    rows = [r for r in rows if not (changes.get("_delete") and r.get("id") == row_id)]
    for row in rows:
        if row.get("id") == row_id:
            row.update({k: v for k, v in changes.items() if not k.startswith("_")})
    write_rows(path, rows, columns)


def append(path: Path, **cells: str) -> None:
    """One more row, by column name (the sheet's columns may come in any order)."""
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=header, lineterminator="\n").writerow(cells)


def bump(source: Path, revision: int, when: str | None = None) -> None:
    """What the README asks organisers to do before each publish: a new revision (and time)."""
    text = (source / "mission.csv").read_text("utf-8")
    new = {"revision": str(revision), "published_at": when}
    lines = []
    for row in text.splitlines():
        name = row.partition(",")[0]
        lines.append(f"{name},{new[name]}" if new.get(name) else row)
    (source / "mission.csv").write_text("\n".join(lines) + "\n", "utf-8")


def drop_unreferenced_activities(source: Path) -> int:
    """Delete every activity no other table names: more than half of the programme."""
    named = set()
    for name in ("registrations.csv", "participants.csv"):
        with (source / name).open(encoding="utf-8") as f:
            named |= {r["activity"] for r in csv.DictReader(f)}
    for name in ("logistics.csv", "announcements.csv", "companies.csv"):
        (source / name).unlink()  # the mission-day sheets are optional
    rows = read_rows(source / "activities.csv")
    kept = [r for r in rows if r["id"] in named]
    write_rows(source / "activities.csv", kept, list(rows[0]))
    return len(rows) - len(kept)


def remove_maes(source: Path) -> None:
    """d-maes leaves the delegation: their rows go from every table that names them."""
    for table in sorted(source.glob("*.csv")):
        rows = read_rows(table)
        kept = []
        for row in rows:
            shared = row.get("delegates", "").split()
            if "d-maes" in (row.get("delegate"), row.get("id")):
                continue
            if "d-maes" in shared:
                if shared == ["d-maes"]:
                    continue
                row["delegates"] = " ".join(d for d in shared if d != "d-maes")
            kept.append(row)
        write_rows(table, kept, list(rows[0]))


def nine_mistakes(tmp_path: Path) -> Path:
    source = copy_example(tmp_path)
    text = (source / "venues.csv").read_text(encoding="utf-8")
    (source / "venues.csv").write_text(text.replace("lat,lon", "latitude,lon", 1), "utf-8")
    text = (source / "mission.csv").read_text(encoding="utf-8")
    (source / "mission.csv").write_text(text.replace("America/Los_Angeles", "PST"), "utf-8")
    edit(source / "activities.csv", "mon-lunch", venue="nowhere", title_nl="")
    edit(source / "activities.csv", "wed-ai-act", date="tomorrow")
    edit(source / "activities.csv", "mon-opening-seminar", start="13:00", end="12:00")
    edit(source / "contacts.csv", "mission-desk", phone="0800 FLOWERS")
    with (source / "registrations.csv").open("a", encoding="utf-8") as f:
        f.write("ghost,mon-lunch\ndemo,wed-imaginary\n")
    return source


def macro_enabled(workbook: Path, out: Path) -> Path:
    """`workbook` as Excel saves it with the type Excel Macro-Enabled Workbook (.xlsm): the
    same parts, the workbook's content type says it may hold macros."""
    with ZipFile(workbook) as book, ZipFile(out, "w", ZIP_DEFLATED) as saved:
        for item in book.infolist():
            data = book.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml")
                assert b"macroEnabled" in data, data
            saved.writestr(item, data)
    return out
