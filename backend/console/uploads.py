"""The workbooks organisers uploaded, kept for their check and their publish: each under a random
id, with the name it had on the organiser's computer beside it (a label only, never a path)."""

from __future__ import annotations

import re
import secrets
import time
import unicodedata
from pathlib import Path

UPLOAD_ID = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
NAME_LENGTH = 120
KEEP_SECONDS = 7 * 24 * 3600  # a check published a week later is checked again anyway


def label(filename: str) -> str:
    """What the page may show of a browser's file name: its last part (a browser may send a
    path), without control or formatting characters (which could reorder what is shown), cut
    to a readable length."""
    last = re.split(r"[/\\]", filename)[-1]
    kept = "".join(c for c in last if unicodedata.category(c)[0] != "C")
    return kept.strip()[:NAME_LENGTH]


class Uploads:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, upload_id: str) -> Path:
        return self.folder / f"{upload_id}.xlsx"

    def known(self, upload_id: str) -> bool:
        return bool(UPLOAD_ID.match(upload_id)) and self.path(upload_id).exists()

    def keep(self, data: bytes, filename: str) -> str:
        """The upload on disk, and its id; nothing half-written is left (OSError)."""
        upload_id = secrets.token_urlsafe(24)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._forget_old()
        try:
            self.path(upload_id).write_bytes(data)
            self._name(upload_id).write_text(label(filename), "utf-8")
        except OSError:
            self.path(upload_id).unlink(missing_ok=True)
            self._name(upload_id).unlink(missing_ok=True)
            raise
        return upload_id

    def name(self, upload_id: str) -> str:
        """The name the organiser's file had ("" when it is not known)."""
        try:
            return label(self._name(upload_id).read_text("utf-8"))
        except (OSError, ValueError):
            return ""

    def _forget_old(self) -> None:
        """Uploads of more than a week ago go (up to 50 MB each, they would pile up)."""
        now = time.time()
        for path in self.folder.iterdir():
            try:
                if now - path.stat().st_mtime > KEEP_SECONDS:
                    path.unlink()
            except OSError:
                continue  # gone meanwhile, or not ours to remove: the next upload tries again

    def _name(self, upload_id: str) -> Path:
        return self.folder / f"{upload_id}.name"
