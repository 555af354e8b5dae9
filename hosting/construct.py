"""Flet controls made without a descriptor call per field (flet 1.0.5 on CPython 3.11, pinned).

A control's `__init__` is the one `@dataclass` writes: `self.<field> = <argument>` for each of
its ~60 fields. Each of those runs Flet's `Prop.__set__`, which stores the value in the
control's `_values` only when it is not the field's default, so almost every call stores
nothing. A screen makes ~300 controls: on a tab switch that was ~20% of the server's CPU
(py-spy, 10 sessions, 300 switches).

`fast_init` writes, per class, an `__init__` with the same parameters that does the same
thing in the same order: the same attributes, the same `_values` and `_dirty` in the same
order, then the same `__post_init__` call. A field that is a `Prop` is tested against the
Prop's default inline; any other field is assigned as `@dataclass` assigns it. `install`
swaps these in only over the exact Flet and Python they were written against, for every
control class defined so far and every one defined later; otherwise Flet keeps its own.
"""

from __future__ import annotations

import dataclasses
import inspect
import logging
import sys
from collections.abc import Callable
from typing import Any

from flet.controls.base_control import BaseControl
from flet.controls.value_types import Prop, _get_raw_descriptor

from hosting import lean

log = logging.getLogger(__name__)

# sha-256 of inspect.getsource(Prop.__set__) in flet 1.0.5: the work the inline test repeats.
ORIGINAL = "97739f9e3ae6bb2204e3371ab6eece6a8c460bb9d0a4a090c7f62caefe776f49"
PYTHON = (3, 11)  # dataclasses' generated __init__ as this was written against

flets: dict[type, Callable[..., None]] = {}  # each class's own __init__ while ours is in


def _parameters(original: Callable[..., None], names: dict[str, Any]) -> tuple[str, str]:
    """The original's parameter list, its defaults bound to names in `names`; and the
    arguments that pass them all on to it."""
    parts: list[str] = []
    passed: list[str] = []
    keyword_only = False
    first, *rest = inspect.signature(original).parameters.values()
    if first.name != "self":
        raise TypeError(f"unexpected first parameter {first}")
    for index, p in enumerate(rest):
        if p.kind is p.KEYWORD_ONLY and not keyword_only:
            parts.append("*")
            keyword_only = True
        if p.kind not in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) or p.name.startswith("_"):
            raise TypeError(f"unexpected parameter {p}")  # "_...": could meet the body's names
        passed.append(f"{p.name}={p.name}" if keyword_only else p.name)
        if p.default is p.empty:
            parts.append(p.name)
        else:
            names[f"_p{index}"] = p.default
            parts.append(f"{p.name}=_p{index}")
    return ", ".join(parts), ", ".join(passed)


def fast_init(cls: type) -> Callable[..., None] | None:
    """An `__init__` for `cls` equal to its dataclass one; None if `cls` is not what it
    was written for (then it keeps its own)."""
    original = cls.__dict__.get("__init__")
    if original is None or original.__code__.co_filename != "<string>":
        return None  # not a dataclass-written __init__
    kind_of: Any = cls
    if kind_of.__setattr__ is not object.__setattr__ or hasattr(cls, "_notify"):
        return None  # assignment may do more than store
    declared = list(cls.__dataclass_fields__.values())  # type: ignore[attr-defined]
    if [f.name for f in declared[:2]] != ["_values", "_dirty"]:
        return None  # Flet's Props need these two first
    # `@dataclass` gives a field made by a factory this default, and calls the factory for it
    names: dict[str, Any] = {"_osa": object.__setattr__, "_HDF": dataclasses._HAS_DEFAULT_FACTORY}  # type: ignore[attr-defined]
    try:
        parameters, passed = _parameters(original, names)
    except TypeError:
        return None
    # A subclass without an __init__ of its own inherits this one, but may set attributes
    # its own way: its instances are made by Flet's __init__, as before.
    names |= {"_cls": cls, "_flet": original}
    lines = [f"if type(self) is not _cls: return _flet(self, {passed})"]
    post: list[str] = []
    for index, f in enumerate(declared):
        kind = f._field_type
        if kind is dataclasses._FIELD_INITVAR:  # type: ignore[attr-defined]
            post.append(f.name)
            continue
        if kind is not dataclasses._FIELD:  # type: ignore[attr-defined]
            continue
        factory = f.default_factory is not dataclasses.MISSING
        if factory:
            names[f"_f{index}"] = f.default_factory
        prop = _get_raw_descriptor(cls, f.name)
        if f.name in ("_values", "_dirty"):
            local = "_v" if f.name == "_values" else "_d"
            lines += [f"{local} = _f{index}()", f"_osa(self, {f.name!r}, {local})"]
        elif isinstance(prop, Prop) and f.init:
            if factory or prop.name != f.name:
                return None
            names[f"_D{index}"] = prop.default
            test = f"not ({f.name} == _D{index})"  # as Prop.__set__ tests it, _UNSET too
            lines.append(f"if {test}: _v[{f.name!r}] = {f.name}; _d[{f.name!r}] = None")
        elif factory:
            value = (
                f"_f{index}()" if not f.init else f"_f{index}() if {f.name} is _HDF else {f.name}"
            )
            lines.append(f"_osa(self, {f.name!r}, {value})")
        elif f.init:
            lines.append(f"_osa(self, {f.name!r}, {f.name})")
    if hasattr(cls, "__post_init__"):
        lines.append(f"self.__post_init__({', '.join(post)})")
    body = "\n    ".join(lines)
    source = f"def __init__(self, {parameters}):\n    {body}\n"
    scope: dict[str, Any] = {}
    exec(compile(source, f"<fast __init__ of {cls.__qualname__}>", "exec"), names, scope)
    init: Callable[..., None] = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = original.__doc__
    return init


def speed_up(cls: type) -> None:
    if not issubclass(cls, BaseControl) or cls in flets:
        return
    init = fast_init(cls)
    if init is not None:
        flets[cls] = cls.__dict__["__init__"]
        made: Any = cls
        made.__init__ = init


def install() -> bool:
    """Process-wide. True if controls are made by `fast_init`; False (and a warning) if this
    Flet or Python is not the one it was written against."""
    if speed_up in lean.after_set_up:
        return True
    if lean.source_digest(Prop.__set__) != ORIGINAL or sys.version_info[:2] != PYTHON:
        log.warning("flet's Prop or Python changed: hosting.construct left __init__ as it is")
        return False
    lean.on_class_set_up(speed_up)
    return True


def installed() -> bool:
    return speed_up in lean.after_set_up


def uninstall() -> None:
    """Flet's own __init__ again."""
    if speed_up in lean.after_set_up:
        lean.after_set_up.remove(speed_up)
    for cls, init in flets.items():
        made: Any = cls
        made.__init__ = init
    flets.clear()
