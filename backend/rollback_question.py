"""The command line's rollback asks first in a terminal, as the console does: what it will serve
(backend.undo), then yes or no. `--yes`, or no terminal (a script), does not ask."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from backend.release_times import NBSP, NO_BREAK_HYPHEN, Clock, mission_clock
from backend.releases import live
from backend.undo import Undo, undo
from services.i18n import Translator


def question(going: Undo, clock: Clock) -> str:
    back = going.back
    # when it went live, as `releases` and the console say it (not the sheet's published_at,
    # which two releases of one workbook often share), in mission time
    told = f"The release of revision {back.revision} (published {_when(back.at, clock)})"
    told += f" would be live again, as revision {going.revision}"
    if going.changed or going.returning or going.gone:
        told += f": {_n(going.changed or 0, 'activity changes', 'activities change')} back,"
        told += f" {_n(going.returning or 0, 'comes', 'come')} back"
        told += f" and {_n(going.gone or 0, 'goes', 'go')} away"
    elif going.changed is not None:  # a publish that changed only who attends what
        told += ". The activities are the same in both releases; delegates' own agendas"
        told += " and B2B meetings may still differ"
    return told + ". Roll back? [y/N] "


def _when(at: str, clock: Clock) -> str:
    """'Wed 1 Oct 2025 00:00 Los Angeles time, 2025-10-01 07:00 UTC', as the console says it;
    a time that cannot be read as written."""
    moment = clock.moment(at)
    if not moment.utc:
        told = moment.local
    elif clock.is_utc:
        told = f"{moment.local} UTC"
    else:
        told = f"{moment.local} {clock.name}, {moment.utc}"
    # the console's no-break spaces and hyphens: a terminal wraps none
    return told.replace(NBSP, " ").replace(NO_BREAK_HYPHEN, "-")


def _n(count: int, one: str, more: str) -> str:
    return f"{count} {one if count == 1 else more}"


def asked(out: Path, stdin: TextIO, stdout: TextIO) -> tuple[bool, str | None]:
    """Whether to go on, and the release the organiser agreed to bring back (None, going on,
    when there is nothing to go back to: the rollback then says so)."""
    going = undo(out)
    if going is None:
        return True, None
    stdout.write(question(going, mission_clock(live(out), Translator("en"))))
    stdout.flush()
    try:
        typed = stdin.readline()
    except KeyboardInterrupt:  # Ctrl-C is a no, said as one, not a traceback
        typed = ""
    if not typed.endswith("\n"):  # Ctrl-C or Ctrl-D: what follows starts on a line of its own
        stdout.write("\n")
    answer = typed.strip().lower()
    agreed = answer in ("y", "yes", "j", "ja", "o", "oui")
    return agreed, going.back.release if agreed else None
