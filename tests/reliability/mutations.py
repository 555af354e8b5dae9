"""Hypothesis strategies that damage valid feed documents the ways real feeds go wrong."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import strategies as st

Path = tuple[str | int, ...]

# Values that have broken parsers before: folders of the zone database, dates at the edge of
# datetime, naive and impossible instants, huge numbers, lone surrogates, control characters.
ZONES = [
    "Europe",
    "America",
    "Etc",
    "posix",
    "right",
    "",
    ".",
    "..",
    "../../etc/passwd",
    "/etc/localtime",
    "Europe/",
    "Europe//Brussels",
    "UTC\x00",
    "Mars/Olympus",
    "\ud800",
    "tzdata",
    "zone1970.tab",
    "Europe/Brussels" * 10,
    "EUROPE/BRUSSELS",
    "Factory",
]
DATES = [
    "9999-12-31",
    "0001-01-01",
    "2025-02-30",
    "2025-13-01",
    "0000-00-00",
    "+275760-09-13",
    "2025-10-06T10:00:00",
    "2025-10-06T10:00:00Z",
    "9999-12-31T23:59:59-23:59",
    "0001-01-01T00:00:00+23:59",
    "2025-10-06T10:00:00+25:00",
    "2025-10-06T24:00:00-07:00",
    "2025-10-06T10:00:00.999999999-07:00",
    "1e10",
    "now",
    "2025-W41-1",
]
STRINGS = [
    "\ud800",
    "\udfff",
    "a\ud800b",
    "\x00",
    "\u202e\u202d",
    "\ufeff",
    "e\u0301" * 50,
    "\U0001f1e7\U0001f1ea",
    " ",
    "\n\t",
    "<script>",
    "../../",
    "%00",
    "\U0001d54f" * 300,
]
NUMBERS = [
    float("nan"),
    float("inf"),
    float("-inf"),
    10**19,
    -(10**19),
    10**300,
    2**53 + 1,
    -1,
    0,
    1e308,
    5e-324,
    -0.0,
]
TOUCHY: list[Any] = [*ZONES, *DATES, *STRINGS, *NUMBERS]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(ZONES + DATES + STRINGS),
    st.sampled_from(NUMBERS),
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def nested(depth: int) -> Any:
    value: Any = 1
    for i in range(depth):
        value = [value] if i % 2 else {"a": value}
    return value


def paths(node: Any, at: Path = ()) -> list[Path]:
    """Every place in a JSON tree, the root excluded."""
    out: list[Path] = []
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in items:
        out.append((*at, key))
        out.extend(paths(child, (*at, key)))
    return out


def _parent(doc: Any, path: Path) -> Any:
    for key in path[:-1]:
        doc = doc[key]
    return doc


def mutate(doc: Any, path: Path, kind: str, value: Any) -> None:
    parent, key = _parent(doc, path), path[-1]
    old = parent[key]
    if kind == "drop":
        del parent[key]
    elif kind == "replace":
        parent[key] = value
    elif kind == "duplicate" and isinstance(old, list) and old:
        old.append(copy.deepcopy(old[0]))
    elif kind == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(old))
    elif kind == "truncate" and isinstance(old, (str, list)):
        parent[key] = old[: len(old) // 2]
    elif kind == "huge" and isinstance(old, str):
        parent[key] = (old or "x") * (200_000 // max(len(old), 1))  # ~200 K characters
    elif kind == "huge" and isinstance(old, list) and old:
        parent[key] = old * (2000 // len(old) + 1)  # past every list's limit
    elif kind == "wrap":
        parent[key] = [old] if not isinstance(old, list) else {"items": old}
    elif kind == "deep":
        parent[key] = nested(value if isinstance(value, int) and 0 < value < 5000 else 300)
    else:
        parent[key] = value


class Sample:
    """Damaged bytes that print as the recipe that made them (a 90 KB repr helps nobody)."""

    def __init__(self) -> None:
        self.data = b""
        self.steps: list[str] = []

    def __repr__(self) -> str:
        return f"Sample({len(self.data)} bytes: {'; '.join(self.steps)[:2000]})"


KINDS = ["drop", "replace", "duplicate", "truncate", "huge", "wrap", "deep", "replace"]


def damaged(original: dict[str, Any], aimed: list[Path]) -> st.SearchStrategy[Sample]:
    """The document after 1-3 mutations, at random places or at fields known to be touchy."""
    places = paths(original)  # once: walking 90 KB of JSON per example would dominate

    @st.composite
    def build(draw: st.DrawFn) -> Sample:
        doc, sample = copy.deepcopy(original), Sample()
        for _ in range(draw(st.integers(1, 3))):
            if draw(st.booleans()):  # a touchy value where it hurts most
                step = (draw(st.sampled_from(aimed)), "replace", draw(st.sampled_from(TOUCHY)))
            else:
                step = (
                    draw(st.sampled_from(places)),
                    draw(st.sampled_from(KINDS)),
                    draw(json_values),
                )
            if _exists(doc, step[0]):  # an earlier step may have removed it
                mutate(doc, *step)
                sample.steps.append(f"{step[1]} {step[0]} {step[2]!r:.80}")
        ascii_only, cut = draw(st.booleans()), draw(st.sampled_from([None, 0.5, 0.99]))
        sample.steps.append(f"ascii={ascii_only} cut={cut}")
        sample.data = serialise(doc, ascii_only, cut)
        return sample

    return build()


def _exists(doc: Any, path: Path) -> bool:
    try:
        _parent(doc, path)[path[-1]]
    except (KeyError, IndexError, TypeError):
        return False
    return True


def serialise(doc: Any, ascii_only: bool, cut: float | None) -> bytes:
    """JSON as a sloppy publisher might write it: NaN tokens, raw surrogates, cut short."""
    text = json.dumps(doc, ensure_ascii=ascii_only, allow_nan=True)
    data = text.encode("utf-8", "surrogatepass")
    return data[: int(len(data) * cut)] if cut else data


@st.composite
def flipped(draw: st.DrawFn, data: bytes) -> Sample:
    """A few bytes of a valid document overwritten, inserted or deleted."""
    out, sample = bytearray(data), Sample()
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(out) - 1))
        op = draw(st.sampled_from(["set", "insert", "delete"]))
        byte = draw(st.sampled_from(b'"{}[],:\\\x00\xff\xed\xa0\x80 0-9eE.'))
        if op == "set":
            out[at] = byte
        elif op == "insert":
            out.insert(at, byte)
        else:
            del out[at]
        sample.steps.append(f"{op} {byte:#x} at {at}")
    sample.data = bytes(out)
    return sample
