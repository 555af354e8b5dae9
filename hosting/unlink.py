"""A diff's chain of operations taken apart when the diff is done (flet 1.0.5, pinned).

Flet builds a patch as a doubly linked chain of `[previous, next, operation]` nodes, and its
`DiffBuilder.teardown` "breaks the cycle" by resetting the chain's root only: every other
node still points at its neighbours, so the chain is a reference cycle, and it holds each
operation, and through them the controls removed and added. On a tab switch that is the
whole screen taken down (~500 objects on the Programme): it stayed in memory until the
garbage collector came round to it, and every screen a session had left counted towards the
next collection, whose pause falls in someone's tap. `teardown` also empties each node, and
the root, so the replaced screen is freed the moment the patch is made. `install` swaps it
in only over the exact Flet code it was written against.
"""

from __future__ import annotations

import logging
from typing import Any

from flet.controls.object_patch import DiffBuilder

from hosting import lean, stand_in

log = logging.getLogger(__name__)

# sha-256 of inspect.getsource of DiffBuilder's methods that shape the chain `teardown` walks
# (and of Flet's teardown), in flet 1.0.5
ORIGINAL = {
    "teardown": "fceabb67362cfb1d87d0a2737067edbf0a3eb6bf1edefc91dbe1d9c63828a971",
    "insert": "695e2ea4c19b08c5e68e12a9c35036398479fd2808e2d6db839b66a56d064f00",
    "remove": "1a68760997bfd0f9be37c1d11d1170fcf77e3651765758aea53864c20915ba89",
}
flets: dict[str, Any] = {}  # Flet's own teardown while ours is in


def teardown(self: DiffBuilder) -> None:
    """Flet's teardown, with no cycle left behind: each node of the chain emptied first."""
    root: list[Any] = self._DiffBuilder__root  # type: ignore[attr-defined]
    node = root[1] if root else None
    while node is not None and node is not root:
        following = node[1]
        node.clear()
        node = following
    flets["teardown"](self)
    root.clear()  # Flet leaves the root pointing at itself


def fingerprint(name: str) -> str:
    return lean.source_digest(getattr(DiffBuilder, name))


def install() -> bool:
    """Process-wide. True if diffs are taken apart by `teardown`; False (and a warning) if
    this Flet's chain is not the one it was written against."""
    return stand_in.swap_in(DiffBuilder, {"teardown": teardown}, flets, fingerprint, ORIGINAL, log)


def uninstall() -> None:
    """Flet's own teardown again."""
    stand_in.swap_out(DiffBuilder, flets)
