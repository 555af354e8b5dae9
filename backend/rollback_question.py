"""The command line's rollback asks first in a terminal, as the console does: what it will serve
(backend.undo), then yes or no. `--yes`, or no terminal (a script), does not ask."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from backend.undo import Undo, undo


def question(going: Undo) -> str:
    back = going.back
    told = f"The release of revision {back.revision} (published {back.published_at})"
    told += f" would be live again, as revision {going.revision}"
    if going.changed is not None:
        told += f": {_n(going.changed, 'activity changes', 'activities change')} back,"
        told += f" {_n(going.returning or 0, 'comes', 'come')} back"
        told += f" and {_n(going.gone or 0, 'goes', 'go')} away"
    return told + ". Roll back? [y/N] "


def _n(count: int, one: str, more: str) -> str:
    return f"{count} {one if count == 1 else more}"


def asked(out: Path, stdin: TextIO, stdout: TextIO) -> tuple[bool, str | None]:
    """Whether to go on, and the release the organiser agreed to bring back (None, going on,
    when there is nothing to go back to: the rollback then says so)."""
    going = undo(out)
    if going is None:
        return True, None
    stdout.write(question(going))
    stdout.flush()
    answer = stdin.readline().strip().lower()
    agreed = answer in ("y", "yes", "j", "ja", "o", "oui")
    return agreed, going.back.release if agreed else None
