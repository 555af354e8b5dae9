"""Where `backend template` may write its workbook, and what to say when it cannot."""

from __future__ import annotations

import errno
from pathlib import Path


def target_problem(out: Path, source: Path | None, force: bool) -> str:
    """Why the workbook must not be written to `out` (from the CSV folder `source`), as one
    sentence; "" when it may. An existing file is an organiser's work: kept unless `force`."""
    if out.suffix.lower() != ".xlsx":
        name = out.with_suffix(".xlsx").name
        return (
            f"{out} does not end in .xlsx: the template is an Excel workbook; name it e.g. {name}"
        )
    if out.is_dir():
        return f"{out} is a folder: give the name of the workbook to write, e.g. {out}/mission.xlsx"
    if out.exists() and not force:
        return (
            f"{out} already exists and was left as it is: writing the template would replace "
            "the work in it. Choose another name, or pass --force to replace it."
        )
    if not out.parent.is_dir():
        return f"the folder {out.parent} does not exist: create it first, or choose another place"
    if source is not None and not source.is_dir():
        what = "is a file, not a folder" if source.exists() else "does not exist"
        return (
            f"--from {source} {what}: give the folder that holds mission.csv and the other tables"
        )
    return ""


def write_problem(out: Path, exc: OSError) -> str:
    """A workbook that could not be written to `out`, in one sentence (nothing was written)."""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = f"the folder {out.parent} may not be written to (permission denied)"
    elif exc.errno == errno.ENOSPC:
        why = "the disk is full"
    elif exc.errno == errno.ENOENT:
        why = f"the folder {out.parent} does not exist"
    else:
        why = exc.strerror or str(exc)
    return f"{out} could not be written: {why}. Nothing was written."
