"""Checks of wording that the language tests share: what counts as words, French typography."""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"\{[^}]*\}")


def words(msgid: str) -> bool:
    """False for a pattern of placeholders and punctuation ('{label}:'), which may stay as is."""
    return bool(re.search(r"[A-Za-z]", PLACEHOLDER.sub("", msgid)))


SPACES = "\u00a0\u202f"  # no-break space, narrow no-break space


def french_problems(text: str) -> list[str]:
    found = [
        f"plain space or none before {m.group(2)!r}"
        for m in re.finditer(r"(^|[^" + SPACES + r"])([:;!?])(?=\s|$)", text)
    ]
    found += [f"no no-break space before % in {m.group(0)!r}" for m in re.finditer(r"\d ?%", text)]
    found += ["no no-break space inside « »" for _ in re.finditer(r"«[^" + SPACES + "]", text)]
    found += ["no no-break space inside « »" for _ in re.finditer(r"[^" + SPACES + "]»", text)]
    found += ["straight quotes where « » belong" for _ in re.finditer('"', text)]
    found += [f"plain space in {m.group(0)!r}" for m in re.finditer(r"\b\d{1,3} \d{3}\b", text)]
    return found
