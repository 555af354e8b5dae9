"""Synthetic missions N times the embedded one (activities, venues, contacts and delegates)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

FEED = Path(__file__).resolve().parent.parent / "assets" / "feed"


def mission_dict(scale: int) -> dict[str, Any]:
    """The embedded mission with its activities repeated `scale` times (same venues, contacts)."""
    base: dict[str, Any] = json.loads((FEED / "mission.json").read_bytes())
    if scale == 1:
        return base
    out: dict[str, Any] = copy.deepcopy(base)
    out["activities"] = []
    for k in range(scale):
        suffix = "" if k == 0 else f"-x{k}"
        for activity in base["activities"]:
            titles = {lang: f"{text} ({k})" for lang, text in activity["title"].items()}
            out["activities"].append({**activity, "id": activity["id"] + suffix, "title": titles})
    return out


def mission_bytes(scale: int) -> bytes:
    return json.dumps(mission_dict(scale), ensure_ascii=False, separators=(",", ":")).encode()


def write_source(folder: Path, delegates: int, activity_copies: int) -> None:
    """Organiser CSVs for a big mission: the example's activities `activity_copies` times (86
    each), `delegates` delegates with ~20 registrations and 3 private meetings each."""
    import csv
    import random
    import shutil

    example = FEED.parent.parent / "examples" / "bem-west-coast-2025"
    shutil.copytree(example, folder, dirs_exist_ok=True)
    with (example / "activities.csv").open(encoding="utf-8", newline="") as f:
        base = list(csv.DictReader(f))
    rows = []
    for k in range(activity_copies):
        for row in base:
            rows.append({**row, "id": row["id"] if k == 0 else f"{row['id']}-x{k}"})
    _write(folder / "activities.csv", rows)
    ids = [r["id"] for r in rows]
    rng = random.Random(7)
    people, registrations, meetings = [], [], []
    for n in range(delegates):
        pid = f"d{n:05d}"
        people.append(
            {
                "id": pid,
                "name": f"Delegate {n}",
                "company": f"Company {n % 221}",
                "language": ("nl", "fr", "en")[n % 3],
            }
        )
        registrations += [{"delegate": pid, "activity": a} for a in rng.sample(ids, 20)]
        for m in range(3):
            meetings.append(
                {
                    "id": f"m{n}-{m}",
                    "delegate": pid,
                    "counterpart": f"Partner {m}",
                    "company": "Example Inc. (illustrative)",
                    "date": f"2025-10-0{6 + m}",
                    "start": "16:00",
                    "end": "16:30",
                    "venue": "moscone-center",
                    "location": f"Table {m}",
                    "notes": "",
                }
            )
    _write(folder / "delegates.csv", people)
    _write(folder / "registrations.csv", registrations)
    _write(folder / "meetings.csv", meetings)
    with (folder / "contacts.csv").open(encoding="utf-8", newline="") as f:
        contacts = [c for c in csv.DictReader(f) if not c["delegates"]]
    _write(folder / "contacts.csv", contacts)


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
