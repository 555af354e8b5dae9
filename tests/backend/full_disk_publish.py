"""Run inside a private mount namespace, `out` on a small tmpfs: publish, fill the disk, then
publish and roll back from the command line and the console; free the space and publish again.

    unshare -m sh -c 'mount -t tmpfs -o size=8m tmpfs DISK &&
                      python -m tests.backend.full_disk_publish DISK WORK'

Prints one JSON object: what each attempt answered and what was live after it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from backend.commands import EXAMPLE_WORKBOOK, ROOT
from backend.live_mission import stamp
from backend.publish import publish
from backend.releases import history, live, releases_of
from backend.staging import locked
from tests.backend.console_client import roll_back, signed_in, upload_id
from tests.backend.locks import waiting
from tests.backend.published import consistent
from tests.backend.servers import EXAMPLE, SECRET
from tests.backend.sources import edit
from tests.backend.workbook_mistakes import row_of

URL = "https://feed.example.org/"


def fill(disk: Path) -> Path:
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as f, contextlib.suppress(OSError):
        while True:
            f.write(bytes(65536))
    return filler


def state(out: Path) -> dict[str, Any]:
    shown = stamp(live(out))
    leftovers = [p.name for p in releases_of(out).iterdir() if p.name.startswith(".staging-")]
    return {
        "live": shown[0] if shown else None,
        "history": [e.revision for e in history(out)],
        "consistent": consistent(out),
        "leftovers": leftovers,
    }


def sources(work: Path) -> tuple[Path, Path]:
    """A CSV folder and a workbook, each with the lunch moved to the Garden Room."""
    folder = work / "moved"
    shutil.copytree(EXAMPLE, folder)
    edit(folder / "activities.csv", "mon-lunch", room_en="Garden Room")
    book = load_workbook(EXAMPLE_WORKBOOK)
    sheet = book["Activities"]
    room = [c.value for c in sheet[1]].index("room_en") + 1
    sheet.cell(row_of(sheet, "mon-lunch"), room, "Garden Room")
    book.save(work / "moved.xlsx")
    return folder, work / "moved.xlsx"


async def scenario(disk: Path, work: Path) -> dict[str, Any]:
    out, seen = disk / "feed", {}
    publish(EXAMPLE, out, SECRET, URL)
    folder, book = sources(work)
    shutil.copytree(EXAMPLE, work / "rose")
    edit(work / "rose" / "activities.csv", "mon-lunch", room_en="Rose Room")
    publish(work / "rose", out, SECRET, URL)  # revision 2: a rollback has one to go back to
    (work / "secret.txt").write_bytes(SECRET)
    async with signed_in(out) as (client, csrf):
        files = {"workbook": ("moved.xlsx", book.read_bytes())}
        checked = await client.post("/upload", data={"csrf": csrf}, files=files)
        form = {"csrf": csrf, "upload": upload_id(checked.text)}
        filler = fill(disk)
        command = [sys.executable, "-m", "backend", "publish", str(folder), str(out)]
        command += ["--secret", str(work / "secret.txt"), "--public-url", URL]
        cli = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
        seen["cli"] = {"code": cli.returncode, "stderr": cli.stderr, **state(out)}
        answer = await client.post("/publish", data=form)
        seen["publish"] = {"status": answer.status_code, "text": answer.text, **state(out)}
        back = await roll_back(client, csrf)  # the confirmed one
        seen["rollback"] = {"status": back.status_code, "text": back.text, **state(out)}
        again = await client.post("/upload", data={"csrf": csrf}, files=files)
        folder = out.parent / f".{out.name}.uploads"  # an upload: <id>.xlsx and <id>.name
        uploads = sorted({p.stem for p in folder.iterdir()})
        seen["upload"] = {"status": again.status_code, "text": again.text, "uploads": uploads}
        french = await client.post("/publish?lang=fr", data=form)  # the page's language stays
        seen["french"] = {"status": french.status_code, "text": french.text}
        filler.unlink()
        done = await client.post("/publish", data=form)
        seen["after"] = {"location": done.headers.get("location"), **state(out)}
    seen["behind"] = behind_another(disk, out, command)
    return seen


def behind_another(disk: Path, out: Path, command: list[str]) -> dict[str, Any]:
    """A command-line publish waits behind another one that goes live, then finds the disk
    full: it must not take the other's revision for its own."""
    with locked(releases_of(out)):
        job = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while waiting(releases_of(out) / ".lock") < 1:
            assert time.monotonic() < deadline and job.poll() is None, "it never waited"
            time.sleep(0.02)
        publish(EXAMPLE, out, SECRET, URL)  # the other one: the lunch back in its first room
        filler = fill(disk)
    _, err = job.communicate(timeout=120)
    filler.unlink()
    return {"code": job.returncode, "stderr": err, **state(out)}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(scenario(Path(sys.argv[1]), Path(sys.argv[2])))))
