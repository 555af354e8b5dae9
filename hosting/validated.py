"""Controls are validated where they are made, by the tests, not again in every tap (flet 1.0.5,
pinned).

Before Flet draws or redraws a control it calls `_before_update_safe`: the control's
`before_update`, then `validation.validate`, which checks each property against the rules
Flet declares for its class (an opacity between 0 and 1, a non-negative size, ...). On a
tab switch to the Programme that is ~200 controls checked, about a tenth of the server's
CPU for the switch (cProfile, 50 sessions), for controls that only the app's own code makes.

Every screen the app draws in its view tests is drawn by Flet's own, unpatched update, which
validates each control (tests/views/harness.py; tests/hosting/test_validated.py shows a bad
control fails there): a property out of range is a failing test, not a visitor's broken
screen. The hosted server keeps `before_update` (controls set properties there) and the
frozen marker's handling, and leaves the check out. `install` swaps it in only over the
exact Flet code it was written against.
"""

from __future__ import annotations

import logging
from typing import Any

from flet.controls.base_control import BaseControl

from hosting import lean, stand_in

log = logging.getLogger(__name__)

# sha-256 of inspect.getsource of BaseControl._before_update_safe, in flet 1.0.5
ORIGINAL = {
    "_before_update_safe": "253f5075dc0c69bf0538a95ea511fac28c96fc975c9d07eb37a71c0d3425e58b"
}
flets: dict[str, Any] = {}  # Flet's own method while ours is in


def before_update_safe(self: BaseControl) -> None:
    """Flet's `_before_update_safe` without `validate`: `before_update` runs with the frozen
    marker lifted, which is put back after."""
    frozen = getattr(self, "_frozen", None)
    if frozen is not None:
        del self._frozen
    self.before_update()  # type: ignore[no-untyped-call]  # flet leaves it unannotated
    if frozen is not None:
        self._frozen = frozen


def fingerprint(name: str) -> str:
    return lean.source_digest(getattr(BaseControl, name))


def install() -> bool:
    """Process-wide. True if the hosted server no longer validates each control it draws;
    False (and a warning) if this Flet's method is not the one it was written against."""
    ours = {"_before_update_safe": before_update_safe}
    return stand_in.swap_in(BaseControl, ours, flets, fingerprint, ORIGINAL, log)


def uninstall() -> None:
    """Flet's own method again."""
    stand_in.swap_out(BaseControl, flets)
