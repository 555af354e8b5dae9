"""Our stand-ins for some of Flet's methods: swapped in process-wide, and only while Flet's code
is the very code they were written against (the sha-256 of each function's source)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any


def swap_in(
    owner: type,
    ours: Mapping[str, Any],
    kept: dict[str, Any],
    fingerprint: Callable[[str], str],
    original: Mapping[str, str],
    log: logging.Logger,
) -> bool:
    """`ours` in place of `owner`'s methods of the same names, Flet's kept in `kept`; once. False
    (and a warning in `log`, the stand-ins' module's) if a function named in `original` no
    longer has its digest there (`fingerprint`): then Flet's own stay."""
    if kept:
        return True
    changed = [name for name, digest in original.items() if fingerprint(name) != digest]
    if changed:
        log.warning(
            "flet's %s changed: its own %s left as it is", " ".join(changed), " ".join(ours)
        )
        return False
    for name, method in ours.items():
        kept[name] = owner.__dict__[name]
        setattr(owner, name, method)
    return True


def swap_out(owner: type, kept: dict[str, Any]) -> None:
    """Flet's own methods again."""
    for name, theirs in kept.items():
        setattr(owner, name, theirs)
    kept.clear()
