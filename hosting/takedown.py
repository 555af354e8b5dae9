"""The screen a patch replaces is taken down after the patch has left (flet 1.0.5, pinned).

`Session.patch_control` makes a patch, queues it, and then takes every removed control, and
all below it, out of the session's index. Finding them walks the whole screen left (My agenda
on a switch to the Programme: ~120 controls, 0.3-0.6 ms), and the patch cannot leave until
the handler that made it returns: that walk stood between the tap and the first byte out.
Nothing in the patch needs it; it is the session's bookkeeping.

`patch_control` here makes the same patch from the same diff, queues it and indexes the added
controls, as Flet does, and leaves the rest of Flet's steps (the removed controls found, out
of the index, `will_unmount`, and `did_mount` of the added ones) for a callback queued after
the session's send loop wakes up: right after the patch is out. A session's next patch takes
down what its previous one left first, so the steps keep Flet's order, and a control that a
patch both removes and adds (moved, as the navigation bar's kept destinations when the bar is
made anew) stays in the index, as in Flet. The only controls with mount callbacks are Flet's
declarative components, which the app does not use. `install` swaps it in only over the
exact Flet code it was written against.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from flet.controls.base_control import BaseControl
from flet.controls.object_patch import DiffBuilder, ObjectPatch
from flet.messaging.protocol import Message, MessageAction, PatchControlBody
from flet.messaging.session import Session

from hosting import lean, stand_in

log = logging.getLogger(__name__)

# sha-256 of inspect.getsource of what `patch_control` does again, in flet 1.0.5.
ORIGINAL = {
    "patch_control": "870102dfe8f9e97cc00f5f0dd7afc92d03149703239c70d295bae1fac21a69ab",
    "from_diff": "ea5c24482e34aacead2fe4183d154b6054c01c8ab1071158979fff31e44305dc",
    "get_removed_controls": "05b75852bb479d8e1c97991c4beff13e1db13516340eeb9e95913a1ea500cfbf",
}


@dataclass
class Takedown:
    """What one patch removed and added, until the session takes it down: per removed
    control, the controls found in it, or (a frozen one) the walk that will find them."""

    removed: list[list[Any] | tuple[Any, bool]]
    added: list[Any]
    builder: DiffBuilder


def removed_parts(builder: DiffBuilder) -> list[list[Any] | tuple[Any, bool]]:
    """Flet's `get_removed_controls`, walked now only where the patch's own encoding could
    change what the walk finds: it records the lists a control that is not frozen holds
    (which the walk of a removed control reads), and it never touches a frozen one."""
    parts: list[list[Any] | tuple[Any, bool]] = []
    for key, dc in builder._removed_dataclasses.items():
        recurse = key not in builder._added_dataclasses
        if getattr(dc, "_frozen", False):
            parts.append((dc, recurse))
        else:
            parts.append(list(builder._removed_controls(dc, recurse)))
    return parts


_pending: dict[Session, Takedown] = {}


def patch_control(
    self: Session,
    control: BaseControl,
    prev_control: BaseControl | None = None,
    parent: Any = None,
    path: list[Any] | None = None,
    frozen: bool = False,
) -> None:
    take_down(self)  # what the previous patch left goes first, as in Flet
    src = prev_control or control
    builder = DiffBuilder(src, control, control_cls=BaseControl)
    builder._compare_values(parent, path or [], None, src, control, frozen=frozen)
    ops = list(builder.execute())
    added = list(builder.get_added_controls())
    removed = removed_parts(builder)
    builder.teardown()
    patch = ObjectPatch(ops).to_message()
    if len(patch) > 1:
        self._Session__send_message(  # type: ignore[attr-defined]
            Message(
                MessageAction.PATCH_CONTROL,
                PatchControlBody(parent._i if parent else control._i, patch),
            )
        )
    index = self._Session__index  # type: ignore[attr-defined]
    for added_control in added:
        index[added_control._i] = added_control
    if not (removed or added):
        return
    _pending[self] = Takedown(removed, added, builder)
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        take_down(self)
        return
    # the send loop's wake-up was queued by the send above, ahead of this; the second hop leaves
    # room for one more await in the send loop before the patch's bytes are written
    loop.call_soon(loop.call_soon, take_down, self)


def take_down(session: Session) -> None:
    """Flet's steps after a patch, for what `session`'s last patch removed and added."""
    done = _pending.pop(session, None)
    if done is None:
        return
    removed: list[Any] = []
    for part in done.removed:
        removed.extend(part if isinstance(part, list) else done.builder._removed_controls(*part))
    index = session._Session__index  # type: ignore[attr-defined]
    added_ids = {c._i for c in done.added}
    for removed_control in removed:
        if removed_control._i not in added_ids:  # Flet takes it out and puts it back
            index.pop(removed_control._i, None)
    for removed_control in removed:
        if removed_control._i not in added_ids:
            removed_control.will_unmount()
    removed_ids = {c._i for c in removed}
    for added_control in done.added:
        if added_control._i not in removed_ids:
            added_control.did_mount()


OWNERS: dict[str, type] = {
    "patch_control": Session,
    "from_diff": ObjectPatch,
    "get_removed_controls": DiffBuilder,
}


def fingerprint(name: str) -> str:
    return lean.source_digest(getattr(OWNERS[name], name))


flets: dict[str, Any] = {}  # Flet's own patch_control while ours is in


def install() -> bool:
    """Process-wide. True if patches take their screen down after they leave; False (and a
    warning) if this Flet's patch_control is not the one this was written against."""
    ours = {"patch_control": patch_control}
    return stand_in.swap_in(Session, ours, flets, fingerprint, ORIGINAL, log)


def uninstall() -> None:
    """Flet's own patch_control again; what waits is taken down now."""
    for session in list(_pending):
        take_down(session)
    stand_in.swap_out(Session, flets)
