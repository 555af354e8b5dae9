"""Run inside a private mount namespace, the invites folder on a small tmpfs: publish with
room for only some QR codes, free the space and publish the same workbook again, as the
failure's sentence says to.

    unshare -m sh -c 'mount -t tmpfs -o size=1m tmpfs DISK &&
                      python -m tests.backend.full_disk_invites DISK WORK'

Prints one JSON object: what the first publish raised and which codes are not their link's.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path

from backend.publish import publish
from backend.qr_png import qr_png
from tests.backend.servers import EXAMPLE, SECRET

URL = "https://feed.example.org/"
ROOM = 12 * 1024  # three tmpfs pages: the first codes fit, the rest do not


def main(disk: Path, work: Path) -> None:
    invites, filler = disk / "invites", disk / "filler"
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    filler.write_bytes(bytes(free - ROOM))
    first = ""
    try:
        publish(EXAMPLE, work / "feed", SECRET, URL, invites=invites)
    except OSError as e:
        first = e.strerror or str(e)
    filler.unlink()
    publish(EXAMPLE, work / "feed", SECRET, URL, invites=invites)
    with (invites / "invites.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    wrong = [r["qr"] for r in rows if (invites / r["qr"]).read_bytes() != qr_png(r["link"])]
    left = sorted(p.name for p in (invites / "qr").iterdir() if not p.name.endswith(".png"))
    print(json.dumps({"first": first, "codes": len(rows), "wrong": wrong, "left": left}))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
