"""Flet's MessagePack encoder for controls, with its per-call lookups made once per class
(flet 1.0.5, pinned).

Every control in a patch passes through Flet's `encode_object_for_msgpack`. For each one it
looks up the class's event fields, root defaults and overridden defaults, and for each
structural field (`_i`, `_c`, `controls`, ...) searches the class's MRO for the root
dataclass field to learn its default. None of that changes after a class is defined. `encoder`
returns a function that does the same work in the same order with the same side effects, with
those lookups made once per class: the same bytes go out. `encoder` hands back Flet's own
function for any Flet it was not written against, and any object that is not a control, a
Flet value or an enum member goes to Flet's function as well. On a tab switch Flet's encoder
was ~9% of the server's CPU (py-spy, 10 sessions, 300 switches).

An enum member (a font weight, an alignment, the patch's own operation codes: ~90 a switch to
the Programme) is sent as its value, as Flet's function sends it; but Flet first asks
`dataclasses.is_dataclass` of it, whose `hasattr` on an enum class goes through
`EnumType.__getattr__` and raises and catches an AttributeError: ~5% of a switch's CPU
(py-spy, 500 sessions).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from flet.controls.value_types import _UNSET, Value
from flet.messaging import protocol

from hosting import lean
from hosting.walk import is_dataclass

Encode = Callable[[Any], Any]
# sha-256 of inspect.getsource of what `encoder` does again, in flet 1.0.5.
ORIGINAL = {
    "configure_encode_object_for_msgpack": (
        "b182fdc4aafff329077e318baab193edabb8335c7a8541cc6f68cde1a6c565e0"
    ),
    "_get_root_dataclass_field": "7b6daa47055e7a8d9ef7ddf6fc516bb96f106f4a6c82ba6a02461dfb16b76dc6",
}


@dataclass(frozen=True)
class Plan:
    """What Flet's encoder reads from a control or value class on every call."""

    events: frozenset[str]
    root_defaults: dict[str, Any]
    overrides: tuple[tuple[str, Any], ...]
    structural: tuple[tuple[str, Any], ...]  # (name, default), in Flet's iteration order


def fingerprint(name: str) -> str:
    return lean.source_digest(getattr(protocol, name))


def plan(cls: type, control_cls: type) -> Plan | None:
    """None for a class Flet's encoder does not take its fast path for."""
    structural = getattr(cls, "_structural_fields", None)
    if structural is None or not (issubclass(cls, control_cls) or issubclass(cls, Value)):
        return None
    declared = cls.__dataclass_fields__  # type: ignore[attr-defined]
    defaults = []
    for name in structural:
        meta = declared.get(name)
        default = meta.default if meta is not None else _UNSET
        root = protocol._get_root_dataclass_field(cls, name)  # type: ignore[no-untyped-call]
        defaults.append((name, root.default if root is not None else default))
    return Plan(
        getattr(cls, "_event_fields", frozenset()),
        getattr(cls, "_root_defaults", {}),
        tuple(getattr(cls, "_override_props", {}).items()),
        tuple(defaults),
    )


def encoder(control_cls: type) -> Encode:
    flets: Encode = protocol.configure_encode_object_for_msgpack(control_cls)  # type: ignore[no-untyped-call]
    if any(fingerprint(name) != digest for name, digest in ORIGINAL.items()):
        return flets
    plans: dict[type, Plan | None] = {}
    enums: dict[type, bool] = {}  # classes that are enums and no dataclass: their value

    def encode(obj: Any) -> Any:
        cls = type(obj)
        try:
            how = plans[cls]
        except KeyError:
            how = plans[cls] = plan(cls, control_cls) if is_dataclass(obj) else None
            enums[cls] = how is None and not is_dataclass(obj) and issubclass(cls, Enum)
        if how is None and enums[cls]:
            return obj.value
        values = getattr(obj, "_values", None) if how is not None else None
        if how is None or values is None:
            return flets(obj)
        r: dict[str, Any] = {}
        prev_lists: dict[str, Any] = {}
        prev_dicts: dict[str, Any] = {}
        prev_classes: dict[str, Any] = {}
        root_defaults = how.root_defaults
        for name, v in values.items():
            if v is None:
                continue
            root = root_defaults.get(name, _UNSET)
            if root is not _UNSET and v == root:
                continue
            if is_dataclass(v):
                r[name] = prev_classes[name] = v
            elif isinstance(v, list):
                r[name] = prev_lists[name] = v[:]
            elif isinstance(v, dict):
                r[name] = prev_dicts[name] = v.copy()
            else:
                r[name] = True if name in how.events else v
        for name, v in how.overrides:
            if name not in r and v is not None:
                r[name] = v
        for name, default in how.structural:
            v = getattr(obj, name)
            if isinstance(v, list):
                v = prev_lists[name] = v[:]
                if v:
                    r[name] = v
            elif isinstance(v, dict):
                v = prev_dicts[name] = v.copy()
                if v:
                    r[name] = v
            elif is_dataclass(v):
                r[name] = prev_classes[name] = v
            elif v is not None and v != default:
                r[name] = v
        if not hasattr(obj, "_frozen"):
            setattr(obj, "__prev_lists", prev_lists)
            setattr(obj, "__prev_dicts", prev_dicts)
            setattr(obj, "__prev_classes", prev_classes)
        return r

    return encode
