"""An event's payload type, resolved once per control class and event (flet 1.0.5, pinned).

Before it calls a handler, Flet's `get_event_field_type` merges the annotations of the control's
whole class hierarchy, copies two module namespaces and evaluates the handler's annotation:
~0.5 ms a tap, ~2.4% of a tab switch's CPU on the hosted server (py-spy). What it finds depends
on the class and the event's name only (the annotations, and the namespaces of the modules
that define them and of Flet's dispatcher). `event_type` asks Flet once per (class, event),
from a frame with the dispatcher's namespace as Flet's own call has, and remembers the answer;
a resolution that fails fails as before, every time. `install` swaps it in only over the exact
Flet code it was written against.
"""

from __future__ import annotations

import logging
from typing import Any

from flet.controls import base_control, control_event

from hosting import lean

log = logging.getLogger(__name__)

# sha-256 of inspect.getsource(control_event.get_event_field_type) in flet 1.0.5
ORIGINAL = "071056c2f4bf7c1ca1fff9fcca8d0a6d767dd289a11615bc301217a0b916956d"
FLETS = control_event.get_event_field_type

_types: dict[tuple[type, str], Any] = {}


def _resolver() -> Any:
    """Flet's function, called from a frame whose globals are the dispatcher's (Flet reads
    the caller's namespace to evaluate annotations)."""
    scope: dict[str, Any] = {}
    namespace = {**vars(base_control), "_flets": FLETS}
    source = "def _resolve(control, field_name):\n    return _flets(control, field_name)\n"
    exec(source, namespace, scope)
    return scope["_resolve"]


_resolve = _resolver()


def event_type(control: Any, field_name: str) -> Any:
    """What `get_event_field_type(control, field_name)` answers, asked once per class."""
    key = (type(control), field_name)
    try:
        return _types[key]
    except KeyError:
        found = _types[key] = _resolve(control, field_name)
        return found


def install() -> bool:
    """Process-wide. True if events resolve through `event_type`; False (and a warning) if
    this Flet's resolution is not the one it was written against."""
    if lean.source_digest(FLETS) != ORIGINAL:
        log.warning("flet's event type resolution changed: hosting.events left it as it is")
        return False
    base_control.get_event_field_type = event_type  # type: ignore[attr-defined]
    return True


def uninstall() -> None:
    base_control.get_event_field_type = FLETS  # type: ignore[attr-defined]
